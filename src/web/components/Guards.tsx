import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth, type SessionEnd } from '../auth/AuthContext';
import type { AccessFlag } from '../access';
import PageLoading from './PageLoading';

const Forbidden = lazy(() => import('./Forbidden'));

/** What the sign-in page is told about how the last session ended (router state). */
export interface SignInState {
  ended?: SessionEnd;
}

/**
 * Where a signed-out visitor goes: after signing out, the sign-in page saying so; after a lost
 * session, the sign-in page with the page to return to; a first visit of / shows the public
 * portal; any other page asks to sign in and returns there after.
 */
export function SignedOutRedirect() {
  const { ended } = useAuth();
  const location = useLocation();
  const back = location.pathname + location.search;
  const state: SignInState = { ended: ended ?? undefined };
  if (ended === 'signedOut') return <Navigate to="/login" state={state} replace />;
  if (!ended && back === '/') return <Navigate to="/portal" replace />;
  const redirect = back === '/' || back.startsWith('/login') ? '' : `?redirect=${encodeURIComponent(back)}`;
  return <Navigate to={`/login${redirect}`} state={state} replace />;
}

/** Signed-in users only; a forced password change comes before anything else. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, mustChangePassword } = useAuth();
  if (loading) return <PageLoading />;
  if (!user) return <SignedOutRedirect />;
  if (mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Shows a 403 result when the user lacks the flag. */
export function RequireAccess({ flag, children }: { flag?: AccessFlag; children: ReactNode }) {
  const { access } = useAuth();
  if (flag && !access[flag]) return <Forbidden />;
  return <>{children}</>;
}

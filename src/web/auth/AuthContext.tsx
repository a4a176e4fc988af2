// The signed-in user, kept in react-query under ['me'] (null when signed out), and the one place
// a session ends: on sign-out or on a 401 from any request.
//
// Ending a session is done in this order, because react-query refetches a query that is removed
// while a mounted page still observes it (that made a signed-out page poll for ever):
//   1. `ended` (React state) hides the user at once, so RequireAuth replaces the signed-in frame
//      by a redirect to /login in the same render and every page's queries unmount;
//   2. queries still in flight are cancelled;
//   3. after that render, the cache of the old user is dropped (nothing observes it any more).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, isApiError, type CurrentUser } from '../api';
import { accessOf, type Access } from '../access';

/** Why the last session ended: the user signed out, or the server refused it (401). */
export type SessionEnd = 'signedOut' | 'expired';

interface AuthState {
  user: CurrentUser | null;
  loading: boolean;
  access: Access;
  /** true when the server demands a password change before anything else. */
  mustChangePassword: boolean;
  /** set once a session of this tab ended; RequireAuth says why on the sign-in page. */
  ended: SessionEnd | null;
  setUser: (user: CurrentUser | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  /** The server answered 401: the session is gone. Safe to call many times. */
  sessionLost: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<CurrentUser | null> {
  try {
    return (await authApi.me()).user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    // Should /auth/me itself be refused until the password is changed, keep a minimal user so
    // the app can still show the forced change-password page.
    if (isApiError(error, 'PASSWORD_CHANGE_REQUIRED')) return passwordChangeStub();
    throw error;
  }
}

/** The signed-in user's query: read by AuthProvider, and fetched before it renders by App.tsx. */
export const meQuery = { queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false } as const;

export function passwordChangeStub(known?: CurrentUser | null): CurrentUser {
  return {
    id: known?.id ?? '',
    username: known?.username ?? '',
    displayName: known?.displayName ?? '',
    role: known?.role ?? 'enterprise',
    regionCode: known?.regionCode ?? null,
    regionName: known?.regionName ?? null,
    orgId: known?.orgId ?? null,
    orgName: known?.orgName ?? null,
    phone: known?.phone ?? null,
    mustChangePassword: true,
  };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  // read synchronously by sessionLost, which many failing requests may call in the same tick
  const endedRef = useRef<SessionEnd | null>(null);

  const end = useCallback(
    (why: SessionEnd) => {
      if (endedRef.current) return;
      endedRef.current = why;
      setEnded(why);
      void queryClient.cancelQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    },
    [queryClient],
  );

  const setUser = useCallback(
    (user: CurrentUser | null) => {
      if (user === null) return end('signedOut');
      endedRef.current = null;
      setEnded(null);
      queryClient.setQueryData(ME_KEY, user);
    },
    [queryClient, end],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // the server may already have ended the session; sign out here all the same
    }
    end('signedOut');
  }, [end]);

  const sessionLost = useCallback(() => {
    // a 401 before anyone signed in (e.g. on the portal) is not a lost session
    if (!queryClient.getQueryData(ME_KEY)) return;
    end('expired');
  }, [queryClient, end]);

  const user = ended ? null : (me.data ?? null);

  // Step 3: the signed-in pages have unmounted; drop everything the old user loaded, so nothing
  // of theirs is shown to whoever signs in next and nothing refetches it.
  useEffect(() => {
    if (ended) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  }, [ended, queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      user,
      loading: !ended && me.isPending,
      access: accessOf(user),
      mustChangePassword: Boolean(user?.mustChangePassword),
      ended,
      setUser,
      refresh,
      logout,
      sessionLost,
    }),
    [user, ended, me.isPending, setUser, refresh, logout, sessionLost],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

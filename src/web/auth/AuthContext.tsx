// The signed-in user, kept in react-query under ['me'] (null when signed out).
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, isApiError, type CurrentUser } from '../api';
import { accessOf, type Access } from '../access';

interface AuthState {
  user: CurrentUser | null;
  loading: boolean;
  access: Access;
  /** true when the server demands a password change before anything else. */
  mustChangePassword: boolean;
  setUser: (user: CurrentUser | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
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
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });

  const setUser = useCallback(
    (user: CurrentUser | null) => {
      if (user === null) queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setUser(null);
    }
  }, [setUser]);

  const user = me.data ?? null;
  const value = useMemo<AuthState>(
    () => ({
      user,
      loading: me.isPending,
      access: accessOf(user),
      mustChangePassword: Boolean(user?.mustChangePassword),
      setUser,
      refresh,
      logout,
    }),
    [user, me.isPending, setUser, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { setSessionHandlers } from './api';
import { antdLocale } from './i18n';
import { AuthProvider, ME_KEY, meQuery, passwordChangeStub, useAuth } from './auth/AuthContext';
import type { CurrentUser } from './api/types';
import { RequireAccess, RequireAuth } from './components/Guards';
import PageLoading from './components/PageLoading';
import { appRoutes, findRoute, portalRoutes } from './routes';

// the signed-in frame (pro-components) loads only after sign-in
const loadMainLayout = () => import('./layouts/MainLayout');
const MainLayout = lazy(loadMainLayout);

// A signed-in page opened directly (bookmark, reload): fetch its frame and page while the session
// is being checked instead of one after the other. Not for / (signed-out visitors go to the portal).
const opened = window.location.pathname === '/' ? undefined : findRoute(window.location.pathname);
if (opened) {
  loadMainLayout().catch(() => {});
  opened.component.preload?.().catch(() => {});
}
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const RegisterPage = lazy(() => import('./pages/register/RegisterPage'));
const ChangePasswordPage = lazy(() => import('./pages/change-password/ChangePasswordPage'));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});
// ... and its data, once the signed-in user is known (the same query AuthProvider reads)
if (opened?.prefetch) {
  const prefetch = opened.prefetch;
  queryClient.fetchQuery(meQuery).then((user) => user && !user.mustChangePassword && prefetch(queryClient, user), () => {});
}

/** Reacts to a lost session (401) and to a forced password change (403) from any request. */
function SessionHandlers() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { sessionLost } = useAuth();
  useEffect(() => {
    setSessionHandlers({
      // the session is gone: AuthContext ends it once, RequireAuth then sends the user to
      // sign-in with the page to return to (no navigation here, so no second redirect)
      unauthorized: () => sessionLost(),
      passwordChangeRequired: () => {
        client.setQueryData(ME_KEY, (user: CurrentUser | null | undefined) => passwordChangeStub(user));
        navigate('/change-password', { replace: true });
      },
    });
  }, [navigate, client, sessionLost]);
  return null;
}

/**
 * After a language switch, nothing the server named in the old language may stay on screen
 * (indicator names, units, statuses, messages): every query but the signed-in user is reset, so
 * the pages on screen refetch with the new Accept-Language and the others fetch when next shown.
 * (MainLayout also remounts the page, for lists that fetch outside react-query.)
 */
function RefetchOnLanguageChange() {
  const client = useQueryClient();
  const { i18n } = useTranslation();
  useEffect(() => {
    const reset = () => void client.resetQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    i18n.on('languageChanged', reset);
    return () => i18n.off('languageChanged', reset);
  }, [client, i18n]);
  return null;
}

function Providers({ children }: { children: ReactNode }) {
  // re-rendered on a language change, when antdLocale() has the new language's texts
  useTranslation();
  return (
    <ConfigProvider
      locale={antdLocale()}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <Providers>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <SessionHandlers />
            <RefetchOnLanguageChange />
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/change-password" element={<ChangePasswordPage />} />
                {portalRoutes.map(({ path, component: Page }) => <Route key={path} path={path} element={<Page />} />)}
                <Route
                  element={
                    <RequireAuth>
                      <MainLayout />
                    </RequireAuth>
                  }
                >
                  {appRoutes.map(({ path, access, component: Page }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <RequireAccess flag={access}>
                          <Page />
                        </RequireAccess>
                      }
                    />
                  ))}
                  <Route path="/home" element={<Navigate to="/" replace />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </Providers>
  );
}

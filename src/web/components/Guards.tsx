import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import type { AccessFlag } from '../access';
import PageLoading from './PageLoading';

/** Signed-in users only; a forced password change comes before anything else. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, mustChangePassword } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!user) {
    const back = location.pathname + location.search;
    return <Navigate to={back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`} replace />;
  }
  if (mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Shows a 403 result when the user lacks the flag. */
export function RequireAccess({ flag, children }: { flag?: AccessFlag; children: ReactNode }) {
  const { access } = useAuth();
  const { t } = useTranslation();
  if (flag && !access[flag]) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('error.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}

import { Alert, Button, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AuthShell from '../../components/AuthShell';
import ChangePasswordForm from '../../components/ChangePasswordForm';
import PageLoading from '../../components/PageLoading';
import { SignedOutRedirect } from '../../components/Guards';

/** The forced change of an initial or temporary password, before anything else. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  if (loading) return <PageLoading />;
  if (!user) return <SignedOutRedirect />;
  if (!user.mustChangePassword) return <Navigate to="/" replace />;
  return (
    <AuthShell>
      <Typography.Title level={4} style={{ marginTop: 0, textAlign: 'center' }}>
        {t('password.forcedTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon message={t('password.forcedText')} style={{ marginBottom: 16 }} />
      <ChangePasswordForm submitText={t('common.submit')} onDone={() => navigate('/', { replace: true })} />
      <Button
        type="link"
        block
        style={{ marginTop: 8 }}
        onClick={() => void logout()}
      >
        {t('header.logout')}
      </Button>
    </AuthShell>
  );
}

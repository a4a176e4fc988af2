import { useState } from 'react';
import { Alert, App, Button, Form, Input, Tabs, Typography } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { authApi, isApiError } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AuthShell from '../../components/AuthShell';
import { phoneRule } from '../../components/rules';
import type { SignInState } from '../../components/Guards';

type Mode = 'account' | 'phone';

interface Values {
  username?: string;
  phone?: string;
  password: string;
}

/** 账号密码登录 / 手机号密码登录. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, setUser } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // how the last session ended (set by RequireAuth): said once above the form
  const ended = (useLocation().state as SignInState | null)?.ended;
  const [forgotOpen, setForgotOpen] = useState(false);
  const [mode, setMode] = useState<Mode>('account');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const redirect = params.get('redirect');
  const target = redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
  if (user && !busy) return <Navigate to={user.mustChangePassword ? '/change-password' : target} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body =
        mode === 'account'
          ? { username: values.username!.trim(), password: values.password }
          : { phone: values.phone!.trim(), password: values.password };
      const { user: signedIn } = await authApi.login(body);
      setUser(signedIn);
      message.success(t('login.success'));
      navigate(signedIn.mustChangePassword ? '/change-password' : target, { replace: true });
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : String(caught));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell>
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {t('login.title')}
      </Typography.Title>
      <Tabs
        centered
        activeKey={mode}
        onChange={(key) => {
          setMode(key as Mode);
          setError(null);
        }}
        items={[
          { key: 'account', label: t('login.tabAccount') },
          { key: 'phone', label: t('login.tabPhone') },
        ]}
      />
      {!error && ended === 'signedOut' && <Alert type="success" showIcon message={t('login.signedOut')} style={{ marginBottom: 16 }} role="status" />}
      {!error && ended === 'expired' && <Alert type="warning" showIcon message={t('login.sessionExpired')} style={{ marginBottom: 16 }} role="status" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} onFinish={submit} size="large" autoComplete="on">
        {mode === 'account' ? (
          <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} aria-label={t('login.username')} autoComplete="username" />
          </Form.Item>
        ) : (
          <Form.Item name="phone" rules={[{ required: true, message: t('login.phoneRequired') }, phoneRule(t)]}>
            <Input prefix={<MobileOutlined />} placeholder={t('login.phonePlaceholder')} aria-label={t('login.phone')} autoComplete="tel" maxLength={11} />
          </Form.Item>
        )}
        <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} aria-label={t('login.password')} autoComplete="current-password" />
        </Form.Item>
        <div style={{ marginTop: -12, marginBottom: 16, textAlign: 'right' }}>
          <Typography.Link onClick={() => setForgotOpen((open) => !open)} aria-expanded={forgotOpen}>
            {t('login.forgot')}
          </Typography.Link>
        </div>
        {/* no self-service reset: an administrator resets the password, and the user must change it at the next sign-in */}
        {forgotOpen && <Alert type="info" showIcon message={t('login.forgotTitle')} description={t('login.forgotText')} style={{ marginBottom: 16 }} role="note" />}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('login.noAccount')}</Typography.Text> <Link to="/register">{t('login.register')}</Link>
      </div>
      <div style={{ marginTop: 8, textAlign: 'center' }}>
        <Link to="/portal">{t('login.portal')}</Link>
      </div>
    </AuthShell>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Form, Input, Tabs, Typography } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { authApi, isApiError } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AuthShell from '../../components/AuthShell';
import { phoneRule } from '../../components/rules';

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
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('login.noAccount')}</Typography.Text> <Link to="/register">{t('login.register')}</Link>
      </div>
    </AuthShell>
  );
}

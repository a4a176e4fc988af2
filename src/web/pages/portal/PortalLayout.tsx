// The public portal frame: no sign-in, a header with the bureau's name and a link to sign in.
import type { ReactNode } from 'react';
import { Button, Layout, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';

export default function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#001529', padding: '0 24px' }}>
        <Link to="/portal"><Space><Logo /><Typography.Text style={{ color: '#fff', fontSize: 18 }}>{t('policies.portal.title')}</Typography.Text></Space></Link>
        <Space><LanguageSwitch light /><Link to="/login"><Button type="primary" ghost>{t('policies.portal.signIn')}</Button></Link></Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>© {new Date().getFullYear()} {t('app.copyright')}</Layout.Footer>
    </Layout>
  );
}

// The public portal frame: no sign-in, a header with the bureau's name and a link to sign in, and
// the portal's navigation (policies on the home page, the technology market's achievements, demands
// and good-achievement lists).
import type { ReactNode } from 'react';
import { Button, Grid, Layout, Space, Typography } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';
import './portal.css';

const NAV = [
  { key: '/portal', label: 'market.portal.nav.home' },
  { key: '/portal/achievements', label: 'market.portal.nav.achievements' },
  { key: '/portal/demands', label: 'market.portal.nav.demands' },
  { key: '/portal/good-achievements', label: 'market.portal.nav.good' },
];

export default function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const narrow = !(Grid.useBreakpoint().sm ?? true);
  // the section a page belongs to: the longest entry its path starts with (policy details belong to 首页)
  const selected = NAV.filter((n) => pathname === n.key || pathname.startsWith(`${n.key}/`)).sort((a, b) => b.key.length - a.key.length)[0]?.key ?? '/portal';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="kc-portal-header">
        <Link to="/portal" className="kc-portal-brand"><Logo /><Typography.Text className="kc-portal-title">{t('policies.portal.title')}</Typography.Text></Link>
        <Space size={narrow ? 4 : 8}><LanguageSwitch light compact={narrow} /><Link to="/login"><Button type="primary" ghost>{t('policies.portal.signIn')}</Button></Link></Space>
      </Layout.Header>
      <nav className="kc-portal-nav" aria-label={t('market.portal.market')}>
        <div className="kc-portal-nav-items">
          {NAV.map((n) => (
            <Link key={n.key} to={n.key} className={n.key === selected ? 'kc-portal-nav-item kc-portal-nav-on' : 'kc-portal-nav-item'} aria-current={n.key === selected ? 'page' : undefined}>{t(n.label)}</Link>
          ))}
        </div>
      </nav>
      <Layout.Content className="kc-portal-content">{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>© {new Date().getFullYear()} {t('app.copyright')}</Layout.Footer>
    </Layout>
  );
}

import type { ReactNode } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { findRoute } from '../routes';

/** A page inside the main layout: title and breadcrumb (首页 / 系统管理 / 用户管理) from the route. */
export default function AppPage({ children, extra, title }: { children: ReactNode; extra?: ReactNode; title?: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const route = findRoute(pathname);
  const items: { title: ReactNode }[] = [{ title: <Link to="/">{t('menu.home')}</Link> }];
  if (route && route.path !== '/') {
    if (route.group) items.push({ title: t(route.group) });
    items.push({ title: t(route.name) });
  }
  return (
    <PageContainer
      title={title ?? (route ? t(route.name) : undefined)}
      extra={extra}
      breadcrumb={route?.path === '/' ? undefined : { items }}
    >
      {children}
    </PageContainer>
  );
}

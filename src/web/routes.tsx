// The route tree: what each path shows, its menu entry and who may open it.
import { lazy, type ComponentType, type ReactNode } from 'react';
import { AuditOutlined, ClusterOutlined, HomeOutlined, SettingOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { AccessFlag } from './access';

export interface AppRoute {
  path: string;
  /** locale key of the menu and breadcrumb name */
  name: string;
  icon: ReactNode;
  /** menu group (locale key), e.g. menu.system */
  group?: string;
  access?: AccessFlag;
  component: ComponentType;
}

export const appRoutes: AppRoute[] = [
  { path: '/', name: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/home/HomePage')) },
  {
    path: '/users',
    name: 'menu.users',
    icon: <TeamOutlined />,
    group: 'menu.system',
    access: 'canManageUsers',
    component: lazy(() => import('./pages/users/UsersPage')),
  },
  {
    path: '/registrations',
    name: 'menu.registrations',
    icon: <SolutionOutlined />,
    group: 'menu.system',
    access: 'canReviewRegistrations',
    component: lazy(() => import('./pages/registrations/RegistrationsPage')),
  },
  {
    path: '/regions',
    name: 'menu.regions',
    icon: <ClusterOutlined />,
    group: 'menu.system',
    access: 'canManageRegions',
    component: lazy(() => import('./pages/regions/RegionsPage')),
  },
  {
    path: '/audit',
    name: 'menu.audit',
    icon: <AuditOutlined />,
    group: 'menu.system',
    access: 'canViewAudit',
    component: lazy(() => import('./pages/audit/AuditPage')),
  },
];

export const groupIcons: Record<string, ReactNode> = { 'menu.system': <SettingOutlined /> };

export function findRoute(pathname: string): AppRoute | undefined {
  return appRoutes.find((route) => route.path === pathname);
}

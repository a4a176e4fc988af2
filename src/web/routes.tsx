// The route tree: what each path shows, its menu entry and who may open it.
import { lazy as reactLazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FundOutlined,
  LineChartOutlined,
  OrderedListOutlined,
  AimOutlined,
  HomeOutlined,
  ImportOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { FileTextOutlined, GiftOutlined, ReadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { matchPath } from 'react-router-dom';
import type { AccessFlag } from './access';

/** A page loaded on first render (React.lazy), whose loading can also start earlier: `preload()`. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

function lazy(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const once = () => (loading ??= load());
  return Object.assign(reactLazy(once), { preload: once });
}

export interface AppRoute {
  path: string;
  /** locale key of the menu and breadcrumb name */
  name: string;
  icon: ReactNode;
  /** menu group (locale key), e.g. menu.system */
  group?: string;
  access?: AccessFlag;
  /** a page reached from another page (e.g. a detail), not from the menu */
  hideInMenu?: boolean;
  component: ComponentType & { preload?: () => Promise<unknown> };
}

export const appRoutes: AppRoute[] = [
  { path: '/', name: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/home/HomePage')) },
  {
    path: '/my-enterprise',
    name: 'menu.myEnterprise',
    icon: <ShopOutlined />,
    access: 'isEnterprise',
    component: lazy(() => import('./pages/enterprises/MyEnterprisePage')),
  },
  {
    path: '/enterprises',
    name: 'menu.enterpriseList',
    icon: <DatabaseOutlined />,
    group: 'menu.enterprises',
    access: 'canViewEnterprises',
    component: lazy(() => import('./pages/enterprises/EnterprisesPage')),
  },
  {
    path: '/enterprises/cultivation',
    name: 'menu.cultivation',
    icon: <DashboardOutlined />,
    group: 'menu.enterprises',
    access: 'canViewCultivation',
    component: lazy(() => import('./pages/enterprises/CultivationPage')),
  },
  {
    path: '/enterprises/import',
    name: 'menu.enterpriseImport',
    icon: <ImportOutlined />,
    group: 'menu.enterprises',
    access: 'canImportEnterprises',
    component: lazy(() => import('./pages/enterprises/ImportPage')),
  },
  {
    path: '/enterprises/:id',
    name: 'menu.enterpriseDetail',
    icon: <BankOutlined />,
    group: 'menu.enterprises',
    access: 'canViewEnterprises',
    hideInMenu: true,
    component: lazy(() => import('./pages/enterprises/EnterpriseDetailPage')),
  },
  {
    path: '/indicators',
    name: 'menu.indicatorDashboard',
    icon: <LineChartOutlined />,
    group: 'menu.indicators',
    access: 'canViewIndicators',
    component: lazy(() => import('./pages/indicators/DashboardPage')),
  },
  {
    path: '/indicators/tasks',
    name: 'menu.indicatorTasks',
    icon: <OrderedListOutlined />,
    group: 'menu.indicators',
    access: 'canViewIndicators',
    component: lazy(() => import('./pages/indicators/TasksPage')),
  },
  {
    path: '/indicators/targets',
    name: 'menu.indicatorTargets',
    icon: <AimOutlined />,
    group: 'menu.indicators',
    access: 'canViewIndicators',
    component: lazy(() => import('./pages/indicators/TargetsPage')),
  },
  // policy library (M2)
  { path: '/policies', name: 'menu.policyList', icon: <ReadOutlined />, group: 'menu.policies', access: 'canViewPolicies', component: lazy(() => import('./pages/policies/PoliciesPage')) },
  { path: '/policies/reviews', name: 'menu.policyReviews', icon: <SafetyCertificateOutlined />, group: 'menu.policies', access: 'canEditPolicies', component: lazy(() => import('./pages/policies/ReviewsPage')) },
  { path: '/policies/new', name: 'menu.policyNew', icon: <FileTextOutlined />, group: 'menu.policies', access: 'canEditPolicies', hideInMenu: true, component: lazy(() => import('./pages/policies/PolicyEditPage')) },
  { path: '/policies/:id/edit', name: 'menu.policyEdit', icon: <FileTextOutlined />, group: 'menu.policies', access: 'canEditPolicies', hideInMenu: true, component: lazy(() => import('./pages/policies/PolicyEditPage')) },
  { path: '/policies/:id', name: 'menu.policyDetail', icon: <FileTextOutlined />, group: 'menu.policies', access: 'canViewPolicies', hideInMenu: true, component: lazy(() => import('./pages/policies/PolicyDetailPage')) },
  { path: '/my-policies', name: 'menu.myPolicies', icon: <GiftOutlined />, access: 'isEnterprise', component: lazy(() => import('./pages/policies/MyPoliciesPage')) },
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

export const groupIcons: Record<string, ReactNode> = { 'menu.policies': <ReadOutlined />, 'menu.system': <SettingOutlined />, 'menu.enterprises': <BankOutlined />, 'menu.indicators': <FundOutlined /> };

export function findRoute(pathname: string): AppRoute | undefined {
  return appRoutes.find((route) => route.path === pathname) ?? appRoutes.find((route) => route.path.includes(':') && matchPath(route.path, pathname));
}

/** The public portal: outside the signed-in layout, no sign-in. */
export const portalRoutes: { path: string; component: ComponentType }[] = [
  { path: '/portal', component: lazy(() => import('./pages/portal/PortalHomePage')) },
  { path: '/portal/policies/:id', component: lazy(() => import('./pages/portal/PortalPolicyPage')) },
];

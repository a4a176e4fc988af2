// The routes with their pages: route-table.ts says what each path shows; this file turns each
// page module into a lazily loaded component whose loading can start early (`preload()`).
import { lazy as reactLazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { CurrentUser } from './api/types';
import { regionsQuery } from './components/useRegions';
import { dashboardQuery } from './pages/indicators/api';
import { APP_ROUTES, PORTAL_ROUTES, matchesRoute, type AppRouteEntry } from './route-table';

/** A page loaded on first render (React.lazy), whose loading can also start earlier: `preload()`. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

type PageModule = { default: ComponentType };
// one loader per page module; each becomes its own chunk
const pageModules = import.meta.glob<PageModule>('./pages/**/*Page.tsx');
const loaded = new Map<string, LazyPage>();

function lazyPage(page: string): LazyPage {
  let lazyComponent = loaded.get(page);
  if (!lazyComponent) {
    const load = pageModules[`./pages/${page}.tsx`];
    if (!load) throw new Error(`route-table.ts names a page that does not exist: ${page}`);
    let loading: Promise<PageModule> | undefined;
    const once = () => (loading ??= load());
    lazyComponent = Object.assign(reactLazy(once), { preload: once });
    loaded.set(page, lazyComponent);
  }
  return lazyComponent;
}

export interface AppRoute extends AppRouteEntry {
  component: LazyPage;
  /**
   * For a page opened directly (bookmark, reload): fetches the data its first render asks for,
   * into the same queries, while its scripts are still loading and running.
   */
  prefetch?: (client: QueryClient, user: CurrentUser) => void;
}

const PREFETCH: Record<string, AppRoute['prefetch']> = {
  '/indicators': (client, user) => {
    void client.prefetchQuery(regionsQuery);
    // the dashboard opens on the user's own region and this year (DashboardPage)
    if (user.regionCode) void client.prefetchQuery(dashboardQuery({ region: user.regionCode, year: new Date().getFullYear() }));
  },
};

export const appRoutes: AppRoute[] = APP_ROUTES.map((route) => ({ ...route, component: lazyPage(route.page), prefetch: PREFETCH[route.path] }));

export function findRoute(pathname: string): AppRoute | undefined {
  return appRoutes.find((route) => route.path === pathname) ?? appRoutes.find((route) => route.path.includes(':') && matchesRoute(route.path, pathname));
}

/** The public portal: outside the signed-in layout, no sign-in. */
export const portalRoutes: { path: string; component: LazyPage }[] = PORTAL_ROUTES.map((route) => ({ path: route.path, component: lazyPage(route.page) }));

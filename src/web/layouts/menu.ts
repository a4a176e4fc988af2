// Which side-menu entry belongs to a page: pure helpers of MainLayout, tested in menu.test.ts.

/**
 * The menu path to highlight for a pathname: the longest menu path that is the pathname or one of
 * its parent folders. Exactly one entry, so /enterprises/cultivation lights 培育看板 only (not
 * 企业库 as well) and a detail page such as /enterprises/12 or /policies/new lights its list.
 * '/' (首页) matches only itself.
 */
export function selectMenuPath(pathname: string, menuPaths: readonly string[]): string | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: string | undefined;
  for (const candidate of menuPaths) {
    const hit = candidate === path || (candidate !== '/' && path.startsWith(`${candidate}/`));
    if (hit && (!best || candidate.length > best.length)) best = candidate;
  }
  return best;
}

// The boot script (scripts/boot-script.mjs) run as the browser would, in a bare context: what it
// fetches and preloads for a page opened directly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { bootSource } from '../../scripts/boot-script.mjs';
import { APP_ROUTES, matchesRoute } from './route-table';

interface Run { fetched: string[]; links: { rel: string; href: string; as?: string }[]; requests: Record<string, unknown> }

async function boot(pathname: string, user: Record<string, unknown> | null, saved?: string): Promise<Run> {
  // each route preloads one file of its own: index i → route i
  const files = APP_ROUTES.map((_, i) => `assets/page-${i}.js`).concat('assets/frame.css');
  const routes = APP_ROUTES.map((r, i) => [r.path, [i, files.length - 1], r.boot ?? []] as [string, number[], string[]]);
  const run: Run = { fetched: [], links: [], requests: {} };
  const window: Record<string, unknown> = {};
  const fetch = (url: string, init: { headers: Record<string, string> }) => {
    run.fetched.push(`${init.headers['Accept-Language']} ${url}`);
    const body = url.endsWith('/auth/me') && user ? { user } : null;
    return Promise.resolve({ ok: !!body, clone: () => ({ json: async () => body }) });
  };
  const context = {
    window,
    fetch,
    localStorage: { getItem: (key: string) => (key === 'kechuang.lang' ? saved ?? null : null) },
    location: { pathname },
    document: { createElement: () => ({}), head: { appendChild: (link: Run['links'][number]) => run.links.push(link) } },
  };
  vm.runInNewContext(bootSource(files, routes), context);
  await new Promise((r) => setTimeout(r, 10));
  run.requests = (window.__kechuangBoot as { requests: Record<string, unknown> }).requests;
  return run;
}

const year = new Date().getFullYear();

test('the dashboard opened directly: who is signed in at once, then its data for the user\'s region, and its files', async () => {
  const run = await boot('/indicators', { regionCode: '621000', mustChangePassword: false });
  assert.deepEqual(run.fetched, [
    'zh-CN /api/v1/auth/me',
    'zh-CN /api/v1/regions',
    `zh-CN /api/v1/indicators/dashboard?region=621000&year=${year}`,
  ]);
  assert.deepEqual(Object.keys(run.requests).sort(), ['/auth/me', `/indicators/dashboard?region=621000&year=${year}`, '/regions']);
  const index = APP_ROUTES.findIndex((r) => r.path === '/indicators');
  assert.deepEqual(run.links.map((l) => [l.rel, l.href]), [['modulepreload', `/assets/page-${index}.js`], ['preload', '/assets/frame.css']]);
});

test('signed out, or a password to change first: no data requests, only /auth/me', async () => {
  assert.deepEqual((await boot('/indicators', null)).fetched, ['zh-CN /api/v1/auth/me']);
  assert.deepEqual((await boot('/indicators', { regionCode: '621000', mustChangePassword: true })).fetched, ['zh-CN /api/v1/auth/me']);
  // an administrator has no region of their own: the dashboard's region is chosen in the page
  assert.deepEqual((await boot('/indicators', { regionCode: null, mustChangePassword: false })).fetched, ['zh-CN /api/v1/auth/me', 'zh-CN /api/v1/regions']);
});

test('a detail page matches its :param route, an exact path wins over a pattern, unknown paths preload nothing', async () => {
  const detail = APP_ROUTES.findIndex((r) => r.path === '/enterprises/:id');
  assert.equal((await boot('/enterprises/12', null)).links[0].href, `/assets/page-${detail}.js`);
  const cultivation = APP_ROUTES.findIndex((r) => r.path === '/enterprises/cultivation');
  assert.equal((await boot('/enterprises/cultivation/', null)).links[0].href, `/assets/page-${cultivation}.js`);
  assert.deepEqual((await boot('/login', null)).links, []);
  assert.deepEqual((await boot('/enterprises/12/x', null)).links, []);
});

test('the saved language is the one the requests ask in', async () => {
  const run = await boot('/indicators', { regionCode: '621000', mustChangePassword: false }, 'en');
  assert.ok(run.fetched.every((f) => f.startsWith('en ')), run.fetched.join('\n'));
});

test('matchesRoute: the rule the boot script repeats', () => {
  assert.ok(matchesRoute('/policies/:id/edit', '/policies/7/edit'));
  assert.ok(matchesRoute('/enterprises/:id', '/enterprises/12/'));
  assert.ok(!matchesRoute('/enterprises/:id', '/enterprises'));
  assert.ok(!matchesRoute('/policies/:id', '/policies/7/edit'));
});

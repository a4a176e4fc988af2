// Sign-out and lost sessions (issue 10, item 1): in every role, signing out lands on the sign-in
// page with "已退出登录", the server's session is really over, and nothing keeps asking the server
// afterwards (no request repeats, however long the page stays open). A session that ends on the
// server (401 on any request) sends the user to sign-in once, and back to the same page after.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn, menuItem } from './browser';

/** One account per role; the page each starts on is its role's busiest (most queries in flight). */
const ACCOUNTS: { username: string; role: string; start: string }[] = [
  { username: 'admin', role: 'admin', start: '/' },
  { username: 'qingyang', role: 'staff', start: '/' },
  { username: 'qy_ent1', role: 'enterprise', start: '/' },
  { username: 'qy_inst1', role: 'institution', start: '/' },
  { username: 'expert1', role: 'expert', start: '/' },
  { username: 'tepai1', role: 'commissioner', start: '/' },
];

/** Every API request the page sends from now on, as "METHOD path?query → status". */
function recordApi(page: Page): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const onFinished = async (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const response = await request.response().catch(() => null);
    lines.push(`${request.method()} ${url.pathname}${url.search} → ${response?.status() ?? 'failed'}`);
  };
  const onFailed = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) lines.push(`${request.method()} ${url.pathname}${url.search} → failed`);
  };
  page.on('requestfinished', onFinished);
  page.on('requestfailed', onFailed);
  return { lines, stop: () => { page.off('requestfinished', onFinished); page.off('requestfailed', onFailed); } };
}

function repeats(lines: string[]): string[] {
  const seen = new Map<string, number>();
  for (const line of lines) seen.set(line, (seen.get(line) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([line, n]) => `${n}× ${line}`);
}

async function openUserMenuAndSignOut(page: Page) {
  await page.getByTestId('user-menu').hover();
  await menuItem(page, '退出登录').click();
}

describe('sign-out and lost sessions', () => {
  const suite = serverAndBrowser();

  for (const account of ACCOUNTS) {
    test(`${account.role} (${account.username}) signs out: sign-in page, "已退出登录", no request repeats`, async () => {
      const page = await suite.page();
      await signIn(page, { username: account.username }, DEMO_PASSWORD);
      if (account.start !== '/') await page.goto(account.start);
      await page.waitForLoadState('networkidle');

      const log = recordApi(page);
      await openUserMenuAndSignOut(page);
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 10_000 });
      await page.getByText('已退出登录').waitFor({ timeout: 5_000 });
      // The sign-in form, not a blank page or the old menu.
      await page.getByRole('button', { name: '登录' }).waitFor();
      assert.equal(await page.getByTestId('user-menu').count(), 0, 'the signed-in header must be gone');
      // Watch for 4 s: whatever the page sends after signing out must not repeat.
      await page.waitForTimeout(4_000);
      log.stop();
      const afterLogout = log.lines.slice(log.lines.findIndex((l) => l.startsWith('POST /api/v1/auth/logout')) + 1);
      console.log(`${account.username}: ${log.lines.length} API request(s) from sign-out on, ${afterLogout.length} after the logout request:`, log.lines);
      assert.ok(log.lines.some((l) => l.startsWith('POST /api/v1/auth/logout → 204')), 'the sign-out request reached the server');
      assert.deepEqual(repeats(log.lines), [], 'no request may repeat after sign-out');
      assert.ok(afterLogout.length <= 2, `at most a couple of requests after sign-out, got ${afterLogout.length}`);
      await screenshot(page, `signed-out-${account.role}`);

      // The session is over on the server too: a reload stays signed out.
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      assert.equal(me, 401);
      await page.goto('/enterprises');
      await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 15_000 }).catch(async () => {
        await screenshot(page, `signed-out-reload-${account.role}`);
        assert.fail(`reload after sign-out: ${page.url()} shows ${JSON.stringify((await page.locator('body').innerText()).slice(0, 300))}`);
      });
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.context().close();
    });
  }

  test('a session ended by the server sends the user to sign-in once, and back to the page after', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await menuItem(page, '用户管理').click();
    await page.waitForURL((url) => url.pathname === '/users');
    await page.getByRole('main').getByText('xifeng', { exact: true }).waitFor();

    // The server ends the session (as an idle time-out or an administrator would): drop the cookie.
    const cookies = await page.context().cookies();
    await page.context().clearCookies();
    await page.context().addCookies(cookies.filter((c) => c.name === 'XSRF-TOKEN'));

    const log = recordApi(page);
    // Any request now answers 401: here, the list's refresh through the in-app menu.
    await menuItem(page, '注册审核').click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/registrations', { timeout: 10_000 });
    await page.getByText('登录已失效，请重新登录').waitFor();
    await page.waitForTimeout(3_000);
    log.stop();
    console.log('401 capture:', log.lines);
    assert.deepEqual(repeats(log.lines), [], 'no request may repeat on 401');
    assert.ok(log.lines.filter((l) => l.endsWith('→ 401')).length <= 2, 'only the requests in flight may answer 401');
    await screenshot(page, 'session-expired');

    // Signing in again returns to the page the user was on.
    await page.getByPlaceholder('请输入用户名').fill('qingyang');
    await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/registrations');
    await page.getByRole('cell', { name: '环县草畜产业科技发展有限公司' }).waitFor();
    await page.context().close();
  });
});

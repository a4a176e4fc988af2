// Debian's chromium driven by playwright-core, and a few helpers shared by the specs.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import { REPO, startServer, type RunningServer } from './server';

export const SCREENSHOTS = join(REPO, 'e2e', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  // CI runs on 2 cores while the server seeds and serves: allow slow steps rather than flake
  page.setDefaultTimeout(30_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * A screenshot once toasts have gone, nothing is loading and the mouse hovers nothing, of the whole
 * page: the viewport is made as tall as the page (or an open drawer's content) for the shot, rather
 * than chromium's full-page capture, during which the side menu's breakpoint fired now and then and
 * the menu was caught folded.
 */
export async function settledScreenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(2, 300);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(800);
  const viewport = page.viewportSize()!;
  // an open drawer: as tall as its content; else the page
  const height = await page.evaluate(() => {
    const drawers = [...document.querySelectorAll('.ant-drawer-open .ant-drawer-body')];
    return drawers.length ? Math.max(...drawers.map((b) => b.scrollHeight + b.getBoundingClientRect().top + 16)) : document.documentElement.scrollHeight;
  });
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(Math.min(height, 6000)) });
    await page.waitForTimeout(800);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** Fails when the page is wider than the viewport (a phone would scroll it sideways). */
export async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  // after a viewport change antd's responsive hooks re-lay the page a moment later (later still on a loaded
  // machine): give the layout up to 5 s to settle, then judge what stays
  const measure = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  let overflow = await measure();
  for (const until = Date.now() + 5_000; overflow > 0 && Date.now() < until;) {
    await page.waitForTimeout(250);
    overflow = await measure();
  }
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow} px`);
}

/**
 * Clicks `target` and waits for the file it downloads; when the page shows an error message
 * instead (the server refused the file), fails at once with that message rather than after 30 s.
 */
export async function downloadFrom(page: Page, target: Locator): Promise<Download> {
  const download = page.waitForEvent('download');
  const refused = page.locator('.ant-message-error').first();
  await target.click();
  const first = await Promise.race([download, refused.waitFor().then(() => null)]);
  if (!first) throw new Error(`no download: ${await refused.innerText()}`);
  return first;
}

/** Signs in on /login with username (or phone) and password, and waits for 首页. */
/**
 * The visible side-menu item named `name`: antd may keep a hidden copy of a menu item for a moment
 * while it re-renders the menu, which made a plain getByRole match two elements now and then.
 */
export function menuItem(page: Page, name: string | RegExp): Locator {
  return page.getByRole('menuitem', { name }).filter({ visible: true }).first();
}

export async function signIn(page: Page, by: { username: string } | { phone: string }, password: string): Promise<void> {
  await page.goto('/login');
  if ('phone' in by) {
    await page.getByRole('tab', { name: '手机号密码登录' }).click();
    await page.getByPlaceholder('请输入手机号').fill(by.phone);
  } else {
    await page.getByPlaceholder('请输入用户名').fill(by.username);
  }
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText('欢迎使用科创平台').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh 1440×900 zh-CN page on the suite's server. */
  page(): Promise<Page>;
}

/** For a describe(): starts a server and the browser before its tests and stops both after. */
export function serverAndBrowser(): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
    page: () => newPage(browser!, server!.baseUrl),
  };
}

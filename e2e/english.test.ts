// Switching to English on every page (issue 10, item 11): each route is opened in Chinese, the
// header's language switch is used, and then no Chinese may remain on screen outside user data.
// Along the way: the side menu lights exactly one entry (item 10) and no menu label is cut off.
//
// What counts as user data (may stay Chinese in English):
//   - any string the server itself returns when asked in English (Accept-Language: en) for the page
//     after the switch: names of enterprises, regions, people, departments, policies and their
//     文号 / text, key tasks and milestones, audit details — things people typed or imported.
//     The server translates its own vocabulary (indicator names and units, statuses, errors), so
//     that vocabulary is not in its English answers and, if the page still shows the Chinese form
//     from before the switch, the test fails;
//   - the signed-in user's own profile (name, region, organisation), loaded at sign-in.
//   - literal Chinese the user must type or will meet in files, quoted as such in English: 文号
//     (document numbers, e.g. the example 国科发火〔2016〕32号), the Chinese column headers of an
//     Excel template, and official terms glossed in brackets after their English ("Half-and-half
//     (双过半)", "Business licence (营业执照)"): people meet them by their Chinese name on documents
//     and in the bureau's notices (LITERALS below; only a bracket of Chinese alone, after an English word).
// A text on screen passes if it is one of those strings, or (3 or more Chinese characters) a piece
// of one (search snippets split a title around <em>), or nothing Chinese is left once every such
// string is taken out of it ("庆阳市 · Indicator dashboard"). Chart texts are read from the
// chart's data-chart-text attribute (ECharts draws on a canvas).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn, menuItem } from './browser';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Every string with a Chinese character in a JSON value; HTML snippets also give their pieces. */
function chineseStrings(value: unknown, into: Set<string>) {
  if (typeof value === 'string') {
    if (!HAN.test(value)) return;
    into.add(value.trim());
    if (value.includes('<')) {
      const plain = value.replace(/<[^>]*>/g, '');
      into.add(plain.trim());
      for (const piece of value.split(/<[^>]*>/)) if (HAN.test(piece)) into.add(piece.trim());
    }
    // multi-line text (policy bodies) is shown line by line
    for (const line of value.split(/\n+/)) if (HAN.test(line)) into.add(line.trim());
  } else if (Array.isArray(value)) {
    for (const item of value) chineseStrings(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) chineseStrings(item, into);
  }
}

/** Literal Chinese kept on purpose in English (see the header): taken out before judging. */
const LITERALS: RegExp[] = [
  /[\u4e00-\u9fff]{1,10}[〔[（(【]\d{4}[〕\]）)】]\s*第?\d+号/g, // 文号: 国科发火〔2016〕32号, [2016]
  /代码 \| 名称 \| 上级代码/g, // the region template's column headers
  /(?<=[A-Za-z)] )\([\u4e00-\u9fff]{2,8}\)/g, // official terms glossed after their English: Business licence (营业执照)
];

function isUserData(original: string, data: string[]): boolean {
  const text = LITERALS.reduce((rest, literal) => rest.replace(literal, ' '), original).trim();
  if (!HAN.test(text)) return true;
  if (data.includes(text)) return true;
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  if (han >= 3 && data.some((d) => d.includes(text))) return true;
  let rest = text;
  for (const d of data) if (d && rest.includes(d)) rest = rest.split(d).join(' ');
  return !HAN.test(rest);
}

/** Visible texts with Chinese characters: text nodes, placeholders and chart texts. */
const VISIBLE_CHINESE = `(() => {
  const HAN = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = (node.nodeValue || '').trim();
    const el = node.parentElement;
    if (!text || !HAN.test(text) || !el || el.closest('script,style,noscript')) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    out.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder]')) {
    const text = el.getAttribute('placeholder') || '';
    if (HAN.test(text) && el.checkVisibility()) out.push(text);
  }
  for (const el of document.querySelectorAll('[data-chart-text]')) {
    for (const text of (el.getAttribute('data-chart-text') || '').split('\\n')) if (HAN.test(text)) out.push('chart: ' + text);
  }
  return out;
})()`;

/** Menu labels wider than their box (cut off with an ellipsis). */
const CUT_MENU_LABELS = `[...document.querySelectorAll('.ant-pro-sider:not(.ant-pro-sider-collapsed) :is(.ant-menu-title-content, .ant-pro-base-menu-inline-item-text)')]
  .filter((el) => el.checkVisibility() && el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent)`;

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(600);
}

async function switchToEnglish(page: Page) {
  await page.getByRole('button', { name: '语言' }).hover();
  await menuItem(page, 'English').click();
  await page.mouse.move(700, 600);
  await page.getByRole('button', { name: 'Language' }).waitFor();
}

interface Walker {
  page: Page;
  /** the signed-in user's own strings */
  own: Set<string>;
}

async function startWalker(page: Page, username?: string): Promise<Walker> {
  const own = new Set<string>();
  await page.goto('/portal');
  if (username) {
    await signIn(page, { username }, DEMO_PASSWORD);
    chineseStrings(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json()), own);
  }
  return { page, own };
}

/** Opens `path` in Chinese, switches to English and returns the Chinese left outside user data. */
async function walk(walker: Walker, path: string, name: string): Promise<string[]> {
  const { page } = walker;
  await page.evaluate(() => localStorage.setItem('kechuang.lang', 'zh-CN'));
  await page.goto(path);
  await settle(page);
  const selected = await page.locator('.ant-pro-sider .ant-menu-item-selected').allInnerTexts();
  assert.ok(selected.length <= 1, `${path}: one menu entry lit, not ${JSON.stringify(selected)}`);

  const data = new Set(walker.own);
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    pending.push(response.json().then((body) => chineseStrings(body, data), () => {}));
  };
  page.on('response', onResponse);
  await switchToEnglish(page).catch(async (error: Error) => {
    await screenshot(page, `en-failed-${name}`);
    throw new Error(`${path}: cannot switch language (${error.message.split('\n')[0]}); the page shows ${JSON.stringify((await page.locator('body').innerText()).slice(0, 200))}`);
  });
  await settle(page);
  page.off('response', onResponse);
  await Promise.all(pending);

  const texts: string[] = await page.evaluate(VISIBLE_CHINESE);
  const list = [...data].sort((a, b) => b.length - a.length);
  const left = [...new Set(texts)].filter((text) => !isUserData(text.replace(/^chart: /, ''), list));
  const cut: string[] = await page.evaluate(CUT_MENU_LABELS);
  assert.deepEqual(cut, [], `${path}: menu labels cut off in English`);
  assert.equal(await page.locator('.ant-pro-sider-collapsed').count(), 0, `${path}: the menu is open at 1440 px`);
  await screenshot(page, `en-${name}`);
  return left.map((text) => `${path}: ${text}`);
}

describe('English on every page', () => {
  const suite = serverAndBrowser();

  test('staff pages (庆阳市)', async () => {
    const page = await suite.page();
    const walker = await startWalker(page, 'qingyang');
    const firm = await page.evaluate(async () => (await (await fetch('/api/v1/enterprises?pageSize=1')).json()).items[0].id);
    const policy = await page.evaluate(async () => (await (await fetch('/api/v1/policies?pageSize=1')).json()).items[0].id);
    const left: string[] = [];
    const routes: [string, string][] = [
      ['/', 'home-staff'], ['/enterprises', 'enterprises'], ['/enterprises/cultivation', 'cultivation'],
      ['/enterprises/import', 'enterprise-import'], [`/enterprises/${firm}`, 'enterprise-detail'],
      ['/indicators', 'indicators'], ['/indicators/tasks', 'indicator-tasks'], ['/indicators/targets', 'indicator-targets'],
      ['/policies', 'policies'], ['/policies/reviews', 'policy-reviews'], ['/policies/new', 'policy-new'],
      [`/policies/${policy}`, 'policy-detail'], [`/policies/${policy}/edit`, 'policy-edit'],
      ['/users', 'users'], ['/registrations', 'registrations'],
    ];
    for (const [path, name] of routes) {
      left.push(...(await walk(walker, path, name)));
      if (path === '/indicators') {
        // the server's vocabulary in English: indicator names and units, not 家 / 万元
        await page.getByTestId('kpi-high_tech_enterprises').getByText('High-tech enterprises').waitFor();
        assert.doesNotMatch(await page.getByTestId('kpi-high_tech_enterprises').innerText(), /家|万元|综合完成度/);
      }
    }
    assert.deepEqual(left, [], 'Chinese left on screen after switching to English');
    await page.context().close();
  });

  test('administrator pages', async () => {
    const page = await suite.page();
    const walker = await startWalker(page, 'admin');
    const left: string[] = [];
    for (const [path, name] of [['/', 'home-admin'], ['/regions', 'regions'], ['/audit', 'audit']] as const) left.push(...(await walk(walker, path, name)));
    assert.deepEqual(left, [], 'Chinese left on screen after switching to English');
    await page.context().close();
  });

  test('enterprise pages; 政策库 stays in its group on 可享政策', async () => {
    const page = await suite.page();
    const walker = await startWalker(page, 'qy_ent1');
    await page.goto('/my-policies');
    await settle(page);
    await menuItem(page, '政策库').waitFor();
    assert.deepEqual(await page.locator('.ant-pro-sider .ant-menu-item-selected').allInnerTexts(), ['可享政策']);
    const left: string[] = [];
    for (const [path, name] of [['/', 'home-enterprise'], ['/my-enterprise', 'my-enterprise'], ['/my-policies', 'my-policies']] as const) {
      left.push(...(await walk(walker, path, name)));
    }
    // (antd may keep a hidden copy of a menu item while it re-renders the menu: look at visible ones)
    await page.locator('li[role=menuitem]:visible', { hasText: 'Policy library' }).first().waitFor();
    assert.deepEqual(left, [], 'Chinese left on screen after switching to English');
    await page.context().close();
  });

  test('public pages: sign-in, registration, portal', async () => {
    const page = await suite.page();
    const walker = await startWalker(page);
    const policy = await page.evaluate(async () => (await (await fetch('/api/v1/policies?pageSize=1')).json()).items[0].id);
    const left: string[] = [];
    for (const [path, name] of [['/login', 'login'], ['/register', 'register'], ['/portal', 'portal'], [`/portal/policies/${policy}`, 'portal-policy']]) {
      left.push(...(await walk(walker, path, name)));
    }
    assert.deepEqual(left, [], 'Chinese left on screen after switching to English');
    await page.context().close();
  });
});

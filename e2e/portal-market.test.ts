// The technology market on the public portal (issue 13, item 7) in chromium, without sign-in: from
// the portal's home a visitor goes to 科技成果, searches 黃芪 in traditional characters and finds the
// same achievements as 黄芪 in simplified (黄芪GAP规范化种植及病虫害绿色防控技术 among them), narrows
// them by field and opens one (full text, contact); reads the published 好成果 list in its order;
// pages through the open demands and finds a 揭榜挂帅 demand with its prize in 万元. Screens of the
// lists and details in zh-CN, English and at 375 × 812 (no sideways scroll on the phone).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatMoney } from '../src/domain/money';
import { noSidewaysScroll, serverAndBrowser, settledScreenshot } from './browser';

const ACHIEVEMENT = '黄芪GAP规范化种植及病虫害绿色防控技术';

const VIEWS = [
  { name: 'zh', lang: 'zh-CN', width: 1440, height: 900 },
  { name: 'en', lang: 'en', width: 1440, height: 900 },
  { name: 'mobile', lang: 'zh-CN', width: 375, height: 812 },
] as const;

interface OpenDemand { id: number; title: string; openCall: boolean; prize: number | null }
interface GoodList { id: number; title: string; items: { title: string; seq: number; levelName: string | null }[] }

describe('门户·科技大市场', () => {
  const suite = serverAndBrowser();

  /** What the portal's API answers (no sign-in), to know the demo's data without copying it here. */
  async function portalGet<T>(path: string): Promise<T> {
    const response = await fetch(`${suite.server.baseUrl}/api/v1/portal${path}`);
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  }

  async function visitor(view: (typeof VIEWS)[number]): Promise<Page> {
    const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: view.width, height: view.height }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    if (view.lang === 'en') {
      await page.goto('/portal');
      await page.evaluate(() => localStorage.setItem('kechuang.lang', 'en'));
    }
    return page;
  }

  const searchBox = (page: Page) => page.locator('input[data-testid="market-search"], [data-testid="market-search"] input').first();
  /** Searches `words` and waits for the server's answer (the list of the former words is gone by then). */
  async function search(page: Page, words: string) {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/portal/') && new URL(r.url()).searchParams.get('q') === words);
    await searchBox(page).fill(words);
    await searchBox(page).press('Enter');
    await answered;
    await page.waitForURL((url) => url.searchParams.get('q') === words);
  }
  /** The "共 N 项" line of the list shown (blank while a new list loads). */
  async function total(page: Page): Promise<number> {
    const text = await page.getByTestId('market-total').filter({ hasText: /\d/ }).innerText();
    return Number(text.match(/\d+/)?.[0] ?? NaN);
  }
  const results = (page: Page) => page.getByTestId('achievement-result');

  test('a visitor finds 黄芪 achievements in traditional characters, by field, and opens one', async () => {
    const page = await visitor(VIEWS[0]);
    await page.goto('/portal');
    await page.getByRole('heading', { name: '科技大市场' }).waitFor();
    await page.locator('.kc-portal-nav').getByRole('link', { name: '科技成果' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/achievements');
    await results(page).first().waitFor();

    await search(page, '黄芪');
    await results(page).filter({ hasText: ACHIEVEMENT }).waitFor();
    const simplified = await results(page).locator('.kc-portal-title-link').allInnerTexts();
    const simplifiedTotal = await total(page);
    await search(page, '黃芪');
    await results(page).filter({ hasText: ACHIEVEMENT }).waitFor();
    assert.equal(await total(page), simplifiedTotal, 'traditional and simplified find as many');
    assert.deepEqual(await results(page).locator('.kc-portal-title-link').allInnerTexts(), simplified, 'and the same, in the same order');
    assert.ok(simplified.includes(ACHIEVEMENT), `found: ${simplified.join(' | ')}`);
    const row = results(page).filter({ hasText: ACHIEVEMENT });
    await row.getByText('10.00–30.00 万元').waitFor(); // the price range in 万元
    await row.getByText('TRL 8 · 产业化').waitFor();
    await settledScreenshot(page, 'portal-market-achievements-zh');

    // narrowed by field: 现代农业 only, fewer
    await page.getByRole('combobox', { name: '技术领域' }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('现代农业', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('field') === 'agriculture' && url.searchParams.get('q') === '黃芪');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="achievement-result"]').length > 0
      && [...document.querySelectorAll('[data-testid="achievement-result"]')].every((r) => r.textContent?.includes('现代农业')));
    const agriculture = await total(page);
    assert.ok(agriculture >= 1 && agriculture < simplifiedTotal, `现代农业 ${agriculture} of ${simplifiedTotal}`);

    await results(page).filter({ hasText: ACHIEVEMENT }).getByRole('link', { name: ACHIEVEMENT }).click();
    await page.waitForURL((url) => /^\/portal\/achievements\/\d+$/.test(url.pathname));
    await page.getByTestId('detail-title').filter({ hasText: ACHIEVEMENT }).waitFor();
    for (const text of ['详细介绍', '联系方式', '庆城县岐黄中药材科技有限公司', '技术服务、转让']) await page.getByText(text, { exact: true }).first().waitFor();
    assert.equal(new URL(page.url()).pathname.startsWith('/login'), false, 'no sign-in asked');
    await settledScreenshot(page, 'portal-market-achievement-zh');

    // back to the list keeps the search
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === '黃芪' && url.searchParams.get('field') === 'agriculture');
    assert.equal(await searchBox(page).inputValue(), '黃芪');
    await page.context().close();
  });

  test('the published 好成果 list in its order, and a 揭榜挂帅 demand with its prize', async () => {
    const lists = (await portalGet<{ items: GoodList[] }>('/good-achievements')).items;
    assert.ok(lists.length >= 1, 'the demo publishes a list');
    const [list] = lists;
    const demands = (await portalGet<{ items: OpenDemand[]; total: number }>('/demands?pageSize=100')).items;
    const openCall = demands.find((d) => d.openCall && d.prize != null);
    assert.ok(openCall, 'the demo has an open call');

    const page = await visitor(VIEWS[0]);
    await page.goto('/portal');
    await page.locator('.kc-portal-nav').getByRole('link', { name: '好成果榜单' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/good-achievements');
    const shown = page.getByTestId('good-list').filter({ hasText: list.title });
    await shown.waitFor();
    const items = await shown.getByTestId('good-item').locator('.kc-portal-title-link').allInnerTexts();
    assert.deepEqual(items, [...list.items].sort((a, b) => a.seq - b.seq).map((i) => i.title), 'the list in its order');
    assert.ok(items.includes(ACHIEVEMENT), `listed: ${items.join(' | ')}`);
    const level = list.items.find((i) => i.title === ACHIEVEMENT)?.levelName;
    if (level) await shown.getByTestId('good-item').filter({ hasText: ACHIEVEMENT }).getByText(level, { exact: true }).waitFor(); // the evaluation's conclusion
    await settledScreenshot(page, 'portal-market-good-zh');
    // the list's own page (the link of the notification its organisations receive)
    await shown.getByRole('link', { name: list.title }).click();
    await page.waitForURL((url) => url.pathname === `/portal/good-achievements/${list.id}`);
    await page.getByTestId('good-item').first().waitFor();

    // the demands, paged; the open call found by its words, with its prize in 万元
    await page.locator('.kc-portal-nav').getByRole('link', { name: '技术需求' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/demands');
    await page.getByTestId('demand-result').first().waitFor();
    const first = await page.getByTestId('demand-result').first().locator('.kc-portal-title-link').innerText();
    if (demands.length > 10) {
      await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await page.waitForFunction((title) => document.querySelector('[data-testid="demand-result"] .kc-portal-title-link')?.textContent !== title, first);
    }
    await search(page, '揭榜挂帅');
    const row = page.getByTestId('demand-result').filter({ hasText: openCall.title });
    await row.waitFor();
    await row.locator('.ant-tag', { hasText: '揭榜挂帅' }).waitFor();
    assert.equal(await row.getByTestId('demand-prize').innerText(), `榜额：${formatMoney(openCall.prize)}`);
    await settledScreenshot(page, 'portal-market-demands-zh');
    await row.getByRole('link', { name: openCall.title }).click();
    await page.waitForURL((url) => url.pathname === `/portal/demands/${openCall.id}`);
    await page.getByTestId('demand-prize').getByText(formatMoney(openCall.prize)).first().waitFor();
    await settledScreenshot(page, 'portal-market-demand-zh');
    await page.context().close();
  });

  test('screens in English and on a phone', async () => {
    const achievement = (await portalGet<{ items: { id: number; title: string }[] }>(`/achievements?q=${encodeURIComponent('黃芪')}`)).items.find((a) => a.title === ACHIEVEMENT)!;
    const openCall = (await portalGet<{ items: OpenDemand[] }>('/demands?pageSize=100')).items.find((d) => d.openCall && d.prize != null)!;
    for (const view of VIEWS.slice(1)) {
      const page = await visitor(view);
      const en = view.lang === 'en';
      await page.goto(`/portal/achievements?q=${encodeURIComponent('黃芪')}`);
      await results(page).filter({ hasText: ACHIEVEMENT }).waitFor();
      await page.getByRole('heading', { name: en ? 'Achievements' : '科技成果' }).waitFor();
      if (en) await results(page).filter({ hasText: ACHIEVEMENT }).getByText('Technical service, Transfer').waitFor();
      await settledScreenshot(page, `portal-market-achievements-${view.name}`);
      if (!en) await noSidewaysScroll(page, 'the achievements on a phone');

      await page.goto(`/portal/achievements/${achievement.id}`);
      await page.getByTestId('detail-title').filter({ hasText: ACHIEVEMENT }).waitFor();
      await page.getByText(en ? 'Full description' : '详细介绍', { exact: true }).waitFor();
      await settledScreenshot(page, `portal-market-achievement-${view.name}`);
      if (!en) await noSidewaysScroll(page, 'an achievement on a phone');

      await page.goto('/portal/good-achievements');
      await page.getByTestId('good-item').filter({ hasText: ACHIEVEMENT }).waitFor();
      await settledScreenshot(page, `portal-market-good-${view.name}`);
      if (!en) await noSidewaysScroll(page, 'the good-achievement list on a phone');

      await page.goto(`/portal/demands/${openCall.id}`);
      const prize = page.getByTestId('demand-prize');
      await prize.getByText(formatMoney(openCall.prize, en ? 'en' : 'zh-CN')).first().waitFor();
      await prize.getByText(en ? 'Prize' : '榜额', { exact: false }).first().waitFor();
      await settledScreenshot(page, `portal-market-demand-${view.name}`);
      if (!en) await noSidewaysScroll(page, 'an open call on a phone');

      await page.goto('/portal');
      await page.getByRole('heading', { name: en ? 'Technology market' : '科技大市场' }).waitFor();
      await page.getByText(ACHIEVEMENT).first().waitFor(); // on the latest good-achievement list
      await settledScreenshot(page, `portal-market-home-${view.name}`);
      if (!en) {
        await noSidewaysScroll(page, 'the portal home on a phone');
        // the navigation fits the phone: every entry within the screen
        for (const name of ['首页', '科技成果', '技术需求', '好成果榜单']) {
          const box = await page.locator('.kc-portal-nav').getByRole('link', { name }).boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= view.width, `${name} within the phone's width: ${JSON.stringify(box)}`);
        }
      }
      await page.context().close();
    }
  });
});

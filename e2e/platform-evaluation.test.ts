// 创新平台 绩效评价 and 平台看板 (issue 14, items 8 and 9) in chromium on the demo: the dashboard draws
// the region's platforms (its headline equals the API's count, the charts carry the page's
// language) in zh-CN, English and at 375 × 812 without sideways scroll; staff see the round with
// who has not reported; expert1 scores the report waiting for them on its page, once; the host sees
// its platforms with their ratings. Screens of each.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { Api } from './api';
import { noSidewaysScroll, serverAndBrowser, settledScreenshot, signIn } from './browser';

const VIEWS = [
  { name: 'zh', lang: 'zh-CN', width: 1440, height: 900 },
  { name: 'en', lang: 'en', width: 1440, height: 900 },
  { name: 'mobile', lang: 'zh-CN', width: 375, height: 812 },
] as const;

describe('创新平台 绩效评价 and 平台看板', () => {
  const suite = serverAndBrowser();

  async function viewPage(view: (typeof VIEWS)[number], username: string): Promise<Page> {
    const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: view.width, height: view.height }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, { username }, DEMO_PASSWORD);
    if (view.lang === 'en') {
      await page.evaluate(() => localStorage.setItem('kechuang.lang', 'en'));
      await page.reload();
      await page.getByText('Welcome, ').waitFor();
    }
    return page;
  }

  for (const view of VIEWS) {
    test(`the dashboard draws 庆阳市's platforms (${view.name})`, async () => {
      const api = await Api.signIn(suite.server.baseUrl, 'qingyang');
      const year = new Date().getFullYear();
      const d = await api.send<{ total: number; byType: unknown[] }>('GET', `/platforms/dashboard?region=621000&year=${year}`);
      assert.ok(d.total >= 10 && d.byType.length >= 5, JSON.stringify(d).slice(0, 200));
      const page = await viewPage(view, 'qingyang');
      await page.goto('/platforms/dashboard');
      await page.getByTestId('headline-total').getByText(String(d.total), { exact: true }).waitFor();
      const charts = page.getByTestId('echart');
      await charts.nth(4).waitFor();
      assert.equal(await charts.count(), 5);
      const words = (await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart-text') ?? ''))).join('\n');
      if (view.lang === 'en') assert.match(words, /Provincial/); else assert.match(words, /省级/);
      assert.match(words, view.lang === 'en' ? /Excellent/ : /优秀/);
      await noSidewaysScroll(page, `the platform dashboard (${view.name})`);
      await settledScreenshot(page, `platform-dashboard-${view.name}`);
      await page.context().close();
    });
  }

  test('staff see the open round with who has not reported; expert1 scores the report waiting for them, once', async () => {
    const staff = await viewPage(VIEWS[0], 'qingyang');
    await staff.goto('/platforms/evaluation');
    await staff.getByText('未报送平台（2）').waitFor();
    await settledScreenshot(staff, 'platform-evaluation-rounds-zh');
    await staff.getByRole('tab', { name: '撤销建议' }).click();
    await staff.getByText('连续两年不合格').waitFor();
    await staff.context().close();

    const page = await viewPage(VIEWS[2], 'expert1');
    await page.goto('/platforms/evaluation-reviews');
    await page.locator('.ant-table-row').first().click();
    await page.waitForURL(/\/platforms\/evaluation-reviews\/\d+$/);
    const inputs = page.locator('form[id="platform-review"] .ant-input-number-input');
    await inputs.first().waitFor();
    const n = await inputs.count();
    assert.ok(n >= 3);
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(80 + i));
    await page.locator('form[id="platform-review"] textarea').fill('共享机时增长明显，服务成效较好，建议加强对外宣传。');
    await noSidewaysScroll(page, 'the platform review page at 375 px');
    await settledScreenshot(page, 'platform-evaluation-review-mobile');
    await page.getByRole('button', { name: '提交评分' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('评分已提交').waitFor();
    const api = await Api.signIn(suite.server.baseUrl, 'expert1');
    const mine = await api.send<{ items: { status: string }[] }>('GET', '/platform-reviews');
    assert.deepEqual(mine.items.map((r) => r.status), ['submitted']);
    await page.context().close();
  });

  test('the host sees its platforms, the round and the rating', async () => {
    const page = await viewPage(VIEWS[0], 'qy_ent1');
    await page.goto('/platforms/evaluation');
    await page.getByText(/年度绩效评价，报告截止/).first().waitFor();
    await settledScreenshot(page, 'platform-evaluation-host-zh');
    await page.context().close();
  });
});

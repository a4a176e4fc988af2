// 人才库 (issue 14, item 2) in chromium on the demo data. 庆阳市科技局 finds the 候鸟型专家 by the
// kind filter, opens 李春生's record, records a day of service through the drawer and sees the days
// done follow; the host 陇东能源装备 sees only the talent it hosts and keeps their service; the
// teams and bases pages show their members and hosted talent. Screens of the three pages (and the
// record's drawer) in zh-CN, English and at 375 × 812, none scrolling sideways.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { menuItem, noSidewaysScroll, serverAndBrowser, settledScreenshot, signIn } from './browser';

const VIEWS = [
  { name: 'zh', lang: 'zh-CN', width: 1440, height: 900 },
  { name: 'en', lang: 'en', width: 1440, height: 900 },
  { name: 'mobile', lang: 'zh-CN', width: 375, height: 812 },
] as const;

describe('人才库', () => {
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
  const doneCell = (page: Page) => page.getByTestId('talent-detail').getByTestId('days-done');

  test('staff filter by kind, open a record and record a day of service; the days done follow', async () => {
    const page = await viewPage(VIEWS[0], 'qingyang');
    await menuItem(page, '科技人才').click();
    await menuItem(page, '人才库').click();
    await page.waitForURL(/\/talent$/);
    await page.getByText('李春生').first().waitFor();
    // the kind filter keeps the 候鸟型专家 (李春生 for 中药材 in 环县, 牛建军 in 庆城县)
    await page.locator('.ant-pro-query-filter .ant-select', { has: page.getByLabel('引进方式', { exact: true }) }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('候鸟型专家', { exact: true }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('共 2 条').waitFor();
    assert.equal(await page.getByText('杜海龙').count(), 0);
    await page.locator('a', { hasText: '李春生' }).click();
    const detail = page.getByTestId('talent-detail');
    await detail.waitFor();
    await detail.getByText('环县丰禾中药材产业开发有限公司').first().waitFor();
    const before = await doneCell(page).innerText();
    const doneBefore = Number(before.split('/')[0].trim());
    await page.getByTestId('service-add').click();
    const modal = page.locator('.ant-modal-content', { hasText: '登记服务' });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await modal.locator('input[type=date]').fill(today);
    await modal.getByLabel('天数').fill('2');
    await modal.getByLabel('服务内容').fill('黄芪育苗基地田间指导（浏览器测试）');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await detail.getByText('黄芪育苗基地田间指导（浏览器测试）').waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=talent-detail] [data-testid=days-done]')?.textContent?.split('/')[0].trim()) === n,
      doneBefore + 2);
    await settledScreenshot(page, 'talent-record-service-zh');
    await page.context().close();
  });

  test('a host sees only the talent it hosts and keeps their service', async () => {
    const page = await viewPage(VIEWS[0], 'qy_ent1');
    await menuItem(page, '科技人才').click();
    await menuItem(page, '人才库').click();
    await page.getByText('杜海龙').first().waitFor();
    await page.getByText('郑凯').first().waitFor();
    assert.equal(await page.getByText('李春生').count(), 0);
    await page.getByText(/共 \d+ 条/).waitFor();
    assert.match(await page.getByText(/共 \d+ 条/).innerText(), /共 2 条/);
    await page.locator('a', { hasText: '杜海龙' }).click();
    await page.getByTestId('service-add').waitFor();
    assert.equal(await page.getByTestId('payment-add').count(), 0); // payments are the bureau's
    await page.context().close();
  });

  for (const view of VIEWS) {
    test(`screens (${view.name}): the registry, a record, teams and bases`, async () => {
      const page = await viewPage(view, 'qingyang');
      await page.goto('/talent');
      await page.getByText('李春生').first().waitFor();
      await noSidewaysScroll(page, 'the talent list');
      await settledScreenshot(page, `talent-list-${view.name}`);
      await page.locator('a', { hasText: '王金花' }).count().then((n) => assert.equal(n, 0, '张掖 talent is not 庆阳 staff\'s'));
      await page.locator('a', { hasText: '郑凯' }).click();
      await page.getByTestId('talent-detail').waitFor();
      await page.getByTestId('talent-detail').getByText(/HX|LDNY/).first().waitFor();
      await settledScreenshot(page, `talent-record-${view.name}`);
      await page.goto('/talent/teams');
      const team = page.locator('a', { hasText: '陇东旱作区中药材绿色种植创新团队' });
      await team.waitFor();
      await noSidewaysScroll(page, 'the teams list');
      await settledScreenshot(page, `talent-teams-${view.name}`);
      await team.click();
      await page.getByTestId('team-detail').getByText('刘振宇').waitFor();
      await settledScreenshot(page, `talent-team-${view.name}`);
      await page.goto('/talent/bases');
      const base = page.locator('a', { hasText: '陇东学院' });
      await base.waitFor();
      await noSidewaysScroll(page, 'the bases list');
      await settledScreenshot(page, `talent-bases-${view.name}`);
      await base.click();
      await page.getByTestId('base-detail').getByText('周文华').waitFor();
      await settledScreenshot(page, `talent-base-${view.name}`);
      await page.context().close();
    });
  }
});

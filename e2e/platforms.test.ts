// 创新平台 (issue 14, items 6 and 7) in chromium: 陇东能源装备 (西峰区) applies for a city-level
// 工程技术研究中心 with the type's checklist — a required condition left unmet is refused and named
// — then submits; 西峰区科技局 recommends it; 庆阳市科技局 passes the formal check and puts expert1
// (周文华) on the panel (the one step through the API); expert1 declares no conflict and scores it;
// 庆阳市科技局 certifies it with its document number, and the platform appears 认定 in the registry
// with its number. Screens of the registry, a platform and an application in zh-CN, English and at
// 375 × 812, with no sideways scroll on the phone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { Api } from './api';
import { noSidewaysScroll, serverAndBrowser, settledScreenshot, signIn } from './browser';

const NAME = '庆阳市油气田压裂返排液处理工程技术研究中心';
const DOC = '庆科发〔2026〕88号';

const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
const formItem = (scope: Locator, text: string) => scope.locator('.ant-form-item', { hasText: text });
async function pick(page: Page, scope: Locator, label: string, option: string) {
  await formItem(scope, label).locator('.ant-select').first().click();
  await openDropdown(page).getByTitle(option, { exact: true }).click();
}

const VIEWS = [
  { name: 'zh', lang: 'zh-CN', width: 1440, height: 900 },
  { name: 'en', lang: 'en', width: 1440, height: 900 },
  { name: 'mobile', lang: 'zh-CN', width: 375, height: 812 },
] as const;

describe('创新平台', () => {
  const suite = serverAndBrowser();
  const ids = { application: 0, platform: 0 };

  async function pageAs(username: string, view: (typeof VIEWS)[number] = VIEWS[0]): Promise<Page> {
    // signed in on a wide screen, then the view's size (the phone's home page is slower to settle under load)
    const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, { username }, DEMO_PASSWORD);
    await page.setViewportSize({ width: view.width, height: view.height });
    if (view.lang === 'en') {
      await page.evaluate(() => localStorage.setItem('kechuang.lang', 'en'));
      await page.reload();
      await page.getByText('Welcome, ').waitFor();
    }
    return page;
  }

  test('the host applies with the checklist; an unmet condition is named, then it is submitted', async () => {
    const page = await pageAs('qy_ent1');
    await page.goto('/platforms/applications');
    await page.getByTestId('application-create').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('application-name').fill(NAME);
    await pick(page, drawer, '类型', '工程技术研究中心');
    await pick(page, drawer, '级别', '市级');
    const checklist = drawer.getByTestId('application-checklist');
    await formItem(checklist, '依托单位为行业骨干企业或科研院所').getByText('是', { exact: true }).click();
    await formItem(checklist, '工程技术研发人员数').locator('input').fill('38');
    // 近三年有成果转化 left as 否: refused, naming the condition
    await formItem(checklist, '近三年有成果转化和产业化业绩').getByText('否', { exact: true }).click();
    await drawer.getByTestId('application-submit').first().click();
    await formItem(checklist, '近三年有成果转化和产业化业绩').getByText(/未达到认定条件/).waitFor();
    await formItem(checklist, '近三年有成果转化和产业化业绩').getByText('是', { exact: true }).click();
    await drawer.getByTestId('application-submit').first().click();
    await page.waitForURL(/\/platforms\/applications\/\d+$/);
    ids.application = Number(page.url().split('/').pop());
    await page.getByTestId('application-detail').getByText('待推荐').waitFor();
    await page.context().close();
  });

  test('the county recommends, the city checks it and puts expert1 on the panel', async () => {
    const xifeng = await pageAs('xifeng');
    await xifeng.goto('/platforms/applications');
    await xifeng.getByTestId(`application-${ids.application}`).click();
    await xifeng.getByTestId('application-recommend').click();
    await xifeng.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await xifeng.getByTestId('application-detail').getByText('待形式审查').waitFor();
    // the county does not check a city platform: no formal check offered
    assert.equal(await xifeng.getByTestId('application-formal-pass').count(), 0);
    await xifeng.context().close();

    const qingyang = await pageAs('qingyang');
    await qingyang.goto(`/platforms/applications/${ids.application}`);
    await qingyang.getByTestId('application-formal-pass').click();
    await qingyang.getByTestId('application-detail').getByText('待专家评审').waitFor();
    const api = await Api.signIn(suite.server.baseUrl, 'qingyang');
    const { items } = await api.send<{ items: { id: number; name: string }[] }>('GET', `/experts?q=${encodeURIComponent('周文华')}`);
    await api.send('POST', `/platform-applications/${ids.application}/experts`, { expertIds: [items[0].id] });
    await api.close();
    await qingyang.reload();
    await qingyang.getByTestId('application-panel').getByText('周文华').waitFor();
    await qingyang.context().close();
  });

  test('expert1 declares no conflict and scores it', async () => {
    const page = await pageAs('expert1');
    await page.goto('/platforms/certification-reviews');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByText('声明无利益冲突后可查看申请内容').waitFor();
    await page.getByTestId('cert-pledge').click();
    await page.getByTestId('cert-no-conflict').click();
    await page.getByTestId('score-conditions').fill('88');
    await page.getByTestId('score-capacity').fill('84');
    await page.getByTestId('score-support').fill('90');
    await page.getByTestId('cert-comment').fill('返排液处理工艺已在长庆油田井场应用，研发团队稳定，建议认定。');
    await page.getByTestId('cert-submit').click();
    await page.getByTestId('cert-submit-ok').click();
    await page.getByText('评分已提交').waitFor();
    await page.context().close();
  });

  test('the city certifies it; the platform is 认定 in the registry with its number', async () => {
    const page = await pageAs('qingyang');
    await page.goto(`/platforms/applications/${ids.application}`);
    await page.getByTestId('application-detail').getByText('待认定').waitFor();
    await page.getByTestId('application-certify').click();
    await page.getByTestId('certificate-no').fill(DOC);
    await page.getByTestId('certify-ok').click();
    await page.getByTestId('application-platform').click();
    await page.waitForURL(/\/platforms\/\d+$/);
    ids.platform = Number(page.url().split('/').pop());
    const detail = page.getByTestId('platform-detail');
    await detail.getByText(DOC).waitFor();
    await detail.getByText('认定', { exact: true }).waitFor();
    await page.goto('/platforms');
    const row = page.locator('tr', { has: page.getByTestId(`platform-${ids.platform}`) });
    await row.getByText(DOC).waitFor();
    await row.getByTestId('platform-status').getByText('认定').waitFor();
    await page.context().close();
  });

  for (const view of VIEWS) {
    test(`screens: the registry, a platform and the application (${view.name})`, async () => {
      const page = await pageAs('qingyang', view);
      await page.goto('/platforms');
      await page.getByTestId(`platform-${ids.platform}`).waitFor();
      if (view.name === 'mobile') await noSidewaysScroll(page, 'the platform registry');
      await settledScreenshot(page, `platforms-list-${view.name}`);
      // a platform with two years of figures (the demo's provincial engineering centre)
      await page.getByTestId(/^platform-\d+$/).filter({ hasText: /页岩油压裂装备工程技术研究中心/ }).first().click();
      await page.getByTestId('figures-table').waitFor();
      if (view.name === 'mobile') await noSidewaysScroll(page, 'a platform');
      await settledScreenshot(page, `platforms-detail-${view.name}`);
      await page.goto(`/platforms/applications/${ids.application}`);
      await page.getByTestId('application-timeline').waitFor();
      if (view.name === 'mobile') await noSidewaysScroll(page, 'an application');
      await settledScreenshot(page, `platforms-application-${view.name}`);
      await page.context().close();
    });
  }
});

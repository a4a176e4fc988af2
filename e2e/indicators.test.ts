// The indicator dashboard of 庆阳市 in chromium: KPI cards, trend, ranking, completion and task
// panels with data, in Chinese, nothing cut off; the tasks page with a task's milestones; staff
// creating a task with a milestone, closing a problem with a reason and entering a figure by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn, menuItem } from './browser';

const OK = /确\s*认|确\s*定|提\s*交/;

/** Nothing cut off at 1440×900: no horizontal overflow of the page or of an open dialog. */
async function assertNothingCutOff(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  const clipped = await page.evaluate(() => [...document.querySelectorAll('.ant-modal-content, .ant-drawer-content')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.className}: ${el.scrollWidth} > ${el.clientWidth}`));
  assert.deepEqual(clipped, [], 'a dialog overflows sideways');
}

async function pickDate(page: Page, scope: ReturnType<Page['getByRole']>, label: string | RegExp, date: string) {
  const input = scope.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

describe('indicators', () => {
  const suite = serverAndBrowser();

  test('庆阳市 staff see the dashboard with cards, trend, ranking and task panels', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await menuItem(page, '指标看板').click();
    await page.waitForURL((url) => url.pathname === '/indicators');
    await page.getByText('庆阳市 · 指标看板').waitFor();
    for (const name of ['高新技术企业数', '科技型中小企业数', '技术合同成交额', '研发投入强度']) {
      await page.getByTestId(/^kpi-/).filter({ hasText: name }).first().waitFor();
    }
    // the card of 高企 shows a number and a target
    const card = page.getByTestId('kpi-high_tech_enterprises');
    assert.match(await card.innerText(), /\d+\s*家[\s\S]*目标 \d+ 家/);
    assert.equal(await page.getByTestId('echart').count(), 3, 'trend, completion by indicator, ranking');
    for (const title of ['历年趋势', '各指标完成进度', '下级地区对标对表', '重点任务']) await page.getByText(title, { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: /逾期事项/ }).waitFor();
    for (const county of ['西峰区', '环县', '正宁县']) await page.getByRole('cell', { name: county, exact: true }).waitFor();
    await page.getByText(/逾期 \d+ 天/).first().waitFor();
    await page.getByText('双过半').first().waitFor();
    // nothing cut off: no horizontal overflow of the page, every card's text inside its card
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
    const clipped = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="kpi-"]')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.getAttribute('data-testid')));
    assert.deepEqual(clipped, []);
    await page.waitForTimeout(800); // chart animation
    await screenshot(page, 'indicators-dashboard');

    await menuItem(page, '重点任务与三张清单').click();
    await page.waitForURL((url) => url.pathname === '/indicators/tasks');
    await page.getByRole('columnheader', { name: '牵头科室' }).waitFor();
    await page.getByText('着力培育高水平创新主体', { exact: true }).click();
    await page.getByRole('dialog').getByText('科小入库第一批评价').waitFor();
    await screenshot(page, 'indicators-tasks');
    await page.context().close();
  });

  test('the dashboard opened directly (bookmark, reload) asks for the user and its data once each, started by the boot script', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) asked.push(`${url.pathname}${url.search}`);
    });
    await page.goto('/indicators');
    await page.getByText('庆阳市 · 指标看板').waitFor();
    await page.getByTestId('kpi-high_tech_enterprises').waitFor();
    await page.waitForLoadState('networkidle');
    const year = new Date().getFullYear();
    assert.deepEqual(asked.filter((u) => u === '/api/v1/auth/me'), ['/api/v1/auth/me'], asked.join('\n'));
    assert.deepEqual(asked.filter((u) => u.startsWith('/api/v1/indicators/dashboard')), [`/api/v1/indicators/dashboard?region=621000&year=${year}`], asked.join('\n'));
    assert.deepEqual(asked.filter((u) => u === '/api/v1/regions'), ['/api/v1/regions'], asked.join('\n'));
    // the page's own scripts came preloaded by the boot script, before the first chunk had run
    const preloaded = await page.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.getAttribute('href')));
    assert.ok(preloaded.some((href) => /\/assets\/DashboardPage-[\w-]+\.js$/.test(href ?? '')), preloaded.join(', '));
    await page.context().close();
  });

  test('staff create a task with a milestone, close a problem with a reason and enter a figure by hand', async () => {
    const page = await suite.page();
    const year = new Date().getFullYear();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await menuItem(page, '重点任务与三张清单').click();
    await page.waitForURL((url) => url.pathname === '/indicators/tasks');

    // a key task with one milestone
    await page.getByRole('button', { name: '新建任务' }).click();
    const form = page.getByRole('dialog', { name: '新建任务' });
    await form.getByLabel('任务', { exact: true }).fill('建设秦陇科技成果转化中试基地');
    await form.getByLabel('所属计划').fill('1251');
    await form.getByLabel('牵头科室').fill('成果转化科');
    await form.getByLabel('责任人', { exact: true }).fill('王强');
    await pickDate(page, form, '完成时限', `${year}-12-20`);
    await form.getByLabel('任务描述').fill('建成中试基地并投入运营，服务企业不少于 20 家');
    await form.getByRole('button', { name: '添加节点' }).click();
    await form.getByLabel('节点名称').fill('完成中试基地选址论证');
    await form.getByLabel('节点责任人').fill('李明');
    await pickDate(page, form, '节点时限', `${year}-12-10`);
    await assertNothingCutOff(page);
    await screenshot(page, 'indicators-task-form');
    await form.getByRole('button', { name: OK }).click();
    await page.getByText('已新建任务').waitFor();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('建设秦陇科技成果转化中试基地').first().waitFor();
    await drawer.getByRole('checkbox', { name: '完成中试基地选址论证' }).click();
    await page.getByText('节点已标记完成').waitFor();
    await drawer.getByText(/完成于 \d{4}-\d{2}-\d{2}/).waitFor();
    await assertNothingCutOff(page);
    await screenshot(page, 'indicators-task-created');
    await drawer.locator('.ant-drawer-close').or(page.getByRole('button', { name: 'Close' })).first().click();
    await page.getByRole('cell', { name: /建设秦陇科技成果转化中试基地/ }).waitFor();

    // close a problem with a reason and the evidence of its fix
    await page.getByRole('tab', { name: '三张清单' }).click();
    await page.getByRole('tab', { name: '问题整改' }).click();
    const row = page.getByRole('row').filter({ hasText: '科技型中小企业评价入库进度滞后于时序' });
    await row.getByRole('button', { name: '销号' }).click();
    const close = page.getByRole('dialog').filter({ hasText: '销号理由' });
    await close.getByRole('button', { name: OK }).click();
    await close.getByText('请填写销号理由').waitFor(); // no reason, no closing
    await close.getByLabel('销号理由').fill('第二批科小评价入库已完成，进度达到时序要求');
    await close.getByLabel('整改佐证').fill('省科技厅第二批入库名单（附件），各县入库数量通报');
    await close.getByRole('button', { name: OK }).click();
    await page.getByText('已销号', { exact: true }).first().waitFor();
    await row.getByText('已销号').waitFor();
    await row.getByText('第二批科小评价入库已完成，进度达到时序要求').waitFor();
    await row.getByRole('button', { name: '重新打开' }).waitFor();
    await assertNothingCutOff(page);
    await screenshot(page, 'indicators-problem-closed');

    // enter one figure by hand
    await menuItem(page, '目标与数据').click();
    await page.waitForURL((url) => url.pathname === '/indicators/targets');
    await page.getByRole('button', { name: '录入数据' }).click();
    const entry = page.getByRole('dialog', { name: '录入数据' });
    await entry.getByLabel('指标').click();
    await page.locator('.ant-select-item-option[title="技术合同成交额（万元）"]').click();
    await entry.getByLabel('期间').click({ force: true });
    await page.locator('.ant-select-item-option[title="第3季度"]').click();
    await entry.getByLabel('完成值').fill('12345.6');
    await entry.getByLabel('备注').fill('技术市场登记系统三季度报表');
    await assertNothingCutOff(page);
    await page.evaluate(() => window.scrollTo(0, 0)); // the fixed header stays on top in a full-page shot
    await screenshot(page, 'indicators-entry-form');
    await entry.getByRole('button', { name: OK }).click();
    await page.getByText('已保存').first().waitFor();
    await entry.waitFor({ state: 'hidden' });
    const saved = page.getByRole('row').filter({ hasText: '技术市场登记系统三季度报表' });
    await saved.waitFor();
    assert.match(await saved.innerText(), /技术合同成交额[\s\S]*第3季度[\s\S]*12,345\.6[\s\S]*录入/);
    await assertNothingCutOff(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'indicators-entry-saved');
    await page.context().close();
  });
});

// The indicator dashboard of 庆阳市 in chromium: KPI cards, trend, ranking, completion and task
// panels with data, in Chinese, nothing cut off; the tasks page with a task's milestones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn } from './browser';

describe('indicators', () => {
  const suite = serverAndBrowser();

  test('庆阳市 staff see the dashboard with cards, trend, ranking and task panels', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '指标看板' }).click();
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

    await page.getByRole('menuitem', { name: '重点任务与三张清单' }).click();
    await page.waitForURL((url) => url.pathname === '/indicators/tasks');
    await page.getByRole('columnheader', { name: '牵头科室' }).waitFor();
    await page.getByText('着力培育高水平创新主体', { exact: true }).click();
    await page.getByRole('dialog').getByText('科小入库第一批评价').waitFor();
    await screenshot(page, 'indicators-tasks');
    await page.context().close();
  });
});

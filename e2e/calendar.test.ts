// 工作日历 (the working-day calendar) in chromium: an administrator reads 2026 as shipped (the State
// Council's arrangement, 248 working days), reckons a deadline across 国庆节, adds a day of 2027;
// staff read it without the editing controls; screens in zh-CN, English and on a phone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { menuItem, noSidewaysScroll, screenshot, serverAndBrowser, signIn } from './browser';

/** The year picker (the select box itself: its input sits under the selected value). */
function yearSelect(page: Page) {
  return page.locator('.ant-select', { has: page.getByRole('combobox', { name: '年度' }) });
}

describe('working-day calendar', () => {
  const suite = serverAndBrowser();

  test('an administrator reads 2026, reckons a deadline across 国庆节 and adds a holiday of 2027', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'admin' }, DEMO_PASSWORD);
    await menuItem(page, '工作日历').click();
    await page.waitForURL((url) => url.pathname === '/calendar');
    const thisYear = new Date().getFullYear();
    if (thisYear !== 2026) {
      await yearSelect(page).click();
      await page.getByTitle('2026 年').click();
    }
    await page.getByRole('row').filter({ hasText: '2026-02-14 周六' }).filter({ hasText: '春节调休上班' }).waitFor();
    assert.match(await page.locator('.ant-card-extra .ant-statistic').innerText(), /248/);

    // 5 working days after Wed 30 Sep 2026: Tue 13 Oct (Oct 1–7 off, Sat 10 worked)
    const from = page.getByLabel('起算日');
    await from.click();
    await from.fill('2026-09-30');
    await from.press('Enter');
    await page.getByText('2026-10-13 周二').waitFor();
    await screenshot(page, 'calendar-admin');

    await page.getByRole('button', { name: /新增日期/ }).click();
    const dialog = page.getByRole('dialog');
    const day = dialog.getByLabel('日期');
    await day.click();
    await day.fill('2027-01-01');
    await day.press('Enter');
    await dialog.getByLabel('名称', { exact: true }).fill('元旦');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已保存 2027-01-01').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await yearSelect(page).click();
    await page.getByTitle('2027 年').click();
    await page.getByRole('row').filter({ hasText: '2027-01-01 周五' }).filter({ hasText: '元旦' }).waitFor();
    await page.context().close();
  });

  test('staff read it without editing; English and a phone', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await page.goto('/calendar');
    await page.getByText('工作日期限计算').waitFor();
    assert.equal(await page.getByRole('button', { name: /新增日期/ }).count(), 0, 'staff cannot add days');
    assert.equal(await page.getByText('修改', { exact: true }).count(), 0, 'staff cannot change days');

    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByText('工作日期限计算').waitFor();
    await noSidewaysScroll(page, 'the calendar on a phone');
    await screenshot(page, 'calendar-staff-mobile');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => localStorage.setItem('kechuang.lang', 'en'));
    await page.reload();
    await page.getByText('Deadline in working days').waitFor();
    await page.getByText('Working days in the year').waitFor();
    await screenshot(page, 'calendar-staff-en');
    await page.context().close();
  });
});

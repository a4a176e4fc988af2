// Issue 10 (data entry that cannot surprise), seen in the browser in zh-CN, in English and at
// 375×812: the import preview of an untouched template, the enterprise detail's 查看完整号码, the
// statistics drawer in 万元, the registration form with its licence and the review drawer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser } from './browser';

const VIEWS = [
  { name: 'zh', lang: 'zh-CN', width: 1440, height: 900 },
  { name: 'en', lang: 'en', width: 1440, height: 900 },
  { name: 'mobile', lang: 'zh-CN', width: 375, height: 812 },
] as const;

describe('data entry that cannot surprise (screens)', () => {
  const suite = serverAndBrowser();

  async function pageFor(view: (typeof VIEWS)[number]): Promise<Page> {
    const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: view.width, height: view.height }, locale: view.lang });
    await context.addInitScript((lang) => localStorage.setItem('kechuang.lang', lang), view.lang);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  async function signInApi(page: Page, username: string) {
    await page.goto('/login');
    const res = await page.request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD },
      headers: { 'x-xsrf-token': (await page.context().cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '' } });
    assert.equal(res.status(), 200, await res.text());
  }

  for (const view of VIEWS) {
    test(`screens [${view.name}]`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kechuang-e2e-entry-'));
      const page = await pageFor(view);

      // staff: the untouched template previews as nothing to import
      await signInApi(page, 'qingyang');
      await page.goto('/enterprises/import');
      const template = await page.request.get('/api/v1/enterprises/template?kind=enterprises');
      const file = join(dir, 'template.xlsx');
      writeFileSync(file, Buffer.from(await template.body()));
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-preview').waitFor();
      assert.ok(await page.getByTestId('import-confirm').isDisabled());
      await screenshot(page, `entry-import-template-${view.name}`);

      // staff: the detail of a 西峰区 firm, mobile masked, then revealed
      const list = await (await page.request.get('/api/v1/enterprises?q=陇东能源')).json();
      const id = list.items[0].id;
      await page.goto(`/enterprises/${id}`);
      await page.getByTestId('reveal-phone').waitFor();
      await screenshot(page, `entry-phone-masked-${view.name}`);
      await page.getByTestId('reveal-phone').click();
      await page.getByTestId('contact-phone-full').waitFor();
      await screenshot(page, `entry-phone-revealed-${view.name}`);

      // staff: the review drawer of a pending registration (demo qy_ent3, registered without documents)
      await page.goto('/registrations');
      await page.locator('[data-testid^="review-"]').first().click();
      await page.locator('.ant-drawer-content').waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, `entry-registration-review-${view.name}`);

      // enterprise: a new year of statistics, empty, in 万元
      await page.context().clearCookies();
      await signInApi(page, 'qy_ent1');
      await page.goto('/my-enterprise?tab=stats');
      const addYear = page.getByRole('button', { name: view.lang === 'en' ? /add a year|fill in/i : '填报年度' });
      await addYear.first().click();
      await page.locator('.ant-drawer-content input#salesRevenue').waitFor();
      assert.equal(await page.locator('.ant-drawer-content input#salesRevenue').inputValue(), '');
      await screenshot(page, `entry-stats-new-year-${view.name}`);

      // anyone: the registration form with its documents
      await page.context().clearCookies();
      await page.goto('/register');
      await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
      await screenshot(page, `entry-register-${view.name}`);

      await page.context().close();
      rmSync(dir, { recursive: true, force: true });
    });
  }
});

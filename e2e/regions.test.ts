// 区划管理 with townships and villages (issue 14, item 1): a county's townships and a township's villages
// are loaded when opened (one request each, never the whole list), with level and 城乡分类; at 375 px the
// page does not scroll sideways; an import of the statistics bureau's table is previewed row by row.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from '../src/server/exceljs';
import { DEMO_PASSWORD } from './server';
import { noSidewaysScroll, screenshot, serverAndBrowser, signIn } from './browser';

describe('区划管理: townships and villages', () => {
  const suite = serverAndBrowser();

  test('opening 环县 and 环城镇 loads each level once; a phone shows it without sideways scroll', async () => {
    const page = await suite.page();
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/regions')) asked.push(new URL(r.url()).pathname + new URL(r.url()).search); });
    await signIn(page, { username: 'admin' }, DEMO_PASSWORD);
    await page.goto('/regions');
    const row = (code: string) => page.locator(`tr[data-row-key="${code}"]`);
    await row('621000').locator('.ant-table-row-expand-icon').click();
    await row('621022').locator('.ant-table-row-expand-icon').click();
    await row('621022100').getByText('环城镇').waitFor();
    // the bureau's 2023 list: 20 townships in 环县, each with its villages counted
    assert.equal(await page.locator('tr[data-row-key]').evaluateAll(
      (rows) => rows.filter((r) => /^621022\d{3}$/.test(r.getAttribute('data-row-key') ?? '')).length), 20);
    await row('621022100').getByText(/个下级/).waitFor();
    await row('621022100').locator('.ant-table-row-expand-icon').click();
    await row('621022100200').getByText('五里屯村委会').waitFor();
    await row('621022100200').getByText('村/社区').waitFor();
    assert.deepEqual(asked.filter((u) => u.startsWith('/api/v1/regions?')), ['/api/v1/regions?parent=621022', '/api/v1/regions?parent=621022100']);
    await screenshot(page, 'regions-villages');

    await page.setViewportSize({ width: 375, height: 812 });
    await row('621022100200').getByText('621022100200').waitFor();
    await noSidewaysScroll(page, '区划管理 at 375 px');
    await page.context().close();
  });

  test('the bureau\'s table (统计用区划代码 | 城乡分类代码 | 名称) is previewed with its problems and imported', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'admin' }, DEMO_PASSWORD);
    await page.goto('/regions');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('村');
    sheet.addRow(['统计用区划代码', '城乡分类代码', '名称']);
    sheet.addRow(['621022101000', '', '曲子镇']);
    sheet.addRow(['621022101290', '220', '新建村委会']);
    sheet.addRow(['621022399201', '220', '无乡镇的村']);
    const file = join(mkdtempSync(join(tmpdir(), 'kc-regions-')), 'villages.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(file);
    const modal = page.locator('.ant-modal');
    await modal.getByText('所属乡镇（代码前 9 位）不存在', { exact: false }).waitFor();
    await screenshot(page, 'regions-import-preview');

    // without the bad row the same kind of file goes in, and the new village shows under its township
    sheet.spliceRows(4, 1);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await modal.locator('.ant-modal-close').click();
    await modal.waitFor({ state: 'hidden' });
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-confirm').click();
    await page.locator('.ant-modal').getByText('导入成功：新增 1 条，更新 0 条').waitFor();
    const added = await page.evaluate(async () => (await (await fetch('/api/v1/regions?parent=621022101')).json()).items
      .find((v: { code: string }) => v.code === '621022101290'));
    assert.equal(added?.urbanRuralClass, '220');
    await page.context().close();
  });
});

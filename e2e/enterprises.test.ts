// (M3) 企业库, 企业详情 with statistics charts and 资格评估, 培育看板 and 企业导入 as staff;
// 我的企业 with its statistics and assessment as an enterprise user.
// KECHUANG_E2E_URL=http://host:port runs the specs against a server that is already running.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeUscc } from '../src/domain/uscc';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { launchBrowser, newPage, screenshot, signIn, signOut, menuItem } from './browser';

/** Waits until `count` ECharts canvases are on the page, each with a non-zero size. */
async function chartsRendered(page: Page, count: number): Promise<void> {
  const canvases = page.locator('[data-testid="echart"] canvas');
  await canvases.nth(count - 1).waitFor();
  const sizes = await canvases.evaluateAll((nodes) => nodes.map((node) => [(node as HTMLCanvasElement).width, (node as HTMLCanvasElement).height]));
  assert.ok(sizes.length >= count, `expected ${count} charts, found ${sizes.length}`);
  for (const [width, height] of sizes) assert.ok(width > 0 && height > 0, `chart canvas is ${width}×${height}`);
}

/** One sign-in and one registry query over HTTP, so the first browser step does not meet a cold server. */
async function warmUp(baseUrl: string): Promise<void> {
  const health = await fetch(`${baseUrl}/api/v1/health`);
  const cookies = health.headers.getSetCookie().map((c) => c.split(';')[0]);
  const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(xsrf), Cookie: cookies.join('; ') },
    body: JSON.stringify({ username: 'qingyang', password: DEMO_PASSWORD }),
  });
  const session = [...cookies, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  await fetch(`${baseUrl}/api/v1/enterprises?pageSize=1`, { headers: { Cookie: session } });
  await fetch(`${baseUrl}/`);
}

/** Opens a tab of the enterprise detail page. */
async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

describe('enterprises (M3)', () => {
  let server: RunningServer;
  let browser: Browser;
  let baseUrl: string;

  before(async () => {
    if (process.env.KECHUANG_E2E_URL) {
      baseUrl = process.env.KECHUANG_E2E_URL;
    } else {
      server = await startServer();
      baseUrl = server.baseUrl;
    }
    await warmUp(baseUrl);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('staff: registry filtered by 高新技术企业, detail, statistics, assessment, cultivation, import', async () => {
    const page = await newPage(browser, baseUrl);
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);

    // Home shortcuts of staff.
    await page.getByRole('main').getByLabel('企业库').waitFor();
    await page.getByRole('main').getByLabel('培育看板').waitFor();

    // 企业库
    await menuItem(page, '企业库').click();
    await page.waitForURL((url) => url.pathname === '/enterprises');
    await page.getByRole('button', { name: '新增企业' }).waitFor();
    await page.getByRole('button', { name: '导出 Excel' }).waitFor();
    await page.getByRole('columnheader', { name: '统一社会信用代码' }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByText(/共 \d+ 条/).waitFor();
    const before = await page.getByText(/共 \d+ 条/).textContent();

    // Filter by tier 高新技术企业 (the field is in the folded part of the form).
    await page.getByText('展开').click();
    await page.getByLabel('当前梯次').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '高新技术企业' }).click();
    await page.getByRole('button', { name: '查 询' }).or(page.getByRole('button', { name: '查询' })).click();
    await page.waitForFunction((text) => {
      const total = [...document.querySelectorAll('.ant-pagination-total-text')].map((n) => n.textContent).join('');
      return total !== '' && total !== text;
    }, before);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const rowCount = await rows.count();
    assert.ok(rowCount > 0, 'some 高企 are listed');
    for (let i = 0; i < rowCount; i++) {
      assert.match((await rows.nth(i).textContent()) ?? '', /高新技术企业/, `row ${i} holds 高新技术企业`);
    }
    await screenshot(page, 'enterprises-list-hightech');

    // 企业详情
    const first = rows.first().locator('a').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL((url) => /^\/enterprises\/\d+$/.test(url.pathname));
    await page.locator('.ant-page-header-heading-title', { hasText: name }).waitFor();
    await page.getByRole('tab', { name: '基本信息', selected: true }).waitFor();
    await page.getByText('统一社会信用代码').first().waitFor();
    await page.getByRole('main').getByText('高新技术企业').first().waitFor();
    await screenshot(page, 'enterprise-detail');

    await openTab(page, '梯次认定');
    await page.getByRole('button', { name: '新增认定' }).waitFor();
    await page.getByRole('cell', { name: /^GR\d+/ }).first().waitFor();
    await screenshot(page, 'enterprise-tiers');

    await openTab(page, '年度统计');
    await page.getByRole('columnheader', { name: '研发费用占比' }).waitFor();
    await page.getByText('已确认').first().waitFor();
    await page.getByText('收入与研发投入').waitFor();
    await page.getByText('人员结构').waitFor();
    await chartsRendered(page, 2);
    await screenshot(page, 'enterprise-stats');

    await openTab(page, '资格评估');
    await page.getByText('评估基准日').waitFor();
    await page.getByTestId('assessment-hightech').getByText('注册满一年').waitFor();
    await page.getByTestId('assessment-hightech').getByText('创新能力评价').first().waitFor();
    await page.getByTestId('assessment-techsme').getByText('职工总数不超过 500 人').waitFor();
    await page.getByTestId('assessment-rd').getByText('预计最多少缴企业所得税').waitFor();
    assert.ok((await page.locator('[data-status]').count()) >= 15, 'one status icon per condition');
    await screenshot(page, 'enterprise-assessment');

    // 培育看板
    // by address: from a detail page the 创新主体 menu group may be folded
    await page.goto('/enterprises/cultivation');
    await page.getByText(/科技型中小企业（\d{4} 年）/).waitFor();
    await page.getByText(/高新技术企业（(截至 \d{4}-\d{2}-\d{2}|\d{4} 年末)）/).waitFor(); // its as-of, as the indicator dashboard's
    await page.getByText('规上工业企业“四有”覆盖率').waitFor();
    await page.getByText('高企证书 6 个月内到期').waitFor();
    await page.getByText('高企后备培育库（按差距排序）').waitFor();
    await chartsRendered(page, 2);
    await screenshot(page, 'enterprises-cultivation');

    // 企业导入: choosing a file previews it; a statistics file with a bad row lists the row, column,
    // value and reason, and 确认导入 stays disabled (nothing is imported).
    await page.goto('/enterprises/import'); // by address, as 培育看板: the menu is not what is tested here
    await page.getByRole('button', { name: '下载导入模板' }).waitFor();
    await page.getByText('年度统计', { exact: true }).click();
    const template = await page.request.get('/api/v1/enterprises/template?kind=statistics');
    assert.equal(template.status(), 200);
    const { default: ExcelJS } = await import('../src/server/exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.body()) as never);
    const sheet = workbook.worksheets[0];
    const width = sheet.getRow(1).cellCount;
    sheet.addRow(['91621002MA71QY0014', 'not-a-year', ...Array.from({ length: width - 2 }, () => -1)]);
    const dir = mkdtempSync(join(tmpdir(), 'kechuang-e2e-import-'));
    const file = join(dir, 'bad-statistics.xlsx');
    await workbook.xlsx.writeFile(file);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText(/有 \d+ 处问题，整份文件不会导入/).waitFor();
    await page.getByRole('columnheader', { name: '问题' }).waitFor();
    assert.ok((await page.locator('.ant-table-tbody tr.ant-table-row').count()) > 1, 'every bad cell has a row');
    assert.ok(await page.getByTestId('import-confirm').isDisabled(), 'a file with problems cannot be imported');
    await screenshot(page, 'enterprises-import-errors');
    // the untouched template previews as nothing to import
    const untouched = join(dir, 'template.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(untouched, Buffer.from(await template.body()));
    await page.locator('input[type=file]').setInputFiles(untouched);
    await page.getByText('文件中没有可导入的数据行', { exact: false }).waitFor();
    assert.ok(await page.getByTestId('import-confirm').isDisabled());
    await screenshot(page, 'enterprises-import-template-empty');
    rmSync(dir, { recursive: true, force: true });

    await signOut(page);
    await page.context().close();
  });

  test('enterprise user: 我的企业 with its statistics and assessment', async () => {
    const page = await newPage(browser, baseUrl);
    await signIn(page, { username: 'qy_ent1' }, DEMO_PASSWORD);
    await page.getByRole('main').getByLabel('我的企业').waitFor();
    await page.getByRole('main').getByLabel('资格评估').waitFor();
    await screenshot(page, 'home-enterprise-shortcuts');

    await menuItem(page, '我的企业').click();
    await page.waitForURL((url) => url.pathname === '/my-enterprise');
    await page.locator('.ant-page-header-heading-title', { hasText: '庆阳市陇东能源装备科技有限公司' }).waitFor();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    // The enterprise sees only its own menu entries, not the registry.
    assert.equal(await menuItem(page, '企业库').count(), 0);
    await screenshot(page, 'my-enterprise');

    await openTab(page, '年度统计');
    await page.getByRole('cell', { name: '2025', exact: true }).waitFor();
    await page.getByRole('button', { name: '填报年度' }).waitFor();
    await chartsRendered(page, 2);
    await screenshot(page, 'my-enterprise-stats');

    // A confirmed year opens read-only.
    await page.locator('.ant-table-tbody tr', { hasText: '2025' }).getByText('查看').click();
    await page.getByText('2025 年度统计').waitFor();
    await page.getByText('6,300.00').first().waitFor(); // amounts in 万元 now, as in the table
    await page.locator('.ant-drawer-close').click();
    await page.getByText('2025 年度统计').waitFor({ state: 'hidden' });

    // Fill in a new year: it defaults to the year after the latest filed one and starts empty (必填
    // triggers); amounts in 万元 with two decimals; the relations are checked first; a tenfold
    // change from last year asks before saving.
    await page.getByRole('button', { name: '填报年度' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('填报新年度统计').waitFor();
    const year = (await drawer.locator('.ant-select-selection-item').first().textContent())!.trim();
    assert.ok(Number(year) > 2025, `the default year ${year} is newer than the years filed`);
    assert.equal(await drawer.locator('input#salesRevenue').inputValue(), '', 'nothing pre-filled');
    await drawer.getByRole('button', { name: /确\s*定|提\s*交/ }).click();
    await drawer.getByText('请填写金额（万元，最多两位小数；没有请填 0）').first().waitFor();
    await screenshot(page, 'my-enterprise-stats-drawer-required');
    const figures: Record<string, string> = { salesRevenue: '3000', totalRevenue: '2000', hightechRevenue: '1500', rdExpense: '180.5', rdExpenseDomestic: '180.5',
      totalCostExpense: '1800', totalAssets: '4000', totalLiabilities: '1500', staff: '120', scienceStaff: '18', rdStaff: '10', ipClass1: '1', ipClass2: '4', transformations: '2' };
    for (const [id, value] of Object.entries(figures)) await drawer.locator(`input#${id}`).fill(value);
    await drawer.getByRole('button', { name: /确\s*定|提\s*交/ }).click();
    await drawer.getByText('不能大于总收入').first().waitFor();
    await drawer.locator('input#salesRevenue').fill('123456.78');
    await drawer.locator('input#salesRevenue').blur();
    assert.equal(await drawer.locator('input#salesRevenue').inputValue(), '123,456.78');
    await drawer.locator('input#totalRevenue').fill('123500');
    await drawer.locator('input#totalRevenue').blur();
    await screenshot(page, 'my-enterprise-stats-drawer');
    await drawer.getByRole('button', { name: /确\s*定|提\s*交/ }).click();
    // 123,456.78 万元 against last year's 6,300 万元: asked, then saved on confirmation
    await page.getByTestId('tenfold-list').waitFor();
    await screenshot(page, 'my-enterprise-stats-tenfold');
    await page.getByRole('button', { name: '确认无误，保存' }).click();
    await page.getByText(`已保存 ${year} 年度统计`).waitFor();
    const row = page.locator('.ant-table-tbody tr', { hasText: new RegExp(`^${year}`) });
    await row.getByText('草稿').waitFor();
    await row.getByText('提交审核').click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(`已提交 ${year} 年度统计`).waitFor();
    await row.getByText('待审核').waitFor();
    process.env.KECHUANG_E2E_SUBMITTED_YEAR = year;

    await openTab(page, '资格评估');
    await page.getByTestId('assessment-hightech').waitFor();
    await page.getByTestId('assessment-hightech').getByText(/尚需补齐|各项条件均已满足/).waitFor();
    await page.getByTestId('assessment-techsme').getByText(/尚需补齐|各项条件均已满足/).waitFor();
    await page.getByText('研发费用加计扣除').waitFor();
    await screenshot(page, 'my-enterprise-assessment');

    await signOut(page);
    await page.context().close();
  });

  test('staff: returns the submitted year with a comment', async () => {
    const year = process.env.KECHUANG_E2E_SUBMITTED_YEAR;
    assert.ok(year, 'the enterprise test submitted a year');
    const page = await newPage(browser, baseUrl);
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await page.goto('/enterprises/1?tab=stats');
    const row = page.locator('.ant-table-tbody tr', { hasText: new RegExp(`^${year}`) });
    await row.getByText('待审核').waitFor();
    await row.getByText('退回').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`退回 ${year} 年度统计`).waitFor();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写退回意见').waitFor();
    await dialog.getByRole('textbox').fill('销售收入与财务报表不一致，请核对');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(`已退回 ${year} 年度统计`).waitFor();
    await row.getByText('已退回').waitFor();
    await screenshot(page, 'enterprise-stats-returned');
    await signOut(page);
    await page.context().close();
  });

  test('staff: 新增企业 checks USCC and mobile, then a concurrent edit answers 409 and reloads', async () => {
    const page = await newPage(browser, baseUrl);
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await page.goto('/enterprises');
    await page.getByRole('button', { name: '新增企业' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('新增企业').first().waitFor();
    await dialog.getByLabel('企业名称').fill('庆阳e2e测试科技有限公司');
    await dialog.getByLabel('统一社会信用代码').fill('91621002MA71QY0015');
    await dialog.getByLabel('联系人', { exact: true }).fill('张三');
    await dialog.getByLabel('联系电话').fill('1380000');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('统一社会信用代码格式或校验位不正确').waitFor();
    await dialog.getByText('请输入 11 位手机号（以 13–19 开头）').waitFor();
    await screenshot(page, 'enterprises-create-errors');

    const uscc = makeUscc(`91621002MA7E2E${String(Date.now() % 1000).padStart(3, '0')}`);
    await dialog.getByLabel('统一社会信用代码').fill(uscc);
    await dialog.getByLabel('联系电话').fill('13912345678');
    await dialog.getByLabel('行业代码').fill('C3831');
    await dialog.getByText('电气机械和器材制造业').waitFor();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.waitForURL((url) => /^\/enterprises\/\d+$/.test(url.pathname));
    await page.locator('.ant-page-header-heading-title', { hasText: '庆阳e2e测试科技有限公司' }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    // Someone else saves the profile while the form is open: 409, message, reload.
    await page.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('法定代表人').fill('李四');
    const xsrf = (await page.context().cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    const other = await page.request.patch(`/api/v1/enterprises/${id}`, { data: { version: 1, address: '庆阳市西峰区某路 1 号' }, headers: { 'X-XSRF-TOKEN': xsrf } });
    assert.equal(other.status(), 200);
    await edit.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('记录已被他人修改').waitFor();
    await page.getByText('已重新加载最新数据，请核对后再修改').waitFor();
    await page.getByText('庆阳市西峰区某路 1 号').waitFor();

    // Saved again on the fresh version.
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByLabel('法定代表人').fill('李四');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.getByRole('cell', { name: '李四', exact: true }).waitFor();
    await screenshot(page, 'enterprise-profile-saved');
    await signOut(page);
    await page.context().close();
  });
});

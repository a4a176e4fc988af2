// The policy library in chromium: the public portal without sign-in (search across scripts, 文号,
// detail), staff search with facets, a review round, and the enterprise's 可享政策 page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn } from './browser';

describe('policy library', () => {
  const suite = serverAndBrowser();

  test('the public portal searches without sign-in, in either script and by 文号', async () => {
    const page = await suite.page();
    await page.goto('/portal');
    await page.getByText('科技政策服务门户').waitFor();
    await page.getByText('关于开展2025年度科技型中小企业评价入库工作的通知').waitFor();
    await screenshot(page, 'portal-home');
    await page.locator('input[data-testid="policy-search"], [data-testid="policy-search"] input').first().fill('技术合同认定登记');
    await page.locator('input[data-testid="policy-search"], [data-testid="policy-search"] input').first().press('Enter');
    await page.getByTestId('policy-result').first().getByText('技術合同認定登記管理辦法').waitFor();
    await screenshot(page, 'portal-search-traditional');
    await page.locator('input[data-testid="policy-search"], [data-testid="policy-search"] input').first().fill('国办发[2016]32号');
    await page.locator('input[data-testid="policy-search"], [data-testid="policy-search"] input').first().press('Enter');
    await page.getByTestId('policy-result').first().getByText('国务院办公厅关于深入推行科技特派员制度的若干意见').waitFor();
    await page.getByTestId('policy-result').first().getByRole('link').click();
    await page.getByText('政策解读').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/portal\/policies\/\d+$/);
    await screenshot(page, 'portal-detail');
  });

  test('staff filter by facets, see the reach of a policy and run a review round', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await page.goto('/policies');
    await page.getByTestId('policy-result').first().waitFor();
    await page.getByTestId('facet-level-city').click();
    await page.getByText('庆阳市科技创新券管理办法（试行）').waitFor();
    await screenshot(page, 'policies-list');
    await page.getByText('庆阳市高新技术企业培育奖励办法（修订）').click();
    await page.getByText('版本关系').waitFor();
    await screenshot(page, 'policy-detail');
    await page.getByRole('tab', { name: '精准推送' }).click();
    await page.getByText(/符合条件的企业/).waitFor();
    await screenshot(page, 'policy-reach');
    await page.goto('/policies/new');
    await page.getByText('上传 .docx / .txt / .html 提取正文').waitFor();
    await screenshot(page, 'policy-edit');
    await page.goto('/policies/reviews');
    await page.getByRole('button', { name: '发起审查' }).click();
    await page.getByLabel('审查名称').fill('2025年度政策清理');
    await page.locator('.ant-modal .ant-select-selector').first().click();
    await page.getByText('庆阳市科技创新券管理办法（试行）（庆科发〔2024〕15号）').click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'OK' }).or(page.getByRole('button', { name: '确 定' })).or(page.getByRole('button', { name: '确定' })).first().click();
    await page.getByRole('button', { name: '导出 Word 报告' }).waitFor();
    await screenshot(page, 'policy-review');
  });

  test('an enterprise sees the policies it qualifies for and what it lacks', async () => {
    const page = await suite.page();
    await signIn(page, { username: 'qy_ent1' }, DEMO_PASSWORD);
    await page.goto('/my-policies');
    await page.getByText(/现在即可享受的政策/).waitFor();
    await page.getByTestId('qualified-policy').first().waitFor();
    await screenshot(page, 'my-policies');
  });
});

// (b) An enterprise in 西峰区 registers, 庆阳市科技局 approves it, the enterprise signs in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc, USCC_CHARSET } from '../src/domain/uscc';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn, signOut, menuItem } from './browser';

function randomUscc(): string {
  // 9 = registered with industry and commerce, 1 = enterprise, 621002 = 西峰区, then 9 random characters.
  let orgCode = '';
  for (let i = 0; i < 9; i++) orgCode += USCC_CHARSET[Math.floor(Math.random() * USCC_CHARSET.length)];
  return makeUscc(`91621002${orgCode}`);
}

describe('registration and approval', () => {
  const suite = serverAndBrowser();

  test('register → approve → sign in', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const orgName = `西峰区测试新材料科技有限公司${suffix}`;
    const username = `e2e_ent_${suffix}`;
    const password = 'Xf#Test2026';

    const page = await suite.page();
    await page.goto('/login');
    await page.getByRole('link', { name: '立即注册' }).click();
    await page.waitForURL((url) => url.pathname === '/register');
    await page.getByRole('heading', { name: '单位注册' }).waitFor();

    // Client-side checks before anything is sent.
    await page.getByLabel('统一社会信用代码').fill('91621002MA71QY0010');
    await page.getByLabel('联系人手机号').fill('12345');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('统一社会信用代码格式或校验位不正确').waitFor();
    await page.getByText('请输入 11 位手机号（以 13–19 开头）').waitFor();
    await screenshot(page, 'register-errors');

    await page.getByText('企业', { exact: true }).click();
    await page.getByLabel('单位名称').fill(orgName);
    await page.getByLabel('统一社会信用代码').fill(randomUscc());
    await page.getByLabel('所在地区').click();
    // The region cascader expands on hover; a click selects (any level may be chosen).
    await page.getByRole('menuitemcheckbox', { name: '甘肃省' }).hover();
    await page.getByRole('menuitemcheckbox', { name: '庆阳市' }).hover();
    await page.getByRole('menuitemcheckbox', { name: '西峰区' }).click();
    await page.getByLabel('联系人', { exact: true }).fill('测试联系人');
    await page.getByLabel('联系人手机号').fill('13912345678');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    // no licence yet: refused before sending
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('请上传营业执照').waitFor();
    // a "licence" that is a text file renamed .png is refused by the server (content, not name)
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'kechuang-e2e-licence-'));
    const fake = join(dir, 'fake.png');
    writeFileSync(fake, 'not an image');
    const licence = join(dir, '营业执照.png');
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
    writeFileSync(licence, png);
    const files = page.locator('input[type=file]');
    await files.nth(0).setInputFiles(fake);
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('只支持 JPG、PNG、PDF 文件').first().waitFor();
    await files.nth(0).setInputFiles(licence);
    await screenshot(page, 'register-filled');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('已提交，等待所在地区科技局审核').waitFor();
    await screenshot(page, 'register-done');

    // Not approved yet: the sign-in is refused with the server's message.
    await page.goto('/login');
    await page.getByPlaceholder('请输入用户名').fill(username);
    await page.getByPlaceholder('请输入密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');

    // 庆阳市科技局 approves it.
    await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
    await menuItem(page, '注册审核').click();
    await page.waitForURL((url) => url.pathname === '/registrations');
    const row = page.getByRole('row').filter({ hasText: orgName });
    await row.waitFor();
    await screenshot(page, 'registrations-pending');
    // 审核: the registration beside its licence, then 通过
    await row.getByText('审核', { exact: true }).click();
    await page.getByTestId('document-license').locator('img').waitFor();
    await page.getByText('校验位正确').waitFor();
    await screenshot(page, 'registrations-review');
    await page.getByTestId('review-approve').click();
    // The approval's own answer first: when the toast below is missed, this says whether the
    // server refused, failed or was slow (a CI run once timed out here with nothing else to go on).
    const approveAnswer = page.waitForResponse(
      (response) => /\/api\/v1\/organizations\/\d+\/approve$/.test(new URL(response.url()).pathname),
      { timeout: 60_000 },
    );
    const clickedAt = Date.now();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    const approved = await approveAnswer;
    assert.equal(approved.status(), 200, `approve answered ${approved.status()} after ${Date.now() - clickedAt} ms: ${await approved.text()}`);
    rmSync(dir, { recursive: true, force: true });
    await page.getByText(`已通过 ${orgName}`).waitFor();
    await screenshot(page, 'registrations-approved');
    await signOut(page);

    // The enterprise signs in and sees 首页 with its organisation.
    await signIn(page, { username }, password);
    await menuItem(page, '首页').waitFor();
    await page.getByText('单位信息').waitFor();
    await page.getByText(orgName).first().waitFor();
    await page.getByText('已通过').waitFor();
    await screenshot(page, 'home-enterprise');
    await page.context().close();
  });
});

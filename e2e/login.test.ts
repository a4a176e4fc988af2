// (a) Sign in by username as the demo admin and by mobile number as a demo staff member.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, signIn, signOut, menuItem } from './browser';

describe('sign-in', () => {
  const suite = serverAndBrowser();

  test('admin signs in with username and sees the admin menu', async () => {
    const page = await suite.page();
    // signed out, / is the public portal; its sign-in button leads to the sign-in page
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/portal');
    await page.goto('/login');
    await page.getByRole('heading', { name: '科创 · 区域科技创新管理与服务平台' }).waitFor();
    // the way back to the portal, and how to get a password reset
    await page.getByRole('link', { name: '政策服务门户（无需登录）' }).waitFor();
    await page.getByText('忘记密码？').click();
    await page.getByText(/联系本地区科技局或平台的系统管理员重置密码/).waitFor();
    await screenshot(page, 'login-forgot');
    await screenshot(page, 'login-zh');

    // A wrong password shows the server's message and stays on the page.
    await page.getByPlaceholder('请输入用户名').fill('admin');
    await page.getByPlaceholder('请输入密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await screenshot(page, 'login-error');

    await signIn(page, { username: 'admin' }, DEMO_PASSWORD);
    await page.getByText('系统管理员，欢迎使用科创平台').waitFor();
    for (const item of ['用户管理', '注册审核', '区划管理', '审计日志']) {
      await menuItem(page, item).first().waitFor();
    }
    await screenshot(page, 'home-admin');

    await menuItem(page, '用户管理').click();
    await page.waitForURL((url) => url.pathname === '/users');
    await page.getByRole('main').getByText('qingyang', { exact: true }).waitFor();
    await screenshot(page, 'users');

    await menuItem(page, '区划管理').click();
    await page.waitForURL((url) => url.pathname === '/regions');
    await page.getByRole('cell', { name: '甘肃省', exact: true }).waitFor();
    await screenshot(page, 'regions');

    await menuItem(page, '审计日志').click();
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.getByText('登录成功').first().waitFor(); // the action in words, not its code
    await screenshot(page, 'audit');

    await signOut(page);
    await page.context().close();
  });

  test('staff signs in with mobile number and sees registrations', async () => {
    const page = await suite.page();
    await signIn(page, { phone: '13800000002' }, DEMO_PASSWORD);
    await page.getByText('庆阳市科技局 李明，欢迎使用科创平台').waitFor();
    // the quick link, not the 待办 card's "注册审核 N"
    await page.getByRole('main').getByRole('link', { name: '注册审核', exact: true }).waitFor();
    await page.getByText(/待审核 \d+ 家/).waitFor();
    assert.equal(await menuItem(page, '审计日志').count(), 0, 'staff must not see the audit log');
    await screenshot(page, 'home-staff');

    await menuItem(page, '注册审核').click();
    await page.waitForURL((url) => url.pathname === '/registrations');
    await page.getByRole('cell', { name: '环县草畜产业科技发展有限公司' }).waitFor();
    await screenshot(page, 'registrations');
    await page.context().close();
  });
});

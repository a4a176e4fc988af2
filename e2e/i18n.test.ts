// (c) Switching to English changes the sign-in page and the menu, and the choice persists.
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from './server';
import { screenshot, serverAndBrowser, menuItem } from './browser';

describe('language switch', () => {
  const suite = serverAndBrowser();

  test('English sign-in page and menu', async () => {
    const page = await suite.page();
    await page.goto('/login');
    await page.getByRole('tab', { name: '账号密码登录' }).waitFor();
    await page.getByRole('button', { name: '语言' }).hover();
    await menuItem(page, 'English').click();

    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('tab', { name: 'Mobile number' }).waitFor();
    await page.getByRole('link', { name: 'Register now' }).waitFor();
    await screenshot(page, 'login-en');

    // A refused sign-in comes back in English from the server too.
    await page.getByPlaceholder('Username').fill('admin');
    await page.getByPlaceholder('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'login-en-error');

    await page.getByPlaceholder('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    for (const item of ['Home', 'Users', 'Registrations', 'Regions', 'Audit log']) {
      await menuItem(page, item).first().waitFor();
    }
    await page.getByText('Welcome, ').waitFor();
    await screenshot(page, 'home-admin-en');

    // The choice survives a reload.
    await page.reload();
    await menuItem(page, 'Users').click();
    await page.getByRole('button', { name: 'New user' }).waitFor();
    await screenshot(page, 'users-en');

    // And switching back gives Chinese again.
    await page.getByRole('button', { name: 'Language' }).hover();
    await menuItem(page, '简体中文').click();
    await menuItem(page, '用户管理').waitFor();
    await page.context().close();
  });
});

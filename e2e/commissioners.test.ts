// 科技特派员 (issue 14, items 3–5) in chromium on a phone (375 × 812): tepai1 (马强, 环县) adds a service
// log with a photo from the camera input and sees it; with the network switched off a log is kept on
// the phone, shown as 待发送, survives a reload without a connection (service worker + IndexedDB), and
// once the network is back it is sent once — the API finds exactly one log with that content, and
// replaying the same clientId answers that log. Nothing scrolls sideways. The bureau (qingyang)
// opens the coverage page and sees the share the API computes; screens in zh-CN, English and on a phone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';
import { Api } from './api';
import { noSidewaysScroll, SCREENSHOTS, serverAndBrowser, settledScreenshot, signIn } from './browser';

/** A small solid-colour PNG, made here (a photo "from the camera"). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (bytes: Buffer) => { let c = 0xffffffff; for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function phone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Writes a log through the form: the date, dispatch and place keep their defaults. */
async function writeLog(page: Page, content: string, withPhoto: boolean) {
  await page.getByTestId('add-log').click();
  const form = page.getByTestId('log-form');
  await form.getByRole('radio', { name: '培训' }).click();
  await form.getByLabel('服务内容').fill(content);
  await form.getByLabel('培训人数').fill('28');
  if (withPhoto) {
    await form.getByTestId('log-photo-input').setInputFiles({ name: 'field.png', mimeType: 'image/png', buffer: png(48, 32, [86, 160, 64]) });
    await form.getByTestId('log-photo-preview').waitFor();
  }
  await form.getByRole('button', { name: '保存日志' }).click();
  await form.waitFor({ state: 'detached' });
}

/** Waits until the service worker controls the page and keeps every file the page loaded. */
async function offlineReady(page: Page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const assets = await caches.open('kc-assets-v1');
    const api = await caches.open('kc-api-v1');
    const loaded = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).pathname.startsWith('/assets/'));
    const kept = await Promise.all(loaded.map((u) => assets.match(u)));
    return kept.every(Boolean) && !!(await api.match('/api/v1/auth/me', { ignoreVary: true })) && !!(await caches.match('/index.html'));
  }, undefined, { timeout: 30_000, polling: 500 });
}

describe('科技特派员', () => {
  const suite = serverAndBrowser();

  test('tepai1 adds a service log with a photo on a phone and sees it', async () => {
    const api = await Api.signIn(suite.server.baseUrl, 'tepai1');
    const me = await api.send<{ dispatches: { status: string }[] }>('GET', '/commissioners/me');
    assert.ok(me.dispatches.some((d) => d.status === 'active'), 'the demo gives tepai1 an active dispatch');

    const page = await phone(suite.browser, suite.server.baseUrl);
    await signIn(page, { username: 'tepai1' }, DEMO_PASSWORD);
    await page.goto('/commissioner/dispatches');
    await page.getByTestId('my-dispatch').first().waitFor();
    await noSidewaysScroll(page, '我的派驻 at 375 px');

    await page.goto('/commissioner/logs');
    await page.getByTestId('add-log').waitFor();
    const content = `黄芪覆膜移栽技术现场培训（e2e ${Date.now()}）`;
    const started = Date.now();
    await writeLog(page, content, true);
    const card = page.getByTestId('service-log').filter({ hasText: content });
    await card.waitFor();
    console.log(`a log with a photo, from the button to the stored card: ${Date.now() - started} ms`);
    await card.getByText('待确认').waitFor();
    // the photo is the server's (the card shows the stored log's image, loaded)
    const photo = card.locator('.kc-photos img').first();
    await photo.waitFor();
    assert.ok(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 48), 'the stored photo is shown');
    await noSidewaysScroll(page, '服务日志 at 375 px');
    await settledScreenshot(page, 'commissioner-logs-mobile');

    const logs = await api.send<{ items: { content: string; photos: unknown[] }[] }>('GET', '/service-logs?mine=true&pageSize=100');
    const stored = logs.items.filter((l) => l.content === content);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].photos.length, 1);
    await page.context().close();
    await api.close();
  });

  test('offline: a log is kept on the phone, shown as waiting, survives a reload and is sent once when the network is back', async () => {
    const api = await Api.signIn(suite.server.baseUrl, 'tepai1');
    const page = await phone(suite.browser, suite.server.baseUrl);
    await signIn(page, { username: 'tepai1' }, DEMO_PASSWORD);
    await page.goto('/commissioner/logs');
    await page.getByTestId('add-log').waitFor();
    await offlineReady(page);

    const context = page.context();
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const content = `离线记录：玉米全膜双垄沟播技术指导（e2e ${Date.now()}）`;
    await writeLog(page, content, true);
    const queued = page.getByTestId('queued-log').filter({ hasText: content });
    await queued.getByTestId('waiting-tag').waitFor();
    assert.equal(await queued.getByText('待发送').count(), 1);
    await noSidewaysScroll(page, 'the log page offline at 375 px');
    await settledScreenshot(page, 'commissioner-logs-offline-mobile');

    // a reload without a connection opens the page again (service worker), the log still waiting (IndexedDB)
    await page.reload();
    await page.getByTestId('queued-log').filter({ hasText: content }).getByTestId('waiting-tag').waitFor();
    await page.getByTestId('offline-banner').waitFor();

    await context.setOffline(false);
    await page.getByTestId('service-log').filter({ hasText: content }).waitFor();
    await page.getByTestId('queued-log').filter({ hasText: content }).waitFor({ state: 'detached' });
    // a moment for any second sending to show (there must be none)
    await page.waitForTimeout(2_000);

    const logs = await api.send<{ items: { id: number; clientId: string; content: string; photos: unknown[] }[] }>('GET', '/service-logs?mine=true&pageSize=100');
    const stored = logs.items.filter((l) => l.content === content);
    assert.equal(stored.length, 1, 'exactly one log with that content');
    assert.equal(stored[0].photos.length, 1, 'its photo once');
    // the phone sending the same submission again (an answer lost on the way) gets the stored log
    const log = await api.send<{ dispatchId: number; villageCode: string; date: string }>('GET', `/service-logs/${stored[0].id}`);
    const replay = { clientId: stored[0].clientId, dispatchId: log.dispatchId, villageCode: log.villageCode, date: log.date, days: 1, serviceType: 'training', content };
    for (let i = 0; i < 2; i++) assert.equal((await api.send<{ id: number }>('POST', '/service-logs', replay, 200)).id, stored[0].id);
    const after = await api.send<{ items: { content: string }[] }>('GET', '/service-logs?mine=true&pageSize=100');
    assert.equal(after.items.filter((l) => l.content === content).length, 1);
    await context.close();
    await api.close();
  });

  test('西峰区 dispatches a commissioner to a township\'s villages through the form; 庆阳市 confirms a log with a score', async () => {
    const base = suite.server.baseUrl;
    const xifeng = await Api.signIn(base, 'xifeng');
    const name = `赵春燕${Date.now() % 10_000}`;
    const { id } = await xifeng.send<{ id: number }>('POST', '/commissioners', { name, kind: 'individual', orgName: '陇东学院', employerKind: 'university',
      title: '讲师', phone: '13909345678', fields: ['苹果栽培'], regionCode: '621002' });
    const township = (await xifeng.send<{ items: { code: string; name: string }[] }>('GET', '/regions?parent=621002')).items.find((t) => t.name === '温泉镇')!;
    const villages = (await xifeng.send<{ items: { code: string }[] }>('GET', `/regions?parent=${township.code}`)).items.map((v) => v.code).sort();

    const context = await suite.browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, { username: 'xifeng' }, DEMO_PASSWORD);
    await page.goto('/commissioners/dispatches');
    await page.getByTestId('dispatch-create').click();
    const drawer = page.locator('.ant-drawer-open');
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await drawer.locator('.ant-select', { has: page.getByLabel('特派员', { exact: true }) }).click();
    await page.keyboard.type(name);
    await dropdown.getByText(name, { exact: false }).first().click();
    await page.getByTestId('village-picker').click();
    await dropdown.locator('.ant-select-tree-treenode', { hasText: '温泉镇' }).locator('.ant-select-tree-checkbox').click();
    await drawer.getByText(`已选 ${villages.length} 个村`).waitFor();
    await drawer.getByTestId('dispatch-save').click();
    await drawer.waitFor({ state: 'detached' });
    const dispatches = await xifeng.send<{ items: { status: string; targets: { villageCode: string; confirmedAt: string | null }[] }[] }>('GET', `/dispatches?commissionerId=${id}`);
    assert.equal(dispatches.items.length, 1);
    assert.deepEqual(dispatches.items[0].targets.map((x) => x.villageCode).sort(), villages, 'every village of 温泉镇, nothing else');
    assert.equal(dispatches.items[0].status, 'proposed', 'waits for the commissioner');

    await context.close();

    // tepai1's log of the first test, in a village of 环县 (a county without its own demo account): 庆阳市's staff confirm it with 4 stars
    const cityContext = await suite.browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const cityPage = await cityContext.newPage();
    cityPage.setDefaultTimeout(30_000);
    await signIn(cityPage, { username: 'qingyang' }, DEMO_PASSWORD);
    const tepai = await Api.signIn(base, 'tepai1');
    const mine = await tepai.send<{ items: { id: number; status: string; content: string }[] }>('GET', '/service-logs?mine=true&pageSize=100');
    const log = mine.items.find((l) => l.status === 'submitted' && l.content.includes('（e2e'))!;
    assert.ok(log, 'the log tepai1 wrote above waits for confirmation');
    {
      await cityPage.goto('/commissioners/logs');
      await cityPage.getByTestId(`confirm-log-${log.id}`).click();
      const modal = cityPage.locator('.ant-modal-content');
      await modal.locator('.ant-rate-star').nth(3).click();
      await modal.getByLabel('评价意见').fill('讲解清楚，群众满意');
      await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
      await modal.waitFor({ state: 'detached' });
      const after = await tepai.send<{ status: string; feedbackScore: number; version: number; date: string; villageCode: string }>('GET', `/service-logs/${log.id}`);
      assert.equal(after.status, 'confirmed');
      assert.equal(after.feedbackScore, 4);
      // confirmed: the commissioner can no longer change it
      const refused = await tepai.send<{ error: { code: string } }>('PUT', `/service-logs/${log.id}`,
        { date: after.date, villageCode: after.villageCode, days: 1, serviceType: 'training', content: '改', version: after.version }, 409);
      assert.equal(refused.error.code, 'LOG_CONFIRMED');
    }
    await settledScreenshot(cityPage, 'commissioner-logs-to-confirm');
    await cityContext.close();
    await Promise.all([xifeng.close(), tepai.close()]);
  });

  test('the bureau sees the coverage of its villages as a figure, by county and the uncovered list', async () => {
    const api = await Api.signIn(suite.server.baseUrl, 'qingyang');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const coverage = await api.send<{ share: number; villages: number; covered: number }>('GET', `/commissioner-coverage?region=621000&date=${today}`);
    const figure = `${(Math.round(coverage.share * 1000) / 10).toFixed(1)}%`;
    for (const view of [{ name: 'zh', width: 1440, height: 900, lang: 'zh-CN' }, { name: 'en', width: 1440, height: 900, lang: 'en' }, { name: 'mobile', width: 375, height: 812, lang: 'zh-CN' }]) {
      const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: view.width, height: view.height }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page, { username: 'qingyang' }, DEMO_PASSWORD);
      if (view.lang === 'en') await page.evaluate(() => localStorage.setItem('kechuang.lang', 'en'));
      await page.goto('/commissioners/coverage');
      await page.getByTestId('coverage-share').waitFor();
      assert.equal((await page.getByTestId('coverage-share').innerText()).trim(), figure);
      assert.equal(await page.getByTestId('full-coverage').count(), coverage.covered >= coverage.villages && coverage.villages > 0 ? 1 : 0);
      await page.getByTestId('echart').first().waitFor();
      // the treemap first; the same parts as bars
      await page.getByText(view.lang === 'en' ? 'Bars' : '柱状图', { exact: true }).click();
      await page.getByTestId('echart').first().waitFor();
      assert.match((await page.getByTestId('echart').first().getAttribute('data-chart-text')) ?? '', /环县/);
      await page.getByText(view.lang === 'en' ? 'Treemap' : '矩形树图', { exact: true }).click();
      if (view.lang === 'zh-CN') await page.getByText(`已覆盖 ${coverage.covered} / ${coverage.villages} 个村`).waitFor();
      if (coverage.covered < coverage.villages) await page.getByTestId('uncovered-list').waitFor();
      if (view.width === 375) await noSidewaysScroll(page, 'the coverage page at 375 px');
      await settledScreenshot(page, `commissioner-coverage-${view.name}`);
      await context.close();
    }
    // the screenshot of the coverage page in Chinese
    mkdirSync('/tmp/kc/shots', { recursive: true });
    try { copyFileSync(join(SCREENSHOTS, 'commissioner-coverage-zh.png'), '/tmp/kc/shots/coverage-zh.png'); } catch { /* not on this machine */ }
    await api.close();
  });
});

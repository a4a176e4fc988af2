import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { precompressDir } from '../../scripts/precompress.mjs';
import { startTestApp, TestClient, type TestApp } from './test/harness';

describe('serving the web app', () => {
  let t: TestApp;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-web-'));
  before(async () => {
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>科创</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    t = await startTestApp('pglite', { webDir });
  });
  after(async () => { await t.close(); fs.rmSync(webDir, { recursive: true, force: true }); });

  it('serves files, client-side routes as index.html, and unknown API routes as JSON 404', async () => {
    const c = new TestClient(t.app);
    assert.match((await c.get('/assets/app.js')).body, /console/);
    fs.writeFileSync(path.join(webDir, 'assets', 'built-later.js'), 'later()');
    assert.equal((await c.get('/assets/built-later.js')).body, 'later()', 'a rebuild is served without a restart');
    const route = await c.get('/users/42');
    assert.equal(route.statusCode, 200);
    assert.match(route.body, /<title>科创<\/title>/);
    const api = await c.get('/api/v1/nope');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'ROUTE_NOT_FOUND');
  });

  it('sends hashed assets precompressed (brotli, gzip) and cached for a year; index.html with no-cache', async () => {
    const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "指标 ${i}" }`).join(', ')}];`;
    fs.writeFileSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js'), script);
    fs.writeFileSync(path.join(webDir, 'assets', 'tiny-Ef56Gh78.js'), 'x()');
    await precompressDir(webDir);
    assert.ok(fs.existsSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js.br')), 'the build step writes .br');
    assert.ok(fs.existsSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js.gz')), 'the build step writes .gz');
    assert.ok(!fs.existsSync(path.join(webDir, 'assets', 'tiny-Ef56Gh78.js.br')), 'files under 1 KB are left alone');

    const c = new TestClient(t.app);
    const immutable = 'public, max-age=31536000, immutable';
    const br = await c.get('/assets/index-Ab12Cd34.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.equal(br.headers['cache-control'], immutable);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.ok(br.rawPayload.length < script.length / 3, `brotli body ${br.rawPayload.length} B of ${script.length} B`);
    assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), script);
    // a script needs nosniff; the page-only headers (CSP, frame options…) would only weigh on each of them
    assert.equal(br.headers['x-content-type-options'], 'nosniff');
    assert.equal(br.headers['content-security-policy'], undefined);
    assert.equal(br.headers['x-frame-options'], undefined);

    const gz = await c.get('/assets/index-Ab12Cd34.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers['cache-control'], immutable);
    assert.equal(zlib.gunzipSync(gz.rawPayload).toString(), script);

    const plain = await c.get('/assets/index-Ab12Cd34.js', { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);
    assert.equal(plain.headers['cache-control'], immutable);

    const tiny = await c.get('/assets/tiny-Ef56Gh78.js', { headers: { 'accept-encoding': 'br' } });
    assert.equal(tiny.body, 'x()', 'a file without a compressed variant is sent as it is');
    assert.equal(tiny.headers['cache-control'], immutable);

    for (const url of ['/', '/index.html', '/indicators', '/users/42']) {
      const page = await c.get(url, { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /<title>科创<\/title>/, url);
      assert.equal(page.headers['cache-control'], 'no-cache', url);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/, url);
    }
  });
  it('compresses API answers for browsers that accept it, and only those', async () => {
    const c = new TestClient(t.app);
    const plain = await c.get('/api/v1/regions');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding, no compression');
    assert.ok(plain.rawPayload.length > 1024, `the region list is ${plain.rawPayload.length} B, over the 1 KB threshold`);
    for (const [accept, decode] of [['br', zlib.brotliDecompressSync], ['gzip', zlib.gunzipSync]] as const) {
      const packed = await c.get('/api/v1/regions', { headers: { 'accept-encoding': accept } });
      assert.equal(packed.headers['content-encoding'], accept);
      assert.match(String(packed.headers.vary), /accept-encoding/i);
      assert.ok(packed.rawPayload.length < plain.rawPayload.length / 2, `${accept}: ${packed.rawPayload.length} B of ${plain.rawPayload.length} B`);
      assert.deepEqual(JSON.parse(decode(packed.rawPayload).toString()), plain.json());
    }
    // small answers (under 1 KB) are sent as they are
    const health = await c.get('/api/v1/health', { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(health.headers['content-encoding'], undefined);
  });
});

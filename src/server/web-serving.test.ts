import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
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
});

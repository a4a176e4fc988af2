import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, startTestApp, TestClient, type TestApp } from './test/harness';

for (const target of databaseTargets()) {
  describe(`platform basics [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('answers health with the database in use', async () => {
      const res = await new TestClient(t.app).get('/api/v1/health');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().database, target);
    });

    it('publishes OpenAPI JSON and the docs UI', async () => {
      const c = new TestClient(t.app);
      const spec = await c.get('/api/docs/json');
      assert.equal(spec.statusCode, 200);
      const paths = Object.keys(spec.json().paths);
      for (const p of ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/users/', '/api/v1/organizations/{id}/approve', '/api/v1/audit/']) {
        assert.ok(paths.includes(p), `${p} in ${paths.join(' ')}`);
      }
      assert.ok(spec.json().paths['/api/v1/auth/register'].post.requestBody, 'request bodies come from the zod schemas');
      assert.equal((await c.get('/api/docs')).statusCode < 400, true);
    });

    it('answers unknown routes and malformed JSON with the error shape, in the request language', async () => {
      const c = new TestClient(t.app);
      const missing = await c.get('/api/v1/nope', { lang: 'en' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'ROUTE_NOT_FOUND');
      assert.match(missing.json().error.message, /No such endpoint/);
      const broken = await c.request('POST', '/api/v1/auth/login', Buffer.from('{"username":'), { headers: { 'content-type': 'application/json' } });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.json().error.code, 'BAD_REQUEST');
    });

    it('sends security headers', async () => {
      const res = await new TestClient(t.app).get('/api/v1/health');
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });
  });
}

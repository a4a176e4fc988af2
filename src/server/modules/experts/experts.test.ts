// The expert registry over HTTP: staff add experts in their subtree and read their province, the
// mobile is masked and the ID number never leaves in full, an expert edits their own profile and
// declarations only, and the wrong role, region or owner is refused with nothing changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const body = (o: Record<string, unknown> = {}) => ({ name: '李文博', orgName: '庆阳市农业科学研究院', title: '研究员', titleRank: '正高',
  fields: ['现代农业', '生物与新医药'], regionCode: '621000', phone: '13912345678', idNumber: '62100219700101123X', ...o });

for (const target of databaseTargets()) {
  describe(`expert registry [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('adds an expert with the mobile masked and the ID number never in full, and finds them by field', async () => {
      const staff = await signedIn(t.app, 'qingyang');
      const res = await staff.post('/api/v1/experts', body());
      assert.equal(res.statusCode, 201, res.body);
      const x = (await staff.get(`/api/v1/experts/${res.json().id}`)).json();
      assert.equal(x.phone, '139****5678');
      assert.equal(x.idNumber, '**************123X');
      const stored = (await t.db.query('SELECT * FROM expert WHERE id = $1', [x.id])).rows[0];
      assert.ok(!JSON.stringify(stored).includes('62100219700101123X'));
      assert.equal((await staff.get('/api/v1/experts?field=现代农业')).json().total, 1);
      assert.equal((await staff.get('/api/v1/experts?field=电子信息')).json().total, 0);
      // the same ID number twice is refused
      const dup = await staff.post('/api/v1/experts', body({ name: '另一人', phone: '13912345679' }));
      assert.equal(dup.statusCode, 400);
      assert.ok(dup.json().error.fields.idNumber);
      // a wrong ID number, a wrong mobile, an unknown rank
      const bad = await staff.post('/api/v1/experts', body({ idNumber: '123', phone: '12345', titleRank: '教授' }));
      assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['idNumber', 'phone', 'titleRank']);
      // the export has the same words
      const xlsx = await staff.get('/api/v1/experts/export');
      assert.equal(xlsx.statusCode, 200);
      assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    });

    it('keeps staff to their region: 张掖 adds only in 张掖, reads the province, changes only its own; others are refused', async () => {
      const qingyang = await signedIn(t.app, 'qingyang');
      const zhangye = await signedIn(t.app, 'zhangye');
      const id = (await qingyang.post('/api/v1/experts', body({ idNumber: null, phone: '13900000077', name: '马振华' }))).json().id;
      const others = await Promise.all(['qy_ent1', 'qy_inst1', 'tepai1'].map(async (who) => [who, await signedIn(t.app, who)] as const));
      const before = (await t.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      const out = await zhangye.post('/api/v1/experts', body({ idNumber: null }));
      assert.equal(out.statusCode, 400);
      assert.ok(out.json().error.fields.regionCode);
      // the province's pool is readable (a city draws from it), not changeable
      assert.equal((await zhangye.get(`/api/v1/experts/${id}`)).statusCode, 200);
      const x = (await zhangye.get(`/api/v1/experts/${id}`)).json();
      assert.equal((await zhangye.request('PUT', `/api/v1/experts/${id}`, { ...body({ idNumber: null, regionCode: '620700' }), version: x.version })).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/experts/${id}/suspend`)).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/experts/${id}/relations`, { personName: '某人', reason: '亲属' })).statusCode, 404);
      for (const [who, c] of others) {
        assert.equal((await c.get('/api/v1/experts')).statusCode, 403, who);
        assert.equal((await c.post('/api/v1/experts', body({ idNumber: null }))).statusCode, 403, who);
        assert.equal((await c.get(`/api/v1/experts/${id}`)).statusCode, 403, who);
      }
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, before);
    });

    it('an expert with an account edits their own profile and declarations, and nobody else\'s', async () => {
      const staff = await signedIn(t.app, 'qingyang');
      const own = (await staff.post('/api/v1/experts', body({ idNumber: null, phone: '13900000088', name: '周建平' }))).json().id;
      const other = (await staff.post('/api/v1/experts', body({ idNumber: null, phone: '13900000099', name: '高明' }))).json().id;
      const acc = await staff.post(`/api/v1/experts/${own}/account`, { username: 'zhoujp', password: 'Expert@2026x' });
      assert.equal(acc.statusCode, 201, acc.body);
      assert.equal((await staff.post(`/api/v1/experts/${own}/account`, { username: 'zhoujp2', password: 'Expert@2026x' })).json().error.code, 'EXPERT_HAS_ACCOUNT');
      const me = new TestClient(t.app);
      await me.login('zhoujp', 'Expert@2026x');
      assert.equal((await me.post('/api/v1/auth/password', { oldPassword: 'Expert@2026x', newPassword: 'Expert@2026y' })).statusCode, 204);
      const mine = (await me.get('/api/v1/experts/me')).json();
      assert.equal(mine.id, own);
      const put = await me.request('PUT', `/api/v1/experts/${own}`, { ...body({ idNumber: null, phone: '13900000088', name: '周建平', fields: ['现代农业'] }), version: mine.version });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().fields, ['现代农业']);
      assert.equal((await me.post(`/api/v1/experts/${own}/relations`, { personName: '周小平', reason: '兄弟', from: '2020-01-01' })).statusCode, 201);
      assert.equal((await me.post(`/api/v1/experts/${own}/relations`, { reason: '没有对象' })).statusCode, 400);
      // not someone else's, not the list, not the status
      assert.equal((await me.get(`/api/v1/experts/${other}`)).statusCode, 404);
      assert.equal((await me.request('PUT', `/api/v1/experts/${other}`, { ...body({ idNumber: null }), version: 1 })).statusCode, 404);
      assert.equal((await me.get('/api/v1/experts')).statusCode, 403);
      assert.equal((await me.post(`/api/v1/experts/${own}/suspend`)).statusCode, 403);
      // a stale edit is refused
      assert.equal((await me.request('PUT', `/api/v1/experts/${own}`, { ...body({ idNumber: null, phone: '13900000088' }), version: mine.version })).statusCode, 409);
    });
  });
}

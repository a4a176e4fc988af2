// Achievements and demands over HTTP: an organisation's drafts stay its own, submitted ones reach
// only its region's staff, published ones everyone; staff of another region cannot publish; a
// return needs a reason; stale edits and second clicks change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

for (const target of databaseTargets()) {
  describe(`market listings [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let expert: TestClient;
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, ent1, ent2, inst1, expert] = await Promise.all(['qingyang', 'zhangye', 'qy_ent1', 'qy_ent2', 'qy_inst1', 'expert1'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    it('keeps an enterprise\'s unpublished demand its own, reaches its region\'s staff when submitted, everyone when published', async () => {
      const res = await ent1.post('/api/v1/demands', { title: '压裂返排液低成本处理技术', description: '需要一套可在井场使用的返排液处理工艺，处理后回注。', field: 'environment',
        budgetMin: 500_000, budgetMax: 2_000_000, deadline: '2027-06-30' });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      const seen = async (c: TestClient) => (await c.get(`/api/v1/demands/${id}`)).statusCode;
      assert.deepEqual([await seen(ent1), await seen(ent2), await seen(inst1), await seen(qingyang), await seen(zhangye), await seen(expert)], [200, 404, 404, 404, 404, 404]);
      assert.equal((await ent2.get('/api/v1/demands')).json().items.filter((d: { id: number }) => d.id === id).length, 0);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/submit`)).json().status, 'submitted');
      assert.equal((await ent1.post(`/api/v1/demands/${id}/submit`)).statusCode, 409);
      assert.deepEqual([await seen(ent2), await seen(qingyang), await seen(zhangye)], [404, 200, 404]);
      // the wrong role, the wrong region
      assert.equal((await ent1.post(`/api/v1/demands/${id}/publish`)).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/demands/${id}/publish`)).statusCode, 404);
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/return`, {})).statusCode, 400);
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/publish`)).json().status, 'published');
      assert.deepEqual([await seen(ent2), await seen(zhangye), await seen(expert)], [200, 200, 200]);
      // the owner is told
      assert.ok((await ent1.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title === '技术需求已发布：压裂返排液低成本处理技术'));
      // published: no more edits by the owner; closing ends it
      const d = (await ent1.get(`/api/v1/demands/${id}`)).json();
      assert.equal((await ent1.request('PUT', `/api/v1/demands/${id}`, { title: '改', field: 'environment', version: d.version })).statusCode, 409);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/end`, { status: 'closed' })).json().status, 'closed');
    });

    it('an institution drafts achievements, edits with versions, and sees only its own drafts; staff enter one for an organisation of their region', async () => {
      const body = { title: '马铃薯脱毒种薯快繁技术', type: 'technology', field: 'agriculture', maturity: 7, summary: '组培快繁与雾培结合，原原种生产成本降低 30%。',
        transferModes: ['licence', 'service'], priceMin: 200_000, priceMax: 800_000 };
      const id = (await inst1.post('/api/v1/achievements', body)).json().id;
      const mine = (await inst1.get('/api/v1/achievements?mine=true')).json();
      assert.deepEqual(mine.items.map((a: { id: number; status: string }) => [a.id, a.status]), [[id, 'draft']]);
      assert.equal((await ent1.get(`/api/v1/achievements/${id}`)).statusCode, 404);
      const a = (await inst1.get(`/api/v1/achievements/${id}`)).json();
      assert.equal((await inst1.request('PUT', `/api/v1/achievements/${id}`, { ...body, maturity: 8, version: a.version })).json().maturity, 8);
      assert.equal((await inst1.request('PUT', `/api/v1/achievements/${id}`, { ...body, version: a.version })).statusCode, 409);
      // bad input: an unknown field, a TRL of 10, a price range upside down
      const bad = await inst1.post('/api/v1/achievements', { ...body, field: '农业', maturity: 10, priceMin: 9, priceMax: 1 });
      assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['field', 'maturity']);
      assert.equal((await inst1.post('/api/v1/achievements', { ...body, priceMin: 9, priceMax: 1 })).statusCode, 400);
      // staff of 庆阳 for an organisation of 庆阳, not of 张掖
      const { rows: [zy] } = await t.db.query(`SELECT id FROM organization WHERE region_code LIKE '6207%' AND status = 'approved' LIMIT 1`);
      assert.equal((await qingyang.post('/api/v1/achievements', { ...body, orgId: zy.id })).statusCode, 400);
      const { rows: [qy] } = await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_ent2'`);
      const byStaff = await qingyang.post('/api/v1/achievements', { ...body, title: '中药材连作障碍修复菌剂', field: 'biomedicine', orgId: qy.org_id });
      assert.equal(byStaff.statusCode, 201, byStaff.body);
      assert.equal((await ent2.get(`/api/v1/achievements/${byStaff.json().id}`)).json().orgId, Number(qy.org_id));
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'achievement' AND target_id = $1`, [String(id)])).rows[0].n, 2);
    });
  });
}

// 好成果榜单 over HTTP: staff list concluded evaluations of their region's published achievements
// in a monthly or quarterly list; other roles and regions are refused; a draft stays off the portal,
// a published list is read there without signing in, publishes once and no longer changes; an
// achievement withdrawn since drops out of the public view.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

for (const target of databaseTargets()) {
  describe(`good-achievement lists [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let ent1: TestClient; let inst1: TestClient; let admin: TestClient;
    const anonymous = () => new TestClient(t.app);
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, ent1, inst1, admin] = await Promise.all(['qingyang', 'zhangye', 'qy_ent1', 'qy_inst1', 'admin'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    /** A published achievement of `owner` with an evaluation; concluded (in SQL: the evaluation flow has its own tests) unless told. */
    async function evaluated(owner: TestClient, title: string, conclude = true): Promise<{ achievementId: number; evaluationId: number }> {
      const a = await owner.post('/api/v1/achievements', { title, type: 'technology', field: 'agriculture', maturity: 8, summary: `${title}的简介` });
      assert.equal(a.statusCode, 201, a.body);
      const achievementId = a.json().id;
      await owner.post(`/api/v1/achievements/${achievementId}/submit`);
      assert.equal((await qingyang.post(`/api/v1/achievements/${achievementId}/publish`)).statusCode, 200);
      const e = await owner.post(`/api/v1/achievements/${achievementId}/evaluations`, { class: 'technology_development' });
      assert.equal(e.statusCode, 201, e.body);
      const evaluationId = e.json().id;
      if (conclude) {
        await t.db.query(`UPDATE evaluation SET status = 'concluded', level = 'domestic_leading', score = 88.5, opinion = '同意', concluded_at = now() WHERE id = $1`, [evaluationId]);
      }
      return { achievementId, evaluationId };
    }

    it('lists concluded evaluations of the region in a draft, publishes once to the portal, and refuses other roles and regions', async () => {
      const corn = await evaluated(inst1, '玉米制种全程机械化技术');
      const herb = await evaluated(ent1, '当归规范化种植技术');
      const open = await evaluated(ent1, '黄芪组培快繁技术', false);
      const body = { title: '2026年第4季度好成果榜单', period: 'quarterly', periodOf: '2026-Q4', intro: '本期发布经分类评价的优秀科技成果。',
        items: [{ evaluationId: corn.evaluationId, note: '制种大县推广' }, { evaluationId: herb.evaluationId }] };
      assert.equal((await ent1.post('/api/v1/good-batches', body)).statusCode, 403);
      assert.ok((await zhangye.post('/api/v1/good-batches', body)).json().error.fields.items, '张掖 cannot list 庆阳\'s');
      assert.equal((await qingyang.post('/api/v1/good-batches', { ...body, items: [{ evaluationId: open.evaluationId }] })).statusCode, 400, 'not concluded');
      assert.ok((await qingyang.post('/api/v1/good-batches', { ...body, period: 'monthly' })).json().error.fields.periodOf);
      const candidates = (await qingyang.get('/api/v1/good-batches/candidates')).json().items.map((c: { evaluationId: number }) => c.evaluationId);
      assert.ok(candidates.includes(corn.evaluationId) && candidates.includes(herb.evaluationId) && !candidates.includes(open.evaluationId));
      assert.equal((await zhangye.get('/api/v1/good-batches/candidates')).json().items.length, 0);

      const res = await qingyang.post('/api/v1/good-batches', body);
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      assert.equal((await zhangye.get(`/api/v1/good-batches/${id}`)).statusCode, 404);
      assert.equal((await ent1.get(`/api/v1/good-batches/${id}`)).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/good-batches/${id}/publish`)).statusCode, 404);
      const draft = (await qingyang.get(`/api/v1/good-batches/${id}`)).json();
      assert.deepEqual(draft.items.map((i: { title: string }) => i.title), ['玉米制种全程机械化技术', '当归规范化种植技术']);
      // a draft is not on the portal
      assert.equal((await anonymous().get(`/api/v1/portal/good-achievements/${id}`)).statusCode, 404);
      assert.ok(!(await anonymous().get('/api/v1/portal/good-achievements')).json().items.some((b: { id: number }) => b.id === id));
      // reorder the draft
      const edited = await qingyang.request('PUT', `/api/v1/good-batches/${id}`, { ...body, items: [body.items[1], body.items[0]], version: draft.version });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(edited.json().items.map((i: { evaluationId: number }) => i.evaluationId), [herb.evaluationId, corn.evaluationId]);

      const published = await Promise.all(Array.from({ length: 3 }, () => qingyang.post(`/api/v1/good-batches/${id}/publish`)));
      assert.deepEqual(published.map((p) => p.statusCode).sort(), [200, 409, 409]);
      const portal = await anonymous().get(`/api/v1/portal/good-achievements/${id}`);
      assert.equal(portal.statusCode, 200, portal.body);
      const list = portal.json();
      assert.equal(list.title, '2026年第4季度好成果榜单');
      assert.deepEqual(list.items.map((i: { title: string; levelName: string; score: number; orgName: string }) => [i.title, i.levelName, i.score]),
        [['当归规范化种植技术', '国内领先', 88.5], ['玉米制种全程机械化技术', '国内领先', 88.5]]);
      assert.equal(list.version, undefined, 'the portal shows no editing fields');
      assert.ok((await anonymous().get('/api/v1/portal/good-achievements')).json().items.some((b: { id: number; items: unknown[] }) => b.id === id && b.items.length === 2));
      // the owners are told
      assert.ok((await inst1.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title === '您的成果入选2026年第4季度好成果榜单：玉米制种全程机械化技术'));
      // published: no more changes
      const now = (await qingyang.get(`/api/v1/good-batches/${id}`)).json();
      assert.equal((await qingyang.request('PUT', `/api/v1/good-batches/${id}`, { ...body, version: now.version })).statusCode, 409);
      assert.equal((await qingyang.request('DELETE', `/api/v1/good-batches/${id}`)).statusCode, 409);
      // an achievement withdrawn since drops out of the public list
      assert.equal((await ent1.post(`/api/v1/achievements/${herb.achievementId}/end`, { status: 'withdrawn' })).statusCode, 200);
      assert.deepEqual((await anonymous().get(`/api/v1/portal/good-achievements/${id}`)).json().items.map((i: { title: string }) => i.title), ['玉米制种全程机械化技术']);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'achievement.good_batch.publish' AND target_id = $1`, [String(id)])).rows[0].n, 1);
    });

    it('deletes a draft, refuses to publish an empty list, and has an administrator name the region', async () => {
      const empty = (await qingyang.post('/api/v1/good-batches', { title: '2026年10月好成果榜单', period: 'monthly', periodOf: '2026-10' })).json().id;
      assert.equal((await qingyang.post(`/api/v1/good-batches/${empty}/publish`)).statusCode, 400);
      assert.equal((await qingyang.request('DELETE', `/api/v1/good-batches/${empty}`)).statusCode, 204);
      assert.equal((await qingyang.get(`/api/v1/good-batches/${empty}`)).statusCode, 404);
      assert.equal((await admin.post('/api/v1/good-batches', { title: '2026年11月好成果榜单', period: 'monthly', periodOf: '2026-11' })).statusCode, 400);
      assert.equal((await admin.post('/api/v1/good-batches', { title: '2026年11月好成果榜单', period: 'monthly', periodOf: '2026-11', regionCode: '620000' })).statusCode, 201);
    });
  });
}

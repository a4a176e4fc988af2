// Answers to demands over HTTP: who may answer, who sees the answers (never another enterprise),
// 阅卷 by the demand's organisation only, stale edits and second clicks refused, ten picks at once
// with exactly one winner, the outcome recorded, notifications and 待办.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, upload, type TestApp, type TestClient } from '../../test/harness';

const DEMAND = { title: '中药材饮片智能分选设备', description: '需要一套基于机器视觉的黄芪、党参饮片分选设备，替代人工挑选。', field: 'manufacturing',
  budgetMin: 300_000, budgetMax: 1_500_000, deadline: '2027-12-31', cooperationModes: ['commissioned', 'co_development'] };
const PROPOSAL = { proposal: '以高光谱成像加深度学习分级，产线节拍 2 吨/小时。', plan: '一期样机 6 个月，二期产线集成 6 个月。', price: 900_000, durationMonths: 12 };

const kinds = async (c: TestClient) => ((await c.get('/api/v1/notifications')).json().items as { kind: string; title: string }[]);

for (const target of databaseTargets()) {
  describe(`demand answers [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let expert: TestClient;
    /** A demand of ent1, published by 庆阳's staff. */
    const publishedDemand = async (extra: Record<string, unknown> = {}) => {
      const res = await ent1.post('/api/v1/demands', { ...DEMAND, ...extra });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      assert.equal((await ent1.post(`/api/v1/demands/${id}/submit`)).statusCode, 200);
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/publish`)).statusCode, 200);
      return id;
    };
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, ent1, ent2, inst1, expert] = await Promise.all(['qingyang', 'zhangye', 'qy_ent1', 'qy_ent2', 'qy_inst1', 'expert1'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    it('keeps the answers to a demand from every other enterprise; the demand\'s organisation reviews, shortlists, rejects and picks one', async () => {
      // a draft 揭榜挂帅 demand: nobody else sees it or can answer it
      const draft = await ent1.post('/api/v1/demands', { ...DEMAND, openCall: true, prize: 500_000 });
      assert.equal(draft.statusCode, 201, draft.body);
      const id = draft.json().id as number;
      const d0 = (await ent1.get(`/api/v1/demands/${id}`)).json();
      assert.deepEqual([d0.openCall, d0.prize, d0.openTo, d0.cooperationModes, d0.outcome], [true, 500_000, 'everyone', ['commissioned', 'co_development'], null]);
      assert.equal((await ent2.get(`/api/v1/demands/${id}`)).statusCode, 404);
      assert.equal((await ent2.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 404);
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 404);
      assert.equal((await ent2.get(`/api/v1/demands/${id}/answers`)).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/submit`)).statusCode, 200);
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 404, 'submitted is not yet open');
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/publish`)).statusCode, 200);

      // answers: an institution, an enterprise, an expert once linked to an expert record
      const inst = await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL);
      assert.equal(inst.statusCode, 201, inst.body);
      const instId = inst.json().id as number;
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).json().error.code, 'ANSWER_EXISTS');
      assert.equal((await ent1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).json().error.code, 'ANSWER_OWN_DEMAND');
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 403);
      assert.equal((await expert.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).json().error.code, 'EXPERT_RECORD_MISSING');
      await t.db.query(`INSERT INTO expert (name, org_id, org_name, title, title_rank, fields, region_code, phone, user_id)
                        SELECT '周文华', o.id, o.name, '教授', '正高', '{先进制造与自动化}', '621002', '13800000005', u.id
                          FROM app_user u, app_user i JOIN organization o ON o.id = i.org_id WHERE u.username = 'expert1' AND i.username = 'qy_inst1'`);
      const exp = await expert.post(`/api/v1/demands/${id}/answers`, { proposal: '提供视觉分选算法咨询。' });
      assert.equal(exp.statusCode, 201, exp.body);
      const expId = exp.json().id as number;
      const ent2Id = (await ent2.post(`/api/v1/demands/${id}/answers`, { ...PROPOSAL, price: 600_000 })).json().id as number;
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, { proposal: '' })).statusCode, 400);

      // who sees the answers: the demand's organisation and 庆阳's staff; never another enterprise, an answerer or 张掖
      const seen = async (c: TestClient) => { const r = await c.get(`/api/v1/demands/${id}/answers`); return r.statusCode === 200 ? r.json().total : r.statusCode; };
      assert.deepEqual([await seen(ent1), await seen(qingyang), await seen(ent2), await seen(inst1), await seen(expert), await seen(zhangye)], [3, 3, 404, 404, 404, 404]);
      assert.equal((await ent2.get(`/api/v1/answers/${instId}`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/answers/${instId}`)).statusCode, 404);
      assert.deepEqual((await ent2.get('/api/v1/answers')).json().items.map((a: { id: number }) => a.id), [ent2Id]);
      assert.deepEqual((await ent2.get(`/api/v1/answers?demandId=${id}`)).json().items.map((a: { id: number }) => a.id), [ent2Id]);
      assert.deepEqual((await expert.get('/api/v1/answers?mine=true')).json().items.map((a: { id: number; answerer: { kind: string } }) => [a.id, a.answerer.kind]), [[expId, 'expert']]);
      const mine = (await inst1.get('/api/v1/answers?mine=true')).json().items;
      assert.deepEqual(mine.map((a: { id: number; demandTitle: string; status: string }) => [a.id, a.demandTitle, a.status]), [[instId, DEMAND.title, 'submitted']]);

      // the enterprise is told and has them in its 待办
      assert.equal((await kinds(ent1)).filter((n) => n.kind === 'market.answer.received').length, 3);
      const box = (await ent1.get('/api/v1/inbox?limit=200')).json();
      assert.equal(box.counts['market.answer.review'], 3);
      assert.equal((await ent2.get('/api/v1/inbox?limit=200')).json().counts['market.answer.review'] ?? 0, 0);

      // the answerer changes its answer with the version it read; a stale one is refused
      const a = (await inst1.get(`/api/v1/answers/${instId}`)).json();
      const changed = await inst1.request('PUT', `/api/v1/answers/${instId}`, { ...PROPOSAL, price: 850_000, version: a.version });
      assert.equal(changed.json().price, 850_000, changed.body);
      assert.equal((await inst1.request('PUT', `/api/v1/answers/${instId}`, { ...PROPOSAL, version: a.version })).statusCode, 409);
      assert.equal((await ent2.request('PUT', `/api/v1/answers/${instId}`, { ...PROPOSAL, version: a.version + 1 })).statusCode, 404);

      // 阅卷: only the demand's organisation
      assert.equal((await qingyang.post(`/api/v1/answers/${instId}/pick`)).statusCode, 403);
      assert.equal((await ent2.post(`/api/v1/answers/${instId}/pick`)).statusCode, 404);
      assert.equal((await inst1.post(`/api/v1/answers/${instId}/shortlist`)).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/answers/${instId}/shortlist`)).json().status, 'shortlisted');
      assert.equal((await ent1.post(`/api/v1/answers/${instId}/shortlist`)).statusCode, 409);
      assert.equal((await inst1.request('PUT', `/api/v1/answers/${instId}`, { ...PROPOSAL, version: a.version + 2 })).statusCode, 409, 'shortlisted: no more changes');
      assert.equal((await ent1.post(`/api/v1/answers/${expId}/reject`, { note: '需要整机方案' })).json().status, 'rejected');
      assert.ok((await kinds(expert)).some((n) => n.kind === 'market.answer.rejected' && n.title.includes(DEMAND.title)));
      assert.ok((await kinds(inst1)).some((n) => n.kind === 'market.answer.shortlisted'));

      // the pick: once; the other open answer ends; no more answers; the answerer is told
      assert.equal((await ent1.post(`/api/v1/answers/${instId}/pick`, { note: '请联系签约' })).json().status, 'picked');
      assert.equal((await ent1.post(`/api/v1/answers/${instId}/pick`)).statusCode, 409);
      assert.equal((await ent1.post(`/api/v1/answers/${ent2Id}/pick`)).statusCode, 409);
      assert.equal((await ent2.get(`/api/v1/answers/${ent2Id}`)).json().status, 'rejected');
      assert.equal((await ent2.post(`/api/v1/answers/${ent2Id}/withdraw`)).statusCode, 409);
      assert.ok((await kinds(inst1)).some((n) => n.kind === 'market.answer.picked'));
      const picked = (await ent1.get(`/api/v1/demands/${id}`)).json();
      assert.deepEqual([picked.status, picked.outcome, picked.pickedAnswerId], ['published', 'picked', instId]);
      assert.equal((await zhangye.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 403);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM demand_answer WHERE demand_id = $1 AND status = 'picked'`, [id])).rows[0].n, 1);
      assert.equal((await ent1.get('/api/v1/inbox?limit=200')).json().counts['market.answer.review'] ?? 0, 0);

      // the outcome closes the demand: by its organisation (or its region's staff), once
      assert.equal((await ent2.post(`/api/v1/demands/${id}/outcome`, { outcome: 'contract' })).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/demands/${id}/outcome`, { outcome: 'contract' })).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/outcome`, { outcome: 'contract', note: '已签订技术开发合同', version: picked.version - 1 })).statusCode, 409);
      const closed = await ent1.post(`/api/v1/demands/${id}/outcome`, { outcome: 'contract', note: '已签订技术开发合同', version: picked.version });
      assert.deepEqual(closed.json(), { id, status: 'closed', outcome: 'contract' }, closed.body);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/outcome`, { outcome: 'failed' })).statusCode, 409);
      const d = (await ent1.get(`/api/v1/demands/${id}`)).json();
      assert.deepEqual([d.status, d.outcome, d.outcomeNote], ['closed', 'contract', '已签订技术开发合同']);
      assert.ok((await kinds(inst1)).some((n) => n.kind === 'market.demand.outcome'));

      // every change audited
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE (target_type = 'demand_answer' AND target_id = $1) OR (target_type = 'demand' AND target_id = $2 AND action IN ('demand.pick', 'demand.outcome')) ORDER BY id`,
        [String(instId), String(id)]);
      assert.deepEqual(rows.map((r) => r.action), ['demand.answer.create', 'demand.answer.update', 'demand.answer.shortlist', 'demand.answer.pick', 'demand.pick', 'demand.outcome']);
    });

    it('lets only invited organisations (and their experts) answer an invited demand; a demand with no pick can only fail', async () => {
      const { rows: [lu] } = await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_inst1'`);
      const bad = await ent1.post('/api/v1/demands', { ...DEMAND, openTo: 'invited', openCall: true });
      assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['invitedOrgIds', 'prize']);
      const id = await publishedDemand({ title: '压裂返排液处理', openTo: 'invited', invitedOrgIds: [Number(lu.org_id)] });
      assert.deepEqual((await ent2.get(`/api/v1/demands/${id}`)).json().invitedOrgIds, [Number(lu.org_id)]);
      assert.equal((await ent2.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).json().error.code, 'DEMAND_NOT_INVITED');
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 201);
      assert.equal((await expert.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 201, 'expert1 works at 陇东学院');
      // withdraw before a decision; a second click is refused; a new answer may follow
      const [own] = (await inst1.get('/api/v1/answers?mine=true&demandId=' + id)).json().items;
      assert.equal((await inst1.post(`/api/v1/answers/${own.id}/withdraw`)).json().status, 'withdrawn');
      assert.equal((await inst1.post(`/api/v1/answers/${own.id}/withdraw`)).statusCode, 409);
      assert.equal((await ent1.get(`/api/v1/demands/${id}/answers`)).json().total, 1, 'a withdrawn answer is not shown to the enterprise');
      assert.equal((await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).statusCode, 201);
      assert.equal((await ent1.post(`/api/v1/demands/${id}/outcome`, { outcome: 'agreement' })).statusCode, 400);
      assert.equal((await qingyang.post(`/api/v1/demands/${id}/outcome`, { outcome: 'failed', note: '无合适方案' })).json().status, 'closed');
    });

    it('keeps an answer\'s files with the answer: the answerer adds and removes them, the demand\'s organisation downloads them, nobody else', async () => {
      const id = await publishedDemand({ title: '黄花菜保鲜工艺' });
      const answerId = (await inst1.post(`/api/v1/demands/${id}/answers`, PROPOSAL)).json().id as number;
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      assert.equal((await upload(inst1, `/api/v1/answers/${answerId}/attachments`, Buffer.from('plain text'), 'a.txt')).statusCode, 400);
      assert.equal((await upload(ent2, `/api/v1/answers/${answerId}/attachments`, pdf, '方案.pdf')).statusCode, 404);
      const added = await upload(inst1, `/api/v1/answers/${answerId}/attachments`, pdf, '技术方案.pdf');
      assert.equal(added.statusCode, 201, added.body);
      const fileId = added.json().id as number;
      assert.deepEqual((await ent1.get(`/api/v1/answers/${answerId}`)).json().attachments.map((f: { fileName: string }) => f.fileName), ['技术方案.pdf']);
      const got = await ent1.get(`/api/v1/answers/${answerId}/attachments/${fileId}`);
      assert.deepEqual([got.statusCode, got.headers['content-type']], [200, 'application/pdf']);
      assert.equal((await ent2.get(`/api/v1/answers/${answerId}/attachments/${fileId}`)).statusCode, 404);
      assert.equal((await ent1.request('DELETE', `/api/v1/answers/${answerId}/attachments/${fileId}`)).statusCode, 404, 'not the answerer');
      assert.equal((await qingyang.request('DELETE', `/api/v1/answers/${answerId}/attachments/${fileId}`)).statusCode, 403);
      assert.equal((await inst1.request('DELETE', `/api/v1/answers/${answerId}/attachments/${fileId}`)).statusCode, 204);
      assert.equal((await inst1.get(`/api/v1/answers/${answerId}`)).json().attachments.length, 0);
    });

    it('of ten picks fired at once on different answers, exactly one wins', async () => {
      const id = await publishedDemand({ title: '玉米制种去雄机器人' });
      const { rows: experts } = await t.db.query(
        `INSERT INTO expert (name, org_name, title, title_rank, fields, region_code, phone)
         SELECT '并发专家' || g, '测试单位', '研究员', '正高', '{现代农业}', '621000', '1390000' || lpad(g::text, 4, '0') FROM generate_series(1, 10) g RETURNING id`);
      const { rows: answers } = await t.db.query(
        `INSERT INTO demand_answer (demand_id, expert_id, proposal) SELECT $1, x, '方案' FROM unnest($2::bigint[]) x RETURNING id`, [id, experts.map((e) => e.id)]);
      const results = await Promise.all(answers.map((a) => ent1.post(`/api/v1/answers/${a.id}/pick`)));
      const codes = results.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [200, ...Array(9).fill(409)], results.map((r) => r.body).join('\n'));
      const winner = Number(answers[results.findIndex((r) => r.statusCode === 200)].id);
      const { rows: [d] } = await t.db.query('SELECT picked_answer_id, outcome FROM demand WHERE id = $1', [id]);
      assert.deepEqual([Number(d.picked_answer_id), d.outcome], [winner, 'picked']);
      const { rows: statuses } = await t.db.query(`SELECT status, count(*)::int AS n FROM demand_answer WHERE demand_id = $1 GROUP BY status ORDER BY status`, [id]);
      assert.deepEqual(statuses.map((s) => [s.status, s.n]), [['picked', 1], ['rejected', 9]]);
      const { rows: [audit] } = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'demand.answer.pick' AND target_id = ANY($1::text[])`, [answers.map((a) => String(a.id))]);
      assert.equal(audit.n, 1);
    });
  });
}

// Achievement evaluation over HTTP: only the owner or the region's staff request one, and only
// they read it; the 回避 rules refuse a hand assignment naming the rule; a declared conflict removes
// the expert for good; scores stay within each criterion's maximum; ten submissions and ten
// conclusions at once over the wire act once; the score is the weighted mean worked out by hand;
// the Word report opens and names the achievement.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { databaseTargets, DEMO_PASSWORD, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';
import { HttpSession } from '../../test/http-session';
import { makeExpert, orgIdOf } from '../projects/test-support';

/** An achievement of the client's organisation, submitted and published by `staff`. */
async function publishedAchievement(owner: TestClient, staff: TestClient, title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await owner.post('/api/v1/achievements', { title, type: 'technology', field: 'energy', maturity: 7, summary: '摘要', text: '全文', ...extra });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id;
  assert.equal((await owner.post(`/api/v1/achievements/${id}/submit`)).statusCode, 200);
  assert.equal((await staff.post(`/api/v1/achievements/${id}/publish`)).statusCode, 200);
  return id;
}

for (const target of databaseTargets()) {
  describe(`achievement evaluation [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let expert1: TestClient;
    let inst1Org: number;
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, ent1, ent2, inst1, expert1] = await Promise.all(['qingyang', 'zhangye', 'qy_ent1', 'qy_ent2', 'qy_inst1', 'expert1'].map((u) => signedIn(t.app, u)));
      inst1Org = await orgIdOf(inst1);
    });
    after(async () => { await t.close(); });

    it('is requested and read only by the owner and the region\'s staff; other roles, regions and owners are refused', async () => {
      const a = await publishedAchievement(inst1, qingyang, '陇东黄土高原旱作玉米全膜覆盖技术');
      const ask = (c: TestClient) => c.post(`/api/v1/achievements/${a}/evaluations`, { class: 'applied_research' });
      assert.equal((await ask(ent2)).statusCode, 404, 'another organisation');
      assert.equal((await ask(zhangye)).statusCode, 404, 'staff of another region');
      assert.equal((await ask(expert1)).statusCode, 403, 'an expert');
      assert.equal((await inst1.post(`/api/v1/achievements/${a}/evaluations`, { class: 'applied_research', expertsRequired: 1 })).statusCode, 400, 'only staff set the panel size');
      const res = await ask(inst1);
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      assert.equal((await ask(qingyang)).json().error.code, 'EVALUATION_OPEN');
      const seen = async (c: TestClient) => (await c.get(`/api/v1/evaluations/${id}`)).statusCode;
      assert.deepEqual([await seen(inst1), await seen(qingyang), await seen(ent2), await seen(zhangye), await seen(expert1)], [200, 200, 404, 404, 403]);
      const listed = async (c: TestClient) => (await c.get('/api/v1/evaluations?pageSize=200')).json().items.some((e: { id: number }) => e.id === id);
      assert.deepEqual([await listed(inst1), await listed(qingyang), await listed(ent2), await listed(zhangye)], [true, true, false, false]);
      const e = (await inst1.get(`/api/v1/evaluations/${id}`)).json();
      assert.equal(e.status, 'requested');
      assert.equal(e.evaluatorType, 'market_user');
      assert.deepEqual(e.criteria.map((c: { code: string }) => c.code), ['innovation', 'maturity', 'prospects', 'user_feedback']);
      // the bureau is told and has it to do
      assert.ok((await qingyang.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title.includes('陇东黄土高原旱作玉米全膜覆盖技术')));
      const box = (await qingyang.get('/api/v1/inbox')).json();
      assert.ok(box.items.some((i: { kind: string; link: string }) => i.kind === 'evaluation.handle' && i.link.includes(`evaluation=${id}`)), JSON.stringify(box.counts));
      // staff of another region and the owner cannot assign or conclude
      const x = await makeExpert(t.app, qingyang, {}, false);
      assert.equal((await zhangye.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: [x.id] })).statusCode, 404);
      assert.equal((await inst1.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: [x.id] })).statusCode, 403);
      assert.equal((await inst1.post(`/api/v1/evaluations/${id}/conclude`, { level: 'other', opinion: '同意' })).statusCode, 403);
      // the owner withdraws before anyone is assigned; then a new request may be made
      assert.equal((await ent2.post(`/api/v1/evaluations/${id}/withdraw`, {})).statusCode, 404);
      assert.equal((await inst1.post(`/api/v1/evaluations/${id}/withdraw`, {})).json().status, 'withdrawn');
      assert.equal((await ask(inst1)).statusCode, 201);
      // a draft cannot be evaluated (and is not the staff's to see)
      const draft = (await inst1.post('/api/v1/achievements', { title: '草稿成果', type: 'other', field: 'energy', maturity: 3 })).json().id;
      assert.equal((await inst1.post(`/api/v1/achievements/${draft}/evaluations`, { class: 'basic_research' })).json().error.code, 'INVALID_TRANSITION');
      assert.equal((await qingyang.post(`/api/v1/achievements/${draft}/evaluations`, { class: 'basic_research' })).statusCode, 404);
    });

    it('refuses a hand assignment that breaks a 回避 rule, naming it; a declared conflict removes the expert for good', async () => {
      const a = await publishedAchievement(inst1, qingyang, '苹果矮砧密植栽培技术', { inventors: '李明、赵 红' });
      const id = (await qingyang.post(`/api/v1/achievements/${a}/evaluations`, { class: 'technology_development' })).json().id;
      const own = (await makeExpert(t.app, qingyang, { orgId: inst1Org, orgName: '陇东学院' }, false)).id;
      const declared = (await makeExpert(t.app, qingyang, {}, false)).id;
      assert.equal((await qingyang.post(`/api/v1/experts/${declared}/relations`, { personName: '赵红', reason: '配偶' })).statusCode, 201);
      const clean = await makeExpert(t.app, qingyang);
      const expectRule = async (expertId: number, rule: string) => {
        const res = await qingyang.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: [clean.id, expertId] });
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().error.code, 'CONFLICT_OF_INTEREST');
        assert.equal(res.json().error.details.rule, rule);
      };
      await expectRule(own, 'same_org'); // works for 陇东学院, the achievement's owner
      await expectRule(declared, 'declared_relation'); // 赵红 is one of the 完成人
      // all or nothing: the clean expert sent alongside was not assigned
      assert.equal((await qingyang.get(`/api/v1/evaluations/${id}`)).json().assignments.length, 0);
      assert.equal((await qingyang.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: [clean.id] })).json().assigned, 1);
      assert.equal((await qingyang.get(`/api/v1/evaluations/${id}`)).json().status, 'experts_assigned');
      // the expert has it to do, without the full text until they declare
      const mine = (await clean.client.get('/api/v1/evaluation-reviews')).json().items;
      assert.equal(mine.length, 1);
      assert.ok((await clean.client.get('/api/v1/inbox')).json().items.some((i: { kind: string }) => i.kind === 'evaluation.todo'));
      const rid = mine[0].id;
      assert.equal((await clean.client.get(`/api/v1/evaluation-reviews/${rid}`)).json().achievement.text, null);
      assert.equal((await expert1.get(`/api/v1/evaluation-reviews/${rid}`)).statusCode, 404, "another expert's");
      assert.equal((await clean.client.post(`/api/v1/evaluation-reviews/${rid}/declare`, { conflict: true })).statusCode, 400, 'a reason is needed');
      assert.equal((await clean.client.post(`/api/v1/evaluation-reviews/${rid}/declare`, { conflict: true, reason: '曾参与该成果研发' })).json().status, 'declined');
      assert.equal((await clean.client.get('/api/v1/evaluation-reviews')).json().items.length, 0);
      assert.equal((await qingyang.get(`/api/v1/evaluations/${id}`)).json().status, 'requested');
      assert.ok((await qingyang.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title.startsWith('评价专家申明回避')));
      assert.equal((await qingyang.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: [clean.id] })).json().error.code, 'EXPERT_DECLINED');
      // the draw tops up to three from the qualified and clear: never the owner's own expert, the related or the declined one
      const pool = [];
      for (let i = 0; i < 4; i++) pool.push((await makeExpert(t.app, qingyang, { titleRank: '副高' }, false)).id);
      const draw = await qingyang.post(`/api/v1/evaluations/${id}/assignments/auto`, { seed: 'eval-2026' });
      assert.equal(draw.statusCode, 200, draw.body);
      assert.equal(draw.json().assigned, 3);
      const drawn = (await qingyang.get(`/api/v1/evaluations/${id}`)).json().assignments
        .filter((s: { status: string }) => s.status !== 'declined').map((s: { expertId: number }) => s.expertId);
      for (const bad of [own, declared, clean.id]) assert.ok(!drawn.includes(bad), `${bad} drawn`);
    });

    it('keeps scores within maxima, takes one of ten submissions and one of ten conclusions at once, and concludes with the weighted mean worked out by hand', async () => {
      const title = '页岩油压裂返排液回注处理工艺';
      const a = await publishedAchievement(ent1, qingyang, title);
      const id = (await ent1.post(`/api/v1/achievements/${a}/evaluations`, { class: 'technology_development' })).json().id;
      const panel = [];
      for (let i = 0; i < 3; i++) panel.push(await makeExpert(t.app, qingyang));
      assert.equal((await qingyang.post(`/api/v1/evaluations/${id}/assignments`, { expertIds: panel.map((p) => p.id) })).json().assigned, 3);
      const rids: number[] = [];
      for (const p of panel) rids.push((await p.client.get('/api/v1/evaluation-reviews')).json().items[0].id);
      const [ra] = rids;
      const A = panel[0].client;
      assert.equal((await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { advancement: 90 } })).json().error.code, 'DECLARATION_REQUIRED');
      assert.equal((await A.post(`/api/v1/evaluation-reviews/${ra}/declare`, { conflict: false })).json().error.code, 'PLEDGE_REQUIRED');
      assert.equal((await A.post(`/api/v1/evaluation-reviews/${ra}/declare`, { conflict: false, pledge: true })).json().status, 'declared');
      assert.equal((await A.get(`/api/v1/evaluation-reviews/${ra}`)).json().achievement.text, '全文');
      const high = await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { advancement: 101 } });
      assert.equal(high.statusCode, 400);
      assert.ok(high.json().error.fields['scores.advancement']);
      assert.equal((await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { market_value: -1 } })).statusCode, 400);
      assert.equal((await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { nope: 1 } })).statusCode, 400);
      assert.equal((await A.post(`/api/v1/evaluation-reviews/${ra}/submit`, { scores: { advancement: 90 }, comment: '意见' })).statusCode, 400, 'incomplete');
      assert.equal((await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { advancement: 90, market_value: 80, industrialisation: 70, benefit: 60 }, comment: '工艺成熟，已在井场应用' })).statusCode, 200);
      // conclusion before every expert has scored
      assert.equal((await qingyang.post(`/api/v1/evaluations/${id}/conclude`, { level: 'domestic_leading', opinion: '同意' })).json().error.code, 'INVALID_TRANSITION');

      // ten submissions at once over HTTP: one is taken, nine answer 409, one audit row
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const { rows: [acct] } = await t.db.query('SELECT u.username FROM app_user u JOIN expert x ON x.user_id = u.id WHERE x.id = $1', [panel[0].id]);
      const wire = new HttpSession(base);
      assert.equal((await wire.send('POST', '/api/v1/auth/login', { username: acct.username, password: 'Review@Pass2026' })).status, 200);
      const answers = await Promise.all(Array.from({ length: 10 }, () => wire.send('POST', `/api/v1/evaluation-reviews/${ra}/submit`, {})));
      assert.deepEqual(answers.map((x) => x.status).sort(), [200, ...Array(9).fill(409)]);
      assert.ok(answers.filter((x) => x.status === 409).every((x) => x.body.error.code === 'REVIEW_SUBMITTED'));
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'achievement.evaluation.submit' AND target_id = $1`, [String(ra)])).rows[0].n, 1);
      // 0.25×90 + 0.3×80 + 0.25×70 + 0.2×60 = 22.5 + 24 + 17.5 + 12 = 76
      assert.equal(answers.find((x) => x.status === 200)!.body.total, 76);
      assert.equal((await A.request('PUT', `/api/v1/evaluation-reviews/${ra}`, { scores: { advancement: 1 } })).json().error.code, 'REVIEW_SUBMITTED');

      // B: 20 + 27 + 21.25 + 15 = 83.25; C: 70 everywhere = 70
      const others: [number, number, number, number][] = [[80, 90, 85, 75], [70, 70, 70, 70]];
      for (const [i, [advancement, market_value, industrialisation, benefit]] of others.entries()) {
        const c: TestClient = panel[i + 1].client;
        await c.post(`/api/v1/evaluation-reviews/${rids[i + 1]}/declare`, { conflict: false, pledge: true });
        const s: { statusCode: number; body: string } = await c.post(`/api/v1/evaluation-reviews/${rids[i + 1]}/submit`, { scores: { advancement, market_value, industrialisation, benefit }, comment: '同意' });
        assert.equal(s.statusCode, 200, s.body);
      }
      assert.deepEqual((await qingyang.get(`/api/v1/evaluations/${id}`)).json().assignments.map((s: { total: number }) => s.total), [76, 83.25, 70]);
      const scored = (await qingyang.get(`/api/v1/evaluations/${id}`)).json();
      assert.equal(scored.status, 'scored');
      assert.ok((await qingyang.get('/api/v1/inbox')).json().items.some((i: { kind: string; title: string }) => i.kind === 'evaluation.handle' && i.title.startsWith('作出评价结论')));
      // the owner sees neither the panel nor the scores before the conclusion
      const before = (await ent1.get(`/api/v1/evaluations/${id}`)).json();
      assert.deepEqual([before.assignments, before.panelScore, before.opinions], [[], null, []]);
      assert.equal((await qingyang.post(`/api/v1/evaluations/${id}/conclude`, { level: '世界第一', opinion: '同意' })).statusCode, 400);
      assert.equal((await zhangye.post(`/api/v1/evaluations/${id}/conclude`, { level: 'domestic_leading', opinion: '同意' })).statusCode, 404);

      // ten conclusions at once over HTTP: one is taken
      const bureau = new HttpSession(base);
      assert.equal((await bureau.send('POST', '/api/v1/auth/login', { username: 'qingyang', password: DEMO_PASSWORD })).status, 200);
      const concluded = await Promise.all(Array.from({ length: 10 }, (_, i) => bureau.send('POST', `/api/v1/evaluations/${id}/conclude`,
        { level: i % 2 ? 'domestic_advanced' : 'domestic_leading', opinion: '该成果技术路线先进，具有良好的推广价值。' })));
      assert.deepEqual(concluded.map((x) => x.status).sort(), [200, ...Array(9).fill(409)]);
      const won = concluded.find((x) => x.status === 200)!.body;
      // (76 + 83.25 + 70) / 3 = 229.25 / 3 = 76.4166… → 76.42
      assert.equal(won.score, 76.42);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'achievement.evaluation.conclude' AND target_id = $1`, [String(id)])).rows[0].n, 1);
      const done = (await ent1.get(`/api/v1/evaluations/${id}`)).json();
      assert.deepEqual([done.status, done.score, done.level], ['concluded', 76.42, won.level]);
      assert.equal(done.opinions.length, 3);
      assert.deepEqual(done.criterionMeans.map((c: { mean: number }) => c.mean), [80, 80, 75, 68.33]);
      assert.ok((await ent1.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title.startsWith(`成果评价结论：${title}`)));

      // the Word report: a zip whose document names the achievement; the owner and the bureau only
      const report = await ent1.get(`/api/v1/evaluations/${id}/report.docx`);
      assert.equal(report.statusCode, 200, report.body);
      assert.match(String(report.headers['content-type']), /wordprocessingml/);
      const zip = await JSZip.loadAsync(report.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      assert.ok(xml.includes(title), 'the title is in the document');
      assert.ok(xml.includes('76.42'));
      assert.ok(xml.includes(won.level === 'domestic_leading' ? '国内领先' : '国内先进'));
      assert.equal((await qingyang.get(`/api/v1/evaluations/${id}/report.docx`)).statusCode, 200);
      assert.equal((await ent2.get(`/api/v1/evaluations/${id}/report.docx`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/evaluations/${id}/report.docx`)).statusCode, 404);
    });

    it('gives the criteria sets and levels as data that staff edit with versions and weights summing to 1', async () => {
      const all = (await inst1.get('/api/v1/evaluation-criteria')).json();
      assert.deepEqual(all.sets.map((s: { class: string }) => s.class), ['basic_research', 'applied_research', 'technology_development']);
      assert.deepEqual(all.levels.map((l: { nameZh: string }) => l.nameZh), ['国际领先', '国际先进', '国内领先', '国内先进', '其他']);
      const basic = all.sets[0];
      const body = { evaluatorType: 'peer_experts', expertsPerEvaluation: 3, version: basic.version,
        criteria: [{ code: 'originality', name: '原始创新性', weight: 0.5, max: 100 }, { code: 'value', name: '科学价值', weight: 0.4, max: 50 }] };
      assert.equal((await inst1.request('PUT', '/api/v1/evaluation-criteria/basic_research', body)).statusCode, 403);
      const bad = await qingyang.request('PUT', '/api/v1/evaluation-criteria/basic_research', body);
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.criteria);
      const fixed = { ...body, criteria: [body.criteria[0], { ...body.criteria[1], weight: 0.5 }] };
      const ok = await qingyang.request('PUT', '/api/v1/evaluation-criteria/basic_research', fixed);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().version, basic.version + 1);
      assert.equal((await qingyang.request('PUT', '/api/v1/evaluation-criteria/basic_research', fixed)).json().error.code, 'STALE_VERSION');
      // the conclusion levels: a list in order; one left out is no longer offered
      assert.equal((await inst1.request('PUT', '/api/v1/evaluation-criteria/levels', { levels: [{ code: 'other', nameZh: '其他', nameEn: 'Other' }] })).statusCode, 403);
      const levels = all.levels.map((l: { code: string; nameZh: string; nameEn: string }) => ({ code: l.code, nameZh: l.nameZh, nameEn: l.nameEn }));
      const fewer = await qingyang.request('PUT', '/api/v1/evaluation-criteria/levels', { levels: [...levels.slice(0, 4), { code: 'province_leading', nameZh: '省内领先', nameEn: 'Leading in the province' }] });
      assert.equal(fewer.statusCode, 200, fewer.body);
      assert.deepEqual(fewer.json().levels.map((l: { nameZh: string }) => l.nameZh), ['国际领先', '国际先进', '国内领先', '国内先进', '省内领先']);
      assert.equal((await qingyang.request('PUT', '/api/v1/evaluation-criteria/levels', { levels })).json().levels.length, 5);
      // a new request copies the set as it is now
      const a = await publishedAchievement(inst1, qingyang, '黄土高原土壤侵蚀机理研究');
      const id = (await inst1.post(`/api/v1/achievements/${a}/evaluations`, { class: 'basic_research' })).json().id;
      const e = (await inst1.get(`/api/v1/evaluations/${id}`)).json();
      assert.deepEqual([e.criteria.length, e.criteria[1].max, e.expertsRequired], [2, 50, 3]);
    });
  });
}

// Expert review over HTTP: the 回避 rules refuse a hand assignment naming the rule and keep every
// drawn expert clear of them; an expert sees and scores only their own assignments, declares before
// scoring, stays within each criterion's maximum and submits once (also when ten submissions arrive
// at once over the wire); the ranking equals the weighted mean worked out by hand, with and without
// dropping the extremes; the funding plan and the decisions keep within the budget.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { breachedRule, type AvoidanceRule } from '../../../domain/review/avoidance';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';
import { HttpSession } from '../../test/http-session';
import { apply, makeExpert, openCall, orgIdOf } from '../projects/test-support';
import { expertFacts, reviewItems } from './facts';

for (const target of databaseTargets()) {
  describe(`expert review [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient;
    let ent1Org: number; let ent2Org: number; let inst1Org: number;
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, ent1, ent2, inst1] = await Promise.all(['qingyang', 'zhangye', 'qy_ent1', 'qy_ent2', 'qy_inst1'].map((u) => signedIn(t.app, u)));
      [ent1Org, ent2Org, inst1Org] = await Promise.all([ent1, ent2, inst1].map(orgIdOf));
    });
    after(async () => { await t.close(); });

    it('refuses a hand assignment that breaks a 回避 rule with 409 CONFLICT_OF_INTEREST and the rule; draws only experts clear of every rule', async () => {
      const callId = await openCall(qingyang);
      const sameOrg = (await makeExpert(t.app, qingyang, { orgId: ent1Org }, false)).id;
      const partner = (await makeExpert(t.app, qingyang, { orgId: ent2Org }, false)).id;
      const member = (await makeExpert(t.app, qingyang, {}, false)).id;
      const declaredOrg = (await makeExpert(t.app, qingyang, {}, false)).id;
      const declaredPerson = (await makeExpert(t.app, qingyang, {}, false)).id;
      const cooperated = (await makeExpert(t.app, qingyang, { orgId: inst1Org }, false)).id;
      const sameCounty = (await makeExpert(t.app, qingyang, { regionCode: '621002' }, false)).id;
      const junior = (await makeExpert(t.app, qingyang, { titleRank: '中级' }, false)).id;
      const suspended = (await makeExpert(t.app, qingyang, {}, false)).id;
      const otherField = (await makeExpert(t.app, qingyang, { fields: ['生物与新医药'] }, false)).id;
      const clean: number[] = [];
      for (let i = 0; i < 6; i++) clean.push((await makeExpert(t.app, qingyang, { titleRank: i % 2 ? '副高' : '正高' }, false)).id);
      assert.equal((await qingyang.post(`/api/v1/experts/${declaredOrg}/relations`, { orgId: ent1Org, reason: '曾任该公司技术顾问', from: '2024-01-01' })).statusCode, 201);
      assert.equal((await qingyang.post(`/api/v1/experts/${declaredPerson}/relations`, { personName: '赵 红', reason: '配偶' })).statusCode, 201);
      // a relation that ended long ago no longer binds
      assert.equal((await qingyang.post(`/api/v1/experts/${clean[0]}/relations`, { orgId: ent1Org, reason: '曾兼职', from: '2015-01-01', to: '2018-12-31' })).statusCode, 201);
      assert.equal((await qingyang.post(`/api/v1/experts/${suspended}/suspend`)).statusCode, 200);
      // recent co-operation: 陇东学院 (the expert's organisation) was a partner of a project of the applicant's in the last three years
      const { rows: [past] } = await t.db.query(
        `INSERT INTO application (call_id, org_id, region_code, title, field, requested_amount, status, approved_amount) VALUES ($1, $2, '621002', '往年项目', '新能源与节能', 1, 'closed', 1) RETURNING id`,
        [callId, ent1Org]);
      await t.db.query('INSERT INTO application_partner (application_id, org_id) VALUES ($1, $2)', [past.id, inst1Org]);

      const id = await apply(ent1, callId, { partnerOrgIds: [ent2Org], members: [{ name: '王建国', orgName: '本公司', role: '负责人' },
        { name: '李工', orgName: '兰州大学', role: '骨干', expertId: member }, { name: '赵红', orgName: '本公司', role: '骨干' }] });
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).statusCode, 200);

      const expectRule = async (expertId: number, rule: string) => {
        const res = await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [clean[1], expertId] });
        assert.equal(res.statusCode, 409, `${rule}: ${res.body}`);
        assert.equal(res.json().error.code, 'CONFLICT_OF_INTEREST');
        assert.equal(res.json().error.details.rule, rule);
        return res;
      };
      const first = await expectRule(sameOrg, 'same_org');
      assert.match(first.json().error.message, /同一单位/);
      await expectRule(partner, 'partner_org');
      await expectRule(member, 'member');
      await expectRule(declaredOrg, 'declared_relation');
      await expectRule(declaredPerson, 'declared_relation');
      await expectRule(cooperated, 'recent_cooperation');
      // all or nothing: the clean expert sent alongside was not assigned either
      assert.equal((await qingyang.get(`/api/v1/calls/${callId}/assignments`)).json().items.length, 0);
      // same county is off unless the call switches it on; the expired relation does not bind
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [sameCounty, clean[0]] })).statusCode, 200);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [suspended] })).json().error.code, 'EXPERT_SUSPENDED');
      // staff of 张掖 cannot assign to 庆阳's applications
      assert.equal((await zhangye.post(`/api/v1/applications/${id}/assignments`, { expertIds: [clean[2]] })).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/applications/${id}/assignments`, { expertIds: [clean[2]] })).statusCode, 403);

      // the draw tops up to five from the qualified and clear: never the conflicted, the junior, the suspended or another field
      const auto = await qingyang.post(`/api/v1/calls/${callId}/assignments/auto`, {});
      assert.equal(auto.statusCode, 200, auto.body);
      assert.equal(auto.json().assigned, 3);
      assert.deepEqual(auto.json().unfilled, []);
      const drawn = (await qingyang.get(`/api/v1/calls/${callId}/assignments`)).json().items.map((a: { expertId: number }) => a.expertId);
      assert.equal(drawn.length, 5);
      for (const bad of [sameOrg, partner, member, declaredOrg, declaredPerson, cooperated, junior, suspended, otherField]) assert.ok(!drawn.includes(bad), `${bad} drawn`);
      // nothing more to do: a second draw changes nothing
      assert.equal((await qingyang.post(`/api/v1/calls/${callId}/assignments/auto`, {})).json().assigned, 0);
      assert.equal((await qingyang.get(`/api/v1/applications/${id}`)).json().status, 'under_review');

      // a call with same_county on refuses the county's own expert
      const small = await openCall(qingyang, { avoidance: ['same_org', 'same_county'] });
      const id2 = await apply(ent1, small);
      await qingyang.post(`/api/v1/applications/${id2}/formal-check`, { result: 'pass' });
      assert.equal((await qingyang.post(`/api/v1/applications/${id2}/assignments`, { expertIds: [sameCounty] })).json().error.details.rule, 'same_county');
      // only two rules on: the member may review here
      assert.equal((await qingyang.post(`/api/v1/applications/${id2}/assignments`, { expertIds: [member] })).statusCode, 200);
    });

    it('draws many applications reproducibly from a seed, balanced, with no breach, and reports what it could not fill', async () => {
      const callId = await openCall(qingyang, { reviewersPerApplication: 3 });
      const pool = [];
      for (let i = 0; i < 7; i++) pool.push((await makeExpert(t.app, qingyang, { fields: ['先进制造与自动化'], orgId: i < 2 ? ent2Org : null }, false)).id);
      const ids = [];
      for (const [client, n] of [[ent1, 4], [ent2, 4], [inst1, 2]] as const) {
        for (let i = 0; i < n; i++) ids.push(await apply(client, callId, { field: '先进制造与自动化', title: `智能制造项目 ${ids.length + 1}` }));
      }
      for (const id of ids) await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      // five clicks on 抽取 at once: the call's lock lets them run one after the other, so only the first assigns
      const clicks = await Promise.all(Array.from({ length: 5 }, (_, i) => qingyang.post(`/api/v1/calls/${callId}/assignments/auto`, { seed: i ? `again-${i}` : 'seed-2027' })));
      assert.ok(clicks.every((c) => c.statusCode === 200), clicks.map((c) => c.body).join());
      assert.deepEqual(clicks.map((c) => c.json().assigned).sort((x, y) => y - x), [30, 0, 0, 0, 0]);
      const auto = clicks.find((c) => c.json().assigned === 30)!.json();
      // ent2's applications cannot take the two experts of ent2: 5 left, enough for 3 each
      assert.equal(auto.assigned, 30);
      assert.deepEqual(auto.unfilled, []);
      const items = (await qingyang.get(`/api/v1/calls/${callId}/assignments`)).json().items as { applicationId: number; expertId: number }[];
      const load = new Map<number, number>();
      for (const a of items) load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
      // 30 reviews over 7 experts: balanced means 4 or 5 each
      assert.ok(Math.max(...load.values()) - Math.min(...load.values()) <= 1, JSON.stringify([...load]));
      // independently of the draw: no assignment breaks a rule
      const facts = await expertFacts(t.db, { expertIds: pool });
      const apps = new Map((await reviewItems(t.db, callId, { on: new Date().toISOString().slice(0, 10) })).map((i) => [i.id, i]));
      const rules: AvoidanceRule[] = (await qingyang.get(`/api/v1/calls/${callId}`)).json().avoidance;
      for (const a of items) assert.equal(breachedRule(rules, facts.get(a.expertId)!, apps.get(a.applicationId)!), null);
      // the seed of the draw that assigned was recorded with it
      assert.equal((await t.db.query('SELECT seed FROM review_draw WHERE call_id = $1 AND assigned > 0', [callId])).rows[0].seed, auto.seed);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1', [callId])).rows[0].n, 30);
    });

    it('an expert sees and scores only their assignments, declares first, keeps within maxima and submits once', async () => {
      const callId = await openCall(qingyang, { reviewersPerApplication: 2 });
      const a = await makeExpert(t.app, qingyang);
      const b = await makeExpert(t.app, qingyang);
      const id = await apply(ent1, callId);
      await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [a.id] })).statusCode, 200);
      const mine = (await a.client.get('/api/v1/reviews')).json().items;
      assert.equal(mine.length, 1);
      assert.equal(mine[0].applicationId, id);
      assert.equal((await b.client.get('/api/v1/reviews')).json().items.length, 0);
      const rid = mine[0].id;
      // another expert, an enterprise, staff: not theirs to read or score
      assert.equal((await b.client.get(`/api/v1/reviews/${rid}`)).statusCode, 404);
      assert.equal((await b.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 90 } })).statusCode, 404);
      assert.equal((await ent1.get(`/api/v1/reviews/${rid}`)).statusCode, 403);
      assert.equal((await qingyang.get('/api/v1/reviews')).statusCode, 403);
      // before the declaration: no scores, and the application's content stays closed
      const closed = await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 90 } });
      assert.equal(closed.json().error.code, 'DECLARATION_REQUIRED');
      assert.equal((await a.client.get(`/api/v1/reviews/${rid}`)).json().application.summary, null);
      assert.equal((await a.client.post(`/api/v1/reviews/${rid}/declare`, { conflict: false })).json().error.code, 'PLEDGE_REQUIRED');
      assert.equal((await a.client.post(`/api/v1/reviews/${rid}/declare`, { conflict: false, pledge: true })).json().status, 'declared');
      assert.ok((await a.client.get(`/api/v1/reviews/${rid}`)).json().application.summary);
      const high = await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 101, feas: 80 } });
      assert.equal(high.statusCode, 400);
      assert.ok(high.json().error.fields['scores.inno']);
      assert.equal((await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { nope: 1 } })).statusCode, 400);
      const draft = await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 90, feas: 80 }, comment: '技术路线清晰' });
      assert.equal(draft.statusCode, 200, draft.body);
      // incomplete scores cannot be submitted
      assert.equal((await a.client.post(`/api/v1/reviews/${rid}/submit`)).statusCode, 400);
      assert.equal((await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 90, feas: 80, benefit: 70 }, comment: '技术路线清晰' })).statusCode, 200);

      // ten submissions at once over HTTP: one is taken, nine answer 409, one audit row
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const { rows: [acct] } = await t.db.query('SELECT u.username FROM app_user u JOIN expert x ON x.user_id = u.id WHERE x.id = $1', [a.id]);
      const wire = new HttpSession(base);
      assert.equal((await wire.send('POST', '/api/v1/auth/login', { username: acct.username, password: 'Review@Pass2026' })).status, 200);
      const answers = await Promise.all(Array.from({ length: 10 }, () => wire.send('POST', `/api/v1/reviews/${rid}/submit`, {})));
      assert.deepEqual(answers.map((x) => x.status).sort(), [200, ...Array(9).fill(409)]);
      assert.ok(answers.filter((x) => x.status === 409).every((x) => x.body.error.code === 'REVIEW_SUBMITTED'));
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'review.submit' AND target_id = $1`, [String(rid)])).rows[0].n, 1);
      const stored = (await a.client.get(`/api/v1/reviews/${rid}`)).json();
      assert.deepEqual(stored.scores, { inno: 90, feas: 80, benefit: 70 });
      assert.equal(stored.total, 81); // 0.4×90 + 0.3×80 + 0.3×70
      // after submission: nothing changes
      const again = await a.client.request('PUT', `/api/v1/reviews/${rid}`, { scores: { inno: 10, feas: 10, benefit: 10 } });
      assert.equal(again.json().error.code, 'REVIEW_SUBMITTED');
      assert.equal((await a.client.post(`/api/v1/reviews/${rid}/submit`, { scores: { inno: 10, feas: 10, benefit: 10 }, comment: 'x' })).statusCode, 409);
      assert.deepEqual((await a.client.get(`/api/v1/reviews/${rid}`)).json().scores, { inno: 90, feas: 80, benefit: 70 });
    });

    it('a declared conflict removes the assignment, tells the bureau, and the redraw picks someone else', async () => {
      const callId = await openCall(qingyang, { reviewersPerApplication: 1 });
      const x = await makeExpert(t.app, qingyang, { fields: ['资源与环境'] });
      const y = await makeExpert(t.app, qingyang, { fields: ['资源与环境'] });
      const id = await apply(ent1, callId, { field: '资源与环境' });
      await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [x.id] });
      const rid = (await x.client.get('/api/v1/reviews')).json().items[0].id;
      assert.equal((await x.client.post(`/api/v1/reviews/${rid}/declare`, { conflict: true })).statusCode, 400);
      assert.equal((await x.client.post(`/api/v1/reviews/${rid}/declare`, { conflict: true, reason: '与项目负责人为同学' })).json().status, 'declined');
      assert.equal((await x.client.get('/api/v1/reviews')).json().items.length, 0);
      const note = (await qingyang.get('/api/v1/notifications')).json().items[0];
      assert.match(note.title, /回避/);
      const inbox = (await qingyang.get('/api/v1/inbox')).json();
      assert.ok(inbox.items.some((i: { kind: string; link: string }) => i.kind === 'review.replace' && i.link.includes(`/projects/calls/${callId}`)), JSON.stringify(inbox.counts));
      // the same expert cannot be put back by hand; the draw takes the other one
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: [x.id] })).json().error.code, 'EXPERT_DECLINED');
      const redraw = (await qingyang.post(`/api/v1/calls/${callId}/assignments/auto`, {})).json();
      assert.equal(redraw.assigned, 1);
      const active = (await qingyang.get(`/api/v1/calls/${callId}/assignments`)).json().items.filter((a: { status: string }) => a.status !== 'declined');
      assert.deepEqual(active.map((a: { expertId: number }) => a.expertId), [y.id]);
    });

    it('ranks by the weighted mean worked out by hand, with and without dropping the extremes; the funding plan and decisions keep within the budget', async () => {
      const callId = await openCall(qingyang, { budget: 1_500_000 });
      const panel = [];
      for (let i = 0; i < 5; i++) panel.push(await makeExpert(t.app, qingyang, { fields: ['新材料'] }));
      const a = await apply(ent1, callId, { field: '新材料', title: '凹凸棒石高值化利用', requestedAmount: 1_000_000 });
      const b = await apply(ent2, callId, { field: '新材料', title: '中药材提取废渣制备吸附材料', requestedAmount: 800_000 });
      for (const id of [a, b]) {
        await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
        assert.equal((await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: panel.map((p) => p.id) })).statusCode, 200);
      }
      // A: 81, 80, 60, 94, 80.5 → mean 79.1; without 94 and 60 → 80.5.   B: 80 from everyone → 80 either way.
      const scoresA = [[90, 80, 70], [80, 80, 80], [60, 70, 50], [100, 90, 90], [85, 75, 80]];
      for (const [i, p] of panel.entries()) {
        const reviews = (await p.client.get('/api/v1/reviews')).json().items as { id: number; applicationId: number }[];
        for (const r of reviews) {
          await p.client.post(`/api/v1/reviews/${r.id}/declare`, { conflict: false, pledge: true });
          const [inno, feas, benefit] = r.applicationId === a ? scoresA[i] : [80, 80, 80];
          const s = await p.client.post(`/api/v1/reviews/${r.id}/submit`, { scores: { inno, feas, benefit }, comment: '同意' });
          assert.equal(s.statusCode, 200, s.body);
        }
      }
      assert.equal((await qingyang.get(`/api/v1/applications/${a}`)).json().status, 'reviewed');
      const plain = (await qingyang.get(`/api/v1/calls/${callId}/ranking`)).json().items;
      assert.deepEqual(plain.map((i: { applicationId: number; score: number; reviews: number; rank: number }) => [i.applicationId, i.score, i.reviews, i.rank]), [[b, 80, 5, 1], [a, 79.1, 5, 2]]);
      const dropped = (await qingyang.get(`/api/v1/calls/${callId}/ranking?dropExtremes=true`)).json().items;
      assert.deepEqual(dropped.map((i: { applicationId: number; score: number }) => [i.applicationId, i.score]), [[a, 80.5], [b, 80]]);
      // the list's score is the ranking's, with the call's setting
      const listed = async () => (await qingyang.get(`/api/v1/applications?callId=${callId}`)).json().items.find((x: { id: number }) => x.id === a).meanScore;
      assert.equal(await listed(), 79.1);
      await t.db.query('UPDATE call SET drop_extremes = true WHERE id = $1', [callId]);
      assert.equal(await listed(), 80.5);
      await t.db.query('UPDATE call SET drop_extremes = false WHERE id = $1', [callId]);
      // the board flags the 60 and the 94: more than 20 points from... no: 79.1 − 60 = 19.1; only scores beyond 20 are outliers
      const board = (await qingyang.get(`/api/v1/calls/${callId}/board`)).json();
      assert.equal(board.matrix.filter((m: { outlier: boolean }) => m.outlier).length, 0);
      assert.equal(board.byStatus.reviewed, 2);
      // the plan: B first (80), then A does not fit into 1.5 M − 0.8 M
      const plan = (await qingyang.get(`/api/v1/calls/${callId}/funding-plan`)).json();
      assert.equal(plan.planned, 800_000);
      assert.ok(plan.planned <= plan.budget);
      assert.deepEqual(plan.items.map((i: { applicationId: number; amount: number }) => [i.applicationId, i.amount]), [[b, 800_000], [a, 0]]);
      // two approvals at once that each fit but not together: exactly one is approved
      const both = await Promise.all([[a, 1_000_000], [b, 800_000]].map(([id, amount]) => qingyang.post(`/api/v1/applications/${id}/decision`, { approved: true, amount })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
      const { rows: [sum] } = await t.db.query(`SELECT coalesce(sum(approved_amount), 0)::bigint AS s FROM application WHERE call_id = $1 AND status = 'approved'`, [callId]);
      assert.ok(Number(sum.s) <= 1_500_000);
    });

    it('shows an outlier more than 20 points from its panel', async () => {
      const callId = await openCall(qingyang, { reviewersPerApplication: 3 });
      const panel = [];
      for (let i = 0; i < 3; i++) panel.push(await makeExpert(t.app, qingyang, { fields: ['电子信息'] }));
      const id = await apply(ent1, callId, { field: '电子信息' });
      await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      await qingyang.post(`/api/v1/applications/${id}/assignments`, { expertIds: panel.map((p) => p.id) });
      for (const [i, p] of panel.entries()) {
        const r = (await p.client.get('/api/v1/reviews')).json().items[0];
        await p.client.post(`/api/v1/reviews/${r.id}/declare`, { conflict: false, pledge: true });
        const s = [90, 88, 40][i];
        await p.client.post(`/api/v1/reviews/${r.id}/submit`, { scores: { inno: s, feas: s, benefit: s }, comment: '意见' });
      }
      // mean (90 + 88 + 40) / 3 = 72.67: 40 is 32.67 away (an outlier), 90 and 88 are within 20
      const m = (await qingyang.get(`/api/v1/calls/${callId}/board`)).json().matrix;
      assert.deepEqual(m.map((x: { total: number; outlier: boolean }) => [x.total, x.outlier]), [[90, false], [88, false], [40, true]]);
    });
  });
}

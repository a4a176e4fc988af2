// Calls and applications over HTTP: scope (庆阳 vs 张掖, one enterprise vs another), the closing time
// to the second, formal check with its required comments, the county's recommendation, and a
// project's whole life from approval to closing with its timeline and funding never above approval.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { databaseTargets, DEMO_PASSWORD, signedIn, startTestApp, TestClient, upload, type TestApp } from '../../test/harness';
import { HttpSession } from '../../test/http-session';
import { apply, iso, openCall } from './test-support';

for (const target of databaseTargets()) {
  describe(`projects: calls and applications [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let xifeng: TestClient; let ent1: TestClient; let ent2: TestClient;
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, xifeng, ent1, ent2] = await Promise.all(['qingyang', 'zhangye', 'xifeng', 'qy_ent1', 'qy_ent2'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    const audits = async () => (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;

    it('keeps each side in its scope: 张掖 sees nothing of 庆阳, an enterprise only its own, the wrong role is refused', async () => {
      const callId = await openCall(qingyang);
      const id = await apply(ent1, callId);
      assert.equal((await qingyang.get(`/api/v1/applications/${id}`)).json().status, 'submitted');
      assert.equal((await zhangye.get(`/api/v1/applications/${id}`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/applications?callId=${callId}`)).json().total, 0);
      assert.equal((await zhangye.get(`/api/v1/calls/${callId}`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/calls/${callId}/ranking`)).statusCode, 404);
      assert.equal((await ent2.get(`/api/v1/applications/${id}`)).statusCode, 404);
      assert.equal((await ent2.get(`/api/v1/applications?callId=${callId}`)).json().total, 0);
      assert.deepEqual((await ent1.get(`/api/v1/applications?callId=${callId}`)).json().items.map((a: { id: number }) => a.id), [id]);
      // the wrong role, the wrong region, the wrong owner: refused and nothing changes
      const before = await audits();
      assert.equal((await ent1.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).statusCode, 404);
      assert.equal((await ent2.post(`/api/v1/applications/${id}/withdraw`, {})).statusCode, 404);
      assert.equal((await ent1.post('/api/v1/calls', {})).statusCode, 400);
      assert.equal((await ent1.post('/api/v1/programmes', { name: 'x', level: 'city', regionCode: '621000' })).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/calls/${callId}/close`)).statusCode, 404);
      assert.equal((await qingyang.get(`/api/v1/applications/${id}`)).json().status, 'submitted');
      assert.equal(await audits(), before);
    });

    it('shows the public the published calls, open ones first with the days left, and never a draft', async () => {
      const open = await openCall(qingyang, { closesAt: iso(10 * 86_400_000 - 60_000) });
      const p = (await qingyang.post('/api/v1/programmes', { name: '草稿计划', level: 'city', regionCode: '621000' })).json().id;
      const draft = (await qingyang.post('/api/v1/calls', { programmeId: p, title: '尚未发布的指南', year: 2027, opensAt: iso(0), closesAt: iso(86_400_000), budget: 1,
        rubric: [{ code: 'a', name: 'A', weight: 1, max: 100 }], reviewersPerApplication: 3, blind: true })).json().id;
      const visitor = new TestClient(t.app);
      const list = (await visitor.get('/api/v1/portal/calls?state=open')).json();
      const shown = list.items.find((c: { id: number }) => c.id === open);
      assert.equal(shown.daysLeft, 10);
      assert.ok(!list.items.some((c: { id: number }) => c.id === draft));
      assert.equal((await visitor.get(`/api/v1/portal/calls/${draft}`)).statusCode, 404);
      assert.equal((await visitor.get(`/api/v1/portal/calls/${open}`)).json().state, 'open');
      // signed out, the staff API is closed
      assert.equal((await visitor.get(`/api/v1/calls/${open}`)).statusCode, 401);
      assert.equal((await visitor.get('/api/v1/applications')).statusCode, 401);
    });

    it('refuses a submission after the closing time with 409 CALL_CLOSED and changes nothing', async () => {
      const callId = await openCall(qingyang, { closesAt: iso(1500) });
      const id = await apply(ent1, callId, {}, false);
      const draft = (await ent1.get(`/api/v1/applications/${id}`)).json();
      await new Promise((r) => setTimeout(r, 1700));
      const before = await audits();
      const late = await ent1.post(`/api/v1/applications/${id}/submit`);
      assert.equal(late.statusCode, 409, late.body);
      assert.equal(late.json().error.code, 'CALL_CLOSED');
      assert.match(late.json().error.message, /截止/);
      const after = (await ent1.get(`/api/v1/applications/${id}`)).json();
      assert.equal(after.status, 'draft');
      assert.equal(after.version, draft.version);
      assert.equal(after.timeline.length, 1);
      assert.equal(await audits(), before);
      // a new application to the closed call is refused too
      const again = await ent1.post('/api/v1/applications', { callId, title: '迟到的申报', field: '新能源与节能', requestedAmount: 1, members: [], partnerOrgIds: [] });
      assert.equal(again.json().error.code, 'CALL_CLOSED');
      // the call reads as closed without anyone closing it
      assert.equal((await qingyang.get(`/api/v1/calls/${callId}`)).json().state, 'closed');
    });

    it('formal check: a return needs reasons, the applicant fixes and resubmits, a second check is refused; withdrawal before it', async () => {
      const callId = await openCall(qingyang);
      const id = await apply(ent1, callId);
      const noReason = await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'return' });
      assert.equal(noReason.statusCode, 400);
      const ret = await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'return', comment: '缺少单位承诺书' });
      assert.equal(ret.json().status, 'returned');
      // the applicant is told, with the reason
      const n = (await ent1.get('/api/v1/notifications')).json().items[0];
      assert.match(n.title, /退回/);
      assert.equal(n.body, '缺少单位承诺书');
      const app = (await ent1.get(`/api/v1/applications/${id}`)).json();
      const put = await ent1.request('PUT', `/api/v1/applications/${id}`, { title: app.title, field: app.field, summary: '补充了承诺书', requestedAmount: 900_000,
        members: app.members.map((m: Record<string, unknown>) => ({ name: m.name, orgName: m.orgName, role: m.role })), partnerOrgIds: [], version: app.version });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal((await ent1.post(`/api/v1/applications/${id}/submit`)).json().status, 'submitted');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).json().status, 'formal_passed');
      const twice = await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, 'INVALID_TRANSITION');
      // a stale edit and an edit after submission are refused
      assert.equal((await ent1.request('PUT', `/api/v1/applications/${id}`, { ...(put.json() as Record<string, unknown>), members: [], partnerOrgIds: [], version: 1 })).statusCode, 409);
      const timeline = (await qingyang.get(`/api/v1/applications/${id}`)).json().timeline.map((e: { action: string }) => e.action);
      assert.deepEqual(timeline, ['create', 'submit', 'formal_return', 'submit', 'formal_pass']);
      // withdrawal: before formal check only
      const other = await apply(ent1, callId, { title: '第二个申报' });
      assert.equal((await ent1.post(`/api/v1/applications/${other}/withdraw`, {})).json().status, 'withdrawn');
      assert.equal((await ent1.post(`/api/v1/applications/${id}/withdraw`, {})).statusCode, 409);
    });

    it('submits only a complete application: required attachments by their bytes, required form fields, a budget that adds up', async () => {
      const callId = await openCall(qingyang, { requiredAttachments: ['单位承诺书'],
        form: [{ key: 'trl', label: '技术成熟度', type: 'choice', required: true, options: ['小试', '中试', '产业化'] }, { key: 'start', label: '开始日期', type: 'date' }] });
      const id = await apply(ent1, callId, { requestedAmount: 500_000, ownFunds: 200_000,
        budget: [{ category: 'equipment', own: 100_000, requested: 300_000 }, { category: 'testing', own: 100_000, requested: 100_000 }] }, false);
      const first = await ent1.post(`/api/v1/applications/${id}/submit`);
      assert.equal(first.statusCode, 400);
      assert.equal(first.json().error.code, 'APPLICATION_INCOMPLETE');
      assert.deepEqual(Object.keys(first.json().error.fields).sort(), ['attachments.单位承诺书', 'budget', 'formData.trl']);
      // a renamed text file is not a PDF
      const fake = await upload(ent1, `/api/v1/applications/${id}/attachments?kind=${encodeURIComponent('单位承诺书')}`, Buffer.from('not a pdf'), '承诺书.pdf');
      assert.equal(fake.json().error.code, 'FILE_TYPE');
      const pdf = await upload(ent1, `/api/v1/applications/${id}/attachments?kind=${encodeURIComponent('单位承诺书')}`, Buffer.from('%PDF-1.4\n%%EOF'), '承诺书.pdf');
      assert.equal(pdf.statusCode, 201, pdf.body);
      // another company cannot add to it or read it
      assert.equal((await upload(ent2, `/api/v1/applications/${id}/attachments`, Buffer.from('%PDF-1.4'), 'x.pdf')).statusCode, 404);
      assert.equal((await ent2.get(`/api/v1/applications/${id}/attachments/${pdf.json().id}`)).statusCode, 404);
      const app = (await ent1.get(`/api/v1/applications/${id}`)).json();
      const fixed = await ent1.request('PUT', `/api/v1/applications/${id}`, { title: app.title, field: app.field, summary: app.summary, requestedAmount: 400_000, ownFunds: 200_000,
        members: [], partnerOrgIds: [], formData: { trl: '中试', start: '2027-03-01' }, budget: app.budget, version: app.version });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal((await ent1.post(`/api/v1/applications/${id}/submit`)).json().status, 'submitted');
      // submitted: files are frozen; staff can read them
      assert.equal((await upload(ent1, `/api/v1/applications/${id}/attachments`, Buffer.from('%PDF-1.4'), 'y.pdf')).json().error.code, 'APPLICATION_LOCKED');
      const file = await qingyang.get(`/api/v1/applications/${id}/attachments/${pdf.json().id}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
    });

    it('changes after approval: the organisation asks, the bureau approves (applied) or rejects with a reason', async () => {
      const callId = await openCall(qingyang);
      const id = await apply(ent1, callId);
      assert.equal((await ent1.post(`/api/v1/applications/${id}/changes`, { kind: 'dates', reason: '设备到货延迟', startOn: '2027-01-01', endOn: '2029-06-30' })).json().error.code, 'INVALID_TRANSITION');
      await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      await t.db.query(`UPDATE application SET status = 'reviewed' WHERE id = $1`, [id]);
      await qingyang.post(`/api/v1/applications/${id}/decision`, { approved: true, amount: 600_000 });
      const ask = await ent1.post(`/api/v1/applications/${id}/changes`, { kind: 'dates', reason: '设备到货延迟', startOn: '2027-01-01', endOn: '2029-06-30' });
      assert.equal(ask.statusCode, 201, ask.body);
      assert.equal((await ent1.post(`/api/v1/applications/${id}/changes`, { kind: 'dates', reason: '再次申请', startOn: '2027-01-01', endOn: '2029-12-31' })).json().error.code, 'CHANGE_PENDING');
      const members = await ent1.post(`/api/v1/applications/${id}/changes`, { kind: 'members', reason: '骨干调离', members: [{ name: '王建国', orgName: '本公司', role: '负责人' }, { name: '刘洋', orgName: '本公司', role: '骨干' }] });
      const budget = await ent1.post(`/api/v1/applications/${id}/changes`, { kind: 'budget', reason: '超出', budget: [{ category: 'equipment', own: 0, requested: 700_000 }] });
      assert.equal(budget.statusCode, 400);
      // the wrong side cannot decide
      assert.equal((await ent1.post(`/api/v1/applications/${id}/changes/${ask.json().id}/decision`, { approved: true })).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/applications/${id}/changes/${ask.json().id}/decision`, { approved: true })).statusCode, 404);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/changes/${ask.json().id}/decision`, { approved: false })).statusCode, 400);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/changes/${ask.json().id}/decision`, { approved: true, comment: '同意延期' })).json().status, 'approved');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/changes/${ask.json().id}/decision`, { approved: true })).json().error.code, 'ALREADY_REVIEWED');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/changes/${members.json().id}/decision`, { approved: false, comment: '请补充调离证明' })).json().status, 'rejected');
      const after = (await ent1.get(`/api/v1/applications/${id}`)).json();
      assert.equal(after.contract.endOn, '2029-06-30');
      assert.equal(after.members.length, 1, 'the rejected members change was not applied');
      assert.deepEqual(after.changes.map((c: { kind: string; status: string }) => [c.kind, c.status]), [['dates', 'approved'], ['members', 'rejected']]);
      assert.deepEqual(after.timeline.slice(-4).map((e: { action: string }) => e.action), ['change_request', 'change_request', 'change_approve', 'change_reject']);
    });

    it('a call that asks for recommendation: the city sees a county applicant only after its county bureau recommends', async () => {
      const callId = await openCall(qingyang, { requiresRecommendation: true });
      const id = await apply(ent1, callId); // 西峰区 (621002) applying to a 庆阳市 call
      assert.equal((await qingyang.get(`/api/v1/applications/${id}`)).statusCode, 404);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).statusCode, 404);
      assert.equal((await xifeng.get(`/api/v1/applications?callId=${callId}`)).json().total, 1);
      assert.equal((await xifeng.post(`/api/v1/applications/${id}/recommend`, { result: 'recommend', comment: '同意推荐' })).json().status, 'recommended');
      assert.equal((await qingyang.get(`/api/v1/applications/${id}`)).json().status, 'recommended');
      // the county bureau does not do the city's formal check
      assert.equal((await xifeng.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).statusCode, 404);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' })).json().status, 'formal_passed');
      // one the county sends back never reaches the city, nor does its resubmission until recommended again
      const other = await apply(ent1, callId, { title: '县区退回的申报' });
      assert.equal((await xifeng.post(`/api/v1/applications/${other}/recommend`, { result: 'return', comment: '预算表不完整' })).json().status, 'returned');
      assert.equal((await qingyang.get(`/api/v1/applications/${other}`)).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/applications/${other}/submit`)).json().status, 'submitted');
      assert.equal((await qingyang.get(`/api/v1/applications?callId=${callId}`)).json().items.map((a: { id: number }) => a.id).join(), String(id));
      await xifeng.post(`/api/v1/applications/${other}/recommend`, { result: 'recommend' });
      assert.equal((await qingyang.get(`/api/v1/applications/${other}`)).json().status, 'recommended');
    });

    it('a second click, or ten at once over the wire, on formal check or on approval acts once', async () => {
      const callId = await openCall(qingyang);
      const id = await apply(ent1, callId);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const wire = new HttpSession(base);
      assert.equal((await wire.send('POST', '/api/v1/auth/login', { username: 'qingyang', password: DEMO_PASSWORD })).status, 200);
      const checks = await Promise.all(Array.from({ length: 10 }, () => wire.send('POST', `/api/v1/applications/${id}/formal-check`, { result: 'pass' })));
      assert.deepEqual(checks.map((c) => c.status).sort(), [200, ...Array(9).fill(409)]);
      await t.db.query(`UPDATE application SET status = 'reviewed' WHERE id = $1`, [id]);
      const approvals = await Promise.all(Array.from({ length: 10 }, () => wire.send('POST', `/api/v1/applications/${id}/decision`, { approved: true, amount: 500_000 })));
      assert.deepEqual(approvals.map((c) => c.status).sort(), [200, ...Array(9).fill(409)]);
      const events = (await qingyang.get(`/api/v1/applications/${id}`)).json().timeline.map((e: { action: string }) => e.action);
      assert.deepEqual(events, ['create', 'submit', 'formal_pass', 'approve']);
      const notices = (await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE link = $1 AND kind = 'project.approved'`, [`/projects/mine?application=${id}`])).rows[0].n;
      assert.equal(notices, 1);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.approve' AND target_id = $1`, [String(id)])).rows[0].n, 1);
    });

    it('a project from approval to closing: budget kept, 公示 in working days, contract after it, tranches never above approval, every step on the timeline', async () => {
      const callId = await openCall(qingyang, { budget: 1_500_000, noticeDays: 5 });
      const id = await apply(ent1, callId, { requestedAmount: 1_000_000 });
      await qingyang.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      // a decision needs the application under review
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/decision`, { approved: true, amount: 800_000 })).statusCode, 409);
      await t.db.query(`UPDATE application SET status = 'reviewed' WHERE id = $1`, [id]);
      const over = await qingyang.post(`/api/v1/applications/${id}/decision`, { approved: true, amount: 1_600_000 });
      assert.equal(over.statusCode, 409);
      assert.equal(over.json().error.code, 'BUDGET_EXCEEDED');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/decision`, { approved: true, amount: 800_000 })).json().status, 'approved');
      const notice = await qingyang.post(`/api/v1/calls/${callId}/notice`);
      assert.equal(notice.statusCode, 200, notice.body);
      const expected = (await qingyang.get(`/api/v1/calendar/deadline?from=${notice.json().noticeFrom}&days=5`)).json().dueOn;
      assert.equal(notice.json().noticeUntil, expected);
      // the public sees the notice with its period, and nothing of scores or reviewers
      const visitor = new TestClient(t.app);
      const notices = (await visitor.get('/api/v1/portal/project-notices')).json();
      const mineOnPortal = notices.items.find((n: { callId: number }) => n.callId === callId);
      assert.equal(mineOnPortal.noticeUntil, expected);
      assert.deepEqual(mineOnPortal.list.map((p: { id: number; amount: number }) => [p.id, p.amount]), [[id, 800_000]]);
      assert.ok(!JSON.stringify(notices).includes('score'));
      const early = await qingyang.post(`/api/v1/applications/${id}/contract`, { targets: '完成样机 1 台', startOn: '2027-01-01', endOn: '2028-12-31' });
      assert.equal(early.json().error.code, 'NOTICE_NOT_OVER');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/objections`, { comment: '来电反映合作单位资质问题，已核实不属实' })).statusCode, 204);
      await t.db.query(`UPDATE application SET notice_until = current_date - 1 WHERE id = $1`, [id]);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/contract`, { targets: '完成样机 1 台', startOn: '2027-01-01', endOn: '2028-12-31' })).json().status, 'contracted');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/tranches`, { amount: 500_000, paidOn: '2027-01-15' })).statusCode, 201);
      const tooMuch = await qingyang.post(`/api/v1/applications/${id}/tranches`, { amount: 300_001, paidOn: '2027-06-15' });
      assert.equal(tooMuch.json().error.code, 'FUNDING_EXCEEDS_APPROVED');
      // two tranches at once that each fit but not together: one is paid
      const both = await Promise.all([200_000, 250_000].map((amount) => qingyang.post(`/api/v1/applications/${id}/tranches`, { amount, paidOn: '2027-06-15' })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409]);
      const paid = (await t.db.query('SELECT sum(amount)::bigint AS s FROM funding_tranche WHERE application_id = $1', [id])).rows[0].s;
      assert.ok(Number(paid) <= 800_000);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/midterm`, { result: 'pass' })).json().status, 'midterm_passed');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/acceptance`, { result: 'failed' })).statusCode, 400);
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/acceptance`, { result: 'passed_after_fix', comment: '整改后通过' })).json().status, 'accepted');
      assert.equal((await qingyang.post(`/api/v1/applications/${id}/close`)).json().status, 'closed');
      const mine = (await ent1.get(`/api/v1/applications/${id}`)).json();
      assert.deepEqual(mine.timeline.map((e: { action: string }) => e.action),
        ['create', 'submit', 'formal_pass', 'approve', 'publicize', 'objection', 'contract', 'tranche', 'tranche', 'midterm_pass', 'accept_pass', 'close']);
      // the applicant never sees who acted; staff do
      assert.ok(mine.timeline.every((e: { actor: string | null }) => e.actor === null));
      assert.ok((await qingyang.get(`/api/v1/applications/${id}`)).json().timeline.every((e: { actor: string | null }) => e.actor));
      assert.equal(mine.acceptance, 'passed_after_fix');
    });
  });
}

// The demo projects (M5) are what the API would have left: no review breaks a 回避 rule, totals are
// weightedTotal of the scores, approvals keep within the budget and tranches within the approval,
// every application has a timeline along the workflow, and expert1 has reviews waiting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../domain/dates';
import { breachedRule, type AvoidanceRule } from '../../domain/review/avoidance';
import { scoreProblems, weightedTotal, type Criterion } from '../../domain/review/ranking';
import type { Database } from '../db/database';
import { DRAW_RANKS } from '../modules/reviews/assignment';
import { expertFacts, reviewItems } from '../modules/reviews/facts';
import { APPLICATION_WORKFLOW, FUNDED_STATUSES, type ApplicationStatus } from '../modules/projects/workflow';
import { databaseTargets, openTestDatabase, signedIn, startTestApp, type TestApp } from '../test/harness';
import { seedDemo } from './demo';

const FIELDS = ['电子信息', '生物与新医药', '航空航天', '新材料', '高技术服务', '新能源与节能', '资源与环境', '先进制造与自动化', '现代农业'];
const PAST_FORMAL = ['under_review', 'reviewed', 'approved', 'not_approved', 'publicized', 'contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed', 'terminated'];

/** Every invariant of the seeded projects, on any database seeded with them. */
async function checkInvariants(db: Database) {
  const today = todayInChina();
  const now = Date.now();
  const { rows: calls } = await db.query('SELECT * FROM call ORDER BY id');
  assert.equal(calls.length, 2);
  const { rows: apps } = await db.query('SELECT * FROM application ORDER BY id');
  const { rows: assignments } = await db.query('SELECT * FROM review_assignment ORDER BY id');
  // the projects' panel: the talent demo adds people to the registry too, without ID numbers (its import takes none)
  const { rows: experts } = await db.query('SELECT * FROM expert WHERE id_number_hash IS NOT NULL');
  const pool = await expertFacts(db, { provinceOf: '621000' });
  const lu = (await db.query(`SELECT org_id FROM app_user WHERE username = 'qy_inst1'`)).rows[0].org_id;

  // 回避: recomputed from the registry as an assignment judges it, for every assignment ever made
  for (const c of calls) {
    const items = new Map((await reviewItems(db, Number(c.id), { on: today })).map((i) => [i.id, i]));
    for (const r of assignments.filter((x) => Number(x.call_id) === Number(c.id))) {
      const item = items.get(Number(r.application_id))!;
      const rule = breachedRule(c.avoidance as AvoidanceRule[], pool.get(Number(r.expert_id))!, item);
      assert.equal(rule, null, `assignment ${r.id} (expert ${r.expert_id} on application ${r.application_id}) breaks ${rule}`);
      const x = pool.get(Number(r.expert_id))!;
      if (r.method === 'draw') {
        assert.ok(x.fields.includes(item.field) && DRAW_RANKS.includes(x.titleRank), `a drawn expert is qualified (assignment ${r.id})`);
        assert.ok(r.draw_id != null);
      }
      if (r.status !== 'declined') assert.equal(x.status, 'active', 'no suspended expert reviews');
    }
  }

  // scores, totals, pledges
  const { rows: pledges } = await db.query('SELECT * FROM review_pledge');
  for (const r of assignments) {
    const c = calls.find((x) => Number(x.id) === Number(r.call_id));
    const rubric = c.rubric as Criterion[];
    assert.ok(Math.abs(rubric.reduce((s, k) => s + k.weight, 0) - 1) < 1e-9, 'weights sum to 1');
    assert.ok(new Date(r.assigned_at).getTime() <= now);
    if (r.status === 'submitted') {
      assert.deepEqual(scoreProblems(rubric, r.scores, true), []);
      assert.equal(Number(r.total), weightedTotal(rubric, r.scores), `total of assignment ${r.id}`);
      assert.ok(r.comment.trim().length > 0);
      assert.ok(r.assigned_at <= r.declared_at && r.declared_at <= r.submitted_at && new Date(r.submitted_at).getTime() <= now);
    } else {
      assert.equal(r.total, null);
      assert.equal(r.submitted_at, null);
      assert.deepEqual(scoreProblems(rubric, r.scores, false), []);
      if (r.status !== 'declared') assert.deepEqual(r.scores, {});
    }
    if (r.status === 'declared' || r.status === 'submitted') {
      const p = pledges.find((x) => Number(x.call_id) === Number(r.call_id) && Number(x.expert_id) === Number(r.expert_id));
      assert.ok(p, `pledge of expert ${r.expert_id} for call ${r.call_id}`);
      assert.ok(p.signed_at <= r.declared_at, 'the pledge comes before the declaration');
    }
    if (r.status === 'declined') assert.ok(r.conflict_reason);
  }
  assert.equal(new Set(assignments.map((r) => `${r.application_id}|${r.expert_id}`)).size, assignments.length);

  // money: approvals within the budget, tranches within the approval and only on projects under contract
  const { rows: tranches } = await db.query('SELECT application_id, sum(amount)::bigint AS paid, count(*)::int AS n FROM funding_tranche GROUP BY application_id');
  for (const c of calls) {
    const funded = apps.filter((a) => Number(a.call_id) === Number(c.id) && FUNDED_STATUSES.includes(a.status as ApplicationStatus));
    const approved = funded.reduce((s, a) => s + Number(a.approved_amount), 0);
    assert.ok(approved <= Number(c.budget), `${c.title}: approved ${approved} within ${c.budget}`);
  }
  for (const a of apps) {
    const funded = FUNDED_STATUSES.includes(a.status as ApplicationStatus);
    assert.equal(a.approved_amount != null, funded, `approved amount iff funded (${a.title})`);
    if (funded) assert.ok(Number(a.approved_amount) > 0 && Number(a.approved_amount) <= Number(a.requested_amount));
    const t = tranches.find((x) => Number(x.application_id) === Number(a.id));
    if (t) {
      assert.ok(['contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed'].includes(a.status), `tranches only under contract (${a.title})`);
      assert.ok(Number(t.paid) <= Number(a.approved_amount), `tranches ${t.paid} within ${a.approved_amount}`);
    }
    if (['publicized', 'contracted', 'accepted'].includes(a.status)) {
      assert.ok(a.notice_from && a.notice_until && a.notice_until < today, 'the notice is over');
    }
    if (a.status === 'contracted' || a.status === 'accepted') {
      assert.ok(a.contract.targets && a.contract.startOn > a.notice_until && a.contract.endOn > a.contract.startOn);
      assert.ok(t && t.n >= 1, 'a contracted project has been paid');
    }
    const budget = a.budget as { requested: number; own: number }[];
    assert.equal(budget.reduce((s, l) => s + l.requested, 0), Number(a.requested_amount));
    assert.equal(budget.reduce((s, l) => s + l.own, 0), Number(a.own_funds));
  }

  // the timeline: from the draft, along the workflow, to the status, in time order, nothing ahead of now
  const { rows: events } = await db.query('SELECT * FROM application_event ORDER BY application_id, at, id');
  for (const a of apps) {
    const mine = events.filter((e) => Number(e.application_id) === Number(a.id));
    assert.ok(mine.length > 0, `a timeline for ${a.title}`);
    assert.deepEqual([mine[0].action, mine[0].from_status, mine[0].to_status], ['create', null, 'draft']);
    let state: ApplicationStatus = 'draft';
    let changes = 0;
    for (const e of mine.slice(1)) {
      assert.equal(e.from_status, state, `${a.title}: ${e.action} from ${state}`);
      if (e.action === 'tranche' || e.action === 'objection') {
        assert.equal(e.to_status, state);
        assert.ok(e.comment);
        continue;
      }
      const t = APPLICATION_WORKFLOW[e.action as keyof typeof APPLICATION_WORKFLOW];
      assert.ok(t && t.from.includes(state) && t.to === e.to_status, `${a.title}: ${e.action} ${state} → ${e.to_status}`);
      if (t.comment) assert.ok(e.comment?.trim(), `${e.action} carries its reason`);
      state = e.to_status;
      changes++;
    }
    assert.equal(state, a.status, `${a.title}: the timeline ends in its status`);
    assert.equal(a.version, 1 + changes);
    assert.ok(mine.every((e, i) => new Date(e.at).getTime() <= now && (i === 0 || e.at >= mine[i - 1].at)));
    assert.equal(new Date(a.created_at).getTime(), new Date(mine[0].at).getTime());
    const submits = mine.filter((e) => e.action === 'submit');
    assert.equal(a.submitted_at && new Date(a.submitted_at).getTime(), submits.length ? new Date(submits[submits.length - 1].at).getTime() : null);
    const c = calls.find((x) => Number(x.id) === Number(a.call_id));
    if (submits.length) assert.ok(a.submitted_at >= c.opens_at && a.submitted_at < c.closes_at, 'submitted while the call was open');
    // reviews: past formal check only; a reviewed panel is complete, one under review is not
    const panel = assignments.filter((r) => Number(r.application_id) === Number(a.id) && r.status !== 'declined');
    if (!PAST_FORMAL.includes(a.status)) assert.equal(panel.length, 0);
    if (a.status === 'under_review') {
      assert.ok(panel.length > 0 && panel.length <= c.reviewers_per_application && panel.some((r) => r.status !== 'submitted'));
    }
    if (PAST_FORMAL.includes(a.status) && a.status !== 'under_review') {
      assert.ok(panel.length >= c.reviewers_per_application && panel.every((r) => r.status === 'submitted'), `${a.title}: a complete panel`);
    }
    assert.equal(a.needs_recommendation, c.requires_recommendation && a.region_code !== c.region_code);
  }

  // the reserve: three levels, the statuses spread, links both ways
  const { rows: reserve } = await db.query('SELECT * FROM reserve_item');
  assert.deepEqual(new Set(reserve.map((r) => r.level)), new Set(['central', 'provincial', 'city']));
  assert.deepEqual(new Set(reserve.map((r) => r.status)), new Set(['reserve', 'arguing', 'applied', 'approved', 'dropped']));
  const linked = reserve.filter((r) => r.application_id != null);
  assert.ok(linked.length >= 1);
  for (const r of linked) {
    const a = apps.find((x) => Number(x.id) === Number(r.application_id))!;
    assert.equal(Number(a.reserve_item_id), Number(r.id));
    assert.equal(Number(r.lead_org_id), Number(a.org_id));
    assert.equal(r.status, FUNDED_STATUSES.includes(a.status as ApplicationStatus) ? 'approved' : 'applied');
  }

  // experts: 30, fields of the catalogue, unique masked-safe mobiles, expert1 is a 正高 of 陇东学院
  assert.equal(experts.length, 30);
  for (const x of experts) {
    assert.ok(x.fields.length > 0 && x.fields.every((f: string) => FIELDS.includes(f)), `${x.name}: ${x.fields}`);
    assert.match(x.phone, /^139\d{8}$/);
    assert.match(x.id_number_tail, /^\d{3}[\dX]$/);
  }
  assert.equal(new Set(experts.map((x) => x.phone)).size, 30);
  assert.equal(experts.filter((x) => x.status === 'suspended').length, 1);
  assert.ok(experts.filter((x) => x.title_rank === '中级').length >= 2 && experts.filter((x) => x.title_rank === '正高').length >= 12);
  const [zhou] = (await db.query(`SELECT x.* FROM expert x JOIN app_user u ON u.id = x.user_id WHERE u.username = 'expert1'`)).rows;
  assert.equal(zhou.title_rank, '正高');
  assert.equal(Number(zhou.org_id), Number(lu));
  const zhouOn = assignments.filter((r) => Number(r.expert_id) === Number(zhou.id)).map((r) => apps.find((a) => Number(a.id) === Number(r.application_id)));
  assert.ok(zhouOn.every((a) => Number(a.org_id) !== Number(lu)), 'expert1 never reviews 陇东学院');
  assert.ok((await db.query('SELECT count(*)::int AS n FROM expert_relation')).rows[0].n >= 2);
}

for (const target of databaseTargets()) {
  describe(`demo projects [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target, {}, { enterprises: 50 }); });
    after(async () => { await t?.close(); });

    it('keeps every invariant: 回避, totals, budget, tranches, timelines, the reserve', async () => {
      await checkInvariants(t.db);
    });

    it('has an open call of 重点研发 and a closed, funded call of 乡村振兴 with every state the story needs', async () => {
      const staff = await signedIn(t.app, 'qingyang');
      const open = (await staff.get('/api/v1/calls?state=open')).json().items;
      assert.equal(open.length, 1);
      assert.match(open[0].title, /^\d{4}年度庆阳市重点研发计划项目申报指南$/);
      assert.equal(open[0].budget, 5_000_000);
      assert.equal(open[0].reviewersPerApplication, 5);
      assert.equal(open[0].blind, false);
      assert.equal(open[0].requiresRecommendation, true);
      assert.ok(Date.parse(open[0].closesAt) - Date.now() > 20 * 86_400_000, 'open for weeks to come');
      const closed = (await staff.get('/api/v1/calls?state=closed')).json().items;
      assert.equal(closed.length, 1);
      assert.match(closed[0].title, /乡村振兴科技项目申报指南$/);
      assert.equal(closed[0].budget, 3_000_000);
      const programmes = (await staff.get('/api/v1/programmes')).json().items;
      assert.deepEqual(programmes.map((p: any) => p.level).sort(), ['city', 'city', 'provincial']);

      const { rows } = await t.db.query('SELECT call_id, status, count(*)::int AS n FROM application GROUP BY 1, 2');
      const states = (callId: number) => new Set(rows.filter((r) => Number(r.call_id) === callId).map((r) => r.status));
      for (const s of ['draft', 'submitted', 'recommended', 'returned', 'formal_passed', 'under_review']) assert.ok(states(open[0].id).has(s), `open call: ${s}`);
      for (const s of ['contracted', 'accepted', 'not_approved', 'formal_failed']) assert.ok(states(closed[0].id).has(s), `closed call: ${s}`);
      const closedApps = rows.filter((r) => Number(r.call_id) === closed[0].id).reduce((s, r) => s + r.n, 0);
      assert.ok(closedApps >= 10 && closedApps <= 14);

      // the ranking the API computes puts the approved ones on top, and their sum within the budget
      const ranking = (await staff.get(`/api/v1/calls/${closed[0].id}/ranking`)).json().items;
      const funded = ranking.filter((i: any) => i.approvedAmount != null);
      assert.ok(funded.length >= 4);
      assert.deepEqual(funded.map((i: any) => i.rank), funded.map((_: unknown, k: number) => k + 1), 'the top ones are approved');
      assert.ok(ranking.every((i: any) => i.reviews === 5 && i.score != null));
      assert.ok(funded.reduce((s: number, i: any) => s + i.approvedAmount, 0) <= 3_000_000);
      const board = (await staff.get(`/api/v1/calls/${closed[0].id}/board`)).json();
      assert.ok(board.matrix.some((m: any) => m.outlier), 'one review stands out from its panel');

      // a timeline through the API, with the comment a return carries
      const returned = (await staff.get(`/api/v1/applications?callId=${open[0].id}&status=returned`)).json().items;
      assert.ok(returned.length >= 1);
      const one = (await staff.get(`/api/v1/applications/${returned[0].id}`)).json();
      assert.ok(one.timeline.at(-1).comment.length > 10);
    });

    it('gives expert1 reviews to open, to finish and one submitted, never of 陇东学院', async () => {
      const expert = await signedIn(t.app, 'expert1');
      const mine = (await expert.get('/api/v1/reviews')).json().items;
      assert.deepEqual(mine.map((r: any) => r.status).sort(), ['assigned', 'declared', 'submitted']);
      assert.ok(mine.every((r: any) => r.orgName !== '陇东学院'));
      const declared = mine.find((r: any) => r.status === 'declared');
      const review = (await expert.get(`/api/v1/reviews/${declared.id}`)).json();
      assert.ok(review.pledged);
      assert.ok(Object.keys(review.scores).length > 0, 'a half-scored draft');
      assert.ok(review.application.summary, 'declared: the application is open');
      const assigned = (await expert.get(`/api/v1/reviews/${mine.find((r: any) => r.status === 'assigned').id}`)).json();
      assert.equal(assigned.application.summary, null, 'not yet declared: closed');
    });

    it('shows each side its own: the applicant its drafts, the county what awaits its recommendation', async () => {
      const ent = await signedIn(t.app, 'qy_ent1');
      const own = (await ent.get('/api/v1/applications?pageSize=100')).json().items;
      assert.ok(own.some((a: any) => a.status === 'draft') && own.some((a: any) => a.status === 'under_review'));
      const inst = await signedIn(t.app, 'qy_inst1');
      const theirs = (await inst.get('/api/v1/applications?pageSize=100')).json().items;
      assert.ok(theirs.some((a: any) => a.status === 'returned') && theirs.some((a: any) => a.status === 'under_review'));
      const staff = await signedIn(t.app, 'qingyang');
      const seen = (await staff.get('/api/v1/applications?pageSize=100')).json().items;
      assert.ok(!seen.some((a: any) => a.status === 'draft'));
      assert.ok(!seen.some((a: any) => a.status === 'submitted' && a.needsRecommendation), 'the city waits for the county');
    });
  });

  describe(`demo projects on a small registry [${target}]`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => { ({ db, drop } = await openTestDatabase(target)); });
    after(async () => { await drop?.(); });

    it('still seeds a consistent story with three generated enterprises, and nothing of it without any', async () => {
      await seedDemo(db, { enterprises: 3, policies: false, indicators: false });
      await checkInvariants(db);
      const bare = await openTestDatabase(target);
      try {
        await seedDemo(bare.db, { enterprises: 0, policies: false });
        const { rows: [n] } = await bare.db.query(`SELECT (SELECT count(*) FROM expert) + (SELECT count(*) FROM programme) + (SELECT count(*) FROM application)
          + (SELECT count(*) FROM reserve_item) AS n`);
        assert.equal(Number(n.n), 0, 'plain HTTP tests stay clean');
      } finally {
        await bare.drop();
      }
    });
  });
}

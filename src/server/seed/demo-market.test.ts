// The demo technology market (issue 13 item 8) is what the API would have left: 60 achievements,
// 30 demands with answers (one picked and closed with its contract), a held docking event with
// outcomes, evaluations by panels that break no 回避 rule, and 200 contracts whose registration
// numbers follow each region's yearly serial and whose yearly 成交额 per county stays close to the
// tech_contract_turnover figure entered for it, so the registry keeps the dashboard's story.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../domain/dates';
import { breachedRule, DEFAULT_AVOIDANCE } from '../../domain/review/avoidance';
import { panelScore, weightedTotal, type Criterion } from '../../domain/review/ranking';
import { dueOn, registrationNumber, ruleSetOn } from '../../domain/tech-contracts';
import { loadExceptions } from '../modules/calendar/service';
import { loadRuleSets } from '../modules/market/tech-contracts';
import { expertFacts } from '../modules/reviews/facts';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../test/harness';
import { seedDemoMarket } from './demo-market';

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const LAST = YEAR - 1;
const COUNTIES = ['621002', '621021', '621022', '621023', '621024', '621025', '621026', '621027', '620702', '620721', '620722', '620723', '620724', '620725'];
const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params)).rows[0].n);

for (const target of databaseTargets()) {
  describe(`demo market [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target, {}, { enterprises: 40 }); });
    after(async () => { await t?.close(); });

    it('seeds 60 achievements and 30 demands in the region\'s industries, most published', async () => {
      const { rows: achievements } = await t.db.query('SELECT a.*, o.kind FROM achievement a JOIN organization o ON o.id = a.org_id');
      assert.equal(achievements.length, 60);
      const by = (s: string) => achievements.filter((a) => a.status === s).length;
      assert.ok(by('published') >= 45 && by('submitted') >= 3 && by('draft') >= 2 && by('transferred') === 1 && by('withdrawn') === 1);
      assert.ok(achievements.filter((a) => a.kind === 'institution').length >= 20, '陇东学院 owns a good part');
      for (const a of achievements) {
        assert.ok(a.maturity >= 3 && a.maturity <= 9, `${a.title}: maturity ${a.maturity}`);
        assert.ok(a.summary.length > 30 && a.text.length > 60 && a.inventors && a.transfer_modes.length > 0, a.title);
        assert.equal(a.published_at != null, ['published', 'transferred', 'withdrawn'].includes(a.status), a.title);
      }
      for (const word of ['页岩油', '压裂', '采出水', '风电', '光伏', '储能', '氢', '黄芪', '甘草', '党参', '玉米', '凹凸棒石', '数据中心', '算力', '苹果', '绒山羊', '荞麦']) {
        assert.ok(achievements.some((a) => a.title.includes(word) || a.summary.includes(word)), word);
      }
      const { rows: demands } = await t.db.query('SELECT * FROM demand');
      assert.equal(demands.length, 30);
      assert.ok(demands.filter((d) => d.status === 'published').length >= 24);
      const calls = demands.filter((d) => d.open_call);
      assert.equal(calls.length, 2);
      assert.ok(calls.every((d) => Number(d.prize) > 0 && d.status === 'published' && d.title.startsWith('揭榜挂帅')));
      assert.ok(demands.filter((d) => d.status === 'published').every((d) => d.deadline > TODAY), 'open demands are still open');
    });

    it('answers: one picked, its demand closed with the registered contract; the others rejected', async () => {
      const { rows: answers } = await t.db.query('SELECT a.*, d.org_id AS demand_org FROM demand_answer a JOIN demand d ON d.id = a.demand_id');
      assert.ok(answers.length >= 10);
      assert.ok(answers.some((a) => a.expert_id != null) && answers.some((a) => a.org_id != null));
      assert.ok(answers.every((a) => Number(a.org_id) !== Number(a.demand_org)), 'nobody answers its own demand');
      const picked = answers.filter((a) => a.status === 'picked');
      assert.equal(picked.length, 1);
      const { rows: [d] } = await t.db.query('SELECT * FROM demand WHERE id = $1', [picked[0].demand_id]);
      assert.equal(Number(d.picked_answer_id), Number(picked[0].id));
      assert.equal(d.status, 'closed');
      assert.equal(d.outcome, 'contract');
      assert.ok(answers.filter((a) => Number(a.demand_id) === Number(d.id) && a.id !== picked[0].id).every((a) => a.status === 'rejected'));
      const no = d.outcome_note.match(/\d{14}/)?.[0];
      assert.equal(await count(t, `SELECT count(*) AS n FROM tech_contract WHERE registration_no = $1 AND status = 'accepted' AND seller_org_id = $2`, [no, picked[0].org_id]), 1);
    });

    it('holds one docking event with registrations, pairs from matches and every kind of outcome', async () => {
      const { rows: events } = await t.db.query('SELECT * FROM docking_event');
      assert.equal(events.length, 1);
      assert.equal(events[0].status, 'held');
      assert.match(events[0].title, /^\d{4}年庆阳市科技成果转化对接会$/);
      assert.ok(new Date(events[0].starts_at).getTime() < Date.now());
      const { rows: pairs } = await t.db.query(`SELECT p.*, a.org_id AS a_org, d.org_id AS d_org FROM docking_pairing p JOIN achievement a ON a.id = p.achievement_id
        JOIN demand d ON d.id = p.demand_id`);
      assert.ok(pairs.length >= 8);
      assert.deepEqual(new Set(pairs.map((p) => p.outcome).filter(Boolean)), new Set(['met', 'intent', 'agreement', 'contract']));
      for (const p of pairs) {
        assert.equal(Number(p.supplier_org_id), Number(p.a_org));
        assert.notEqual(Number(p.a_org), Number(p.d_org));
        // both sides registered (confirmed) and brought what is paired
        const { rows: regs } = await t.db.query(`SELECT * FROM docking_registration WHERE event_id = $1 AND status = 'confirmed' AND org_id = ANY($2::bigint[])`,
          [p.event_id, [p.a_org, p.d_org]]);
        assert.ok(regs.some((g) => g.demand_ids.map(Number).includes(Number(p.demand_id))));
        assert.ok(regs.some((g) => g.achievement_ids.map(Number).includes(Number(p.achievement_id))));
      }
      const contract = pairs.find((p) => p.outcome === 'contract');
      assert.equal(await count(t, `SELECT count(*) AS n FROM tech_contract WHERE registration_no = $1 AND status = 'accepted'`, [contract.contract_no]), 1);
    });

    it('evaluates with panels that break no 回避 rule, concluded on the panel\'s mean, and lists them as 好成果', async () => {
      const { rows: evaluations } = await t.db.query('SELECT e.*, a.inventors FROM evaluation e JOIN achievement a ON a.id = e.achievement_id');
      assert.ok(evaluations.filter((e) => e.status === 'concluded').length >= 5);
      assert.ok(evaluations.some((e) => e.status === 'experts_assigned') && evaluations.some((e) => e.status === 'requested'));
      const pool = await expertFacts(t.db, { provinceOf: '621000' });
      const { rows: assignments } = await t.db.query('SELECT * FROM evaluation_assignment');
      for (const e of evaluations) {
        const mine = assignments.filter((x) => Number(x.evaluation_id) === Number(e.id));
        const item = { applicantOrgId: Number(e.org_id), partnerOrgIds: [], memberExpertIds: [], memberNames: e.inventors.split(/[、,，;；\n]+/), regionCode: e.region_code, on: TODAY };
        for (const x of mine) {
          assert.equal(breachedRule(DEFAULT_AVOIDANCE, pool.get(Number(x.expert_id))!, item), null);
          if (x.status === 'submitted') assert.equal(Number(x.total), weightedTotal(e.criteria as Criterion[], x.scores));
        }
        if (e.status === 'concluded') {
          assert.equal(mine.length, e.experts_required);
          assert.equal(Number(e.score), panelScore(mine.map((x) => Number(x.total)), false).score);
          assert.ok(e.level && e.opinion);
        }
      }
      const expert1 = (await t.db.query(`SELECT x.id FROM expert x JOIN app_user u ON u.id = x.user_id WHERE u.username = 'expert1'`)).rows[0];
      assert.ok(assignments.some((x) => Number(x.expert_id) === Number(expert1.id) && x.status === 'assigned'), 'expert1 has an evaluation to open');
      const portal = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/good-achievements' }));
      assert.equal(portal.statusCode, 200, portal.body);
      const { rows: items } = await t.db.query(`SELECT e.status, e.region_code FROM good_batch b JOIN good_batch_item i ON i.batch_id = b.id JOIN evaluation e ON e.id = i.evaluation_id
        WHERE b.status = 'published'`);
      assert.ok(items.length >= 3 && items.every((i) => i.status === 'concluded' && i.region_code.startsWith('6210')));
    });

    it('registers 200 contracts: unique numbers along each region\'s serial, clocks of the rule set in force, undecided ones near or past their due date', async () => {
      const { rows: contracts } = await t.db.query('SELECT *, decided_on::text AS decided, filed_on::text AS filed, due_on::text AS due, signed_on::text AS signed FROM tech_contract');
      assert.equal(contracts.length, 200);
      const accepted = contracts.filter((c) => c.status === 'accepted');
      assert.ok(accepted.length >= 180);
      assert.equal(new Set(accepted.map((c) => c.registration_no)).size, accepted.length, 'unique registration numbers');
      assert.ok(contracts.filter((c) => c.status !== 'accepted').every((c) => c.registration_no == null));
      const sets = await loadRuleSets(t.db);
      const exceptions = await loadExceptions(t.db, `${YEAR - 3}-01-01`, `${YEAR + 1}-12-31`);
      const serials = new Map<string, string[]>();
      for (const c of contracts) {
        const set = ruleSetOn(sets, c.filed)!;
        assert.equal(c.rule_set, set.code, `${c.name}: the rule set of its filing day`);
        assert.equal(c.due, dueOn(set, c.filed, Number(c.technical_amount), c.disputed, exceptions), `${c.name}: due date`);
        assert.ok(c.signed <= c.filed && c.filed <= TODAY);
        assert.equal(Number(c.technical_amount), Number(c.amount) - Number(c.non_technical_amount));
        if (c.decided) assert.ok(c.filed <= c.decided && c.decided <= c.due && c.decided <= TODAY, `${c.name}: decided in time`);
        if (c.status === 'refused' || c.status === 'returned') assert.ok(c.reason?.length > 5);
        if (c.status === 'accepted') {
          const key = `${c.region_code}|${c.decided.slice(0, 4)}`;
          serials.set(key, [...(serials.get(key) ?? []), c.registration_no]);
        }
      }
      assert.ok(accepted.every((c) => Number(c.decided.slice(0, 4)) >= LAST), 'last year and this year');
      const { rows: serialRows } = await t.db.query('SELECT * FROM tech_contract_serial');
      assert.equal(serialRows.length, serials.size);
      for (const s of serialRows) {
        const numbers = serials.get(`${s.region_code}|${s.year}`)!.sort();
        assert.deepEqual(numbers, Array.from({ length: s.last }, (_, k) => registrationNumber(s.year, s.region_code, k + 1)), `${s.region_code} ${s.year}`);
      }
      // a new acceptance continues the serial without a clash
      const submitted = contracts.filter((c) => c.status === 'submitted');
      assert.ok(submitted.some((c) => c.due < TODAY), 'an overdue one');
      assert.ok(submitted.some((c) => c.due >= TODAY && c.due <= new Date(Date.parse(TODAY) + 7 * 86_400_000).toISOString().slice(0, 10)), 'one due within the week');
      const staff = await signedIn(t.app, 'gansu');
      const near = (await staff.get('/api/v1/tech-contracts?dueWithin=5&pageSize=50')).json();
      assert.ok(near.items.length >= 2, 'the near-deadline list shows');
      const one = near.items[0];
      {
        const res = await staff.post(`/api/v1/tech-contracts/${one.id}/decision`, { accepted: true });
        assert.equal(res.statusCode, 200, res.body);
        const y = Number(TODAY.slice(0, 4));
        const before = serialRows.find((s) => s.region_code === one.regionCode && s.year === y)?.last ?? 0;
        assert.equal(res.json().registrationNo, registrationNumber(y, one.regionCode, before + 1));
      }
      assert.ok(contracts.filter((c) => c.status === 'refused').length >= 2 && contracts.filter((c) => c.status === 'returned').length >= 2);
      assert.equal(new Set(contracts.map((c) => c.type)).size, 5, 'every contract type');
      assert.ok(contracts.some((c) => !c.buyer_region_code.startsWith('62')) && contracts.some((c) => c.buyer_region_code.startsWith('6210')), 'buyers near and far');
    });

    it('keeps each county\'s yearly registry sum within 10 % of its entered turnover, and the dashboard on the registry', async () => {
      const { rows } = await t.db.query(
        `SELECT v.region_code, v.value::float8 AS entered,
                (SELECT coalesce(sum(c.amount), 0)::float8 / 10000 FROM tech_contract c
                  WHERE c.region_code = v.region_code AND c.status = 'accepted' AND extract(year FROM c.decided_on)::int = v.year) AS registry
           FROM indicator_value v WHERE v.indicator_code = 'tech_contract_turnover' AND v.year = $1 AND v.period = 'Y' AND v.region_code = ANY($2::text[])`, [LAST, COUNTIES]);
      assert.equal(rows.length, COUNTIES.length);
      for (const r of rows) assert.ok(Math.abs(r.registry - r.entered) <= 0.1 * r.entered, `${r.region_code}: registry ${r.registry} vs entered ${r.entered}`);
      const staff = await signedIn(t.app, 'gansu');
      const values = (await staff.get(`/api/v1/indicators/values?region=620000&year=${LAST}`)).json();
      const turnover = values.items.find((i: any) => i.code === 'tech_contract_turnover');
      const entered = rows.reduce((s, r) => s + r.entered, 0);
      assert.ok(Math.abs(turnover.value - entered) <= 0.1 * entered, `province ${turnover.value} vs ${entered}`);
      assert.ok(turnover.target > 0);
      const stats = (await staff.get(`/api/v1/tech-contracts/stats?region=620000&year=${LAST}`)).json();
      assert.equal(stats.count, await count(t, `SELECT count(*) AS n FROM tech_contract WHERE status = 'accepted' AND extract(year FROM decided_on)::int = $1`, [LAST]));
      assert.ok(Math.abs(stats.amount / 10_000 - turnover.value) < 1);
      assert.equal(stats.byBuyerPlace.filter((p: any) => p.count > 0).length, 3, 'local, province and outside buyers');
    });

    it('seeds once: a second call adds nothing', async () => {
      const before = await count(t, 'SELECT (SELECT count(*) FROM achievement) + (SELECT count(*) FROM demand) + (SELECT count(*) FROM tech_contract) + (SELECT count(*) FROM docking_event) AS n');
      const summary = await t.db.transaction((tx) => seedDemoMarket(tx));
      assert.equal(summary.contracts, 0);
      assert.equal(await count(t, 'SELECT (SELECT count(*) FROM achievement) + (SELECT count(*) FROM demand) + (SELECT count(*) FROM tech_contract) + (SELECT count(*) FROM docking_event) AS n'), before);
    });
  });
}

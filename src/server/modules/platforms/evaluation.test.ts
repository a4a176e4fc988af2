// The yearly platform evaluation over HTTP: only the region's staff open and close rounds and
// see who has not reported; only a platform's host writes its report; 回避 keeps an expert of
// the host off it; ten submissions of the same score and ten ratings at once count once; a
// 不合格 puts the platform on 整改 (audited, host told); a second 不合格 in a row and a missed
// deadline propose revocation, which staff decide once. Plus the dashboard's counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';
import { makeExpert, orgIdOf } from '../projects/test-support';
import { countsOn } from './dashboard';
import { failsTwiceInARow, ratingOf } from './evaluation-rules';

const THIS_YEAR = Number(todayInChina().slice(0, 4));
const THRESHOLDS = [{ rating: 'excellent' as const, min: 90 }, { rating: 'good' as const, min: 80 }, { rating: 'pass' as const, min: 60 }];

describe('evaluation rules', () => {
  it('rates by the thresholds and proposes revocation only after two failures in a row', () => {
    assert.deepEqual([95, 90, 89.99, 80, 60, 59.99, 0].map((s) => ratingOf(s, THRESHOLDS)), ['excellent', 'excellent', 'good', 'good', 'pass', 'fail', 'fail']);
    assert.equal(failsTwiceInARow(2025, 'fail', new Map([[2024, 'fail']])), true);
    assert.equal(failsTwiceInARow(2025, 'fail', new Map([[2023, 'fail'], [2024, 'pass']])), false);
    assert.equal(failsTwiceInARow(2025, 'pass', new Map([[2024, 'fail']])), false);
    assert.equal(countsOn({ type: 'x', level: 'city', regionCode: '621002', certifiedOn: '2024-03-01', revokedOn: '2025-06-01', status: 'revoked' }, '2024-12-31'), true);
    assert.equal(countsOn({ type: 'x', level: 'city', regionCode: '621002', certifiedOn: '2024-03-01', revokedOn: '2025-06-01', status: 'revoked' }, '2025-12-31'), false);
  });
});

for (const target of databaseTargets()) {
  describe(`platform evaluation [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let xifeng: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let admin: TestClient;
    let ent1Org: number; let ent2Org: number; let inst1Org: number;
    /** A certified platform entered straight into the registry (the registry's own API is another module's). */
    const platform = async (name: string, type: string, level: string, hostOrg: number, region: string, certifiedOn = '2022-05-01') => {
      const { rows: [p] } = await t.db.query(
        `INSERT INTO platform (name, type_code, level, status, host_org_id, region_code, certified_on, source) VALUES ($1, $2, $3, 'certified', $4, $5, $6, 'entered') RETURNING id`,
        [name, type, level, hostOrg, region, certifiedOn]);
      await t.db.query('INSERT INTO platform_host (platform_id, org_id, is_lead) VALUES ($1, $2, true)', [p.id, hostOrg]);
      return Number(p.id);
    };
    const status = async (id: number) => (await t.db.query('SELECT status FROM platform WHERE id = $1', [id])).rows[0].status;
    const deadline = `${THIS_YEAR + 1}-03-31`;
    let roundId: number;
    let pA: number; let pB: number; let pC: number;

    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, xifeng, ent1, ent2, inst1, admin] = await Promise.all(['qingyang', 'zhangye', 'xifeng', 'qy_ent1', 'qy_ent2', 'qy_inst1', 'admin'].map((u) => signedIn(t.app, u)));
      [ent1Org, ent2Org, inst1Org] = await Promise.all([orgIdOf(ent1), orgIdOf(ent2), orgIdOf(inst1)]);
      pA = await platform('庆阳市油气装备工程技术研究中心', 'engineering_center', 'provincial', ent1Org, '621002');
      pB = await platform('庆城县岐黄中药材科技企业孵化器', 'incubator', 'city', ent2Org, '621021');
      pC = await platform('陇东学院黄土高原旱作农业重点实验室', 'key_lab', 'provincial', inst1Org, '621002');
    });
    after(async () => { await t.close(); });

    it('opens a round only for staff in scope; lists who has not reported; only the host writes its report', async () => {
      const body = { regionCode: '621000', year: THIS_YEAR, deadline };
      assert.equal((await ent1.post('/api/v1/platform-evaluation/rounds', body)).statusCode, 403, 'a host');
      assert.equal((await zhangye.post('/api/v1/platform-evaluation/rounds', body)).statusCode, 400, 'staff of another city');
      const res = await qingyang.post('/api/v1/platform-evaluation/rounds', body);
      assert.equal(res.statusCode, 201, res.body);
      roundId = res.json().id;
      assert.equal((await qingyang.post('/api/v1/platform-evaluation/rounds', body)).json().error.code, 'PLATFORM_ROUND_EXISTS');
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'platform.evaluation.round.open' AND target_id = $1`, [String(roundId)]);
      assert.equal(audit.rowCount, 1);
      // the hosts have it to do, with the deadline
      const due = (await ent2.get('/api/v1/inbox')).json().items.find((i: { kind: string }) => i.kind === 'platform.report.due');
      assert.equal(due?.dueOn, deadline);

      const missing = async (c: TestClient) => (await c.get(`/api/v1/platform-evaluation/rounds/${roundId}/non-reporters`));
      assert.deepEqual((await missing(qingyang)).json().items.map((p: { id: number }) => p.id).sort(), [pA, pB, pC].sort());
      assert.deepEqual((await missing(xifeng)).json().items.map((p: { id: number }) => p.id).sort(), [pA, pC].sort(), 'a county sees its own');
      assert.equal((await missing(zhangye)).statusCode, 404);
      assert.equal((await missing(ent1)).statusCode, 403);

      const figures = { rd_staff: 42, rd_spend: 6_800_000, instruments: 35, shared_hours: 1200, projects: 9, patents: 14, income: 26_000_000 };
      const write = (c: TestClient, f: Record<string, number> = figures) => c.post('/api/v1/platform-reports', { platformId: pA, year: THIS_YEAR, figures: f, narrative: '年度运行良好，完成多项成果转化。' });
      assert.equal((await write(ent2)).statusCode, 404, 'another organisation');
      assert.equal((await write(zhangye)).statusCode, 404, 'staff of another region');
      assert.equal((await write(ent1, { ...figures, unknown_metric: 1 })).statusCode, 400);
      const saved = await write(ent1);
      assert.equal(saved.statusCode, 200, saved.body);
      const id = saved.json().id;
      assert.deepEqual(saved.json().metrics.map((m: { code: string }) => m.code), ['rd_staff', 'rd_spend', 'instruments', 'shared_hours', 'projects', 'patents', 'income']);
      assert.equal((await ent2.post(`/api/v1/platform-reports/${id}/submit`)).statusCode, 404);
      const submits = await Promise.all(Array.from({ length: 5 }, () => ent1.post(`/api/v1/platform-reports/${id}/submit`)));
      assert.deepEqual(submits.map((s) => s.statusCode).sort(), [200, 409, 409, 409, 409]);
      assert.equal((await write(ent1)).json().error.code, 'PLATFORM_REPORT_SUBMITTED');
      // the figures reach the registry's key figures of the year
      const { rows: [yf] } = await t.db.query('SELECT figures FROM platform_year_figures WHERE platform_id = $1 AND year = $2', [pA, THIS_YEAR]);
      assert.equal(yf.figures.patents, 14);
      const seen = async (c: TestClient) => (await c.get(`/api/v1/platform-reports/${id}`)).statusCode;
      assert.deepEqual([await seen(ent1), await seen(qingyang), await seen(xifeng), await seen(ent2), await seen(zhangye)], [200, 200, 200, 404, 404]);
      const listed = async (c: TestClient) => (await c.get(`/api/v1/platform-reports?year=${THIS_YEAR}`)).json().items?.some((r: { id: number }) => r.id === id) ?? false;
      assert.deepEqual([await listed(qingyang), await listed(ent1), await listed(ent2), await listed(zhangye)], [true, true, false, false]);
      assert.deepEqual((await missing(qingyang)).json().items.map((p: { id: number }) => p.id).sort(), [pB, pC].sort(), 'A has reported');
      const xlsx = await qingyang.get(`/api/v1/platform-reports/export.xlsx?year=${THIS_YEAR}`);
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    it('keeps an expert of the host off the report (回避); ten submissions of a score count once; the rating is the panel mean', async () => {
      const { rows: [r] } = await t.db.query('SELECT id FROM platform_report WHERE platform_id = $1 AND year = $2', [pA, THIS_YEAR]);
      const reportId = Number(r.id);
      const insider = await makeExpert(t.app, qingyang, { orgId: ent1Org, orgName: '庆阳市陇东能源装备科技有限公司' }, false);
      const outsider = await makeExpert(t.app, qingyang, {});
      const assign = (c: TestClient, ids: number[]) => c.post(`/api/v1/platform-reports/${reportId}/reviewers`, { expertIds: ids });
      const refused = await assign(qingyang, [outsider.id, insider.id]);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'CONFLICT_OF_INTEREST');
      assert.equal(refused.json().error.details.rule, 'same_org');
      assert.equal((await assign(zhangye, [outsider.id])).statusCode, 404);
      assert.equal((await assign(ent1, [outsider.id])).statusCode, 403);
      assert.equal((await assign(qingyang, [outsider.id])).statusCode, 200);
      // rating waits for the panel
      assert.equal((await qingyang.post(`/api/v1/platform-reports/${reportId}/rate`, { opinion: '—' })).json().error.code, 'PLATFORM_REVIEWS_PENDING');
      const todo = (await outsider.client.get('/api/v1/inbox')).json().items.filter((i: { kind: string }) => i.kind === 'platform.review.todo');
      assert.equal(todo.length, 1, "the expert's to-do");
      const mine = (await outsider.client.get('/api/v1/platform-reviews')).json().items;
      assert.equal(mine.length, 1);
      const reviewId = mine[0].id;
      const scores = { engineering: 90, industrialisation: 85, service: 80 };
      assert.equal((await outsider.client.post(`/api/v1/platform-reviews/${reviewId}/submit`, { scores: { ...scores, service: 101 }, comment: '好' })).statusCode, 400);
      const tries = await Promise.all(Array.from({ length: 10 }, () => outsider.client.post(`/api/v1/platform-reviews/${reviewId}/submit`, { scores, comment: '成果转化成效显著。' })));
      assert.deepEqual(tries.map((x) => x.statusCode).sort(), [200, ...Array(9).fill(409)]);
      assert.equal((await outsider.client.get('/api/v1/inbox')).json().items.filter((i: { kind: string }) => i.kind === 'platform.review.todo').length, 0);
      const { rows: [v] } = await t.db.query(`SELECT count(*) FILTER (WHERE status = 'submitted')::int AS n, max(total)::float AS total FROM platform_report_review WHERE report_id = $1`, [reportId]);
      assert.deepEqual(v, { n: 1, total: 85.5 }); // 0.35×90 + 0.4×85 + 0.25×80
      assert.equal((await (await signedIn(t.app, 'expert1')).post(`/api/v1/platform-reviews/${reviewId}/submit`, { scores, comment: 'x' })).statusCode, 404, "another expert's review");
      const rates = await Promise.all(Array.from({ length: 10 }, () => qingyang.post(`/api/v1/platform-reports/${reportId}/rate`, { opinion: '运行良好。' })));
      assert.deepEqual(rates.map((x) => x.statusCode).sort(), [200, ...Array(9).fill(409)]);
      const rated = (await ent1.get(`/api/v1/platform-reports/${reportId}`)).json();
      assert.equal(rated.score, 85.5);
      assert.equal(rated.rating, 'good');
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.report.rate' AND target_id = $1`, [String(reportId)])).rows[0].n, 1);
      assert.ok((await ent1.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title.includes('良好')));
      assert.equal(await status(pA), 'certified');
    });

    it('puts a 不合格 on 整改 and proposes revocation after a second 不合格 in a row; staff decide once', async () => {
      // B failed last year (rated before the system's round of this year)
      const { rows: [old] } = await t.db.query(
        `INSERT INTO platform_evaluation_round (region_code, year, deadline, status) VALUES ('621000', $1, $2, 'closed') RETURNING id`, [THIS_YEAR - 1, `${THIS_YEAR}-03-31`]);
      await t.db.query(`INSERT INTO platform_report (platform_id, round_id, year, region_code, host_org_id, platform_type, criteria, status, submitted_at, score, rating, rated_at)
                        VALUES ($1, $2, $3, '621021', $4, 'incubator', '[]', 'rated', now(), 55, 'fail', now())`, [pB, old.id, THIS_YEAR - 1, ent2Org]);
      const figures = { incubated_firms: 12, graduated_firms: 1, startup_teams: 6, projects: 1, patents: 0, income: 800_000 };
      const saved = await ent2.post('/api/v1/platform-reports', { platformId: pB, year: THIS_YEAR, figures, narrative: '在孵企业减少。' });
      assert.equal(saved.statusCode, 200, saved.body);
      const id = saved.json().id;
      assert.equal((await ent2.post(`/api/v1/platform-reports/${id}/submit`)).statusCode, 200);
      // staff score it themselves on the incubator rubric (国科火字〔2019〕239号: D)
      const scores = { service_capacity: 50, incubation_performance: 45, sustainability: 50 };
      assert.equal((await ent2.post(`/api/v1/platform-reports/${id}/rate`, { scores, opinion: '—' })).statusCode, 403);
      const res = await qingyang.post(`/api/v1/platform-reports/${id}/rate`, { scores, opinion: '孵化绩效明显下滑。' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().rating, 'fail');
      assert.equal(await status(pB), 'rectifying');
      assert.equal((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'platform.evaluation.rectify' AND target_id = $1`, [String(pB)])).rowCount, 1);
      assert.equal((await t.db.query(`SELECT 1 FROM platform_event WHERE platform_id = $1 AND to_status = 'rectifying'`, [pB])).rowCount, 1);
      const notes = (await ent2.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
      assert.ok(notes.some((x: string) => x.includes('D（不合格）')), notes.join(' | '));
      assert.ok(notes.some((x: string) => x.includes('整改')));
      const proposals = (await qingyang.get('/api/v1/platform-revocation-proposals?status=proposed')).json().items;
      const p = proposals.find((x: { platformId: number }) => x.platformId === pB);
      assert.equal(p?.reason, 'two_failures');
      assert.equal((await zhangye.get('/api/v1/platform-revocation-proposals')).json().items.length, 0);
      assert.ok((await qingyang.get('/api/v1/inbox')).json().items.some((i: { kind: string; title: string }) => i.kind === 'platform.evaluation.handle' && i.title.includes('连续两年不合格')));
      assert.equal((await zhangye.post(`/api/v1/platform-revocation-proposals/${p.id}/decide`, { decision: 'revoke', note: '—' })).statusCode, 404);
      assert.equal((await ent2.post(`/api/v1/platform-revocation-proposals/${p.id}/decide`, { decision: 'revoke', note: '—' })).statusCode, 403);
      const decisions = await Promise.all(Array.from({ length: 5 }, () => qingyang.post(`/api/v1/platform-revocation-proposals/${p.id}/decide`, { decision: 'revoke', note: '经局务会研究，撤销认定。' })));
      assert.deepEqual(decisions.map((x) => x.statusCode).sort(), [200, 409, 409, 409, 409]);
      assert.equal(await status(pB), 'revoked');
      assert.equal((await t.db.query(`SELECT revoked_on IS NOT NULL AS r FROM platform WHERE id = $1`, [pB])).rows[0].r, true);
    });

    it('proposes revocation for a platform that did not report by the deadline (closing the round, once)', async () => {
      const res = await qingyang.post('/api/v1/platform-evaluation/rounds', { regionCode: '621000', year: THIS_YEAR - 2, deadline: `${THIS_YEAR - 1}-03-31` });
      assert.equal(res.statusCode, 201);
      const old = res.json().id;
      // A reported that year
      await t.db.query(`INSERT INTO platform_report (platform_id, round_id, year, region_code, host_org_id, platform_type, criteria, status, submitted_at)
                        VALUES ($1, $2, $3, '621002', $4, 'engineering_center', '[]', 'submitted', now())`, [pA, old, THIS_YEAR - 2, ent1Org]);
      // certified after that year: not due then, so never proposed for it
      const late = await platform('西峰区数据中心众创空间', 'maker_space', 'city', ent1Org, '621002', `${THIS_YEAR - 1}-06-01`);
      assert.equal((await qingyang.post(`/api/v1/platform-evaluation/rounds/${roundId}/close`)).json().error.code, 'PLATFORM_ROUND_DEADLINE_NOT_PASSED');
      assert.equal((await zhangye.post(`/api/v1/platform-evaluation/rounds/${old}/close`)).statusCode, 404);
      assert.equal((await xifeng.post(`/api/v1/platform-evaluation/rounds/${old}/close`)).statusCode, 404, "a county does not close the city's round");
      const closes = await Promise.all(Array.from({ length: 4 }, () => qingyang.post(`/api/v1/platform-evaluation/rounds/${old}/close`)));
      assert.deepEqual(closes.map((x) => x.statusCode).sort(), [200, 409, 409, 409]);
      const { rows } = await t.db.query('SELECT platform_id, reason FROM platform_revocation_proposal WHERE year = $1 ORDER BY platform_id', [THIS_YEAR - 2]);
      assert.ok(rows.some((r) => Number(r.platform_id) === pC && r.reason === 'not_reported'), 'C never reported');
      assert.ok(!rows.some((r) => Number(r.platform_id) === pA), 'A reported');
      assert.ok(!rows.some((r) => Number(r.platform_id) === late), 'certified after the year');
      await t.db.query('DELETE FROM platform_host WHERE platform_id = $1', [late]);
      await t.db.query('DELETE FROM platform WHERE id = $1', [late]);
      const p = (await qingyang.get(`/api/v1/platform-revocation-proposals?year=${THIS_YEAR - 2}`)).json().items.find((x: { platformId: number }) => x.platformId === pC);
      // a provincial platform is revoked by the province (the registry's certifying-level rule), not by the city
      const byCity = await qingyang.post(`/api/v1/platform-revocation-proposals/${p.id}/decide`, { decision: 'revoke', note: '—' });
      assert.equal(byCity.statusCode, 403, byCity.body);
      assert.equal(await status(pC), 'certified');
      assert.equal((await qingyang.post(`/api/v1/platform-revocation-proposals/${p.id}/decide`, { decision: 'keep', note: '已补交报告，予以保留。' })).statusCode, 200);
      assert.equal(await status(pC), 'certified');
    });

    it("changes a type's rubric and thresholds only as admin or province staff, checked and audited", async () => {
      const criteria = [{ code: 'a', name: '服务能力', weight: 0.6, max: 100 }, { code: 'b', name: '孵化绩效', weight: 0.4, max: 100 }];
      const thresholds = [{ rating: 'excellent', min: 92 }, { rating: 'good', min: 78 }, { rating: 'pass', min: 60 }];
      assert.equal((await qingyang.request('PUT', '/api/v1/platform-evaluation/schemes/maker_space', { criteria, thresholds })).statusCode, 403, 'a city');
      assert.equal((await ent1.request('PUT', '/api/v1/platform-evaluation/schemes/maker_space', { criteria, thresholds })).statusCode, 403);
      assert.equal((await admin.request('PUT', '/api/v1/platform-evaluation/schemes/maker_space', { criteria: [{ ...criteria[0], weight: 0.5 }, criteria[1]], thresholds })).statusCode, 400, 'weights');
      assert.equal((await admin.request('PUT', '/api/v1/platform-evaluation/schemes/maker_space', { criteria, thresholds: [thresholds[1], thresholds[0], thresholds[2]].map((x, i) => ({ ...x, min: [50, 90, 60][i] })) })).statusCode, 400, 'order');
      const res = await admin.request('PUT', '/api/v1/platform-evaluation/schemes/maker_space', { criteria, thresholds });
      assert.equal(res.statusCode, 200, res.body);
      const scheme = (await ent1.get('/api/v1/platform-evaluation/schemes')).json().items.find((x: { type: string }) => x.type === 'maker_space');
      assert.deepEqual([scheme.criteria.map((c: { code: string }) => c.code), scheme.thresholds[0].min], [['a', 'b'], 92]);
      assert.equal((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'platform.evaluation.scheme' AND target_id = 'maker_space'`)).rowCount, 1);
    });

    it('counts the dashboard by type, level and county with growth and ratings, in scope', async () => {
      const d = (await qingyang.get(`/api/v1/platforms/dashboard?region=621000&year=${THIS_YEAR}`)).json();
      // A and C live, B revoked this year
      assert.equal(d.total, 2);
      assert.equal(d.provincialOrAbove, 2);
      assert.deepEqual(d.byRegion.filter((r: { count: number }) => r.count).map((r: { code: string; count: number }) => [r.code, r.count]), [['621002', 2]]);
      assert.deepEqual(d.byLevel.map((l: { count: number }) => l.count), [0, 2, 0]);
      const g = d.growth.find((x: { year: number }) => x.year === THIS_YEAR);
      assert.deepEqual([g.total, g.revoked], [2, 1]);
      assert.equal(d.growth.find((x: { year: number }) => x.year === THIS_YEAR - 1).total, 3);
      const ratings = d.ratings.find((x: { year: number }) => x.year === THIS_YEAR);
      assert.deepEqual([ratings.good, ratings.fail], [1, 1]);
      assert.equal((await zhangye.get('/api/v1/platforms/dashboard?region=621000')).statusCode, 404);
      assert.equal((await ent1.get('/api/v1/platforms/dashboard')).statusCode, 403);
      assert.equal((await admin.get('/api/v1/platforms/dashboard?region=621000')).json().total, 2);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import ExcelJS from '../../exceljs';
import { todayInChina } from '../../../domain/dates';
import { REQUIRED_CODES } from '../../../domain/indicators/catalogue';
import { isIndustrialSector } from '../../../domain/industries';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient, upload } from '../../test/harness';

const API = '/api/v1/indicators';
const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const LAST = YEAR - 1;
/** A year without any demo data: worked examples on a clean slate. */
const CLEAN = YEAR - 6;

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['行政区划代码', '指标', '年度', '期间', '数值', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const item = (body: any, code: string) => body.items.find((i: any) => i.code === code);

/** Independent of the module: plain SQL over the stored records, and the industry rule from the domain in JS. */
async function independent(t: TestApp, region: string, year: number, date: string) {
  const q = async (sql: string, params: unknown[]) => (await t.db.query(sql, params)).rows[0];
  const scope = `o.kind = 'enterprise' AND o.region_code IN (SELECT region_subtree($1))`;
  const highTech = await q(`SELECT count(DISTINCT t.org_id)::int AS n FROM enterprise_tier t JOIN organization o ON o.id = t.org_id
    WHERE ${scope} AND t.tier = 'high_tech' AND t.issued_on <= $2::date AND t.valid_until >= $2::date`, [region, date]);
  const techSme = await q(`SELECT count(DISTINCT t.org_id)::int AS n FROM enterprise_tier t JOIN organization o ON o.id = t.org_id
    WHERE ${scope} AND t.tier = 'tech_sme' AND t.year = $2`, [region, year]);
  const provincial = await q(`SELECT count(DISTINCT t.org_id)::int AS n FROM enterprise_tier t JOIN organization o ON o.id = t.org_id
    WHERE ${scope} AND t.tier = 'provincial_innovative' AND t.year = $2`, [region, year]);
  const rd = await q(`SELECT sum(s.rd_expense)::text AS n FROM enterprise_stat s JOIN organization o ON o.id = s.org_id
    WHERE ${scope} AND s.year = $2 AND s.status = 'confirmed'`, [region, year]);
  const { rows: firms } = await t.db.query(
    `SELECT p.industry_code, p.above_scale, s.has_rd_institution AS i, s.has_rd_staff AS st, s.has_rd_funds AS f, s.has_rd_projects AS pr, s.rd_expense::float8 AS rd
       FROM enterprise_stat s JOIN organization o ON o.id = s.org_id JOIN enterprise_profile p ON p.org_id = o.id
      WHERE ${scope} AND s.year = $2 AND s.status = 'confirmed'`, [region, year]);
  const industrial = firms.filter((f) => f.above_scale && isIndustrialSector(f.industry_code));
  const gdp = await q(`SELECT sum(value)::float8 AS n FROM indicator_value WHERE indicator_code = 'gdp' AND year = $2 AND period = 'Y'
    AND region_code IN (SELECT region_subtree($1)) AND region_code NOT IN (SELECT parent_code FROM region WHERE parent_code IS NOT NULL)`, [region, year]);
  return {
    highTech: highTech.n, techSme: techSme.n, provincial: provincial.n, rdYuan: rd.n === null ? null : Number(rd.n),
    firms: industrial.length, allFour: industrial.filter((f) => f.i && f.st && f.f && f.pr).length, institution: industrial.filter((f) => f.i).length,
    active: industrial.filter((f) => f.rd > 0).length, gdp: gdp.n as number | null,
  };
}

for (const target of databaseTargets()) {
  describe(`indicators [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    before(async () => {
      t = await startTestApp(target, {}, { enterprises: 120 });
      qy = await signedIn(t.app, 'qingyang');
    });
    after(async () => { await t.close(); });

    it('computes every registry indicator of a region as an independent SQL count gives', async () => {
      for (const region of ['621000', '621002', '620000']) {
        const admin = region === '620000' ? await signedIn(t.app, 'gansu') : qy;
        // last year, as of its year end
        const res = await admin.get(`${API}/values?region=${region}&year=${LAST}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        const want = await independent(t, region, LAST, `${LAST}-12-31`);
        if (region !== '621002') assert.ok(want.firms > 0 && want.highTech > 0 && want.techSme > 0, `the demo data exercises ${region}`);
        assert.equal(item(body, 'high_tech_enterprises').value, want.highTech, `${region} 高企`);
        assert.equal(item(body, 'tech_smes').value, want.techSme, `${region} 科小`);
        assert.equal(item(body, 'provincial_innovative_enterprises').value, want.provincial, `${region} 省级`);
        assert.equal(Math.round(item(body, 'enterprise_rd_expense').value * 10_000), want.rdYuan, `${region} R&D`);
        assert.equal(item(body, 'four_has_coverage').value, Math.round((want.allFour / want.firms) * 100 * 1e6) / 1e6, `${region} 四有`);
        assert.equal(item(body, 'four_has_institution').value, Math.round((want.institution / want.firms) * 100 * 1e6) / 1e6);
        assert.equal(item(body, 'rd_activity_share').value, Math.round((want.active / want.firms) * 100 * 1e6) / 1e6);
        assert.ok(want.gdp! > 0);
        assert.equal(item(body, 'rd_intensity').value, Math.round((want.rdYuan! / (want.gdp! * 1e8)) * 100 * 1e6) / 1e6, `${region} R&D ÷ GDP`);
        // this year, as of today: certificates valid today, this year's records
        const now = (await admin.get(`${API}/values?region=${region}&year=${YEAR}`)).json();
        const wantNow = await independent(t, region, YEAR, TODAY);
        assert.equal(now.asOf, TODAY);
        assert.equal(item(now, 'high_tech_enterprises').value, wantNow.highTech);
        assert.equal(item(now, 'tech_smes').value, wantNow.techSme);
        assert.equal(item(now, 'high_tech_enterprises').previous, want.highTech === undefined ? null : (await independent(t, region, LAST, `${LAST}${TODAY.slice(4)}`)).highTech);
      }
    });

    it('follows the registry: a new valid certificate counts, an expired one does not, a draft statistics year does not', async () => {
      const before = item((await qy.get(`${API}/values?region=621002&year=${YEAR}`)).json(), 'high_tech_enterprises').value;
      const { rows: [firm] } = await t.db.query(
        `SELECT o.id FROM organization o WHERE o.region_code = '621002' AND o.kind = 'enterprise'
           AND NOT EXISTS (SELECT 1 FROM enterprise_tier t WHERE t.org_id = o.id AND t.tier = 'high_tech') LIMIT 1`);
      await t.db.query(`INSERT INTO enterprise_tier (org_id, tier, year, certificate_no, issued_on, valid_until) VALUES
        ($1, 'high_tech', $2, 'GR-T-1', $3::date - 10, $3::date + 1000), ($1, 'high_tech', $2 - 4, 'GR-T-0', $3::date - 2000, $3::date - 900)`, [firm.id, YEAR, TODAY]);
      const afterRes = (await qy.get(`${API}/values?region=621002&year=${YEAR}`)).json();
      assert.equal(item(afterRes, 'high_tech_enterprises').value, before + 1);
      const rdBefore = item((await qy.get(`${API}/values?region=621002&year=${LAST}`)).json(), 'enterprise_rd_expense').value;
      await t.db.query(`UPDATE enterprise_stat SET status = 'draft' WHERE org_id = (SELECT s.org_id FROM enterprise_stat s JOIN organization o ON o.id = s.org_id
        WHERE o.region_code = '621002' AND s.year = $1 AND s.rd_expense > 0 LIMIT 1) AND year = $1 RETURNING rd_expense`, [LAST]);
      const rdAfter = item((await qy.get(`${API}/values?region=621002&year=${LAST}`)).json(), 'enterprise_rd_expense').value;
      assert.ok(rdAfter < rdBefore, 'a draft year is not counted');
      assert.equal(Math.round(rdAfter * 10_000), (await independent(t, '621002', LAST, `${LAST}-12-31`)).rdYuan);
    });

    it('answers GET /values in the issue\'s shape, with each sub-region for the region above', async () => {
      const res = await qy.get(`${API}/values?region=621000&year=${YEAR}&breakdown=children`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      for (const code of REQUIRED_CODES) assert.ok(item(body, code), code);
      for (const i of body.items) for (const key of ['code', 'value', 'unit', 'target', 'progress', 'state']) assert.ok(key in i, key);
      assert.deepEqual(body.children.map((c: any) => c.regionCode), ['621002', '621021', '621022', '621023', '621024', '621025', '621026', '621027']);
      assert.ok(body.children.every((c: any) => c.items.length === body.items.length));
      // the city's count is the sum of its counties' (certificates are counted where the firm is)
      const sum = body.children.reduce((s: number, c: any) => s + item(c, 'high_tech_enterprises').value, 0);
      assert.equal(item(body, 'high_tech_enterprises').value, sum);
      assert.equal(item(body, 'rd_intensity').unit, '%');
      assert.equal(item((await qy.get(`${API}/values?region=621000`, { lang: 'en' })).json(), 'tech_smes').unit, 'firms');
      assert.equal((await qy.get(`${API}/values`)).json().region.code, '621000', 'defaults to the own region');
    });

    it('keeps each region to its staff: the county not the city, another city not at all', async () => {
      const xf = await signedIn(t.app, 'xifeng');
      assert.equal((await xf.get(`${API}/values?region=621000`)).statusCode, 404);
      assert.equal((await xf.get(`${API}/values?region=621002&breakdown=children`)).statusCode, 200);
      assert.equal((await xf.request('PUT', `${API}/targets`, { region: '621021', year: YEAR, indicator: 'tech_smes', target: 5, version: 0 })).statusCode, 404);
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.get(`${API}/values?region=621000`)).statusCode, 404);
      assert.equal((await zy.get(`${API}/ranking?region=621000`)).statusCode, 404);
      const ent = await signedIn(t.app, 'qy_ent1');
      assert.equal((await ent.get(`${API}/values?region=621002`)).statusCode, 403);
    });

    it('sets targets by region and year with a version; the region above may set its counties\' targets', async () => {
      const set = (client: TestClient, body: object) => client.request('PUT', `${API}/targets`, { region: '621023', year: CLEAN, indicator: 'tech_contract_turnover', ...body });
      const created = await set(qy, { target: 1000, version: 0 });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.json().version, 1);
      assert.equal((await set(qy, { target: 1200, version: 0 })).statusCode, 409, 'stale version');
      const list = (await qy.get(`${API}/targets?region=621023&year=${CLEAN}`)).json();
      assert.equal(list.items.find((i: any) => i.indicatorCode === 'tech_contract_turnover').target, 1000);
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'indicator_target' AND target_id = $1`, [`621023/${CLEAN}/tech_contract_turnover`]);
      assert.deepEqual(rows.map((r) => r.action), ['indicator.target.create']);
      assert.equal((await qy.request('PUT', `${API}/targets`, { region: '621023', year: CLEAN, indicator: 'no_such', target: 1, version: 0 })).statusCode, 400);
    });

    it('worked example over HTTP: exactly half at mid-year is 双过半, a hair less is not; exactly the target at year end is 全年红', async () => {
      const entry = (period: string, value: number | null, version: number) =>
        qy.request('PUT', `${API}/entries`, { region: '621023', indicator: 'tech_contract_turnover', year: CLEAN, period, value, version });
      // target 1000 (previous test); 1–6月 500 = exactly 50 %
      assert.equal((await entry('Q2', 500, 0)).statusCode, 200);
      let v = (await qy.get(`${API}/values?region=621023&year=${CLEAN}&period=Q2`)).json();
      assert.equal(item(v, 'tech_contract_turnover').progress, 0.5);
      assert.equal(item(v, 'tech_contract_turnover').state, 'green', 'cumulative: half done at half time is on schedule');
      assert.equal(v.summary.elapsed, 0.5);
      assert.equal(v.summary.doubleHalf.reached, true);
      assert.equal((await entry('Q2', 499.9, 1)).statusCode, 200);
      v = (await qy.get(`${API}/values?region=621023&year=${CLEAN}&period=Q2`)).json();
      assert.equal(v.summary.doubleHalf.reached, false);
      assert.deepEqual(v.summary.doubleHalf.behind, ['tech_contract_turnover']);
      assert.equal(item(v, 'tech_contract_turnover').state, 'amber');
      // at Q1 (time 25 %) the half-year figure is not yet visible
      v = (await qy.get(`${API}/values?region=621023&year=${CLEAN}&period=Q1`)).json();
      assert.equal(item(v, 'tech_contract_turnover').value, null);
      assert.equal(v.summary.doubleHalf.timeHalf, false);
      // year end
      assert.equal((await entry('Y', 1000, 0)).statusCode, 200);
      v = (await qy.get(`${API}/values?region=621023&year=${CLEAN}`)).json();
      assert.equal(v.summary.fullYearRed.reached, true);
      assert.equal((await entry('Y', 999, 1)).statusCode, 200);
      v = (await qy.get(`${API}/values?region=621023&year=${CLEAN}`)).json();
      assert.equal(v.summary.fullYearRed.reached, false);
      assert.equal(item(v, 'tech_contract_turnover').progress, 0.999);
      assert.equal(item(v, 'tech_contract_turnover').state, 'amber', '99.9 % at year end: short of the target, inside the ten-point band');
    });

    it('refuses to enter a computed indicator; imports bureau figures all-or-nothing and rolls counties up to the city', async () => {
      const computed = await qy.request('PUT', `${API}/entries`, { region: '621002', indicator: 'high_tech_enterprises', year: CLEAN, period: 'Y', value: 9, version: 0 });
      assert.equal(computed.statusCode, 400);
      assert.equal(computed.json().error.code, 'INDICATOR_COMPUTED');
      const bad = await upload(qy, `${API}/entries/import`, await sheet([
        ['621002', 'gdp', CLEAN, '全年', 100, ''],
        ['620702', 'gdp', CLEAN, '全年', 100, ''],
        ['621021', 'high_tech_enterprises', CLEAN, '全年', 3, ''],
        ['621021', 'gdp', CLEAN, '半年', 3, ''],
        ['621021', 'gdp', CLEAN, '全年', 'abc', ''],
      ]));
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().error.rows.map((r: any) => r.row), [3, 4, 5, 6]);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM indicator_value WHERE year = $1 AND indicator_code = 'gdp'`, [CLEAN])).rows[0].n, 0, 'nothing imported');
      const good = await upload(qy, `${API}/entries/import`, await sheet([
        ['621002', '地区生产总值', CLEAN, '全年', 300, ''], ['621021', 'gdp', CLEAN, '全年', 100, ''],
        ['621002', 'hightech_manufacturing_growth', CLEAN, '全年', 10, ''], ['621021', 'hightech_manufacturing_growth', CLEAN, '全年', 4, ''],
        ['621002', 'hightech_manufacturing_value_added', CLEAN, '全年', 100, ''], ['621021', 'hightech_manufacturing_value_added', CLEAN, '全年', 300, ''],
        ['621002', 'gdp', CLEAN, '1-6月', 140, ''],
      ]));
      assert.equal(good.statusCode, 200, good.body);
      assert.equal(good.json().rows, 7);
      const city = (await qy.get(`${API}/values?region=621000&year=${CLEAN}`)).json();
      assert.equal(item(city, 'gdp').value, 400, 'sum of the counties');
      assert.equal(item(city, 'hightech_manufacturing_growth').value, 5.5, 'weighted by value added: (10·100 + 4·300) ÷ 400');
      const half = (await qy.get(`${API}/values?region=621002&year=${CLEAN}&period=M06`)).json();
      assert.equal(item(half, 'gdp').value, 140, '1-6月 read as M06');
      // the city's own figure, once entered, wins over the roll-up
      await qy.request('PUT', `${API}/entries`, { region: '621000', indicator: 'gdp', year: CLEAN, period: 'Y', value: 420, version: 0 });
      assert.equal(item((await qy.get(`${API}/values?region=621000&year=${CLEAN}`)).json(), 'gdp').value, 420);
    });

    it('ranks the counties (对标对表) on an indicator and on overall completion, with the previous period', async () => {
      const res = await qy.get(`${API}/ranking?region=621000&year=${LAST}&indicator=high_tech_enterprises&by=value`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.items.length, 8);
      const values = body.items.map((i: any) => i.value);
      assert.deepEqual(values, [...values].sort((a: number, b: number) => b - a));
      assert.equal(body.items[0].rank, 1);
      assert.equal(body.previousAsOf, `${LAST}-09-30`);
      const ht = (await independent(t, body.items[0].regionCode, LAST, `${LAST}-09-30`)).highTech;
      assert.equal(body.items[0].previousValue, ht, 'previous period: the end of Q3');
      const overall = (await qy.get(`${API}/ranking?region=621000&year=${LAST}`)).json();
      const values2 = (await qy.get(`${API}/values?region=621000&year=${LAST}&breakdown=children`)).json();
      for (const r of overall.items) {
        assert.equal(r.progress, values2.children.find((c: any) => c.regionCode === r.regionCode).summary.completion);
      }
      assert.ok(overall.items[0].progress > overall.items[7].progress, 'some counties ahead, some behind');
    });

    it('breaks the plan into tasks with milestones, reports progress with attachments and raises overdue alerts', async () => {
      const created = await qy.post(`${API}/tasks`, { regionCode: '621000', year: YEAR, plan: '1251', title: '测试任务：科技信息系统', leadDepartment: '政策法规科',
        owner: '陈刚', dueOn: `${YEAR}-12-31`, milestones: [{ title: '需求调研', dueOn: '2000-01-31' }, { title: '上线', dueOn: `${YEAR + 1}-01-31` }] });
      assert.equal(created.statusCode, 201, created.body);
      const task = created.json();
      assert.equal(task.overdueMilestones, 1);
      const overdue = (await qy.get(`${API}/overdue?region=621000&year=${YEAR}`)).json().items;
      assert.ok(overdue.some((o: any) => o.taskId === task.id && o.title === '需求调研' && o.daysOverdue > 0));
      const list = (await qy.get(`${API}/tasks?region=621000&year=${YEAR}&overdue=true&pageSize=100`)).json();
      assert.ok(list.items.some((i: any) => i.id === task.id));
      const m = task.milestoneList.find((x: any) => x.title === '需求调研');
      const done = await qy.post(`${API}/tasks/${task.id}/milestones/${m.id}/done`, { doneOn: TODAY, version: m.version });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().overdueMilestones, 0);
      assert.equal((await qy.post(`${API}/tasks/${task.id}/milestones/${m.id}/done`, { doneOn: TODAY, version: m.version })).statusCode, 409);
      assert.ok(!(await qy.get(`${API}/overdue?region=621000&year=${YEAR}`)).json().items.some((o: any) => o.taskId === task.id));
      const report = await qy.post(`${API}/tasks/${task.id}/reports`, { text: '需求调研完成，进入开发', progress: 40 });
      assert.equal(report.statusCode, 201, report.body);
      assert.equal(report.json().task.progress, 40);
      const att = await upload(qy, `${API}/tasks/${task.id}/reports/${report.json().id}/attachments`, Buffer.from('会议纪要'), 'minutes.txt');
      assert.equal(att.statusCode, 201, att.body);
      const got = await qy.get(`${API}/attachments/${att.json().id}`);
      assert.equal(got.body, '会议纪要');
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.get(`${API}/tasks/${task.id}`)).statusCode, 404);
      assert.equal((await zy.get(`${API}/attachments/${att.json().id}`)).statusCode, 404);
      const stale = await qy.patch(`${API}/tasks/${task.id}`, { owner: '王五', version: 1 });
      assert.equal(stale.statusCode, 409);
    });

    it('closes a list item only with a reason, and a problem only with the evidence of its fix', async () => {
      const risk = (await qy.post(`${API}/lists`, { regionCode: '621000', year: YEAR, list: 'risk', title: '测试风险', level: 'high', measure: '专项检查', owner: '李明' })).json();
      assert.equal((await qy.post(`${API}/lists`, { regionCode: '621000', year: YEAR, list: 'risk', title: '无等级', owner: '李明' })).statusCode, 400);
      const noReason = await qy.post(`${API}/lists/${risk.id}/close`, { version: risk.version });
      assert.equal(noReason.statusCode, 400);
      assert.ok(noReason.json().error.fields.comment);
      const closed = await qy.post(`${API}/lists/${risk.id}/close`, { version: risk.version, reason: '风险已消除' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().status, 'closed');
      assert.equal(closed.json().closeReason, '风险已消除');
      assert.equal((await qy.patch(`${API}/lists/${risk.id}`, { title: 'x', version: closed.json().version })).statusCode, 409);
      const problem = (await qy.post(`${API}/lists`, { regionCode: '621002', year: YEAR, list: 'problem', title: '测试问题', owner: '孙丽', deadline: `${YEAR}-01-02` })).json();
      assert.equal(problem.overdue, TODAY > `${YEAR}-01-02`);
      const noEvidence = await qy.post(`${API}/lists/${problem.id}/close`, { version: problem.version, reason: '已整改' });
      assert.equal(noEvidence.statusCode, 400);
      assert.ok(noEvidence.json().error.fields.evidence);
      const fixed = await qy.post(`${API}/lists/${problem.id}/close`, { version: problem.version, reason: '已整改', evidence: '整改报告' });
      assert.equal(fixed.json().status, 'closed');
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'supervision_item' AND target_id = $1 ORDER BY id`, [String(problem.id)]);
      assert.deepEqual(rows.map((r) => r.action), ['indicator.item.create', 'indicator.item.close']);
    });

    it('shows the dashboard in one call, with the demo story: targets, tasks, overdue items and lists', async () => {
      const res = await qy.get(`${API}/dashboard?region=621000&year=${YEAR}`);
      assert.equal(res.statusCode, 200);
      const d = res.json();
      assert.ok(d.values.items.filter((i: any) => i.target !== null).length >= 8);
      assert.equal(d.values.children.length, 8);
      assert.equal(d.ranking.items.length, 8);
      assert.equal(d.trend.years.length, 3);
      assert.ok(d.tasks.tasks >= 5);
      assert.ok(d.lists.risk.open >= 1 && d.lists.problem.open + d.lists.problem.closed >= 1);
      const last = (await qy.get(`${API}/values?region=621000&year=${LAST}&breakdown=children`)).json();
      const states = new Set(last.children.flatMap((c: any) => c.items.map((i: any) => i.state)));
      assert.ok(states.has('green') && (states.has('red') || states.has('amber')), 'some counties ahead, some behind');
    });

    it('exports the report as .xlsx and .docx with the dashboard\'s numbers', async () => {
      const values = (await qy.get(`${API}/values?region=621000&year=${LAST}&breakdown=children`)).json();
      const xlsx = await qy.get(`${API}/report?region=621000&year=${LAST}&format=xlsx`);
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as any);
      const ws = wb.worksheets[0];
      const rows = new Map<string, any[]>();
      ws.eachRow((row) => { const v = row.values as any[]; if (typeof v[1] === 'string') rows.set(v[1], v); });
      const docText = (await mammoth.extractRawText({ buffer: (await qy.get(`${API}/report?region=621000&year=${LAST}&format=docx`)).rawPayload })).value;
      let checked = 0;
      for (const i of values.items) {
        const row = rows.get(i.name);
        assert.ok(row, `${i.name} in the workbook`);
        const shown = i.value === null ? null : Math.round(i.value * 10 ** i.decimals) / 10 ** i.decimals;
        assert.equal(row[3] ?? null, shown, `${i.code} value`);
        assert.equal(row[4] ?? null, i.target === null ? null : Math.round(i.target * 10 ** i.decimals) / 10 ** i.decimals, `${i.code} target`);
        assert.equal(row[5] ?? null, i.progress === null ? null : Math.round(i.progress * 1000) / 10, `${i.code} progress`);
        if (shown !== null) {
          assert.ok(docText.includes(String(shown)), `${i.code} ${shown} in the .docx`);
          checked++;
        }
      }
      assert.ok(checked >= 10);
      assert.ok(docText.includes('庆阳市') && docText.includes('双过半'));
      const sub = wb.getWorksheet('下级对标')!;
      const best = [...values.children].sort((a: any, b: any) => b.summary.completion - a.summary.completion)[0];
      assert.equal(sub.getRow(2).getCell(2).value, best.regionName);
      assert.equal(sub.getRow(2).getCell(3).value, Math.round(best.summary.completion * 1000) / 10);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { makeUscc } from '../../../domain/uscc';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient, upload } from '../../test/harness';
import { ENTERPRISE_COLUMNS, STAT_IMPORT_COLUMNS } from './import';
import { STAT_FIELDS } from './stat-fields';

const API = '/api/v1/enterprises';

const figures = (over: Record<string, number | boolean> = {}) => ({
  salesRevenue: 30_000_000, totalRevenue: 31_000_000, hightechRevenue: 20_000_000, rdExpense: 1_800_000, rdExpenseDomestic: 1_800_000,
  totalCostExpense: 27_000_000, staff: 100, scienceStaff: 20, rdStaff: 12, totalAssets: 40_000_000, totalLiabilities: 15_000_000,
  ipClass1: 1, ipClass2: 4, transformations: 3, hasRdInstitution: true, hasRdStaff: true, hasRdFunds: true, hasRdProjects: true,
  seriousIncident: false, abnormalListed: false, ...over,
});

async function orgIdOf(t: TestApp, username: string) {
  return (await t.db.query('SELECT org_id FROM app_user WHERE username = $1', [username])).rows[0].org_id as number;
}

async function sheet(columns: { zh: string }[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(columns.map((c) => c.zh));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const target of databaseTargets()) {
  describe(`enterprise registry [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target, {}, { enterprises: 60 }); });
    after(async () => { await t.close(); });

    it('keeps each enterprise to itself and each region to its staff', async () => {
      const own = await orgIdOf(t, 'qy_ent1');
      const other = await orgIdOf(t, 'qy_ent2');
      const zy = await orgIdOf(t, 'zy_ent1');
      const ent = await signedIn(t.app, 'qy_ent1');
      assert.equal((await ent.get(`${API}/${own}`)).statusCode, 200);
      for (const path of ['', '/stats', '/assessment']) {
        const res = await ent.get(`${API}/${other}${path}`);
        assert.equal(res.statusCode, 404, `enterprise → another enterprise${path}`);
      }
      assert.equal((await ent.get(API)).json().total, 1);
      const qy = await signedIn(t.app, 'qingyang');
      for (const path of ['', '/stats', '/assessment']) assert.equal((await qy.get(`${API}/${zy}${path}`)).statusCode, 404, `庆阳 staff → 张掖${path}`);
      const list = (await qy.get(`${API}?pageSize=200`)).json();
      assert.ok(list.total > 0 && list.items.every((e: any) => e.regionCode.startsWith('6210')));
      const expert = await signedIn(t.app, 'expert1');
      assert.equal((await expert.get(`${API}/${own}`)).statusCode, 404);
    });

    it('lets staff register an enterprise with a valid profile; refuses a taken USCC and a wrong industry code', async () => {
      const xf = await signedIn(t.app, 'xifeng');
      const body = { name: '西峰区测试装备有限公司', uscc: makeUscc('91621002MA7ENT001'), regionCode: '621002', contactName: '王五',
        contactPhone: '13900001001', industryCode: 'C3576', hightechField: '先进制造与自动化', foundedOn: '2019-03-01', aboveScale: true };
      const res = await xf.post(API, body);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().industryName, '专用设备制造业');
      assert.equal((await xf.post(API, body)).statusCode, 409);
      const bad = await xf.post(API, { ...body, uscc: makeUscc('91621002MA7ENT002'), industryCode: 'C9999' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.industryCode);
      const outside = await xf.post(API, { ...body, uscc: makeUscc('91621002MA7ENT003'), regionCode: '621021' });
      assert.equal(outside.statusCode, 400, 'a county cannot register firms of another county');
    });

    it('edits the profile with a version; a stale edit answers 409 and changes nothing', async () => {
      const id = await orgIdOf(t, 'qy_ent1');
      const ent = await signedIn(t.app, 'qy_ent1');
      const v = (await ent.get(`${API}/${id}`)).json().version;
      const first = await ent.patch(`${API}/${id}`, { version: v, address: '西峰区长庆大道1号', industryCode: 'C3514', foundedOn: '2015-06-01' });
      assert.equal(first.statusCode, 200, first.body);
      const stale = await ent.patch(`${API}/${id}`, { version: v, address: '被覆盖的地址' });
      assert.equal(stale.statusCode, 409);
      assert.equal((await ent.get(`${API}/${id}`)).json().address, '西峰区长庆大道1号');
    });

    it('runs the statistics workflow: fill → submit → return with a comment → fix → submit → confirm', async () => {
      const id = await orgIdOf(t, 'qy_ent1');
      const ent = await signedIn(t.app, 'qy_ent1');
      const staff = await signedIn(t.app, 'qingyang');
      const created = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures(), version: 0 });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.json().status, 'draft');
      const bad = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures({ rdExpenseDomestic: 2_000_000 }), version: 1 });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.rdExpenseDomestic);
      const fraction = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures({ salesRevenue: 1.5 }), version: 1 });
      assert.equal(fraction.statusCode, 400, 'amounts are whole yuan');
      const stale = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures({ staff: 150 }), version: 0 });
      assert.equal(stale.statusCode, 409);
      const submitted = await ent.post(`${API}/${id}/stats/2025/submit`, { version: 1 });
      assert.equal(submitted.json().status, 'submitted');
      assert.equal((await ent.post(`${API}/${id}/stats/2025/confirm`, { version: 2 })).statusCode, 403, 'an enterprise cannot confirm itself');
      const noComment = await staff.post(`${API}/${id}/stats/2025/return`, { version: 2 });
      assert.equal(noComment.statusCode, 400);
      const returned = await staff.post(`${API}/${id}/stats/2025/return`, { version: 2, comment: '研发费用请附辅助账' });
      assert.equal(returned.json().status, 'returned');
      assert.equal(returned.json().reviewComment, '研发费用请附辅助账');
      const fixed = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures({ rdExpense: 1_900_000 }), version: 3 });
      assert.equal(fixed.json().status, 'draft');
      await ent.post(`${API}/${id}/stats/2025/submit`, { version: 4 });
      const confirmed = await staff.post(`${API}/${id}/stats/2025/confirm`, { version: 5 });
      assert.equal(confirmed.json().status, 'confirmed');
      const again = await staff.post(`${API}/${id}/stats/2025/confirm`, { version: 5 });
      assert.equal(again.statusCode, 409, 'a second click');
      const locked = await ent.request('PUT', `${API}/${id}/stats/2025`, { values: figures(), version: 6 });
      assert.equal(locked.json().error.code, 'STAT_LOCKED');
      const stored = (await ent.get(`${API}/${id}/stats`)).json().items.find((s: any) => s.year === 2025);
      assert.equal(stored.values.rdExpense, 1_900_000);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'enterprise_stat' AND target_id = $1 ORDER BY id`, [`${id}/2025`]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['enterprise.stats.create', 'enterprise.stats.submit', 'enterprise.stats.return',
        'enterprise.stats.update', 'enterprise.stats.submit', 'enterprise.stats.confirm']);
    });

    it('records a 高企 certificate valid three years and shows it as a current tier', async () => {
      const id = await orgIdOf(t, 'qy_ent2');
      const qy = await signedIn(t.app, 'qingyang');
      const res = await qy.post(`${API}/${id}/tiers`, { tier: 'high_tech', year: 2025, certificateNo: 'GR202562000123', issuedOn: '2025-11-01' });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(res.json().currentTiers.includes('high_tech'));
      assert.equal(res.json().tiers[0].validUntil, '2028-10-31');
      assert.equal((await qy.post(`${API}/${id}/tiers`, { tier: 'high_tech', year: 2025, issuedOn: '2025-11-01' })).statusCode, 400);
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.post(`${API}/${id}/tiers`, { tier: 'candidate', year: 2026 })).statusCode, 404);
      const ent = await signedIn(t.app, 'qy_ent2');
      assert.equal((await ent.post(`${API}/${id}/tiers`, { tier: 'candidate', year: 2026 })).statusCode, 403);
      const filtered = (await qy.get(`${API}?tier=high_tech&pageSize=200`)).json().items.map((e: any) => e.id);
      assert.ok(filtered.includes(id));
    });

    it('assesses a stored enterprise exactly as the engine assesses the same profile', async () => {
      const id = await orgIdOf(t, 'qy_ent1');
      const ent = await signedIn(t.app, 'qy_ent1');
      await ent.request('PUT', `${API}/${id}/stats/2023`, { values: figures({ salesRevenue: 20_000_000, totalRevenue: 21_000_000 }), version: 0 });
      await ent.request('PUT', `${API}/${id}/stats/2024`, { values: figures({ salesRevenue: 25_000_000, totalRevenue: 26_000_000 }), version: 0 });
      const stored = await ent.get(`${API}/${id}/assessment?asOf=2026-06-01`);
      assert.equal(stored.statusCode, 200, stored.body);
      const years = (await ent.get(`${API}/${id}/stats`)).json().items.map((s: any) => {
        const { rdStaff: _r, hasRdInstitution: _a, hasRdStaff: _b, hasRdFunds: _c, hasRdProjects: _d, seriousIncident: _e, abnormalListed: _f, ...v } = s.values;
        return { year: s.year, ...v };
      });
      const profile = (await ent.get(`${API}/${id}`)).json();
      const direct = await ent.post('/api/v1/eligibility/assess', { asOf: '2026-06-01', enterprise: {
        foundedOn: profile.foundedOn, industryCode: profile.industryCode, hightechField: profile.hightechField, ownsCoreIp: profile.ownsCoreIp,
        seriousIncident: false, abnormalListed: false, prohibitedIndustry: false, directQualifications: [], years } });
      assert.equal(direct.statusCode, 200, direct.body);
      assert.deepEqual(stored.json().highTech, direct.json().highTech);
      assert.deepEqual(stored.json().techSme, direct.json().techSme);
      const sme = stored.json().techSme;
      assert.equal(sme.eligible, 'yes', JSON.stringify(sme.conditions));
      const hightechField = stored.json().highTech.conditions.find((c: any) => c.code === 'hightechField');
      assert.equal(hightechField.status, 'failed', 'qy_ent1 has no 高新技术领域 in its profile');
      assert.ok(typeof hightechField.message === 'string' && hightechField.message.length > 0, 'message in the request language');
    });

    it('answers bad assessment input with fields', async () => {
      const ent = await signedIn(t.app, 'qy_ent1');
      const res = await ent.post('/api/v1/eligibility/assess', { asOf: '2026-13-01', enterprise: { foundedOn: 'x', years: [{ year: 2025, salesRevenue: -1 }] } });
      assert.equal(res.statusCode, 400);
      assert.ok(res.json().error.fields.asOf);
    });

    it('imports 10,000 statistics rows: three bad rows import nothing and are named; the corrected file imports all', async () => {
      const admin = await signedIn(t.app, 'admin');
      const firms = Array.from({ length: 3334 }, (_, i) => makeUscc(`91621002MA8${String(i).padStart(6, '0')}`));
      const entFile = await sheet(ENTERPRISE_COLUMNS, firms.map((uscc, i) => [`导入测试企业${i}有限公司`, uscc, i % 2 ? '621002' : '621021', '', '', '2015-01-01',
        'C3990', '电子信息', i % 3 ? '是' : '否', '联系人', '13900000000', '']));
      const imported = await upload(admin, `${API}/import?kind=enterprises`, entFile);
      assert.equal(imported.statusCode, 200, imported.body.slice(0, 500));
      assert.equal(imported.json().created, 3334);

      const row = (uscc: string, year: number) => [uscc, year, ...STAT_FIELDS.map((f) => (f.kind === 'flag' ? '否' : f.key === 'rdExpenseDomestic' ? 900 : 1000))];
      const rows = firms.flatMap((uscc) => [2023, 2024, 2025].map((y) => row(uscc, y))).slice(0, 10_000);
      const broken = rows.map((r) => [...r]);
      broken[99][2] = '一百万';                 // row 101: not a number
      broken[4999][0] = '91621002MA80000000';   // row 5001: wrong check character
      broken[9998][STAT_IMPORT_COLUMNS.findIndex((c) => c.key === 'rdExpenseDomestic')] = 5000; // row 10000: domestic R&D > R&D
      const before = (await t.db.query('SELECT count(*)::int n FROM enterprise_stat')).rows[0].n;
      const refused = await upload(admin, `${API}/import?kind=statistics`, await sheet(STAT_IMPORT_COLUMNS, broken));
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json().error.rows.map((p: any) => p.row), [101, 5001, 10000]);
      assert.match(refused.json().error.rows[2].message, /境内研发费用/);
      assert.equal((await t.db.query('SELECT count(*)::int n FROM enterprise_stat')).rows[0].n, before, 'nothing imported');

      const ok = await upload(admin, `${API}/import?kind=statistics`, await sheet(STAT_IMPORT_COLUMNS, rows));
      assert.equal(ok.statusCode, 200, ok.body.slice(0, 500));
      assert.deepEqual(ok.json(), { created: 10_000, updated: 0, rows: 10_000 });
      assert.equal((await t.db.query('SELECT count(*)::int n FROM enterprise_stat')).rows[0].n, before + 10_000);
      const again = await upload(admin, `${API}/import?kind=statistics`, await sheet(STAT_IMPORT_COLUMNS, rows.slice(0, 10)));
      assert.deepEqual(again.json(), { created: 0, updated: 10, rows: 10 }, 'upsert by USCC and year');
      const staffZy = await signedIn(t.app, 'zhangye');
      const outside = await upload(staffZy, `${API}/import?kind=statistics`, await sheet(STAT_IMPORT_COLUMNS, rows.slice(0, 2)));
      assert.equal(outside.statusCode, 400, '张掖 staff cannot import figures of 庆阳 firms');
    });

    it('counts the cultivation figures as an independent SQL count does', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const res = await qy.get(`${API}/cultivation?year=2026`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      const sql = await t.db.query(`SELECT count(DISTINCT t.org_id)::int n FROM enterprise_tier t JOIN organization o ON o.id = t.org_id
        WHERE o.region_code LIKE '6210%' AND t.tier = 'tech_sme' AND t.year = 2026`);
      assert.equal(body.counts.find((c: any) => c.year === 2026).techSme, sql.rows[0].n);
      const four = await t.db.query(`SELECT count(*)::int n FROM organization o JOIN enterprise_profile p ON p.org_id = o.id JOIN enterprise_stat s ON s.org_id = o.id
        WHERE o.region_code LIKE '6210%' AND p.above_scale AND s.year = 2025 AND s.status = 'confirmed' AND left(regexp_replace(p.industry_code, '^[A-Z]', ''), 2) BETWEEN '06' AND '46'`);
      assert.equal(body.fourHas.firms, four.rows[0].n);
      assert.ok(Array.isArray(body.candidates));
      assert.equal((await (await signedIn(t.app, 'qy_ent1')).get(`${API}/cultivation`)).statusCode, 403);
    });
  });
}

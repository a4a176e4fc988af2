// 创新平台 over HTTP: staff enter platforms certified before the system (role, region and host
// checked; bad input leaves nothing); a host applies for certification with the type's checklist,
// its county recommends, the province checks it, experts review it under 回避, and ten clicks on
// 认定 certify once; the certified platform then counts in platforms_provincial_or_above of its
// county, its city and the province (not of another city), and leaves them when revoked; hosts see
// and fill in their own platforms' figures only.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { makeExpert } from '../projects/test-support';
import { databaseTargets, signedIn, startTestApp, upload, type TestApp, type TestClient } from '../../test/harness';
import { HttpSession } from '../../test/http-session';

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));

/** The checklist of 工程技术研究中心, all met. */
const ENGINEERING_CHECKLIST = [{ code: 'host', value: true }, { code: 'rd_staff', value: 46 }, { code: 'transfer', value: true }];

for (const target of databaseTargets()) {
  describe(`innovation platforms [${target}]`, () => {
    let t: TestApp;
    let ent1: TestClient; let ent2: TestClient; let xifeng: TestClient; let qingyang: TestClient; let zhangye: TestClient; let gansu: TestClient; let expert1: TestClient;
    let ent1Org: number; let ent2Org: number; let zyOrg: number;
    before(async () => {
      t = await startTestApp(target);
      [ent1, ent2, xifeng, qingyang, zhangye, gansu, expert1] = await Promise.all(
        ['qy_ent1', 'qy_ent2', 'xifeng', 'qingyang', 'zhangye', 'gansu', 'expert1'].map((u) => signedIn(t.app, u)));
      const org = async (u: string) => Number((await t.db.query('SELECT org_id FROM app_user WHERE username = $1', [u])).rows[0].org_id);
      [ent1Org, ent2Org, zyOrg] = [await org('qy_ent1'), await org('qy_ent2'), await org('zy_ent1')];
    });
    after(async () => { await t.close(); });

    const indicator = async (region: string, code = 'platforms_provincial_or_above') => {
      const res = await gansu.get(`/api/v1/indicators/values?region=${region}&year=${YEAR}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { code: string; value: number | null }[]).find((i) => i.code === code)!.value;
    };
    const counts = async (code?: string) => Promise.all(['621002', '621000', '620000', '620700'].map((r) => indicator(r, code)));
    const countRows = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params)).rows[0].n);

    it('staff enter a platform certified before the system; role, region, host and dates are checked and bad input leaves nothing', async () => {
      const body = { name: '甘肃省油气田压裂装备工程技术研究中心', type: 'engineering_center', level: 'provincial', hostOrgId: ent1Org, regionCode: '621002',
        status: 'certified', certifiedOn: '2023-06-12', certificateNo: '甘科基〔2023〕21号', field: 'manufacturing' };
      const before = await countRows('SELECT count(*) AS n FROM platform');
      const audits = await countRows(`SELECT count(*) AS n FROM audit_log WHERE action = 'platform.create'`);
      assert.equal((await ent1.post('/api/v1/platforms', body)).statusCode, 403, 'a host does not enter platforms');
      assert.equal((await expert1.post('/api/v1/platforms', body)).statusCode, 403, 'nor does an expert');
      const outside = await zhangye.post('/api/v1/platforms', body);
      assert.equal(outside.statusCode, 400, 'another city');
      assert.match(outside.json().error.fields.regionCode, /辖区|范围/);
      assert.ok((await zhangye.post('/api/v1/platforms', { ...body, regionCode: '620702' })).json().error.fields.hostOrgId, "a host outside the staff's region");
      const noDate = await qingyang.post('/api/v1/platforms', { ...body, certifiedOn: null }, { lang: 'en' });
      assert.equal(noDate.statusCode, 400);
      assert.ok(noDate.json().error.fields.certifiedOn);
      assert.equal((await qingyang.post('/api/v1/platforms', { ...body, status: 'revoked' })).statusCode, 400, 'not entered as revoked');
      assert.equal((await qingyang.post('/api/v1/platforms', { ...body, certifiedOn: `${YEAR + 1}-01-01` })).statusCode, 400, 'not certified in the future');
      assert.equal((await qingyang.post('/api/v1/platforms', { ...body, type: 'space_station' })).statusCode, 400, 'an unknown type');
      assert.equal(await countRows('SELECT count(*) AS n FROM platform'), before, 'nothing stored');

      const res = await qingyang.post('/api/v1/platforms', body);
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      assert.equal(await countRows(`SELECT count(*) AS n FROM audit_log WHERE action = 'platform.create'`), audits + 1);
      assert.equal((await qingyang.post('/api/v1/platforms', { ...body, name: ` ${body.name} ` })).statusCode, 400, 'the same name and type twice');
      // who sees it: the host, its county, city and province; not another host, another city or an expert
      const seen = async (c: TestClient) => (await c.get(`/api/v1/platforms/${id}`)).statusCode;
      assert.deepEqual([await seen(ent1), await seen(xifeng), await seen(qingyang), await seen(gansu), await seen(ent2), await seen(zhangye), await seen(expert1)],
        [200, 200, 200, 200, 404, 404, 404]);
      assert.equal((await zhangye.get('/api/v1/platforms')).json().items.some((p: { id: number }) => p.id === id), false);
      assert.equal((await ent2.get('/api/v1/platforms')).json().total, 0);
      const detail = (await ent1.get(`/api/v1/platforms/${id}`)).json();
      assert.equal(detail.events[0].action, 'enter');
      assert.ok(detail.metrics.some((m: { code: string }) => m.code === 'rd_spend'));
      // the Excel export has the list's rows
      const xlsx = await qingyang.get('/api/v1/platforms/export.xlsx?type=engineering_center');
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    it('hosts fill in their own platforms\' yearly figures: known figures only, stale saves refused', async () => {
      const id = (await qingyang.post('/api/v1/platforms', { name: '庆城县中药材产业孵化器', type: 'incubator', level: 'city', hostOrgId: ent2Org, regionCode: '621021',
        status: 'certified', certifiedOn: '2022-09-01' })).json().id;
      assert.equal((await ent1.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { incubated_firms: 12 } })).statusCode, 404, 'another host');
      assert.equal((await ent2.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { shared_hours: 12 } })).statusCode, 400, 'not an incubator figure');
      assert.equal((await ent2.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { incubated_firms: -1 } })).statusCode, 400);
      const saved = await ent2.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { incubated_firms: 23, graduated_firms: 4, income: 3_600_000 } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal((await qingyang.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { incubated_firms: 24 }, version: saved.json().version + 5 })).statusCode, 409);
      assert.equal((await qingyang.request('PUT', `/api/v1/platforms/${id}/figures/2025`, { figures: { incubated_firms: 24, graduated_firms: 4 }, version: saved.json().version })).statusCode, 200);
      const figures = (await ent2.get(`/api/v1/platforms/${id}`)).json().figures;
      assert.deepEqual(figures.map((f: { year: number; figures: Record<string, number> }) => [f.year, f.figures.incubated_firms]), [[2025, 24]]);
    });

    it('certified through the workflow, a platform counts in its county, city and province; revoked, it leaves them', async () => {
      const base = await counts();
      const baseNri = await counts('new_rd_institutions');
      const app = { name: '陇东页岩油压裂装备工程技术研究中心', type: 'engineering_center', level: 'provincial', field: 'manufacturing',
        intro: '围绕页岩油体积压裂装备开展研发。', coHostOrgIds: [] as number[] };
      // the checklist must be met before submitting; nothing is submitted otherwise
      const short = await ent1.post('/api/v1/platform-applications', { ...app, checklist: [{ code: 'host', value: true }], submit: true });
      assert.equal(short.statusCode, 400, short.body);
      assert.ok(short.json().error.fields['checklist.rd_staff']);
      assert.equal((await ent1.post('/api/v1/platform-applications', { ...app, checklist: [{ code: 'nope', value: true }] })).statusCode, 400, 'an unknown condition');
      assert.equal((await xifeng.post('/api/v1/platform-applications', { ...app, checklist: ENGINEERING_CHECKLIST })).statusCode, 403, 'staff do not apply');
      const created = await ent1.post('/api/v1/platform-applications', { ...app, checklist: ENGINEERING_CHECKLIST, submit: true });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal((await ent1.get(`/api/v1/platform-applications/${id}`)).json().status, 'submitted');
      assert.equal((await ent2.get(`/api/v1/platform-applications/${id}`)).statusCode, 404, 'another host');
      assert.equal((await zhangye.get(`/api/v1/platform-applications/${id}`)).statusCode, 404, 'another city');
      // the county recommends (it has a to-do); the host cannot
      assert.ok((await xifeng.get('/api/v1/inbox')).json().items.some((i: { kind: string; link: string }) => i.kind === 'platform.application.recommend' && i.link.endsWith(`/${id}`)));
      assert.equal((await ent1.post(`/api/v1/platform-applications/${id}/recommend`, {})).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/platform-applications/${id}/recommend`, {})).statusCode, 404);
      assert.equal((await xifeng.post(`/api/v1/platform-applications/${id}/formal-pass`, {})).statusCode, 403, 'the county does not check a provincial platform');
      assert.equal((await xifeng.post(`/api/v1/platform-applications/${id}/recommend`, {})).json().status, 'recommended');
      assert.equal((await xifeng.post(`/api/v1/platform-applications/${id}/recommend`, {})).json().error.code, 'INVALID_TRANSITION');
      // the province checks it; the city cannot (a provincial platform)
      const cityCheck = await qingyang.post(`/api/v1/platform-applications/${id}/formal-pass`, {});
      assert.equal(cityCheck.json().error.code, 'PLATFORM_LEVEL_AUTHORITY');
      assert.ok((await gansu.get('/api/v1/inbox')).json().items.some((i: { kind: string }) => i.kind === 'platform.application.handle'));
      assert.equal((await gansu.post(`/api/v1/platform-applications/${id}/formal-pass`, {})).json().status, 'formal_passed');
      // experts under 回避: one of the host's own staff is refused, naming the rule; all or nothing
      const own = await makeExpert(t.app, qingyang, { orgId: ent1Org, orgName: '庆阳市陇东能源装备科技有限公司', fields: ['先进制造与自动化'] }, false);
      const clean = await makeExpert(t.app, qingyang, { fields: ['先进制造与自动化'] });
      const refused = await gansu.post(`/api/v1/platform-applications/${id}/experts`, { expertIds: [clean.id, own.id] });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.deepEqual([refused.json().error.code, refused.json().error.details.rule], ['CONFLICT_OF_INTEREST', 'same_org']);
      assert.equal((await gansu.get(`/api/v1/platform-applications/${id}`)).json().assignments.length, 0);
      assert.equal((await gansu.post(`/api/v1/platform-applications/${id}/experts`, { expertIds: [clean.id] })).json().assigned, 1);
      assert.equal((await gansu.get(`/api/v1/platform-applications/${id}`)).json().status, 'under_review');
      assert.equal((await gansu.post(`/api/v1/platform-applications/${id}/certify`, { certificateNo: '甘科基〔2026〕8号' })).json().error.code, 'INVALID_TRANSITION', 'not before the review');
      // the expert declares, then scores; the content opens after the declaration
      const mine = (await clean.client.get('/api/v1/platform-certification-reviews')).json().items;
      assert.equal(mine.length, 1);
      assert.ok((await clean.client.get('/api/v1/inbox')).json().items.some((i: { kind: string }) => i.kind === 'platform.certification.review'));
      const rid = mine[0].id;
      assert.equal((await clean.client.get(`/api/v1/platform-certification-reviews/${rid}`)).json().application.checklist, null);
      assert.equal((await expert1.get(`/api/v1/platform-certification-reviews/${rid}`)).statusCode, 404, "another expert's");
      assert.equal((await clean.client.post(`/api/v1/platform-certification-reviews/${rid}/submit`, {})).json().error.code, 'DECLARATION_REQUIRED');
      assert.equal((await clean.client.post(`/api/v1/platform-certification-reviews/${rid}/declare`, { conflict: false, pledge: true })).json().status, 'declared');
      assert.equal((await clean.client.get(`/api/v1/platform-certification-reviews/${rid}`)).json().application.checklist.length, 3);
      assert.equal((await clean.client.post(`/api/v1/platform-certification-reviews/${rid}/submit`, { scores: { conditions: 90 }, comment: '同意' })).statusCode, 400, 'incomplete');
      const submitted = await clean.client.post(`/api/v1/platform-certification-reviews/${rid}/submit`, { scores: { conditions: 90, capacity: 85, support: 80 }, comment: '条件具备，建议认定' });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const reviewed = (await gansu.get(`/api/v1/platform-applications/${id}`)).json();
      assert.deepEqual([reviewed.status, reviewed.score], ['reviewed', 85.5]);
      assert.deepEqual(await counts(), base, 'nothing counts before certification');

      // ten clicks on 认定 at once over HTTP: one certifies, nine answer 409; one platform, one audit row
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const wire = new HttpSession(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`);
      assert.equal((await wire.send('POST', '/api/v1/auth/login', { username: 'gansu', password: 'Kechuang@2026' })).status, 200);
      const answers = await Promise.all(Array.from({ length: 10 }, () => wire.send('POST', `/api/v1/platform-applications/${id}/certify`, { certificateNo: '甘科基〔2026〕8号' })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, ...Array(9).fill(409)]);
      assert.equal(await countRows(`SELECT count(*) AS n FROM platform WHERE name = $1`, [app.name]), 1);
      assert.equal(await countRows(`SELECT count(*) AS n FROM audit_log WHERE action = 'platform.application.certify' AND target_id = $1`, [String(id)]), 1);
      const platformId = answers.find((a) => a.status === 200)!.body.platformId;
      const platform = (await ent1.get(`/api/v1/platforms/${platformId}`)).json();
      assert.deepEqual([platform.status, platform.level, platform.certifiedOn, platform.certificateNo, platform.validUntil, platform.source],
        ['certified', 'provincial', TODAY, '甘科基〔2026〕8号', platform.validUntil, 'workflow']);
      assert.ok(platform.validUntil > TODAY, 'the type\'s term');
      assert.ok((await t.db.query(`SELECT 1 FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'qy_ent1' AND n.kind = 'platform.application.certify'`)).rowCount);

      const [county, city, province, other] = base;
      assert.deepEqual(await counts(), [county! + 1, city! + 1, province! + 1, other], 'its county, its city and the province; not 张掖');
      assert.deepEqual(await counts('new_rd_institutions'), baseNri, 'not a new R&D institution');

      // revocation: the certifying level only, with a reason, once
      assert.equal((await qingyang.post(`/api/v1/platforms/${platformId}/revoke`, { reason: '未按期整改' })).json().error.code, 'PLATFORM_LEVEL_AUTHORITY');
      assert.equal((await ent1.post(`/api/v1/platforms/${platformId}/revoke`, { reason: '未按期整改' })).statusCode, 403);
      assert.equal((await gansu.post(`/api/v1/platforms/${platformId}/revoke`, {})).statusCode, 400, 'a reason');
      assert.equal((await gansu.post(`/api/v1/platforms/${platformId}/revoke`, { reason: '连续两年绩效评价不合格' })).json().status, 'revoked');
      assert.equal((await gansu.post(`/api/v1/platforms/${platformId}/revoke`, { reason: '再次撤销' })).json().error.code, 'INVALID_TRANSITION');
      assert.deepEqual(await counts(), base, 'revoked, it leaves every region');
      const timeline = (await gansu.get(`/api/v1/platforms/${platformId}`)).json().events.map((e: { action: string }) => e.action);
      assert.deepEqual(timeline, ['certify', 'revoke']);
    });

    it('a city platform is the city\'s to certify and counts as a new R&D institution, not as provincial', async () => {
      const baseNri = await counts('new_rd_institutions');
      const base = await counts();
      const checklist = [{ code: 'legal_person', value: true }, { code: 'rd_staff', value: 26 }, { code: 'rd_staff_share', value: 41 }, { code: 'rd_spend_share', value: 35 },
        { code: 'mechanism', value: true }];
      const low = await ent2.post('/api/v1/platform-applications', { name: '陇东中药材研究院', type: 'new_rd_institution', level: 'city',
        checklist: checklist.map((c) => (c.code === 'rd_staff' ? { ...c, value: 12 } : c)), submit: true }, { lang: 'en' });
      assert.equal(low.statusCode, 400, 'below 20 R&D staff');
      assert.equal(low.json().error.fields['checklist.rd_staff'], 'Condition not met: At least 20 R&D staff');
      const id = (await ent2.post('/api/v1/platform-applications', { name: '陇东中药材研究院', type: 'new_rd_institution', level: 'city', field: 'biomedicine',
        checklist, submit: true })).json().id;
      // returned by the city, changed and submitted again
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${id}/return`, {})).statusCode, 400, 'a reason');
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${id}/return`, { comment: '请补充研发经费明细' })).json().status, 'returned');
      assert.ok((await ent2.get('/api/v1/inbox')).json().items.some((i: { kind: string }) => i.kind === 'platform.application.returned'));
      const v = (await ent2.get(`/api/v1/platform-applications/${id}`)).json().version;
      assert.equal((await ent2.request('PUT', `/api/v1/platform-applications/${id}`, { name: '陇东中药材研究院', type: 'new_rd_institution', level: 'city', checklist, version: v - 1 })).statusCode, 409);
      assert.equal((await ent2.request('PUT', `/api/v1/platform-applications/${id}`, { name: '陇东中药材研究院', type: 'new_rd_institution', level: 'city', field: 'biomedicine', checklist, version: v })).statusCode, 200);
      assert.equal((await ent2.post(`/api/v1/platform-applications/${id}/submit`, {})).json().status, 'submitted');
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${id}/recommend`, {})).json().status, 'recommended');
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${id}/formal-pass`, {})).json().status, 'formal_passed', 'the city checks a city platform');
      const x = await makeExpert(t.app, qingyang, { fields: ['生物与新医药'] });
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${id}/experts`, { expertIds: [x.id] })).json().assigned, 1);
      const rid = (await x.client.get('/api/v1/platform-certification-reviews')).json().items[0].id;
      await x.client.post(`/api/v1/platform-certification-reviews/${rid}/declare`, { conflict: false, pledge: true });
      assert.equal((await x.client.post(`/api/v1/platform-certification-reviews/${rid}/submit`, { scores: { conditions: 80, capacity: 80, support: 80 }, comment: '同意' })).statusCode, 200);
      const certified = await qingyang.post(`/api/v1/platform-applications/${id}/certify`, { certificateNo: '庆科发〔2026〕15号' });
      assert.equal(certified.statusCode, 200, certified.body);
      assert.deepEqual(await counts(), base, 'a city platform is not provincial');
      const [county, city, province, other] = baseNri;
      assert.deepEqual(await counts('new_rd_institutions'), [county, city! + 1, province! + 1, other], 'in 庆城县 (not 西峰区), the city and the province');
      assert.equal(await indicator('621021', 'new_rd_institutions'), (await countRows(
        `SELECT count(*) AS n FROM platform WHERE type_code = 'new_rd_institution' AND region_code = '621021' AND status IN ('certified', 'rectifying')`)));
    });

    it('every other write checks role, region and owner: details, files, withdrawal, the panel, the expert side', async () => {
      const id = (await qingyang.post('/api/v1/platforms', { name: '庆阳市苹果矮砧密植工程技术研究中心', type: 'engineering_center', level: 'city', hostOrgId: ent1Org,
        regionCode: '621002', status: 'certified', certifiedOn: '2024-05-20' })).json().id;
      const v = (await qingyang.get(`/api/v1/platforms/${id}`)).json().version;
      assert.equal((await ent1.request('PUT', `/api/v1/platforms/${id}`, { intro: '改', version: v })).statusCode, 403, 'a host does not change the record');
      assert.equal((await zhangye.request('PUT', `/api/v1/platforms/${id}`, { intro: '改', version: v })).statusCode, 404, 'another city');
      assert.equal((await xifeng.request('PUT', `/api/v1/platforms/${id}`, { intro: '苹果矮砧密植与水肥一体化', version: v - 1 })).statusCode, 409, 'stale');
      assert.equal((await xifeng.request('PUT', `/api/v1/platforms/${id}`, { intro: '苹果矮砧密植与水肥一体化', version: v })).json().intro, '苹果矮砧密植与水肥一体化');
      assert.equal((await xifeng.post(`/api/v1/platforms/${id}/rectify`, { reason: '整改' })).json().error.code, 'PLATFORM_LEVEL_AUTHORITY', 'a county does not put a city platform on 整改');
      assert.equal((await qingyang.post(`/api/v1/platforms/${id}/rectify`, { reason: '年度报告逾期' })).json().status, 'rectifying');
      assert.equal((await qingyang.post(`/api/v1/platforms/${id}/restore`, {})).json().status, 'certified');

      const app = (await ent1.post('/api/v1/platform-applications', { name: '西峰区油气装备检测共享平台', type: 'other', level: 'city', checklist: [{ code: 'legal_person', value: true }] })).json().id;
      const pdf = Buffer.from('%PDF-1.4\n%test\n');
      assert.equal((await upload(ent2, `/api/v1/platform-applications/${app}/attachments`, pdf, '证明.pdf')).statusCode, 404, "another host's");
      assert.equal((await upload(qingyang, `/api/v1/platform-applications/${app}/attachments`, pdf, '证明.pdf')).statusCode, 403, 'staff do not add the host\'s files');
      assert.equal((await upload(ent1, `/api/v1/platform-applications/${app}/attachments`, pdf, '证明.pdf')).statusCode, 201);
      assert.equal((await ent2.post(`/api/v1/platform-applications/${app}/withdraw`, {})).statusCode, 404, "another host's");
      assert.equal((await ent1.post(`/api/v1/platform-applications/${app}/submit`, {})).json().status, 'submitted');
      assert.equal((await upload(ent1, `/api/v1/platform-applications/${app}/attachments`, pdf, '证明2.pdf')).json().error.code, 'INVALID_TRANSITION', 'files while it may be changed only');
      assert.equal((await xifeng.post(`/api/v1/platform-applications/${app}/recommend`, {})).json().status, 'recommended');
      assert.equal((await zhangye.post(`/api/v1/platform-applications/${app}/draw`, {})).statusCode, 404, 'another city');
      assert.equal((await xifeng.post(`/api/v1/platform-applications/${app}/draw`, {})).json().error.code, 'PLATFORM_LEVEL_AUTHORITY', 'the county does not form the panel');
      assert.equal((await qingyang.post(`/api/v1/platform-applications/${app}/draw`, {})).json().error.code, 'INVALID_TRANSITION', 'not before the formal check');
      assert.equal((await ent1.post(`/api/v1/platform-applications/${app}/withdraw`, {})).json().status, 'withdrawn');
      assert.equal((await ent1.get('/api/v1/platform-certification-reviews')).statusCode, 403, 'the expert side is for experts');
      assert.equal((await qingyang.post('/api/v1/platform-certification-reviews/1/declare', { conflict: false, pledge: true })).statusCode, 403);
    });

    it('the checklist is data: the province edits it, others may not', async () => {
      const cat = (await ent1.get('/api/v1/platforms/catalogue')).json();
      assert.equal(cat.types.length, 13);
      const incubator = cat.types.find((x: { code: string }) => x.code === 'incubator');
      const incubatees = incubator.conditions.find((c: { code: string; level: string | null }) => c.code === 'incubatees' && c.level === 'national');
      assert.equal(incubatees.min, 50);
      const change = { ...incubatees, min: 40, version: incubatees.version };
      delete change.id; delete change.type;
      assert.equal((await qingyang.request('PUT', `/api/v1/platforms/catalogue/conditions/${incubatees.id}`, change)).statusCode, 403, 'a city');
      const changed = await gansu.request('PUT', `/api/v1/platforms/catalogue/conditions/${incubatees.id}`, change);
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().min, 40);
      assert.equal((await gansu.request('PUT', `/api/v1/platforms/catalogue/conditions/${incubatees.id}`, change)).statusCode, 409, 'stale');
      // an application drafted now carries the new threshold
      const id = (await ent1.post('/api/v1/platform-applications', { name: '西峰区能源装备孵化器', type: 'incubator', level: 'national' })).json().id;
      const item = (await ent1.get(`/api/v1/platform-applications/${id}`)).json().checklist.find((c: { code: string }) => c.code === 'incubatees');
      assert.equal(item.min, 40);
      assert.equal((await xifeng.get(`/api/v1/platform-applications/${id}`)).statusCode, 404, 'staff do not see drafts');
    });
  });
}

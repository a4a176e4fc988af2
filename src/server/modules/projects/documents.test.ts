import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import ExcelJS from '../../exceljs';
import { DEMO_PASSWORD, databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';
import projectExportRoutes from './export-routes';

const API = '/api/v1';

/** The plugin where production registers it (inside /api/v1, no prefix of its own), unless app.ts does already. */
function withExportRoutes(app: FastifyInstance) {
  if (!app.hasRoute({ method: 'GET', url: `${API}/calls/:id/notice.docx` })) app.register(projectExportRoutes, { prefix: API });
}

async function docText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}
async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as any);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
/** A row as { header: value }. */
const byHeader = (rows: unknown[][], n: number) => Object.fromEntries(rows[0].map((h, i) => [String(h), rows[n][i] ?? null]));

const ok = <R extends { statusCode: number; body: string }>(res: R, code = 200): R => { assert.equal(res.statusCode, code, res.body); return res; };

for (const target of databaseTargets()) {
  describe(`project exports and documents [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    let ent1: TestClient;
    let ent2: TestClient;
    let callId: number;
    let app1: number;
    let app2: number;
    let notice: { count: number; noticeFrom: string; noticeUntil: string };
    const FULL_ID = '621002198001011234';

    before(async () => {
      t = await startTestApp(target, {}, {}, withExportRoutes);
      qy = await signedIn(t.app, 'qingyang');
      ent1 = await signedIn(t.app, 'qy_ent1');
      ent2 = await signedIn(t.app, 'qy_ent2');
      const orgId = async (name: string) => Number((await t.db.query('SELECT id FROM organization WHERE name = $1', [name])).rows[0].id);

      const programmeId = ok(await qy.post(`${API}/programmes`, { name: '重点研发计划', level: 'city', regionCode: '621000' }), 201).json().id;
      callId = ok(await qy.post(`${API}/calls`, {
        programmeId, title: '2026年度庆阳市重点研发计划项目申报指南', year: 2026,
        opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(), budget: 2_000_000,
        rubric: [{ code: 'innovation', name: '创新性', weight: 0.4, max: 100 }, { code: 'feasibility', name: '可行性', weight: 0.6, max: 100 }],
        reviewersPerApplication: 2, blind: false, noticeDays: 5,
        form: [{ key: 'goal', label: '研究目标', type: 'longtext' }, { key: 'schedule', label: '进度安排', type: 'table', columns: ['阶段', '内容'] },
          { key: 'startDate', label: '计划开始日期', type: 'date' }],
      }), 201).json().id;
      ok(await qy.post(`${API}/calls/${callId}/publish`));

      app1 = ok(await ent1.post(`${API}/applications`, {
        callId, title: '高端油气装备智能控制系统研发', field: '先进制造与自动化', summary: '研制适用于陇东油田的智能控制系统。\n形成可推广的成套装备。',
        requestedAmount: 500_000, ownFunds: 300_000,
        members: [{ name: '王建国', orgName: '庆阳市陇东能源装备科技有限公司', role: '项目负责人', idNumber: FULL_ID }, { name: '陈明', orgName: '陇东学院', role: '技术骨干' }],
        partnerOrgIds: [await orgId('陇东学院')],
        formData: { goal: '完成样机研制并在长庆油田示范应用。', schedule: [{ 阶段: '第一年', 内容: '样机研制' }, { 阶段: '第二年', 内容: '示范应用' }], startDate: '2026-03-01' },
        budget: [{ category: 'equipment', own: 100_000, requested: 200_000 }, { category: 'labour', own: 200_000, requested: 300_000 }],
      }), 201).json().id;
      app2 = ok(await ent2.post(`${API}/applications`, {
        callId, title: '陇东道地中药材精深加工技术研究', field: '先进制造与自动化', summary: '黄芪精深加工。', requestedAmount: 400_000, members: [], partnerOrgIds: [],
      }), 201).json().id;
      ok(await ent1.post(`${API}/applications/${app1}/submit`));
      ok(await ent2.post(`${API}/applications/${app2}/submit`));
      for (const id of [app1, app2]) ok(await qy.post(`${API}/applications/${id}/formal-check`, { result: 'pass', comment: '材料齐全' }));

      // two reviewers with sign-ins; both review both applications
      const reviewers: { id: number; client: TestClient }[] = [];
      for (const [i, [name, org]] of [['刘教授', '兰州理工大学'], ['孙研究员', '甘肃省科学院']].entries()) {
        const id = ok(await qy.post(`${API}/experts`, { name, orgName: org, title: '教授', titleRank: '正高', fields: ['先进制造与自动化'], regionCode: '621000',
          phone: `1390000040${i}` }), 201).json().id;
        const username = `reviewer${i + 1}`;
        ok(await qy.post(`${API}/experts/${id}/account`, { username, password: DEMO_PASSWORD }), 201);
        await t.db.query('UPDATE app_user SET must_change_password = false WHERE username = $1', [username]);
        reviewers.push({ id, client: await signedIn(t.app, username) });
      }
      for (const id of [app1, app2]) ok(await qy.post(`${API}/applications/${id}/assignments`, { expertIds: reviewers.map((r) => r.id) }));
      // app1: 0.4 × 90 + 0.6 × 80 = 84 and 0.4 × 80 + 0.6 × 70 = 74 → 79; app2: 90 and 40 → 65, each 25 from the mean (outliers)
      const scores: Record<number, [number, number][]> = { [app1]: [[90, 80], [80, 70]], [app2]: [[90, 90], [40, 40]] };
      for (const [i, r] of reviewers.entries()) {
        for (const task of (await r.client.get(`${API}/reviews`)).json().items) {
          ok(await r.client.post(`${API}/reviews/${task.id}/declare`, { conflict: false, pledge: true }));
          const [innovation, feasibility] = scores[task.applicationId][i];
          ok(await r.client.post(`${API}/reviews/${task.id}/submit`, { scores: { innovation, feasibility }, comment: `意见${i + 1}：技术路线清晰。` }));
        }
      }
      ok(await qy.post(`${API}/applications/${app1}/decision`, { approved: true, amount: 450_000 }));
      ok(await qy.post(`${API}/applications/${app2}/decision`, { approved: false, comment: '创新性不足' }));
      notice = ok(await qy.post(`${API}/calls/${callId}/notice`)).json();
    });
    after(async () => { await t.close(); });

    it('exports the applications of a call with rank, score, reviews, amounts and status in words', async () => {
      const res = ok(await qy.get(`${API}/calls/${callId}/applications.xlsx`));
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
      const rows = await sheetRows(res.rawPayload);
      assert.equal(rows.length, 3);
      assert.deepEqual(rows[0], ['排名', '申报编号', '项目名称', '申报单位', '所在地区', '技术领域', '评审得分', '已提交评审数', '评审专家数',
        '申请经费（万元）', '自筹经费（万元）', '立项经费（万元）', '状态', '提交时间']);
      const first = byHeader(rows, 1);
      assert.deepEqual([first['排名'], first['申报编号'], first['项目名称'], first['申报单位'], first['评审得分'], first['已提交评审数'], first['评审专家数']],
        [1, app1, '高端油气装备智能控制系统研发', '庆阳市陇东能源装备科技有限公司', 79, 2, 2]);
      assert.deepEqual([first['申请经费（万元）'], first['自筹经费（万元）'], first['立项经费（万元）'], first['状态']], [50, 30, 45, '立项公示中']);
      assert.match(String(first['提交时间']), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      const second = byHeader(rows, 2);
      assert.deepEqual([second['排名'], second['申报编号'], second['评审得分'], second['立项经费（万元）'], second['状态']], [2, app2, 65, null, '未立项']);
      const en = await sheetRows(ok(await qy.get(`${API}/calls/${callId}/applications.xlsx`, { lang: 'en' })).rawPayload);
      assert.equal(en[0][0], 'Rank');
      assert.equal(byHeader(en, 1).Status, 'On public notice');
      assert.equal(byHeader(en, 2).Status, 'Not approved');
    });

    it('exports the score matrix: application × expert with a column per criterion, totals and outliers', async () => {
      const rows = await sheetRows(ok(await qy.get(`${API}/calls/${callId}/reviews.xlsx`)).rawPayload);
      assert.equal(rows.length, 5, 'two applications × two experts');
      assert.deepEqual(rows[0], ['申报编号', '项目名称', '申报单位', '排名', '项目得分', '评审专家', '专家单位', '职称级别', '评审状态',
        '创新性（满分100，权重0.4）', '可行性（满分100，权重0.6）', '加权总分', '偏离均值超过 20 分', '评审意见', '提交时间']);
      const cells = rows.slice(1).map((_, i) => byHeader(rows, i + 1));
      const line = (c: Record<string, unknown>) => [c['申报编号'], c['评审专家'], c['创新性（满分100，权重0.4）'], c['可行性（满分100，权重0.6）'], c['加权总分'], c['偏离均值超过 20 分']];
      assert.deepEqual(cells.map(line), [
        [app1, '刘教授', 90, 80, 84, '否'], [app1, '孙研究员', 80, 70, 74, '否'],
        [app2, '刘教授', 90, 90, 90, '是'], [app2, '孙研究员', 40, 40, 40, '是'],
      ]);
      assert.deepEqual(cells.map((c) => [c['排名'], c['项目得分'], c['评审状态'], c['专家单位']]).slice(0, 2), [[1, 79, '已提交', '兰州理工大学'], [1, 79, '已提交', '甘肃省科学院']]);
      assert.equal(cells[0]['评审意见'], '意见1：技术路线清晰。');
    });

    it('writes the 立项公示 as a .docx: the publicized projects, amounts, the notice period and how to object', async () => {
      assert.equal(notice.count, 1);
      const res = ok(await qy.get(`${API}/calls/${callId}/notice.docx`));
      assert.match(String(res.headers['content-type']), /wordprocessingml/);
      const text = await docText(res.rawPayload);
      const day = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
      for (const s of ['庆阳市科学技术局关于2026年度重点研发计划拟立项项目的公示', '2026年度庆阳市重点研发计划项目申报指南', '拟对1个项目予以立项支持',
        '拟支持经费合计45.00万元', `公示期为5个工作日：${day(notice.noticeFrom)}至${day(notice.noticeUntil)}`, '以书面形式向庆阳市科学技术局提出',
        '加盖本单位公章', '签署真实姓名', '拟立项项目名单', '高端油气装备智能控制系统研发', '庆阳市陇东能源装备科技有限公司', '西峰区', '45.00']) {
        assert.ok(text.includes(s), `${s} in the notice`);
      }
      assert.ok(!text.includes('陇东道地中药材精深加工技术研究'), 'an application not approved is not on the notice');
      // the 公文 fonts of the policy documents
      const zip = await JSZip.loadAsync(res.rawPayload);
      const stylesXml = await zip.file('word/styles.xml')!.async('string');
      assert.ok(stylesXml.includes('方正小标宋简体') && stylesXml.includes('仿宋_GB2312'), 'titles in 方正小标宋, body in 仿宋');
      assert.equal((await qy.get(`${API}/calls/${callId}/notice.docx?noticeFrom=2000-01-01`)).statusCode, 409, 'no notice from that day');
    });

    it('prints the application as a .docx with every section, ID numbers masked', async () => {
      for (const client of [ent1, qy]) {
        const text = await docText(ok(await client.get(`${API}/applications/${app1}/print.docx`)).rawPayload);
        for (const s of ['科技计划项目申报书', '一、基本信息', '高端油气装备智能控制系统研发', '庆阳市陇东能源装备科技有限公司', '重点研发计划', '先进制造与自动化',
          '50.00万元', '30.00万元', '二、项目摘要', '研制适用于陇东油田的智能控制系统。', '三、项目组成员', '王建国', '项目负责人', '**************1234', '陈明',
          '四、合作单位', '陇东学院', '五、经费预算（万元）', '设备费', '劳务费', '10.00', '20.00', '30.00', '80.00', '六、申报内容', '（一）研究目标',
          '完成样机研制并在长庆油田示范应用。', '（二）进度安排', '第一年', '样机研制', '示范应用', '（三）计划开始日期', '2026年3月1日', '立项公示中']) {
          assert.ok(text.includes(s), `${s} in the print`);
        }
        assert.ok(!text.includes(FULL_ID), 'the full ID number is never printed');
      }
    });

    it('writes the acceptance opinion once the project is accepted: contract targets, result and the panel comment', async () => {
      assert.equal((await qy.get(`${API}/applications/${app1}/acceptance.docx`)).json().error.code, 'ACCEPTANCE_PENDING');
      // the notice period over (the calendar's working days would take a week)
      await t.db.query('UPDATE application SET notice_until = CURRENT_DATE - 1 WHERE id = $1', [app1]);
      ok(await qy.post(`${API}/applications/${app1}/contract`, { targets: '研制智能控制系统样机1台；\n申请发明专利2项；\n实现销售收入500万元。', startOn: '2026-01-01', endOn: '2027-12-31' }));
      ok(await qy.post(`${API}/applications/${app1}/tranches`, { amount: 200_000, paidOn: '2026-02-01', note: '首笔' }), 201);
      ok(await qy.post(`${API}/applications/${app1}/tranches`, { amount: 150_000, paidOn: '2026-08-01' }), 201);
      ok(await qy.post(`${API}/applications/${app1}/acceptance`, { result: 'passed', comment: '项目组完成了任务书约定的各项指标，专家组同意通过验收。' }));
      for (const client of [qy, ent1]) {
        const text = await docText(ok(await client.get(`${API}/applications/${app1}/acceptance.docx`)).rawPayload);
        for (const s of ['科技计划项目验收意见', '重点研发计划', '高端油气装备智能控制系统研发', '庆阳市陇东能源装备科技有限公司', '2026年1月1日至2027年12月31日',
          '45.00万元', '35.00万元', '一、任务书约定的考核指标', '研制智能控制系统样机1台；', '申请发明专利2项；', '二、验收结论', '经验收专家组评议，该项目通过验收。',
          '三、验收专家组意见', '项目组完成了任务书约定的各项指标，专家组同意通过验收。', '验收专家组组长（签字）', '庆阳市科学技术局']) {
          assert.ok(text.includes(s), `${s} in the acceptance opinion`);
        }
      }
    });

    it('exports the funding of a call: approved, tranches, paid and left to pay', async () => {
      const rows = await sheetRows(ok(await qy.get(`${API}/calls/${callId}/funding.xlsx`)).rawPayload);
      assert.equal(rows.length, 3, 'one project and the total');
      const p = byHeader(rows, 1);
      assert.deepEqual([p['申报编号'], p['项目名称'], p['状态'], p['执行期限'], p['立项经费（万元）'], p['已拨付（万元）'], p['待拨付（万元）'], p['拨付次数']],
        [app1, '高端油气装备智能控制系统研发', '已验收', '2026-01-01 – 2027-12-31', 45, 35, 10, 2]);
      assert.equal(p['拨付明细（日期 万元）'], '2026-02-01 20.00（首笔）；2026-08-01 15.00');
      const total = byHeader(rows, 2);
      assert.deepEqual([total['项目名称'], total['立项经费（万元）'], total['已拨付（万元）'], total['待拨付（万元）']], ['合计', 45, 35, 10]);
    });

    it('answers 404 to another region\'s staff, 403 to applicants and experts for the call\'s files, and shows an applicant only its own application', async () => {
      const callFiles = ['applications.xlsx', 'reviews.xlsx', 'funding.xlsx', 'notice.docx'].map((f) => `${API}/calls/${callId}/${f}`);
      const appFiles = ['print.docx', 'acceptance.docx'].map((f) => `${API}/applications/${app1}/${f}`);
      const zy = await signedIn(t.app, 'zhangye');
      for (const url of [...callFiles, ...appFiles]) assert.equal((await zy.get(url)).statusCode, 404, `zhangye ${url}`);
      for (const who of ['qy_ent1', 'qy_inst1', 'expert1', 'reviewer1']) {
        const c = await signedIn(t.app, who);
        for (const url of callFiles) assert.equal((await c.get(url)).statusCode, 403, `${who} ${url}`);
      }
      for (const url of appFiles) assert.equal((await ent2.get(url)).statusCode, 404, `another applicant: ${url}`);
      assert.equal((await ent2.get(`${API}/applications/${app2}/print.docx`)).statusCode, 200, 'its own');
      for (const url of appFiles) assert.equal((await (await signedIn(t.app, 'reviewer1')).get(url)).statusCode, 404, `an expert: ${url}`);
      assert.equal((await new TestClient(t.app).get(callFiles[0])).statusCode, 401);
      assert.equal((await new TestClient(t.app).get(appFiles[0])).statusCode, 401);
      // the province sees its cities' calls
      assert.equal((await (await signedIn(t.app, 'gansu')).get(callFiles[0])).statusCode, 200);
      assert.equal((await qy.get(`${API}/calls/999999/applications.xlsx`)).statusCode, 404);
    });
  });
}

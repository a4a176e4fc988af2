// Achievements from Excel over HTTP: the template's columns and drop-downs; one broken row
// refuses the whole file, listing every bad cell, and writes nothing; a clean file is previewed,
// then imported whole (staff: submitted for the organisations of their region; an organisation:
// its own drafts), never twice; other regions' organisations and other roles are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient, upload } from '../../test/harness';
import { ACHIEVEMENT_COLUMNS } from './achievement-import';

const API = '/api/v1/achievements';

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('科技成果');
  ws.addRow(ACHIEVEMENT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// 成果名称, 完成单位, 成果类型, 所属领域, TRL, 知识产权, 完成人, 成果简介, 转化方式, 价格下限, 价格上限, 联系方式
const potato = ['马铃薯脱毒种薯雾培快繁技术', '陇东学院', '技术/工艺', '现代农业', 7, 'ZL202310000001.1（已授权）', '王建国、李明', '组培与雾培结合，原原种成本降低 30%。', '许可、技术服务', 20, 80.5, '王老师 0934-8632000'];
const herb = ['当归连作障碍修复菌剂', '庆城县岐黄中药材科技有限公司', '产品', '生物与新医药', 6, '', '李秀兰', '复合微生物菌剂。', '转让', '', '', ''];

for (const target of databaseTargets()) {
  describe(`achievement import [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let inst1: TestClient; let expert: TestClient;
    const count = async (sql: string) => (await t.db.query(sql)).rows[0].n as number;
    const achievements = () => count('SELECT count(*)::int AS n FROM achievement');
    const audits = () => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'achievement.import'`);
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, inst1, expert] = await Promise.all(['qingyang', 'zhangye', 'qy_inst1', 'expert1'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    it('gives a template with the columns, drop-downs for 成果类型 and 所属领域, and no data rows', async () => {
      const res = await inst1.get(`${API}/template`);
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const ws = wb.worksheets[0];
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ACHIEVEMENT_COLUMNS.map((c) => c.zh));
      assert.equal(ws.actualRowCount, 1);
      assert.match(String(ws.getCell(2, 3).dataValidation.formulae), /专利,软件著作权/);
      assert.match(String(ws.getCell(2, 4).dataValidation.formulae), /现代农业/);
      assert.equal((await expert.get(`${API}/template`)).statusCode, 403);
    });

    it('refuses the whole file for one broken row, listing every bad cell; writes nothing; then imports the clean file once', async () => {
      const broken = await sheet([
        potato,
        herb,
        ['玉米制种技术', '张掖市祁连玉米种业科技有限公司', '秘方', '农业', 10, '', '', '', '赠送', 90, 10, ''], // row 4: every column wrong
      ]);
      const [before, auditsBefore] = [await achievements(), await audits()];
      const preview = await upload(qingyang, `${API}/import?dryRun=1`, broken);
      assert.equal(preview.statusCode, 200, preview.body);
      const p = preview.json();
      assert.equal(p.rows, 3);
      assert.deepEqual(p.problems.map((x: { row: number; column: string }) => `${x.row}:${x.column}`).sort(),
        ['4:价格上限（万元）', '4:完成单位', '4:所属领域', '4:成果类型', '4:技术成熟度（TRL）', '4:转化方式'].sort());
      const refused = await upload(qingyang, `${API}/import`, broken);
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'IMPORT_INVALID');
      assert.equal(refused.json().error.rows.length, 6);
      assert.deepEqual([await achievements(), await audits()], [before, auditsBefore], 'nothing written');

      // the same rows without the broken one: preview, then the import with the previewed hash
      const clean = await sheet([potato, herb]);
      const ok = (await upload(qingyang, `${API}/import?dryRun=1`, clean)).json();
      assert.deepEqual([ok.rows, ok.create, ok.problemCount], [2, 2, 0]);
      const done = await upload(qingyang, `${API}/import?hash=${ok.hash}`, clean);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(done.json(), { created: 2, rows: 2 });
      assert.deepEqual([await achievements(), await audits()], [before + 2, auditsBefore + 2]);
      const { rows } = await t.db.query(
        `SELECT a.title, a.status, a.type, a.field, a.maturity, a.transfer_modes, a.price_min, a.price_max, o.name FROM achievement a JOIN organization o ON o.id = a.org_id
          WHERE a.title = ANY($1::text[]) ORDER BY a.title`, [[potato[0], herb[0]]]);
      assert.deepEqual(rows.map((r) => [r.title, r.status, r.type, r.field, r.maturity, r.transfer_modes, r.price_min == null ? null : Number(r.price_min), r.price_max == null ? null : Number(r.price_max), r.name]), [
        [herb[0], 'submitted', 'product', 'biomedicine', 6, ['transfer'], null, null, '庆城县岐黄中药材科技有限公司'],
        [potato[0], 'submitted', 'technology', 'agriculture', 7, ['licence', 'service'], 200_000, 805_000, '陇东学院'],
      ]);
      // submitted: the region's staff see them to publish
      assert.ok((await qingyang.get(`${API}?status=submitted&pageSize=200`)).json().items.some((a: { title: string }) => a.title === potato[0]));
      // the same file again: refused as a duplicate, and with again=1 the titles are already there
      assert.equal((await upload(qingyang, `${API}/import`, clean)).json().error.code, 'IMPORT_DUPLICATE');
      const again = await upload(qingyang, `${API}/import?again=1`, clean);
      assert.equal(again.statusCode, 400);
      assert.equal(again.json().error.rows.length, 2);
      assert.equal(await achievements(), before + 2);
    });

    it('lets an organisation import its own drafts only, and staff of another region none of this region\'s', async () => {
      const own = ['黄土高原苹果园水肥一体化技术', '', '技术/工艺', '现代农业', 5, '', '', '', '', '', '', ''];
      const notOwn = ['页岩油压裂装备', '庆城县岐黄中药材科技有限公司', '产品', '先进制造与自动化', 6, '', '', '', '', '', '', ''];
      const mixed = await upload(inst1, `${API}/import`, await sheet([own, notOwn]));
      assert.equal(mixed.statusCode, 400);
      assert.deepEqual(mixed.json().error.rows.map((r: { row: number; column: string }) => [r.row, r.column]), [[3, '完成单位']]);
      const mine = await upload(inst1, `${API}/import`, await sheet([own]));
      assert.equal(mine.statusCode, 200, mine.body);
      const listed = (await inst1.get(`${API}?mine=true&pageSize=200`)).json().items.find((a: { title: string }) => a.title === own[0]);
      assert.equal(listed.status, 'draft');
      assert.equal(listed.orgName, '陇东学院');
      const other = await upload(zhangye, `${API}/import`, await sheet([[...potato.slice(0, 1).map((x) => `${x}（张掖）`), ...potato.slice(1)]]));
      assert.equal(other.statusCode, 400);
      assert.equal(other.json().error.rows[0].column, '完成单位');
      assert.equal((await upload(expert, `${API}/import`, await sheet([own]))).statusCode, 403);
    });
  });
}

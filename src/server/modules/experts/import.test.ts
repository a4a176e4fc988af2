import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import ExcelJS from '../../exceljs';
import { workbookBuffer } from '../../http/excel';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp, upload } from '../../test/harness';
import { EXPERT_COLUMNS, expertExportColumns } from './import';
import expertImportRoutes from './import-routes';
import type { ExpertView } from './service';

const API = '/api/v1/experts';

/** The plugin under its production prefix, unless app.ts registers it already. */
function withImportRoutes(app: FastifyInstance) {
  if (!app.hasRoute({ method: 'POST', url: `${API}/import` })) app.register(expertImportRoutes, { prefix: API });
}

async function sheet(rows: unknown[][], headers = EXPERT_COLUMNS.map((c) => c.zh)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBook(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as any);
  return wb;
}
const rowValues = (ws: import('exceljs').Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

for (const target of databaseTargets()) {
  describe(`expert import [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows[0].n as number;
    const experts = () => count('SELECT count(*)::int AS n FROM expert');
    const audits = () => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'expert.import'`);
    before(async () => {
      t = await startTestApp(target, {}, {}, withImportRoutes);
      qy = await signedIn(t.app, 'qingyang');
    });
    after(async () => { await t.close(); });

    it('gives a template with the import columns, a drop-down for 职称级别 and no data rows', async () => {
      const res = await qy.get(`${API}/template`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = await readBook(res.rawPayload);
      const ws = wb.worksheets[0];
      assert.deepEqual(rowValues(ws, 1), EXPERT_COLUMNS.map((c) => c.zh));
      assert.deepEqual(EXPERT_COLUMNS.map((c) => c.zh), ['姓名', '工作单位', '职称', '职称级别', '专业领域', '行政区划代码', '手机号', '身份证号']);
      assert.equal(ws.actualRowCount, 1, 'headers only');
      assert.deepEqual(ws.getCell(2, 4).dataValidation.formulae, ['"正高,副高,中级,其他"']);
      assert.ok(wb.getWorksheet('填写说明'), 'a 填写说明 sheet shows the examples');
    });

    it('refuses the whole file for one bad row, listing every bad row in zh and en; nothing is written', async () => {
      // an expert already in the registry with this ID number
      const existing = await qy.post(API, { name: '已在库专家', orgName: '兰州大学', title: '教授', titleRank: '正高', fields: ['电子信息'],
        regionCode: '621000', phone: '13900000100', idNumber: '62100219700101001X' });
      assert.equal(existing.statusCode, 201, existing.body);
      const good = ['王建国', '陇东学院', '教授', '正高', '电子信息、先进制造与自动化', '621000', '13900000101', '621002198001011234'];
      const file = await sheet([
        good,
        ['', '兰州大学', '研究员', '教授级', '', '621000', '1390000', '12345'], // row 3: name, rank, fields, mobile, ID
        ['张掖的专家', '河西学院', '教授', '正高', '农业', '620700', '13900000103', ''], // row 4: 张掖 is not 庆阳's
        ['无此地区', '某单位', '教授', '副高', '农业', '629999', '13900000104', ''], // row 5: no such region
        ['重复身份证', '某单位', '副教授', '副高', '农业', '621002', '13900000105', '621002198001011234'], // row 6: same ID as row 2
        ['已在库', '某单位', '副教授', '副高', '农业', '621002', '13900000106', '62100219700101001x'], // row 7: in the registry (lower-case x)
      ]);
      const [expertsBefore, auditsBefore] = [await experts(), await audits()];

      const preview = await upload(qy, `${API}/import?dryRun=1`, file);
      assert.equal(preview.statusCode, 200, preview.body);
      const p = preview.json();
      assert.equal(p.dryRun, true);
      assert.equal(p.rows, 6);
      assert.match(p.hash, /^[0-9a-f]{64}$/);
      const where = (list: any[]) => list.map((x) => `${x.row}:${x.column}`);
      const expected = ['3:姓名', '3:职称级别', '3:专业领域', '3:手机号', '3:身份证号', '4:行政区划代码', '5:行政区划代码', '6:身份证号', '7:身份证号'];
      for (const e of expected) assert.ok(where(p.problems).includes(e), `${e} in ${where(p.problems)}`);
      assert.ok(!where(p.problems).some((x: string) => x.startsWith('2:')), 'the good row has no problem');
      const message = (list: any[], at: string) => list.find((x) => `${x.row}:${x.column}` === at)?.message;
      assert.equal(message(p.problems, '4:行政区划代码'), '只能选择您所辖区域内的行政区划');
      assert.equal(message(p.problems, '6:身份证号'), '与文件中前面的行重复');
      assert.equal(message(p.problems, '7:身份证号'), '专家库中已有该身份证号的专家');
      assert.ok(!JSON.stringify(p.problems).includes('62100219700101001X'), 'an ID number is never echoed in full');
      assert.equal(await experts(), expertsBefore, 'a preview writes nothing');

      const res = await upload(qy, `${API}/import`, file);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'IMPORT_INVALID');
      for (const e of expected) assert.ok(where(res.json().error.rows).includes(e), e);
      assert.equal(await experts(), expertsBefore, 'nothing imported, not even the good row');
      assert.equal(await audits(), auditsBefore);

      const en = await qy.request('POST', `${API}/import?dryRun=1`, await multipart(file), { lang: 'en', headers: multipartHeaders });
      assert.equal(en.statusCode, 200, en.body);
      assert.equal(message(en.json().problems, '3:Name'), 'Required');
      assert.equal(message(en.json().problems, '3:Mobile'), 'Enter a valid 11-digit mobile number');
      assert.equal(message(en.json().problems, '4:Region code'), 'Choose a region inside your own jurisdiction');
      assert.equal(message(en.json().problems, '7:ID number'), 'An expert with this ID number is already registered');
    });

    it('imports a clean file in one transaction: ID numbers as hash and last four, the organisation linked, audited, once', async () => {
      const file = await sheet([
        ['王建国', '陇东学院', '教授', '正高', '电子信息、先进制造与自动化', '621000', '13900000201', '621002198001011234'],
        ['李秀英', '庆阳市农业科学研究院', '高级农艺师', '副高', '农业，生物与新医药', '621021', ' 13900000202 ', ''],
      ]);
      const [expertsBefore, auditsBefore] = [await experts(), await audits()];
      const preview = (await upload(qy, `${API}/import?dryRun=1`, file)).json();
      assert.deepEqual([preview.rows, preview.create, preview.update, preview.problems.length], [2, 2, 0, 0]);
      const res = await upload(qy, `${API}/import?hash=${preview.hash}`, file);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { created: 2, rows: 2 });
      assert.equal(await experts(), expertsBefore + 2);
      assert.equal(await audits(), auditsBefore + 2, 'an audit row per expert');

      const { rows: [wang] } = await t.db.query(`SELECT x.*, o.name AS linked FROM expert x LEFT JOIN organization o ON o.id = x.org_id WHERE x.name = '王建国'`);
      assert.equal(wang.linked, '陇东学院', 'a 工作单位 naming one registered organisation is linked (回避 sees it)');
      assert.deepEqual(wang.fields, ['电子信息', '先进制造与自动化']);
      assert.equal(wang.title_rank, '正高');
      assert.equal(wang.id_number_hash, crypto.createHash('sha256').update('621002198001011234').digest('hex'));
      assert.equal(wang.id_number_tail, '1234');
      const { rows: [li] } = await t.db.query(`SELECT * FROM expert WHERE name = '李秀英'`);
      assert.equal(li.org_id, null);
      assert.equal(li.phone, '13900000202');
      assert.deepEqual(li.fields, ['农业', '生物与新医药']);
      assert.equal(li.id_number_hash, null);
      const stored = (await t.db.query(`SELECT row_to_json(x)::text AS j FROM expert x`)).rows.map((r) => r.j).join('');
      assert.ok(!stored.includes('621002198001011234'), 'the full ID number is stored nowhere');
      const audit = (await t.db.query(`SELECT * FROM audit_log WHERE action = 'expert.import' AND target_id = $1`, [String(wang.id)])).rows[0];
      assert.equal(audit.actor_name, 'qingyang');
      assert.equal(audit.changes.name.after, '王建国');
      const mine = (await qy.get(`${API}/${wang.id}`)).json();
      assert.equal(mine.idNumber, '**************1234');
      assert.equal(mine.phone, '139****0201');

      // the ids an import draws leave the registry's own numbering intact
      const added = await qy.post(API, { name: '手工新增', orgName: '兰州大学', title: '教授', titleRank: '正高', fields: ['农业'], regionCode: '621000', phone: '13900000299' });
      assert.equal(added.statusCode, 201, added.body);
      assert.ok(added.json().id > wang.id && added.json().id > li.id);
      assert.equal(await experts(), expertsBefore + 3);

      const again = await upload(qy, `${API}/import`, file);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'IMPORT_DUPLICATE');
      const forced = await upload(qy, `${API}/import?again=1`, file);
      assert.equal(forced.statusCode, 400, 'the same ID number cannot come in twice');
      assert.equal(forced.json().error.rows[0].message, '专家库中已有该身份证号的专家');
      assert.equal(await experts(), expertsBefore + 3);
    });

    it('answers 403 to other roles and 401 to nobody; another region\'s staff cannot import into 庆阳', async () => {
      const file = await sheet([['赵六', '某单位', '教授', '正高', '农业', '621000', '13900000301', '']]);
      for (const who of ['qy_ent1', 'qy_inst1', 'expert1', 'tepai1']) {
        const c = await signedIn(t.app, who);
        assert.equal((await c.get(`${API}/template`)).statusCode, 403, who);
        assert.equal((await upload(c, `${API}/import?dryRun=1`, file)).statusCode, 403, who);
        assert.equal((await upload(c, `${API}/import`, file)).statusCode, 403, who);
      }
      assert.equal((await new TestClient(t.app).get(`${API}/template`)).statusCode, 401);
      const before = await experts();
      const zy = await signedIn(t.app, 'zhangye');
      const res = await upload(zy, `${API}/import`, file);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.rows[0].column, '行政区划代码');
      assert.equal(await experts(), before);
      // 张掖 imports its own
      const own = await upload(zy, `${API}/import`, await sheet([['赵六', '河西学院', '教授', '正高', '农业', '620702', '13900000302', '']]));
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(await experts(), before + 1);
    });

    it('an export has the import columns first, in order, so that it reads as the template', async () => {
      const x: ExpertView = { id: 1, name: '王建国', orgId: null, orgName: '陇东学院', title: '教授', titleRank: '正高', expertise: '', fields: ['电子信息', '农业'],
        regionCode: '621000', regionName: '庆阳市', phone: '139****0201', idNumber: '**************1234', status: 'active', username: null,
        reviews: 3, version: 1, relations: [] };
      for (const lang of ['zh-CN', 'en'] as const) {
        const wb = await readBook(await workbookBuffer('专家库', expertExportColumns(lang), [x]));
        const ws = wb.worksheets[0];
        assert.deepEqual(rowValues(ws, 1).slice(0, EXPERT_COLUMNS.length), EXPERT_COLUMNS.map((c) => (lang === 'en' ? c.en : c.zh)));
        assert.deepEqual(rowValues(ws, 2), ['王建国', '陇东学院', '教授', '正高', '电子信息、农业', '621000', '139****0201', '**************1234',
          '庆阳市', lang === 'en' ? 'Active' : '在库', 3]);
      }
    });
  });
}

const multipartBoundary = '----kcExpertImport';
const multipartHeaders = { 'content-type': `multipart/form-data; boundary=${multipartBoundary}` };
async function multipart(file: Buffer) {
  return Buffer.concat([
    Buffer.from(`--${multipartBoundary}\r\nContent-Disposition: form-data; name="file"; filename="data.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file, Buffer.from(`\r\n--${multipartBoundary}--\r\n`)]);
}

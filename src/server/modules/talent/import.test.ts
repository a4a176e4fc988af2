// Talent from Excel: a preview writes nothing; a file with any bad row imports nothing and names
// every bad row in the reader's language; a clean file adds every row, matching people by mobile
// and adding new ones to the expert registry once; the export writes the import's columns first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, upload, type TestApp, type TestClient } from '../../test/harness';
import { TALENT_COLUMNS } from './import';

const API = '/api/v1/talent';

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才');
  ws.addRow(TALENT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const target of databaseTargets()) {
  describe(`talent import [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    let uscc: Record<string, string>;
    const n = async (sql: string) => (await t.db.query(sql)).rows[0].n as number;
    const stored = async () => [await n('SELECT count(*)::int AS n FROM talent'), await n('SELECT count(*)::int AS n FROM expert'),
      await n(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('talent.import', 'expert.create')`)];
    // name, phone, org, title, rank, fields, person region, category, host USCC, agreement no., from, to, days, outcomes, status
    const row = (o: Partial<Record<string, unknown>> = {}) => TALENT_COLUMNS.map((c) => ({
      name: '王立新', phone: '13919000101', orgName: '兰州大学', title: '教授', titleRank: '正高', fields: '现代农业、生物与新医药', personRegionCode: '621022',
      category: '候鸟型专家', hostUscc: uscc.qy_ent2, agreementNo: 'QC-RC-01', from: '2026-01-01', to: '2027-12-31', daysPerYear: 60,
      outcomes: '黄芪新品种 2 个、培训 120 人次', status: '服务中', ...o,
    } as Record<string, unknown>)[c.key]);

    before(async () => {
      t = await startTestApp(target);
      qy = await signedIn(t.app, 'qingyang');
      const { rows } = await t.db.query(`SELECT u.username, o.uscc FROM app_user u JOIN organization o ON o.id = u.org_id`);
      uscc = Object.fromEntries(rows.map((r) => [r.username, r.uscc]));
    });
    after(async () => { await t.close(); });

    it('refuses a file with bad rows whole, naming each row in zh and en, and writes nothing (nor in the preview)', async () => {
      const file = await sheet([
        row(),
        row({ name: '刘海峰', phone: '13919000102', category: '柔性引进' }), // which kind?
        row({ name: '陈某', phone: '13919000103', hostUscc: uscc.zy_ent1 }), // a host of 张掖
        row({ name: '赵某', phone: '13919000104', hostUscc: '91621002MA71QY9990' }), // no such host
        row({ name: '孙某', phone: '13919000105', orgName: '', title: '' }), // a new person without their organisation and title
        row({ name: '王力新', hostUscc: uscc.qy_ent1 }), // the same mobile as row 2 under another name
        row({ name: '周某', phone: '13919000106', from: '2026-13-01' }),
        row({ name: '吴某', phone: '13919000107', personRegionCode: '620702' }), // out of 庆阳's region
      ]);
      const before = await stored();
      const preview = (await upload(qy, `${API}/import?dryRun=1`, file)).json();
      assert.equal(preview.dryRun, true);
      assert.equal(preview.rows, 8);
      const byRow = (problems: any[]) => problems.map((p) => `${p.row}:${p.column}`).sort();
      assert.deepEqual(byRow(preview.problems), ['3:人才类别', '4:用人单位统一社会信用代码', '5:用人单位统一社会信用代码', '6:工作单位', '6:职称', '7:姓名',
        '8:协议开始日期', '9:人员所在地区代码'].sort());
      assert.deepEqual(await stored(), before);
      const res = await upload(qy, `${API}/import`, file);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'IMPORT_INVALID');
      assert.equal(res.json().error.rows.length, 8);
      assert.deepEqual(await stored(), before);
      const english = await (async () => {
        const boundary = '----kctalent';
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
          file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        return qy.request('POST', `${API}/import?dryRun=1`, body, { lang: 'en', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      })();
      const p3 = english.json().problems.find((p: any) => p.row === 3);
      assert.equal(p3.column, 'Category');
      assert.equal(p3.message, 'Not an allowed value');
      const p7 = english.json().problems.find((p: any) => p.row === 7);
      assert.match(p7.message, /王立新/);
      // a wrong role cannot import
      assert.equal((await upload(await signedIn(t.app, 'qy_ent1'), `${API}/import?dryRun=1`, file)).statusCode, 403);
    });

    it('imports a clean file whole: people by mobile (a new one joins the registry once), every kind, then refuses the same engagements again', async () => {
      const before = await stored();
      const file = await sheet([
        row(),
        row({ hostUscc: uscc.qy_ent1, category: '领军人才', from: '2026-03-01' }), // the same person, a second host
        row({ name: '刘海峰', phone: '13919000102', orgName: '西安石油大学', title: '副教授', titleRank: '副高', fields: '新能源与节能', personRegionCode: '621000',
          category: '周末工程师', hostUscc: uscc.qy_ent1, daysPerYear: 48, status: '已结束' }),
        row({ name: '马兰', phone: '13919000103', category: '三区人才', from: new Date(Date.UTC(2026, 1, 1)), to: new Date(Date.UTC(2026, 11, 31)) }),
      ]);
      const res = await upload(qy, `${API}/import`, file);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { created: 4, rows: 4, people: 3 });
      const after = await stored();
      assert.deepEqual(after, [before[0] + 4, before[1] + 3, before[2] + 4 + 3]);
      const list = (await qy.get(`${API}?pageSize=50&sort=name`)).json();
      const liu = list.items.find((i: any) => i.name === '刘海峰');
      assert.equal(liu.flexibleKind, 'weekend_engineer');
      assert.equal(liu.status, 'ended');
      assert.equal(liu.personOrg, '西安石油大学');
      const ma = list.items.find((i: any) => i.name === '马兰');
      assert.equal(ma.category, 'three_regions');
      assert.equal(ma.from, '2026-02-01');
      assert.equal(list.items.filter((i: any) => i.name === '王立新').length, 2);
      assert.deepEqual(list.items.find((i: any) => i.name === '王立新').outcomes, ['黄芪新品种 2 个', '培训 120 人次']);

      // the same engagements again: every row refused, nothing added
      const again = await sheet([row()]);
      const second = await upload(qy, `${API}/import`, again);
      assert.equal(second.statusCode, 400);
      assert.match(second.json().error.rows[0].message, /已有人才记录/);
      assert.deepEqual(await stored(), after);
    });

    it('exports the filtered list with the import columns first, in the reader\'s language', async () => {
      const res = await qy.get(`${API}/export?flexibleKind=migratory`);
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const ws = wb.worksheets[0];
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(headers.slice(0, TALENT_COLUMNS.length), TALENT_COLUMNS.map((c) => c.zh));
      assert.equal(ws.rowCount, 2);
      assert.equal(ws.getRow(2).getCell(8).value, '候鸟型专家');
      assert.equal(ws.getRow(2).getCell(9).value, uscc.qy_ent2);
      const en = await qy.get(`${API}/export?flexibleKind=migratory`, { lang: 'en' });
      const wbEn = new ExcelJS.Workbook();
      await wbEn.xlsx.load(en.rawPayload as any);
      assert.equal(wbEn.worksheets[0].getRow(1).getCell(8).value, 'Category');
      assert.equal(wbEn.worksheets[0].getRow(2).getCell(8).value, 'Migratory expert');
      // another region's export is empty; a wrong role is refused
      const zy = await signedIn(t.app, 'zhangye');
      const wbZy = new ExcelJS.Workbook();
      await wbZy.xlsx.load((await zy.get(`${API}/export`)).rawPayload as any);
      assert.equal(wbZy.worksheets[0].rowCount, 1);
      assert.equal((await (await signedIn(t.app, 'tepai1')).get(`${API}/export`)).statusCode, 403);
      const template = await qy.get(`${API}/template`);
      assert.equal(template.statusCode, 200);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const API = '/api/v1/regions';

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('区划');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, name = 'regions.xlsx') {
  const boundary = '----kechuang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const target of databaseTargets()) {
  describe(`regions [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('serves the GB/T 2260 tree of the demo region to anyone', async () => {
      const res = await new TestClient(t.app).get(API);
      assert.equal(res.statusCode, 200);
      const byCode = new Map(res.json().items.map((r: any) => [r.code, r]));
      assert.equal((byCode.get('620000') as any).name, '甘肃省');
      assert.equal((byCode.get('621000') as any).parentCode, '620000');
      assert.equal((byCode.get('621002') as any).name, '西峰区');
      assert.equal((byCode.get('620702') as any).name, '甘州区');
      assert.equal((byCode.get('620702') as any).level, 3);
    });

    it('lets admins add and rename; refuses staff; checks codes and levels', async () => {
      const admin = await signedIn(t.app, 'admin');
      const created = await admin.post(API, { code: '620100', name: '兰州市', parentCode: '620000' });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().level, 2);
      const wrongParent = await admin.post(API, { code: '620102', name: '城关区', parentCode: '621000' });
      assert.equal(wrongParent.statusCode, 400);
      assert.ok(wrongParent.json().error.fields.parentCode);
      const badCode = await admin.post(API, { code: '62010', name: 'x', parentCode: '620100' });
      assert.ok(badCode.json().error.fields.code);
      const renamed = await admin.patch(`${API}/620100`, { name: '兰州市（测试）', version: created.json().version });
      assert.equal(renamed.json().name, '兰州市（测试）');
      const stale = await admin.patch(`${API}/620100`, { name: '再改', version: created.json().version });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'STALE_VERSION');
      const staff = await signedIn(t.app, 'qingyang');
      assert.equal((await staff.post(API, { code: '620200', name: '嘉峪关市', parentCode: '620000' })).statusCode, 403);
      const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'region.rename' AND target_id = '620100'`);
      assert.deepEqual(audit.rows[0].changes.name, { before: '兰州市', after: '兰州市（测试）' });
    });

    it('imports regions from Excel, all rows or none, saying what is wrong row by row', async () => {
      const admin = await signedIn(t.app, 'admin');
      const bad = multipart(await xlsx([['代码', '名称', '上级代码'], ['620400', '白银市', '620000'], ['620402', '白银区', '620400'], ['62O403', '平川区', '620400'], ['620421', '', '620400'], ['620500', '天水市', '621000']]));
      const refused = await admin.request('POST', `${API}/import`, bad.body, { headers: bad.headers });
      assert.equal(refused.statusCode, 400);
      const error = refused.json().error;
      assert.equal(error.code, 'IMPORT_INVALID');
      assert.deepEqual(error.rows.map((r: any) => [r.row, r.column, r.value]), [[4, '代码', '62O403'], [5, '名称', ''], [6, '上级代码', '621000']]);
      assert.equal((await t.db.query(`SELECT count(*)::int n FROM region WHERE code LIKE '6204%'`)).rows[0].n, 0, 'nothing imported');

      const good = multipart(await xlsx([['代码', '名称', '上级代码'], ['620400', '白银市', '620000'], ['620402', '白银区', '620400'], ['621002', '西峰区（改）', '621000']]));
      const ok = await admin.request('POST', `${API}/import`, good.body, { headers: good.headers });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { created: 2, updated: 1 });
      const names = (await new TestClient(t.app).get(API)).json().items.filter((r: any) => ['620402', '621002'].includes(r.code)).map((r: any) => r.name);
      assert.deepEqual(names.sort(), ['白银区', '西峰区（改）'].sort());
      const template = await admin.get(`${API}/template`);
      assert.equal(template.statusCode, 200);
    });
  });
}

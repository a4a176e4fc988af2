import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';
import { localitiesByCodes, villagesOf } from './localities';

const API = '/api/v1/regions';

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('区划');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer) {
  const boundary = '----kechuang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="villages.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const target of databaseTargets()) {
  describe(`townships and villages [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows[0].n as number;
    const snapshot = async () => (await t.db.query(`SELECT code, name, urban_rural_class, version FROM locality ORDER BY code`)).rows;

    it('lists 环县\'s 20 townships under ?parent=621022 and a township\'s villages under its code', async () => {
      const anyone = new TestClient(t.app);
      const res = await anyone.get(`${API}?parent=621022`);
      assert.equal(res.statusCode, 200, res.body);
      const townships = res.json().items;
      // the statistics bureau's 2023 list: 10 镇 and 10 乡
      assert.equal(townships.length, 20);
      assert.ok(townships.every((x: any) => x.level === 4 && x.parentCode === '621022' && /^621022\d{3}$/.test(x.code)));
      const huancheng = townships.find((x: any) => x.code === '621022100');
      assert.equal(huancheng.name, '环城镇');
      assert.equal(huancheng.urbanRuralClass, null);
      assert.equal(huancheng.version, 1);

      const villages = (await anyone.get(`${API}?parent=621022100`)).json().items;
      assert.equal(villages.length, huancheng.childCount);
      assert.ok(villages.length > 5);
      assert.ok(villages.every((v: any) => v.code.length === 12 && v.code.startsWith('621022100') && v.level === 5 && v.parentCode === '621022100'));
      assert.ok(villages.some((v: any) => v.name === '五里屯村委会'));

      // the whole county, independently counted: every village of 环县 sits under one of its townships
      const perTownship = await Promise.all(townships.map(async (x: any) => (await anyone.get(`${API}?parent=${x.code}`)).json().items.length));
      assert.equal(perTownship.reduce((a: number, b: number) => a + b, 0), 275);
      assert.equal(await count(`SELECT count(*)::int n FROM locality WHERE county_code = '621021' AND level = 4`), 15);
      assert.equal(await count(`SELECT count(*)::int n FROM locality WHERE county_code = '621021' AND level = 5`), 176);
    });

    it('lists a province\'s cities and a city\'s counties as before; unknown parents are 404, bad codes 400', async () => {
      const anyone = new TestClient(t.app);
      const cities = (await anyone.get(`${API}?parent=620000`)).json().items.map((x: any) => x.code);
      assert.deepEqual(cities, ['620700', '621000']);
      const counties = (await anyone.get(`${API}?parent=621000`)).json().items;
      assert.equal(counties.length, 8);
      assert.equal(counties.find((x: any) => x.code === '621022').childCount, 20);
      assert.deepEqual((await anyone.get(`${API}?parent=621022100200`)).json().items, []);
      assert.equal((await anyone.get(`${API}?parent=630000`)).statusCode, 404);
      assert.equal((await anyone.get(`${API}?parent=621022999`)).statusCode, 404);
      assert.equal((await anyone.get(`${API}?parent=62102`)).statusCode, 400);
      // without parent: the flat tree of levels 1–3 only, no township in it
      const flat = (await anyone.get(API)).json().items;
      assert.equal(flat.length, 17);
      assert.ok(flat.every((x: any) => x.code.length === 6 && !('urbanRuralClass' in x)));
    });

    it('serves the villages of a county or a city for pickers, with the township\'s name and a filter', async () => {
      const anyone = new TestClient(t.app);
      const huan = (await anyone.get(`${API}/621022/villages`)).json();
      assert.equal(huan.total, 275);
      assert.equal(huan.items.length, 275);
      const v = huan.items.find((x: any) => x.code === '621022100200');
      assert.deepEqual(v, { code: '621022100200', name: '五里屯村委会', townshipCode: '621022100', townshipName: '环城镇', countyCode: '621022', urbanRuralClass: null });
      const city = (await anyone.get(`${API}/621000/villages?limit=10`)).json();
      assert.equal(city.total, await count(`SELECT count(*)::int n FROM locality WHERE level = 5 AND county_code LIKE '6210%'`));
      assert.equal(city.items.length, 10);
      const byTownship = (await anyone.get(`${API}/621022/villages?q=${encodeURIComponent('环城镇')}`)).json();
      assert.ok(byTownship.total > 0 && byTownship.items.every((x: any) => x.townshipCode === '621022100'));
      assert.equal((await anyone.get(`${API}/629900/villages`)).statusCode, 404);
    });

    it('gives other modules villagesOf and localitiesByCodes', async () => {
      const villages = await villagesOf(t.db, ['621021']);
      assert.equal(villages.length, 176);
      assert.ok(villages.every((v) => v.level === 5 && v.countyCode === '621021' && v.townshipCode === v.code.slice(0, 9)));
      const found = await localitiesByCodes(t.db, ['621022100200', '621022100', '621022100999', '621022100200']);
      assert.deepEqual([...found.keys()].sort(), ['621022100', '621022100200']);
      assert.equal(found.get('621022100')!.level, 4);
    });

    it('imports a county\'s townships and villages (the bureau\'s 12-digit format), previews first, renames, audits', async () => {
      const admin = await signedIn(t.app, 'admin');
      // a county of 庆阳市 emptied for the test, then imported from the bureau's sheet
      await t.db.query(`DELETE FROM locality WHERE county_code = '621023' AND level = 5`);
      await t.db.query(`DELETE FROM locality WHERE county_code = '621023'`);
      const sheet = [['统计用区划代码', '城乡分类代码', '名称'],
        ['621023000000', '', '华池县'],
        ['621023100000', '', '柔远镇'],
        ['621023100001', '121', '城关社区居民委员会'],
        ['621023100200', '220', '城壕村委会'],
        ['621023101000', '', '悦乐镇'],
        ['621023101200', '220', '悦乐村委会'],
        ['621022100200', '220', '五里屯村委会'], // known village: gets its class
        ['621022100', '', '环城镇（改）']]; // known township renamed
      const file = multipart(await xlsx(sheet));
      const before = await snapshot();
      const preview = await admin.request('POST', `${API}/import?dryRun=1`, file.body, { headers: file.headers });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().problemCount, 0, JSON.stringify(preview.json().problems));
      assert.equal(preview.json().create, 5);
      assert.equal(preview.json().update, 2);
      assert.deepEqual(await snapshot(), before, 'a preview writes nothing');

      const ok = await admin.request('POST', `${API}/import?hash=${preview.json().hash}`, file.body, { headers: file.headers });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { created: 5, updated: 2 });
      const townships = (await admin.get(`${API}?parent=621023`)).json().items;
      assert.deepEqual(townships.map((x: any) => [x.code, x.name, x.childCount]), [['621023100', '柔远镇', 2], ['621023101', '悦乐镇', 1]]);
      const villages = (await admin.get(`${API}?parent=621023100`)).json().items;
      assert.deepEqual(villages.map((x: any) => [x.code, x.urbanRuralClass]), [['621023100001', '121'], ['621023100200', '220']]);
      const known = (await localitiesByCodes(t.db, ['621022100200', '621022100']));
      assert.equal(known.get('621022100200')!.urbanRuralClass, '220');
      assert.equal(known.get('621022100')!.name, '环城镇（改）');
      assert.equal(known.get('621022100')!.version, 2);
      const audit = await t.db.query(`SELECT target_id, changes FROM audit_log WHERE action = 'region.import' AND target_type = 'locality' ORDER BY id`);
      assert.equal(audit.rows.length, 7);
      assert.deepEqual(audit.rows.find((r) => r.target_id === '621022100').changes.name, { before: '环城镇', after: '环城镇（改）' });
      assert.deepEqual(audit.rows.find((r) => r.target_id === '621022100200').changes.urbanRuralClass, { before: null, after: '220' });
    });

    it('refuses the whole file for an unknown county, a village without township, a bad class or a bad code, in zh and en', async () => {
      const admin = await signedIn(t.app, 'admin');
      const rows = [['代码', '名称', '上级代码', '城乡分类代码'],
        ['621028100', '不存在县的镇', '', ''], // 621028 is no county of the demo
        ['621022300201', '无乡镇的村', '', '220'], // township 621022300 neither stored nor in the file
        ['621022101250', '新村', '', '230'], // no such class
        ['62102210120', '短代码', '', ''], // 11 digits
        ['621022101', '曲子镇', '', '220'], // a township has no class
        ['621022101260', '好村', '', '210']]; // a good row, not written either
      const file = multipart(await xlsx(rows));
      const before = await snapshot();
      const preview = await admin.request('POST', `${API}/import?dryRun=1`, file.body, { headers: file.headers });
      assert.equal(preview.statusCode, 200);
      assert.deepEqual(preview.json().problems.map((p: any) => [p.row, p.column, p.value]),
        [[2, '代码', '621028100'], [3, '代码', '621022300201'], [4, '城乡分类代码', '230'], [5, '代码', '62102210120'], [6, '城乡分类代码', '220']]);
      const refused = await admin.request('POST', `${API}/import`, file.body, { headers: file.headers });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'IMPORT_INVALID');
      assert.match(refused.json().error.rows[1].message, /所属乡镇/);
      const en = await admin.request('POST', `${API}/import`, file.body, { headers: { ...file.headers, 'accept-language': 'en' } });
      assert.deepEqual(en.json().error.rows.map((p: any) => p.column), ['Code', 'Code', 'Urban-rural class', 'Code', 'Urban-rural class']);
      assert.match(en.json().error.rows[0].message, /county/);
      assert.deepEqual(await snapshot(), before, 'nothing changed');
    });

    it('adds each code once when the same file is imported many times at once', async () => {
      const admin = await signedIn(t.app, 'admin');
      const file = multipart(await xlsx([['统计用区划代码', '城乡分类代码', '名称'], ['621023102000', '', '五蛟镇'],
        ['621023102200', '220', '甲村委会'], ['621023102201', '220', '乙村委会'], ['621023102202', '220', '丙村委会']]));
      const answers = await Promise.all(Array.from({ length: 6 }, () =>
        admin.request('POST', `${API}/import?again=1`, file.body, { headers: file.headers })));
      assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200, 200], answers.map((a) => a.body).join('\n'));
      assert.equal(answers.reduce((sum, a) => sum + a.json().created, 0), 4);
      assert.equal(await count(`SELECT count(*)::int n FROM locality WHERE code LIKE '621023102%'`), 4);
      assert.equal(await count(`SELECT count(*)::int n FROM audit_log WHERE target_type = 'locality' AND target_id LIKE '621023102%'`), 4);
    });

    it('lets only admins import (403 for staff and commissioners) and serves the template with the new column', async () => {
      const file = multipart(await xlsx([['代码', '名称'], ['621022101270', '别村']]));
      for (const who of ['qingyang', 'tepai1']) {
        const client = await signedIn(t.app, who);
        const res = await client.request('POST', `${API}/import`, file.body, { headers: file.headers });
        assert.equal(res.statusCode, 403, who);
      }
      assert.equal(await count(`SELECT count(*)::int n FROM locality WHERE code = '621022101270'`), 0);
      const admin = await signedIn(t.app, 'admin');
      const template = await admin.get(`${API}/template`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.rawPayload as any);
      assert.deepEqual((wb.worksheets[0].getRow(1).values as unknown[]).slice(1), ['代码', '名称', '上级代码', '城乡分类代码']);
      const help: string[] = [];
      wb.getWorksheet('填写说明')!.eachRow((row) => help.push((row.values as unknown[]).slice(1).join('|')));
      assert.ok(help.includes('乡镇|621022100|环城镇'));
      assert.ok(help.includes('村|621022100200|五里屯村委会||220'));
    });
  });
}

// Issue 10 item 3: every Excel import previews first (counts, problems, a content hash) and
// imports only on confirmation; templates carry no example data; a file already imported asks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../exceljs';
import { makeUscc } from '../../domain/uscc';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient, upload } from '../test/harness';
import { ENTERPRISE_COLUMNS, STAT_IMPORT_COLUMNS } from '../modules/enterprises/import';

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async (t: TestApp, sql: string) => (await t.db.query(sql)).rows[0].n as number;
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

for (const target of databaseTargets()) {
  describe(`import preview and confirmation [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    const templates = [
      { name: 'enterprises', user: 'qingyang', template: '/api/v1/enterprises/template?kind=enterprises', importUrl: '/api/v1/enterprises/import?kind=enterprises', table: 'organization' },
      { name: 'statistics', user: 'qingyang', template: '/api/v1/enterprises/template?kind=statistics', importUrl: '/api/v1/enterprises/import?kind=statistics', table: 'enterprise_stat' },
      { name: 'policies', user: 'qingyang', template: '/api/v1/policies/template', importUrl: '/api/v1/policies/import', table: 'policy' },
      { name: 'indicator entries', user: 'qingyang', template: '/api/v1/indicators/entries/template', importUrl: '/api/v1/indicators/entries/import', table: 'indicator_value' },
      { name: 'regions', user: 'admin', template: '/api/v1/regions/template', importUrl: '/api/v1/regions/import', table: 'region' },
    ];
    for (const x of templates) {
      it(`imports nothing from the untouched ${x.name} template`, async () => {
        const client = await signedIn(t.app, x.user);
        const file = await client.get(x.template);
        assert.equal(file.statusCode, 200);
        const before = await count(t, `SELECT count(*)::int n FROM ${x.table}`);
        const audits = await count(t, 'SELECT count(*)::int n FROM audit_log');
        const preview = await upload(client, withQuery(x.importUrl, 'dryRun=1'), file.rawPayload);
        assert.equal(preview.statusCode, 200, preview.body);
        const p = preview.json();
        assert.equal(p.dryRun, true);
        assert.equal(p.rows, 0, 'no data rows');
        assert.equal(p.create, 0);
        assert.equal(p.update, 0);
        assert.match(p.hash, /^[0-9a-f]{64}$/);
        const run = await upload(client, x.importUrl, file.rawPayload);
        assert.equal(run.statusCode, 400, run.body);
        assert.equal(run.json().error.code, 'IMPORT_EMPTY');
        assert.equal(await count(t, `SELECT count(*)::int n FROM ${x.table}`), before, 'nothing stored');
        assert.equal(await count(t, 'SELECT count(*)::int n FROM audit_log'), audits, 'no audit rows');
      });
    }

    it('skips a row marked as an example (the old template) and says so', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const old = await sheet([ENTERPRISE_COLUMNS.map((c) => c.zh),
        ['示例科技有限公司', makeUscc('91621002MA71EXAMP'), '621002', '西峰区示例路1号', '张三', '2018-05-01', 'C3990', '电子信息', '是', '李四', '13800000000', '专精特新']]);
      const preview = (await upload(qy, '/api/v1/enterprises/import?kind=enterprises&dryRun=1', old)).json();
      assert.equal(preview.rows, 0);
      assert.deepEqual(preview.skipped, [{ row: 2, reason: 'example' }]);
      assert.equal((await upload(qy, '/api/v1/enterprises/import?kind=enterprises', old)).json().error.code, 'IMPORT_EMPTY');
      assert.equal(await count(t, `SELECT count(*)::int n FROM organization WHERE name = '示例科技有限公司'`), 0);
    });

    it('previews counts and problems without writing, imports on confirmation, asks before importing the same file again', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const row = (i: number, over: Partial<Record<string, string>> = {}) => ENTERPRISE_COLUMNS.map((c) => over[c.key] ?? ({
        name: `预览测试企业${i}有限公司`, uscc: makeUscc(`91621002MA9PRE00${i}`), regionCode: '621002', address: '', legalRep: '', foundedOn: '2020-01-01',
        industryCode: 'C3990', hightechField: '', aboveScale: '否', contactName: '联系人', contactPhone: '13900000000', tags: '' } as Record<string, string>)[c.key]);
      const header = ENTERPRISE_COLUMNS.map((c) => c.zh);
      const bad = await sheet([header, row(1), row(2, { regionCode: '999999' })]);
      const before = await count(t, 'SELECT count(*)::int n FROM organization');
      const badPreview = await upload(qy, '/api/v1/enterprises/import?kind=enterprises&dryRun=1', bad);
      assert.equal(badPreview.statusCode, 200, badPreview.body);
      assert.equal(badPreview.json().problems.length, 1);
      assert.equal(badPreview.json().problems[0].row, 3);
      assert.equal(await count(t, 'SELECT count(*)::int n FROM organization'), before, 'a preview writes nothing');

      const good = await sheet([header, row(1), row(2)]);
      const preview = (await upload(qy, '/api/v1/enterprises/import?kind=enterprises&dryRun=1', good)).json();
      assert.equal(preview.create, 2);
      assert.equal(preview.update, 0);
      assert.deepEqual(preview.problems, []);
      assert.equal(preview.alreadyImported, null);
      assert.equal(await count(t, 'SELECT count(*)::int n FROM organization'), before);

      const changed = await upload(qy, `/api/v1/enterprises/import?kind=enterprises&hash=${'0'.repeat(64)}`, good);
      assert.equal(changed.statusCode, 409, 'the file differs from the previewed one');
      assert.equal(changed.json().error.code, 'IMPORT_FILE_CHANGED');

      const done = await upload(qy, `/api/v1/enterprises/import?kind=enterprises&hash=${preview.hash}`, good);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(done.json(), { created: 2, updated: 0, rows: 2 });

      const again = (await upload(qy, '/api/v1/enterprises/import?kind=enterprises&dryRun=1', good)).json();
      assert.ok(again.alreadyImported, 'the preview says the file was imported before');
      assert.equal(again.alreadyImported.by, 'qingyang');
      assert.equal(again.update, 2);
      const twice = await upload(qy, '/api/v1/enterprises/import?kind=enterprises', good);
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, 'IMPORT_DUPLICATE');
      const forced = await upload(qy, '/api/v1/enterprises/import?kind=enterprises&again=1', good);
      assert.equal(forced.statusCode, 200, forced.body);
      assert.equal(forced.json().updated, 2);
    });

    it('previews a statistics file with an unreadable year as a problem, not an error', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const firm = (await t.db.query(`SELECT o.uscc FROM organization o JOIN app_user u ON u.org_id = o.id WHERE u.username = 'qy_ent1'`)).rows[0].uscc;
      const file = await sheet([STAT_IMPORT_COLUMNS.map((c) => c.zh), [firm, 'not-a-year', ...STAT_IMPORT_COLUMNS.slice(2).map(() => -1)]]);
      const preview = await upload(qy, '/api/v1/enterprises/import?kind=statistics&dryRun=1', file);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.ok(preview.json().problems.some((p: any) => p.row === 2 && p.column === '年度'));
    });

    it('refuses a preview to the wrong role', async () => {
      const ent = await signedIn(t.app, 'qy_ent1');
      const file = await sheet([ENTERPRISE_COLUMNS.map((c) => c.zh)]);
      assert.equal((await upload(ent, '/api/v1/enterprises/import?kind=enterprises&dryRun=1', file)).statusCode, 403);
      assert.equal((await upload(ent, '/api/v1/policies/import?dryRun=1', file)).statusCode, 403);
      const staff = await signedIn(t.app, 'qingyang');
      assert.equal((await upload(staff, '/api/v1/regions/import?dryRun=1', file)).statusCode, 403);
    });
  });
}

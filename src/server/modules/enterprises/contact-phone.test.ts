// Issue 10 item 5: staff may reveal a firm's mobile (audited), lists and exports stay masked, and
// the registry export has the import template's columns so it can be corrected and imported back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient, upload } from '../../test/harness';
import { ENTERPRISE_COLUMNS } from './import';

const API = '/api/v1/enterprises';

async function orgIdOf(t: TestApp, username: string) {
  return (await t.db.query('SELECT org_id FROM app_user WHERE username = $1', [username])).rows[0].org_id as number;
}

for (const target of databaseTargets()) {
  describe(`enterprise contact mobile [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target, {}, { enterprises: 12 }); });
    after(async () => { await t.close(); });

    it('reveals the full mobile to staff of the region and admins, with an audit row; masked in the list and the detail', async () => {
      const id = await orgIdOf(t, 'qy_ent1');
      const stored = (await t.db.query('SELECT contact_phone FROM organization WHERE id = $1', [id])).rows[0].contact_phone as string;
      const xf = await signedIn(t.app, 'xifeng');
      const detail = (await xf.get(`${API}/${id}`)).json();
      assert.match(detail.contactPhone, /^\d{3}\*{4}\d{4}$/, 'masked in the detail');
      const listed = (await xf.get(`${API}?pageSize=200`)).json().items.find((e: any) => e.id === id);
      assert.match(listed.contactPhone, /\*{4}/, 'masked in the list');

      const audits = async () => (await t.db.query(
        `SELECT actor_name, target_id FROM audit_log WHERE action = 'enterprise.phone.reveal' ORDER BY id`)).rows;
      const revealed = await xf.post(`${API}/${id}/contact-phone`);
      assert.equal(revealed.statusCode, 200, revealed.body);
      assert.equal(revealed.json().contactPhone, stored);
      const qy = await signedIn(t.app, 'qingyang');
      assert.equal((await qy.post(`${API}/${id}/contact-phone`)).statusCode, 200, 'staff of the city above');
      const admin = await signedIn(t.app, 'admin');
      assert.equal((await admin.post(`${API}/${id}/contact-phone`)).json().contactPhone, stored);
      assert.deepEqual((await audits()).map((r) => [r.actor_name, r.target_id]), [['xifeng', String(id)], ['qingyang', String(id)], ['admin', String(id)]]);
    });

    it('refuses the wrong role, the wrong region and the wrong owner, and writes no audit row then', async () => {
      const id = await orgIdOf(t, 'qy_ent1');
      const before = (await t.db.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'enterprise.phone.reveal'`)).rows[0].n;
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.post(`${API}/${id}/contact-phone`)).statusCode, 404, 'staff of another region');
      const expert = await signedIn(t.app, 'expert1');
      assert.equal((await expert.post(`${API}/${id}/contact-phone`)).statusCode, 403, 'an expert');
      const other = await signedIn(t.app, 'qy_ent2');
      assert.equal((await other.post(`${API}/${id}/contact-phone`)).statusCode, 403, 'another enterprise');
      const missing = await signedIn(t.app, 'qingyang');
      assert.equal((await missing.post(`${API}/999999/contact-phone`)).statusCode, 404);
      assert.equal((await t.db.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'enterprise.phone.reveal'`)).rows[0].n, before);
    });

    it('exports the import template columns (masked mobiles for staff); the corrected export previews as updates without problems', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const res = await qy.get(`${API}/export?pageSize=50`);
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const ws = wb.worksheets[0];
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(headers.slice(0, ENTERPRISE_COLUMNS.length), ENTERPRISE_COLUMNS.map((c) => c.zh), 'the template columns first, in order');
      const phoneCol = ENTERPRISE_COLUMNS.findIndex((c) => c.key === 'contactPhone') + 1;
      assert.match(String(ws.getRow(2).getCell(phoneCol).value), /\*{4}/, 'staff export stays masked');
      const rows = ws.rowCount - 1;
      assert.ok(rows > 0);
      const addressCol = ENTERPRISE_COLUMNS.findIndex((c) => c.key === 'address') + 1;
      ws.getRow(2).getCell(addressCol).value = '西峰区改正后的地址1号';
      const corrected = Buffer.from(await wb.xlsx.writeBuffer());
      const preview = await upload(qy, `${API}/import?kind=enterprises&dryRun=1`, corrected);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.deepEqual(preview.json().problems, []);
      assert.equal(preview.json().update, rows);
      assert.equal(preview.json().create, 0);
      const phones = (await t.db.query(`SELECT uscc, contact_phone FROM organization WHERE kind = 'enterprise' ORDER BY uscc`)).rows;
      const done = await upload(qy, `${API}/import?kind=enterprises&hash=${preview.json().hash}`, corrected);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual((await t.db.query(`SELECT uscc, contact_phone FROM organization WHERE kind = 'enterprise' ORDER BY uscc`)).rows, phones,
        'a masked mobile in the file keeps the stored number');
    });
  });
}

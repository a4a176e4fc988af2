import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUscc } from '../../../domain/uscc';
import { databaseTargets, DEMO_PASSWORD, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const API = '/api/v1/organizations';

async function orgId(t: TestApp, username: string): Promise<number> {
  const { rows } = await t.db.query('SELECT org_id FROM app_user WHERE username = $1', [username]);
  return rows[0].org_id;
}

for (const target of databaseTargets()) {
  describe(`organisations and registration review [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('staff of 庆阳市 list only organisations inside 庆阳市, never 张掖市', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const res = await qy.get(`${API}?pageSize=100`);
      assert.equal(res.statusCode, 200);
      const regions = res.json().items.map((o: any) => o.regionCode as string);
      assert.ok(regions.length >= 3);
      assert.ok(regions.every((code: string) => code.startsWith('6210')), regions.join());
      const zyFilter = await qy.get(`${API}?regionCode=620700`);
      assert.equal(zyFilter.json().total, 0, 'a filter cannot widen the scope');
    });

    it('answers 404 when staff open an organisation of another region, or an enterprise opens another enterprise', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const zhangyeOrg = await orgId(t, 'zy_ent1');
      assert.equal((await qy.get(`${API}/${zhangyeOrg}`)).statusCode, 404);
      const ent = await signedIn(t.app, 'qy_ent1');
      const own = await ent.get(`${API}/${await orgId(t, 'qy_ent1')}`);
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().contactPhone, '13800000011', 'the organisation sees its own number');
      const other = await ent.get(`${API}/${await orgId(t, 'qy_ent2')}`);
      assert.equal(other.statusCode, 404);
      assert.ok(!other.body.includes('岐黄'), 'nothing of the record leaks');
      const list = await ent.get(API);
      assert.equal(list.json().total, 1);
    });

    it('masks contact mobiles for staff, in the list and in the Excel export', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const items = (await qy.get(`${API}?pageSize=100`)).json().items;
      assert.ok(items.every((o: any) => /^\d{3}\*{4}\d{4}$/.test(o.contactPhone)));
      const xlsx = await qy.get(`${API}/export`);
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      const ExcelJS = (await import('../../exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as any);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as any[]).filter(Boolean);
      assert.ok(header.includes('统一社会信用代码'));
      const phoneCol = header.indexOf('联系电话') + 1;
      const phones: string[] = [];
      sheet.eachRow((row, n) => { if (n > 1) phones.push(String(row.getCell(phoneCol).value)); });
      assert.equal(phones.length, items.length);
      assert.ok(phones.every((p) => p.includes('****')), phones.join());
      const admin = await signedIn(t.app, 'admin');
      const adminItems = (await admin.get(`${API}?pageSize=100`)).json().items;
      assert.ok(adminItems.some((o: any) => o.contactPhone === '13800000011'), 'admins see whole numbers');
    });

    it('filters, sorts and pages', async () => {
      const admin = await signedIn(t.app, 'admin');
      const pending = (await admin.get(`${API}?status=pending`)).json();
      assert.ok(pending.items.every((o: any) => o.status === 'pending') && pending.total >= 2);
      const byName = (await admin.get(`${API}?sort=name&pageSize=2&page=1`)).json();
      assert.equal(byName.items.length, 2);
      assert.equal(byName.pageSize, 2);
      const all = (await admin.get(`${API}?sort=name&pageSize=100`)).json().items.map((o: any) => o.name);
      assert.deepEqual(byName.items.map((o: any) => o.name), all.slice(0, 2));
      const q = (await admin.get(`${API}?q=${encodeURIComponent('陇东')}`)).json();
      assert.ok(q.items.length >= 1 && q.items.every((o: any) => o.name.includes('陇东')));
      assert.equal((await admin.get(`${API}?pageSize=1000`)).statusCode, 400);
    });

    it('registration → staff of its region approve → the enterprise signs in; a second approval answers 409', async () => {
      const reg = await new TestClient(t.app).post('/api/v1/auth/register', {
        kind: 'enterprise', name: '西峰区新注册科技有限公司', uscc: makeUscc('91621002MA71NEW01'), regionCode: '621002',
        contactName: '新用户', phone: '13900000101', username: 'new_ent', password: 'NewEnt@2026',
      });
      assert.equal(reg.statusCode, 201);
      const id = reg.json().id;
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.post(`${API}/${id}/approve`)).statusCode, 404, 'staff of 张掖市 cannot approve a 庆阳市 registration');
      const ent = await signedIn(t.app, 'qy_ent1');
      assert.equal((await ent.post(`${API}/${id}/approve`)).statusCode, 403);
      const xf = await signedIn(t.app, 'xifeng');
      const ok = await xf.post(`${API}/${id}/approve`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().status, 'approved');
      const again = await xf.post(`${API}/${id}/approve`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'ALREADY_REVIEWED');
      const user = await new TestClient(t.app).login('new_ent', 'NewEnt@2026');
      assert.equal(user.orgName, '西峰区新注册科技有限公司');
      const audits = await t.db.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'organization.approve' AND target_id = $1`, [String(id)]);
      assert.equal(audits.rows[0].n, 1);
    });

    it('rejects only with a reason, and the applicant is told the reason', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const pendingId = await orgId(t, 'qy_ent3');
      const noReason = await qy.post(`${API}/${pendingId}/reject`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.ok(noReason.json().error.fields.reason);
      const res = await qy.post(`${API}/${pendingId}/reject`, { reason: '营业执照与填报信息不一致' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'rejected');
      const login = await new TestClient(t.app).post('/api/v1/auth/login', { username: 'qy_ent3', password: DEMO_PASSWORD });
      assert.equal(login.statusCode, 403);
      assert.match(login.json().error.message, /营业执照与填报信息不一致/);
    });

    it('refuses unauthenticated access', async () => {
      assert.equal((await new TestClient(t.app).get(API)).statusCode, 401);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const API = '/api/v1/users';

async function userId(t: TestApp, username: string): Promise<number> {
  const { rows } = await t.db.query('SELECT id FROM app_user WHERE username = $1', [username]);
  return rows[0].id;
}

for (const target of databaseTargets()) {
  describe(`user management [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('staff of 庆阳市 list users of 庆阳市 and its counties only, and cannot open a 张掖市 user', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const res = await qy.get(`${API}?pageSize=100`);
      assert.equal(res.statusCode, 200);
      const items = res.json().items;
      assert.ok(items.some((u: any) => u.username === 'xifeng'));
      assert.ok(items.every((u: any) => u.regionCode?.startsWith('6210')), items.map((u: any) => u.username).join());
      assert.ok(!items.some((u: any) => u.role === 'admin'));
      assert.equal((await qy.get(`${API}/${await userId(t, 'zy_ent1')}`)).statusCode, 404);
      assert.equal((await qy.get(`${API}/${await userId(t, 'zhangye')}`)).statusCode, 404);
      assert.equal((await qy.post(`${API}/${await userId(t, 'zy_ent1')}/disable`)).statusCode, 404);
      assert.equal((await qy.post(`${API}/${await userId(t, 'zhangye')}/reset-password`)).statusCode, 404);
      const xf = await signedIn(t.app, 'xifeng');
      assert.equal((await xf.get(`${API}/${await userId(t, 'qingyang')}`)).statusCode, 404, 'a county sees nothing of its city');
    });

    it('masks mobiles for staff and shows them whole to admins', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const staffView = (await qy.get(`${API}/${await userId(t, 'qy_ent1')}`)).json();
      assert.equal(staffView.phone, '138****0011');
      const admin = await signedIn(t.app, 'admin');
      assert.equal((await admin.get(`${API}/${await userId(t, 'qy_ent1')}`)).json().phone, '13800000011');
    });

    it('refuses the user list to enterprises, experts and the anonymous', async () => {
      assert.equal((await (await signedIn(t.app, 'qy_ent1')).get(API)).statusCode, 403);
      assert.equal((await (await signedIn(t.app, 'expert1')).get(API)).statusCode, 403);
      assert.equal((await new TestClient(t.app).get(API)).statusCode, 401);
    });

    it('lets staff create experts and staff in their subtree only, never admins', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const ok = await qy.post(API, { username: 'hx_expert', displayName: '环县专家', role: 'expert', regionCode: '621022', phone: '13900000201', password: 'Expert@2026' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().mustChangePassword, true, 'a created account changes its password first');
      const outside = await qy.post(API, { username: 'zy_expert', displayName: 'x', role: 'expert', regionCode: '620702', password: 'Expert@2026' });
      assert.equal(outside.statusCode, 400);
      assert.ok(outside.json().error.fields.regionCode);
      const admin = await qy.post(API, { username: 'evil_admin', displayName: 'x', role: 'admin', password: 'Expert@2026' });
      assert.equal(admin.statusCode, 400);
      assert.ok(admin.json().error.fields.role);
      const dup = await qy.post(API, { username: 'HX_EXPERT', displayName: 'x', role: 'expert', password: 'Expert@2026' });
      assert.equal(dup.statusCode, 409);
      const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'user.create' AND target_id = $1`, [String(ok.json().id)]);
      assert.equal(audit.rows[0].changes.role.after, 'expert');
    });

    it('disables and enables an account; a disabled account cannot sign in and its sessions end', async () => {
      const victim = await signedIn(t.app, 'tepai1');
      const qy = await signedIn(t.app, 'qingyang');
      const id = await userId(t, 'tepai1');
      const off = await qy.post(`${API}/${id}/disable`);
      assert.equal(off.statusCode, 200);
      assert.equal(off.json().status, 'disabled');
      assert.equal((await victim.get('/api/v1/auth/me')).statusCode, 401);
      const login = await new TestClient(t.app).post('/api/v1/auth/login', { username: 'tepai1', password: 'Kechuang@2026' });
      assert.equal(login.json().error.code, 'ACCOUNT_DISABLED');
      assert.equal((await qy.post(`${API}/${id}/enable`)).json().status, 'active');
      await new TestClient(t.app).login('tepai1');
      assert.equal((await qy.post(`${API}/${await userId(t, 'qingyang')}/disable`)).statusCode, 403, 'not oneself');
    });

    it('filters by role and region and exports the filtered list to Excel with masked mobiles', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const staff = (await qy.get(`${API}?role=staff`)).json();
      assert.ok(staff.items.length >= 2 && staff.items.every((u: any) => u.role === 'staff'));
      const county = (await qy.get(`${API}?regionCode=621002`)).json();
      assert.ok(county.items.every((u: any) => u.regionCode === '621002'));
      const res = await qy.get(`${API}/export?role=enterprise`);
      assert.equal(res.statusCode, 200);
      const ExcelJS = (await import('../../exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const rows: any[][] = [];
      wb.worksheets[0].eachRow((row) => rows.push(row.values as any[]));
      assert.ok(rows.length >= 3);
      assert.ok(rows.slice(1).every((r) => r.includes('企业')));
      assert.ok(rows.slice(1).every((r) => r.some((v: unknown) => typeof v === 'string' && /^\d{3}\*{4}\d{4}$/.test(v))));
    });
  });
}

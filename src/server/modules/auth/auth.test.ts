import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUscc } from '../../../domain/uscc';
import { databaseTargets, DEMO_PASSWORD, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const API = '/api/v1';

for (const target of databaseTargets()) {
  describe(`auth over HTTP [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('signs in by username and by mobile number, and /me answers who it is', async () => {
      const byName = new TestClient(t.app);
      const user = await byName.login('qingyang');
      assert.equal(user.role, 'staff');
      assert.equal(user.regionName, '庆阳市');
      const me = await byName.get(`${API}/auth/me`);
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.username, 'qingyang');
      assert.equal(me.json().user.phone, '13800000002', 'the owner sees their own number');

      const byPhone = new TestClient(t.app);
      const res = await byPhone.post(`${API}/auth/login`, { phone: '13800000003', password: DEMO_PASSWORD });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().user.username, 'zhangye');
      const cookie = res.cookies.find((c: any) => c.name === 'kc_session') as any;
      assert.ok(cookie.httpOnly, 'session cookie is HttpOnly');
      assert.equal(cookie.sameSite, 'Lax');
    });

    it('answers 401 with a zh-CN message, or English on request, for wrong credentials', async () => {
      const c = new TestClient(t.app, '10.1.0.1');
      const zh = await c.post(`${API}/auth/login`, { username: 'expert1', password: 'Wrong@12345' });
      assert.equal(zh.statusCode, 401);
      assert.equal(zh.json().error.code, 'INVALID_CREDENTIALS');
      assert.match(zh.json().error.message, /密码错误/);
      const en = await c.post(`${API}/auth/login`, { username: 'nobody', password: 'Wrong@12345' }, { lang: 'en' });
      assert.equal(en.statusCode, 401);
      assert.match(en.json().error.message, /Wrong username/);
    });

    it('locks an account after 5 wrong passwords: the 6th answers 423 and the right password is refused until the lock ends', async () => {
      const c = new TestClient(t.app, '10.1.0.2');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await c.post(`${API}/auth/login`, { username: 'tepai1', password: `Wrong@${i}xyz` })).statusCode);
      }
      assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
      assert.equal(statuses[4], 423, 'the 5th failure locks');
      assert.equal(statuses[5], 423, 'the 6th wrong password answers 423');
      const right = await c.post(`${API}/auth/login`, { username: 'tepai1', password: DEMO_PASSWORD });
      assert.equal(right.statusCode, 423, 'the right password is refused while locked');
      assert.equal(right.json().error.code, 'ACCOUNT_LOCKED');
      assert.match(right.json().error.message, /锁定.*15 分钟|锁定.*1[45] 分钟/);

      const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'user' AND target_id = (SELECT id::text FROM app_user WHERE username = 'tepai1') ORDER BY id`);
      const actions = audit.rows.map((r) => r.action);
      assert.equal(actions.filter((a) => a === 'auth.login.failure').length, 5);
      assert.ok(actions.includes('auth.account.locked'));
      assert.ok(actions.includes('auth.login.refused_locked'));

      // the lock ends: move it into the past as 15 minutes would
      await t.db.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'tepai1'`);
      const later = await c.post(`${API}/auth/login`, { username: 'tepai1', password: DEMO_PASSWORD });
      assert.equal(later.statusCode, 200);
    });

    it('throttles sign-in failures per client address across accounts', async () => {
      const c = new TestClient(t.app, '10.9.9.9');
      let last = 0;
      for (let i = 0; i < 31; i++) last = (await c.post(`${API}/auth/login`, { username: `ghost${i}`, password: 'Wrong@123' })).statusCode;
      assert.equal(last, 429);
      const right = await c.post(`${API}/auth/login`, { username: 'gansu', password: DEMO_PASSWORD });
      assert.equal(right.statusCode, 429, 'a throttled address cannot sign in either');
      const other = new TestClient(t.app, '10.9.9.10');
      assert.equal((await other.post(`${API}/auth/login`, { username: 'gansu', password: DEMO_PASSWORD })).statusCode, 200);
    });

    it('refuses a state-changing request without the CSRF token, sign-in included', async () => {
      const c = new TestClient(t.app);
      const health = await c.get(`${API}/health`);
      assert.ok(health.cookies.some((k: any) => k.name === 'XSRF-TOKEN' && !k.httpOnly), 'readable XSRF-TOKEN cookie set');
      const res = await c.post(`${API}/auth/login`, { username: 'admin', password: DEMO_PASSWORD }, { csrf: false });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'CSRF_TOKEN_INVALID');
      const wrong = await c.post(`${API}/auth/login`, { username: 'admin', password: DEMO_PASSWORD }, { headers: { 'x-xsrf-token': 'forged' }, csrf: false });
      assert.equal(wrong.statusCode, 403);
    });

    it('ends a session after the idle time and after 12 hours in all, and on logout', async () => {
      const idle = await signedIn(t.app, 'xifeng');
      await t.db.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM app_user WHERE username = 'xifeng')`);
      const expired = await idle.get(`${API}/auth/me`);
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().error.code, 'SESSION_EXPIRED');

      const old = await signedIn(t.app, 'xifeng');
      await t.db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE username = 'xifeng')`);
      assert.equal((await old.get(`${API}/auth/me`)).statusCode, 401);

      const c = await signedIn(t.app, 'xifeng');
      assert.equal((await c.get(`${API}/auth/me`)).statusCode, 200);
      assert.equal((await c.post(`${API}/auth/logout`)).statusCode, 204);
      assert.equal((await c.get(`${API}/auth/me`)).statusCode, 401);
    });

    it('changes a password under the rules; an admin reset forces a change at next sign-in', async () => {
      const admin = await signedIn(t.app, 'admin');
      const { rows: [u] } = await t.db.query(`SELECT id FROM app_user WHERE username = 'expert1'`);
      const reset = await admin.post(`${API}/users/${u.id}/reset-password`);
      assert.equal(reset.statusCode, 200);
      const temporary = reset.json().temporaryPassword;
      assert.equal(typeof temporary, 'string');

      const expert = new TestClient(t.app);
      assert.equal((await expert.post(`${API}/auth/login`, { username: 'expert1', password: DEMO_PASSWORD })).statusCode, 401);
      const user = await expert.login('expert1', temporary);
      assert.equal(user.mustChangePassword, true);
      const blocked = await expert.get(`${API}/organizations`);
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');

      const weak = await expert.post(`${API}/auth/password`, { oldPassword: temporary, newPassword: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.ok(weak.json().error.fields.newPassword);
      const withName = await expert.post(`${API}/auth/password`, { oldPassword: temporary, newPassword: 'Expert1@2026x' });
      assert.equal(withName.statusCode, 400, 'contains the username');
      const wrongOld = await expert.post(`${API}/auth/password`, { oldPassword: 'Nope@12345', newPassword: 'Better@2026' });
      assert.equal(wrongOld.json().error.code, 'WRONG_PASSWORD');
      assert.equal((await expert.post(`${API}/auth/password`, { oldPassword: temporary, newPassword: 'Better@2026' })).statusCode, 204);
      assert.equal((await expert.get(`${API}/organizations`)).statusCode, 200);
      assert.equal((await expert.get(`${API}/auth/me`)).json().user.mustChangePassword, false);
    });

    describe('self-registration', () => {
      const uscc = makeUscc('91621002MA71TEXT1');
      const body = { kind: 'enterprise', name: '庆阳测试科技有限公司', uscc, regionCode: '621002', contactName: '测试人',
        phone: '13900000001', username: 'test_ent', password: 'Register@2026' };

      it('registers a pending enterprise that cannot sign in until approved', async () => {
        const c = new TestClient(t.app);
        const res = await c.post(`${API}/auth/register`, body);
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().status, 'pending');
        const login = await c.post(`${API}/auth/login`, { username: 'test_ent', password: body.password });
        assert.equal(login.statusCode, 403);
        assert.equal(login.json().error.code, 'ACCOUNT_PENDING');
        const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'organization.register' AND target_id = $1`, [String(res.json().id)]);
        assert.equal(audit.rows[0].changes.uscc.after, uscc);
      });

      it('answers 409 for a USCC already registered and changes nothing', async () => {
        const before = await t.db.query('SELECT (SELECT count(*) FROM organization)::int o, (SELECT count(*) FROM app_user)::int u, (SELECT count(*) FROM audit_log)::int a');
        const res = await new TestClient(t.app).post(`${API}/auth/register`, { ...body, username: 'other_user', phone: '13900000002' });
        assert.equal(res.statusCode, 409);
        assert.equal(res.json().error.code, 'USCC_TAKEN');
        assert.ok(res.json().error.fields.uscc);
        const afterCounts = await t.db.query('SELECT (SELECT count(*) FROM organization)::int o, (SELECT count(*) FROM app_user)::int u, (SELECT count(*) FROM audit_log)::int a');
        assert.deepEqual(afterCounts.rows[0], before.rows[0]);
      });

      it('answers 409 for a username or mobile already in use', async () => {
        const c = new TestClient(t.app);
        const name = await c.post(`${API}/auth/register`, { ...body, uscc: makeUscc('91621002MA71TEXT2'), phone: '13900000003', username: 'QINGYANG' });
        assert.equal(name.json().error.code, 'USERNAME_TAKEN');
        const phone = await c.post(`${API}/auth/register`, { ...body, uscc: makeUscc('91621002MA71TEXT3'), username: 'another1', phone: '13800000002' });
        assert.equal(phone.json().error.code, 'PHONE_TAKEN');
      });

      it('answers 400 with fields for a bad USCC, mobile, region or password', async () => {
        const c = new TestClient(t.app);
        const bad = await c.post(`${API}/auth/register`, { ...body, uscc: uscc.slice(0, 17) + (uscc[17] === '1' ? '2' : '1'), phone: '12345' });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
        assert.match(bad.json().error.fields.uscc, /校验位/);
        assert.ok(bad.json().error.fields.phone);
        const region = await c.post(`${API}/auth/register`, { ...body, uscc: makeUscc('91621002MA71TEXT4'), username: 'u_region', phone: '13900000004', regionCode: '990000' });
        assert.equal(region.statusCode, 400);
        assert.ok(region.json().error.fields.regionCode);
        const weak = await c.post(`${API}/auth/register`, { ...body, uscc: makeUscc('91621002MA71TEXT5'), username: 'u_weak', phone: '13900000005', password: 'u_weak@2026' }, { lang: 'en' });
        assert.equal(weak.statusCode, 400);
        assert.match(weak.json().error.fields.password, /must not contain the username/);
        const missing = await c.post(`${API}/auth/register`, { kind: 'company' });
        assert.equal(missing.statusCode, 400);
        assert.ok(missing.json().error.fields.kind && missing.json().error.fields.uscc);
      });
    });
  });
}

// The working-day calendar over HTTP: the 2025 and 2026 arrangements as shipped, deadlines across
// holidays, administrators keeping it (audited, stale edits refused), everyone else reading it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

for (const target of databaseTargets()) {
  describe(`working-day calendar [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('ships the State Council arrangements of 2025 and 2026: 248 working days each, counted by hand', async () => {
      const staff = await signedIn(t.app, 'qingyang');
      for (const year of [2025, 2026]) {
        const res = await staff.get(`/api/v1/calendar?year=${year}`);
        assert.equal(res.statusCode, 200, res.body);
        // 261 weekdays − 18 (2025) / 19 (2026) weekday holidays + 5 / 6 weekend days worked
        assert.equal(res.json().workingDays, 248, `${year}`);
        assert.equal(res.json().entered, true);
      }
      const days = (await staff.get('/api/v1/calendar?year=2026')).json().days;
      assert.deepEqual(days.find((d: { day: string }) => d.day === '2026-02-14'), { day: '2026-02-14', working: true, name: '春节调休上班', source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）', version: 1 });
      const en = (await staff.get('/api/v1/calendar?year=2026', { lang: 'en' })).json().days;
      assert.equal(en.find((d: { day: string }) => d.day === '2026-10-01').name, 'National Day');
      // a year not entered yet says so
      assert.equal((await staff.get('/api/v1/calendar?year=2027')).json().entered, false);
    });

    it('counts deadlines in working days across holidays and worked weekends', async () => {
      const c = await signedIn(t.app, 'qy_ent1');
      const deadline = async (from: string, days: number) => (await c.get(`/api/v1/calendar/deadline?from=${from}&days=${days}`)).json();
      // Oct 1–7 off, Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13
      assert.deepEqual(await deadline('2026-09-30', 5), { from: '2026-09-30', days: 5, dueOn: '2026-10-13', complete: true });
      // a 7-working-day 公示 from Fri 18 Sep 2026: Sun 20 worked, 中秋 25–27 off → Tue 29
      assert.equal((await deadline('2026-09-18', 7)).dueOn, '2026-09-29');
      // an ordinary week of an entered year, with no holiday in it: complete
      assert.deepEqual(await deadline('2026-11-30', 5), { from: '2026-11-30', days: 5, dueOn: '2026-12-07', complete: true });
      // into 2027, which is not entered: counted Monday to Friday, and said so
      assert.deepEqual(await deadline('2026-12-28', 10), { from: '2026-12-28', days: 10, dueOn: '2027-01-11', complete: false });
      const bad = await c.get('/api/v1/calendar/deadline?from=2026-02-30&days=5');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.fields.from, '日期格式应为 YYYY-MM-DD');
    });

    it('administrators add a day (audited); a stale edit and the wrong role are refused and change nothing', async () => {
      const admin = await signedIn(t.app, 'admin');
      const auditRows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'calendar_day'`)).rows[0].n;
      const before = await auditRows();
      const add = await admin.request('PUT', '/api/v1/calendar/2027-01-01', { working: false, name: '元旦', nameEn: "New Year's Day", source: '国务院办公厅关于2027年部分节假日安排的通知' });
      assert.equal(add.statusCode, 200, add.body);
      assert.equal(add.json().version, 1);
      assert.equal(await auditRows(), before + 1);
      // the deadline now skips it
      assert.equal((await admin.get('/api/v1/calendar/deadline?from=2026-12-31&days=1')).json().dueOn, '2027-01-04');

      // a second add without the version (two admins at once) is a stale edit
      const again = await admin.request('PUT', '/api/v1/calendar/2027-01-01', { working: true, name: '上班' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'STALE_VERSION');
      const change = await admin.request('PUT', '/api/v1/calendar/2027-01-01', { working: false, name: '元旦假期', version: 1 });
      assert.equal(change.json().version, 2);
      const stale = await admin.request('DELETE', '/api/v1/calendar/2027-01-01?version=1');
      assert.equal(stale.statusCode, 409);

      for (const who of ['qingyang', 'gansu', 'qy_ent1', 'expert1']) {
        const c = await signedIn(t.app, who);
        const put = await c.request('PUT', '/api/v1/calendar/2027-01-02', { working: false, name: '假' });
        assert.equal(put.statusCode, 403, who);
        const del = await c.request('DELETE', '/api/v1/calendar/2027-01-01?version=2');
        assert.equal(del.statusCode, 403, who);
      }
      const signedOut = new TestClient(t.app);
      assert.equal((await signedOut.get('/api/v1/calendar?year=2026')).statusCode, 401);
      assert.equal((await signedOut.get('/api/v1/calendar/deadline?from=2026-09-30&days=5')).statusCode, 401);
      const row = (await t.db.query(`SELECT name, version FROM calendar_day WHERE day = '2027-01-01'`)).rows[0];
      assert.deepEqual(row, { name: '元旦假期', version: 2 });
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM calendar_day WHERE day = '2027-01-02'`)).rows[0].n, 0);

      const gone = await admin.request('DELETE', '/api/v1/calendar/2027-01-01?version=2');
      assert.equal(gone.statusCode, 204);
      assert.equal((await admin.get('/api/v1/calendar/deadline?from=2026-12-31&days=1')).json().dueOn, '2027-01-01');
      assert.equal(await auditRows(), before + 3);
    });

    it('two administrators setting the same new day at once: one wins, the other is told it is stale', async () => {
      const a = await signedIn(t.app, 'admin');
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        a.request('PUT', '/api/v1/calendar/2027-02-10', { working: false, name: `春节 ${i}` })));
      const codes = results.map((r) => r.statusCode).sort();
      assert.equal(codes.filter((c) => c === 200).length, 1, codes.join(','));
      assert.equal(codes.filter((c) => c === 409).length, 7, codes.join(','));
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = '2027-02-10'`)).rows[0].n, 1);
    });
  });
}

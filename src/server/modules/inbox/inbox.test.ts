import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUscc } from '../../../domain/uscc';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';
import { notify } from '../notifications/notify';

const ORGS = '/api/v1/organizations';

async function inbox(client: TestClient, lang?: 'en' | 'zh-CN') {
  const res = await client.get('/api/v1/inbox?limit=200', { lang });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: any[]; counts: Record<string, number>; kinds: { kind: string; name: string; count: number }[] };
}

const ofKind = (box: { items: any[] }, kind: string) => box.items.filter((i) => i.kind === kind);

async function register(t: TestApp, name: string, first17: string, regionCode: string, username: string, phone: string): Promise<number> {
  const res = await new TestClient(t.app).post('/api/v1/auth/register', {
    kind: 'enterprise', name, uscc: makeUscc(first17), regionCode, contactName: '联系人', phone, username, password: 'NewEnt@2026',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

for (const target of databaseTargets()) {
  describe(`待办 and 消息 [${target}]`, () => {
    let t: TestApp;
    let qyOrg: number;
    let zyOrg: number;
    before(async () => {
      t = await startTestApp(target);
      qyOrg = await register(t, '庆阳市待办测试科技有限公司', '91621002MA71TDB01', '621002', 'inbox_qy', '13900000201');
      zyOrg = await register(t, '张掖市待办测试科技有限公司', '91620702MA71TDB02', '620702', 'inbox_zy', '13900000202');
    });
    after(async () => { await t.close(); });

    it('staff of 庆阳市 see the pending registration of a 庆阳 enterprise, not one of 张掖; counts match', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const box = await inbox(qy);
      const regs = ofKind(box, 'registration');
      const mine = regs.find((i) => i.link === `/registrations?review=${qyOrg}`);
      assert.ok(mine, JSON.stringify(regs));
      assert.match(mine.title, /庆阳市待办测试科技有限公司/);
      assert.ok(!regs.some((i) => i.link === `/registrations?review=${zyOrg}` || i.title.includes('张掖')), 'nothing of 张掖');
      const pending = (await qy.get(`${ORGS}?status=pending&pageSize=100`)).json().total;
      assert.equal(box.counts.registration, regs.length);
      assert.equal(box.counts.registration, pending, 'the same as the pending organisations the staff can list');
      assert.equal(box.kinds.find((k) => k.kind === 'registration')!.name, '注册审核');
      assert.equal((await inbox(qy, 'en')).kinds.find((k) => k.kind === 'registration')!.name, 'Registrations to review');

      const zy = await signedIn(t.app, 'zhangye');
      const zyRegs = ofKind(await inbox(zy), 'registration');
      assert.ok(zyRegs.some((i) => i.link === `/registrations?review=${zyOrg}`));
      assert.ok(!zyRegs.some((i) => i.link === `/registrations?review=${qyOrg}`));
      // roles without the kind are not asked
      const ent = await signedIn(t.app, 'qy_ent1');
      assert.equal((await inbox(ent)).counts.registration, undefined);
    });

    it('an approval whose notification cannot be written is refused as a whole: still pending, no audit row', async () => {
      await t.db.query(`CREATE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'test: notifications refused'; END $$`);
      await t.db.query(`CREATE TRIGGER test_refuse_notification BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION test_refuse_notification()`);
      try {
        const qy = await signedIn(t.app, 'qingyang');
        const res = await qy.post(`${ORGS}/${qyOrg}/approve`);
        assert.ok(res.statusCode >= 500, `refused: ${res.statusCode} ${res.body}`);
      } finally {
        await t.db.query('DROP TRIGGER test_refuse_notification ON notification');
        await t.db.query('DROP FUNCTION test_refuse_notification()');
      }
      const { rows: [org] } = await t.db.query('SELECT status, reviewed_by FROM organization WHERE id = $1', [qyOrg]);
      assert.deepEqual(org, { status: 'pending', reviewed_by: null });
      const { rows: [user] } = await t.db.query(`SELECT status FROM app_user WHERE username = 'inbox_qy'`);
      assert.equal(user.status, 'pending');
      const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('organization.approve', 'organization.reject') AND target_id = $1`, [String(qyOrg)]);
      assert.equal(audits.rows[0].n, 0);
      const notes = await t.db.query('SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.org_id = $1', [qyOrg]);
      assert.equal(notes.rows[0].n, 0);
      assert.ok(ofKind(await inbox(await signedIn(t.app, 'qingyang')), 'registration').some((i) => i.link === `/registrations?review=${qyOrg}`), 'still to do');
    });

    it('approving removes the item from the inbox and tells the enterprise user, in zh and en', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const before = await inbox(qy);
      assert.equal((await qy.post(`${ORGS}/${qyOrg}/approve`)).statusCode, 200);
      const after = await inbox(qy);
      assert.ok(!ofKind(after, 'registration').some((i) => i.link === `/registrations?review=${qyOrg}`));
      assert.equal(after.counts.registration, before.counts.registration - 1);

      const user = new TestClient(t.app);
      await user.login('inbox_qy', 'NewEnt@2026');
      const zh = (await user.get('/api/v1/notifications')).json();
      assert.equal(zh.total, 1);
      assert.equal(zh.unread, 1);
      assert.equal(zh.items[0].kind, 'registration.approved');
      assert.equal(zh.items[0].title, '注册已通过审核');
      assert.match(zh.items[0].body, /庆阳市待办测试科技有限公司/);
      assert.equal(zh.items[0].read, false);
      const en = (await user.get('/api/v1/notifications', { lang: 'en' })).json();
      assert.equal(en.items[0].title, 'Your registration was approved');
      const sms = await t.db.query(`SELECT recipient FROM outbox WHERE notification_id = $1`, [zh.items[0].id]);
      assert.deepEqual(sms.rows, [{ recipient: '13900000201' }]);
    });

    it('a user reads only their own notifications: another user sees none of them and cannot mark them read', async () => {
      const owner = new TestClient(t.app);
      await owner.login('inbox_qy', 'NewEnt@2026');
      const { rows: [{ id: ownerId }] } = await t.db.query(`SELECT id FROM app_user WHERE username = 'inbox_qy'`);
      await t.db.transaction(async (tx) => {
        await notify(tx, { userIds: [ownerId], kind: 'test.one', title: ['一', 'One'], link: '/' });
        await notify(tx, { userIds: [ownerId], kind: 'test.two', title: ['二', 'Two'], body: ['正文', 'Body'] });
      });
      const mine = (await owner.get('/api/v1/notifications')).json();
      assert.equal(mine.total, 3);
      assert.equal(mine.unread, 3);
      assert.deepEqual(mine.items.map((n: any) => n.kind), ['test.two', 'test.one', 'registration.approved'], 'newest first');

      const other = await signedIn(t.app, 'qy_ent1');
      const theirs = (await other.get('/api/v1/notifications')).json();
      assert.ok(!theirs.items.some((n: any) => mine.items.some((m: any) => m.id === n.id)));
      const otherUnread = (await other.get('/api/v1/notifications/unread-count')).json().unread;
      const stolen = await other.post(`/api/v1/notifications/${mine.items[0].id}/read`);
      assert.equal(stolen.statusCode, 404);
      assert.equal((await owner.get('/api/v1/notifications/unread-count')).json().unread, 3, 'unchanged');
      assert.equal((await other.post('/api/v1/notifications/read-all')).json().marked, otherUnread, 'read-all touches only their own');
      assert.equal((await owner.get('/api/v1/notifications/unread-count')).json().unread, 3);

      const one = await owner.post(`/api/v1/notifications/${mine.items[0].id}/read`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().unread, 2);
      assert.equal((await owner.post(`/api/v1/notifications/${mine.items[0].id}/read`)).json().unread, 2, 'again is fine');
      const unreadOnly = (await owner.get('/api/v1/notifications?unread=1')).json();
      assert.equal(unreadOnly.total, 2);
      assert.ok(unreadOnly.items.every((n: any) => !n.read));
      const all = await owner.post('/api/v1/notifications/read-all');
      assert.deepEqual(all.json(), { marked: 2, unread: 0 });
      assert.equal((await owner.get('/api/v1/notifications')).json().items.filter((n: any) => !n.read).length, 0);
      assert.equal((await new TestClient(t.app).get('/api/v1/notifications')).statusCode, 401);
    });
  });
}

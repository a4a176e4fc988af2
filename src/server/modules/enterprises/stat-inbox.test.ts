import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

const API = '/api/v1/enterprises';
const lastYear = Number(todayInChina().slice(0, 4)) - 1;

const figures = () => ({
  salesRevenue: 30_000_000, totalRevenue: 31_000_000, hightechRevenue: 20_000_000, rdExpense: 1_800_000, rdExpenseDomestic: 1_800_000,
  totalCostExpense: 27_000_000, staff: 100, scienceStaff: 20, rdStaff: 12, totalAssets: 40_000_000, totalLiabilities: 15_000_000,
  ipClass1: 1, ipClass2: 4, transformations: 3, hasRdInstitution: true, hasRdStaff: true, hasRdFunds: true, hasRdProjects: true,
  seriousIncident: false, abnormalListed: false,
});

async function orgIdOf(t: TestApp, username: string) {
  return (await t.db.query('SELECT org_id FROM app_user WHERE username = $1', [username])).rows[0].org_id as number;
}

async function inbox(client: TestClient, lang?: 'en' | 'zh-CN') {
  const res = await client.get('/api/v1/inbox?limit=200', { lang });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: any[]; counts: Record<string, number> };
}
const ofKind = (box: { items: any[] }, kind: string) => box.items.filter((i) => i.kind === kind);
const version = async (c: TestClient, id: number, year: number) => (await c.get(`${API}/${id}/stats`)).json().items.find((s: any) => s.year === year).version as number;

for (const target of databaseTargets()) {
  describe(`statistics 待办 and notifications [${target}]`, () => {
    let t: TestApp;
    let qyId: number;
    let zyId: number;
    let ent: TestClient;
    let zyEnt: TestClient;
    before(async () => {
      t = await startTestApp(target);
      qyId = await orgIdOf(t, 'qy_ent1');
      zyId = await orgIdOf(t, 'zy_ent1');
      ent = await signedIn(t.app, 'qy_ent1');
      zyEnt = await signedIn(t.app, 'zy_ent1');
    });
    after(async () => { await t.close(); });

    it('an enterprise is asked for last year\'s statistics until it submits them', async () => {
      const none = ofKind(await inbox(ent), 'stat.unsubmitted');
      assert.equal(none.length, 1);
      assert.equal(none[0].title, `填报并提交 ${lastYear} 年统计数据`);
      assert.equal(none[0].link, '/my-enterprise?tab=stats');
      assert.equal(none[0].dueOn ?? null, null, 'no deadline in the rules');
      assert.equal((await ent.request('PUT', `${API}/${qyId}/stats/${lastYear}`, { values: figures(), version: 0 })).statusCode, 200);
      const draft = await inbox(ent, 'en');
      assert.equal(draft.counts['stat.unsubmitted'], 1);
      assert.equal(ofKind(draft, 'stat.unsubmitted')[0].title, `Submit the ${lastYear} statistics (saved as a draft)`);
      assert.equal((await ent.post(`${API}/${qyId}/stats/${lastYear}/submit`, { version: 1 })).statusCode, 200);
      assert.equal((await inbox(ent)).counts['stat.unsubmitted'], 0);
      // staff have no such kind
      assert.equal((await inbox(await signedIn(t.app, 'qingyang'))).counts['stat.unsubmitted'], undefined);
    });

    it('staff confirm what enterprises of their region submitted; other regions and enterprises do not see it', async () => {
      await zyEnt.request('PUT', `${API}/${zyId}/stats/${lastYear}`, { values: figures(), version: 0 });
      await zyEnt.post(`${API}/${zyId}/stats/${lastYear}/submit`, { version: 1 });
      const qyLink = `/enterprises/${qyId}?tab=stats`;
      const zyLink = `/enterprises/${zyId}?tab=stats`;
      for (const [user, sees, not] of [['qingyang', qyLink, zyLink], ['xifeng', qyLink, zyLink], ['zhangye', zyLink, qyLink]] as const) {
        const box = await inbox(await signedIn(t.app, user));
        const items = ofKind(box, 'stat.confirm');
        assert.deepEqual(items.map((i) => i.link), [sees], user);
        assert.ok(!items.some((i) => i.link === not));
        assert.equal(box.counts['stat.confirm'], 1, user);
      }
      const qy = ofKind(await inbox(await signedIn(t.app, 'qingyang')), 'stat.confirm')[0];
      assert.equal(qy.title, `确认 ${lastYear} 年统计数据：庆阳市陇东能源装备科技有限公司`);
      assert.equal(qy.whose, '庆阳市陇东能源装备科技有限公司');
      const { rows: [submit] } = await t.db.query(`SELECT at FROM audit_log WHERE action = 'enterprise.stats.submit' AND target_id = $1`, [`${qyId}/${lastYear}`]);
      assert.equal(qy.since, new Date(submit.at).toISOString(), 'waiting since the submission');
      const both = await inbox(await signedIn(t.app, 'gansu'));
      assert.equal(both.counts['stat.confirm'], 2, 'the province sees both cities');
      assert.equal((await inbox(await signedIn(t.app, 'admin'))).counts['stat.confirm'], 2);
      assert.equal((await inbox(ent)).counts['stat.confirm'], undefined, 'not an enterprise\'s to-do');
    });

    it('returned with a comment: the enterprise is told (site and SMS) and has it to do until it submits again', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const returned = await qy.post(`${API}/${qyId}/stats/${lastYear}/return`, { version: await version(qy, qyId, lastYear), comment: '研发费用请附辅助账' });
      assert.equal(returned.statusCode, 200, returned.body);
      assert.equal((await inbox(qy)).counts['stat.confirm'], 0, 'acted on');

      const box = await inbox(ent);
      const todo = ofKind(box, 'stat.returned');
      assert.equal(todo.length, 1);
      assert.equal(box.counts['stat.returned'], 1);
      assert.match(todo[0].title, /研发费用请附辅助账/);
      assert.equal(todo[0].link, '/my-enterprise?tab=stats');
      assert.equal(box.counts['stat.unsubmitted'], 0, 'a returned year is not counted twice');
      const other = await signedIn(t.app, 'qy_ent2');
      assert.equal((await inbox(other)).counts['stat.returned'], 0, 'another enterprise does not see it');
      assert.equal((await inbox(zyEnt)).counts['stat.returned'], 0);

      const notes = (await ent.get('/api/v1/notifications')).json();
      const note = notes.items.find((n: any) => n.kind === 'stat.returned');
      assert.equal(note.title, `${lastYear} 年统计数据被退回`);
      assert.match(note.body, /退回意见：研发费用请附辅助账/);
      assert.equal(note.link, '/my-enterprise?tab=stats');
      const en = (await ent.get('/api/v1/notifications', { lang: 'en' })).json().items.find((n: any) => n.id === note.id);
      assert.equal(en.title, `The ${lastYear} statistics were returned`);
      assert.match(en.body, /Comment: 研发费用请附辅助账/);
      const sms = await t.db.query(`SELECT recipient, payload->>'text' AS text FROM outbox WHERE notification_id = $1`, [note.id]);
      assert.equal(sms.rows.length, 1);
      assert.equal(sms.rows[0].recipient, '13800000011');
      assert.match(sms.rows[0].text, /研发费用请附辅助账/);
      assert.ok(!(await other.get('/api/v1/notifications')).json().items.some((n: any) => n.kind === 'stat.returned'));
      assert.ok(!(await zyEnt.get('/api/v1/notifications')).json().items.some((n: any) => n.kind.startsWith('stat.')));

      // a saved correction is still to be submitted; submitting it again ends the to-do
      const v = await version(ent, qyId, lastYear);
      assert.equal((await ent.request('PUT', `${API}/${qyId}/stats/${lastYear}`, { values: { ...figures(), rdExpense: 1_900_000, rdExpenseDomestic: 1_900_000 }, version: v })).statusCode, 200);
      assert.equal((await inbox(ent)).counts['stat.returned'], 1);
      assert.equal((await inbox(ent)).counts['stat.unsubmitted'], 0);
      assert.equal((await ent.post(`${API}/${qyId}/stats/${lastYear}/submit`, { version: v + 1 })).statusCode, 200);
      assert.equal((await inbox(ent)).counts['stat.returned'], 0);
      assert.equal((await inbox(qy)).counts['stat.confirm'], 1, 'back with the bureau');
    });

    it('a confirmation commits with its notification or not at all', async () => {
      const qy = await signedIn(t.app, 'qingyang');
      const v = await version(qy, qyId, lastYear);
      await t.db.query(`CREATE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'test: notifications refused'; END $$`);
      await t.db.query(`CREATE TRIGGER test_refuse_notification BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION test_refuse_notification()`);
      try {
        assert.ok((await qy.post(`${API}/${qyId}/stats/${lastYear}/confirm`, { version: v })).statusCode >= 500);
      } finally {
        await t.db.query('DROP TRIGGER test_refuse_notification ON notification');
        await t.db.query('DROP FUNCTION test_refuse_notification()');
      }
      const { rows: [stat] } = await t.db.query('SELECT status, version FROM enterprise_stat WHERE org_id = $1 AND year = $2', [qyId, lastYear]);
      assert.deepEqual(stat, { status: 'submitted', version: v });
      const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprise.stats.confirm'`);
      assert.equal(audits.rows[0].n, 0);
      assert.equal((await inbox(qy)).counts['stat.confirm'], 1);

      assert.equal((await qy.post(`${API}/${qyId}/stats/${lastYear}/confirm`, { version: v })).statusCode, 200);
      assert.equal((await inbox(qy)).counts['stat.confirm'], 0);
      const notes = (await ent.get('/api/v1/notifications')).json().items;
      const confirmed = notes.find((n: any) => n.kind === 'stat.confirmed');
      assert.equal(confirmed.title, `${lastYear} 年统计数据已确认`);
      assert.equal((await ent.get('/api/v1/notifications', { lang: 'en' })).json().items.find((n: any) => n.id === confirmed.id).title,
        `The ${lastYear} statistics were confirmed`);
      const sms = await t.db.query('SELECT count(*)::int AS n FROM outbox WHERE notification_id = $1', [confirmed.id]);
      assert.equal(sms.rows[0].n, 0, 'no SMS for a confirmation');
      assert.equal((await inbox(ent)).counts['stat.unsubmitted'], 0);
    });
  });
}

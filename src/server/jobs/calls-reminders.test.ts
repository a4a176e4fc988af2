/** calls.reminders: an unsubmitted application in a call closing within 3 days is reminded once; a review waiting a week, once a week. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../test/harness';
import { apply, iso, makeExpert, openCall } from '../modules/projects/test-support';
import { deliveryFor, recordingAdapter } from './adapters';
import { callsRemindersJob } from './calls-reminders';
import { runJob } from './job-run';
import { jobContext } from './queue';

for (const target of databaseTargets()) {
  describe(`calls.reminders [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('reminds the applicant of a draft in a call closing within 3 days, once; not a submitted one or a far call', async () => {
      const staff = await signedIn(t.app, 'qingyang');
      const ent = await signedIn(t.app, 'qy_ent1');
      const soon = await openCall(staff, { closesAt: iso(2 * 86_400_000) });
      const far = await openCall(staff, { closesAt: iso(20 * 86_400_000) });
      const draft = await apply(ent, soon, { title: '尚未提交的申报' }, false);
      await apply(ent, soon, { title: '已提交的申报' });
      await apply(ent, far, { title: '远期申报' }, false);
      const expert = await makeExpert(t.app, staff);
      const id = await apply(ent, soon, { title: '待评审的申报' });
      await staff.post(`/api/v1/applications/${id}/formal-check`, { result: 'pass' });
      await staff.post(`/api/v1/applications/${id}/assignments`, { expertIds: [expert.id] });
      await t.db.query(`UPDATE review_assignment SET assigned_at = now() - interval '8 days' WHERE application_id = $1`, [id]);
      const triggered: string[] = [];
      const ctx = jobContext(t.db, t.config, deliveryFor(recordingAdapter()), async (name) => { triggered.push(name); });
      const first = await runJob(callsRemindersJob, ctx);
      assert.deepEqual(first, { applications: 1, reviews: 1, notified: 2, sms: 1 });
      const mine = (await ent.get('/api/v1/notifications')).json().items.filter((n: { title: string }) => n.title.startsWith('申报即将截止'));
      assert.equal(mine.length, 1);
      assert.match(mine[0].title, /尚未提交的申报/);
      assert.equal(mine[0].link, `/projects/mine?application=${draft}`);
      assert.ok((await expert.client.get('/api/v1/notifications')).json().items.some((n: { title: string }) => n.title.startsWith('评审任务待完成')));
      assert.deepEqual(triggered, ['outbox.send']);
      const again = await runJob(callsRemindersJob, ctx);
      assert.deepEqual(again, { applications: 1, reviews: 1, notified: 0, sms: 0 }, 'the second run writes nothing');
    });
  });
}

/**
 * The scheduled jobs on their own: retention keeps 179-day-old notifications and deletes
 * 181-day-old ones; the 高企 certificate notice goes to the enterprise's accounts once per
 * certificate and year; a moved deadline is a new reminder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, startTestApp, type TestApp } from '../test/harness';
import { deliveryFor, recordingAdapter } from './adapters';
import { runJob } from './job-run';
import { notificationsRetentionJob } from './notifications-retention';
import { jobContext } from './queue';
import { tasksRemindersJob } from './tasks-reminders';
import { tiersExpiryJob } from './tiers-expiry';
import { addTask } from './test-support';

for (const target of databaseTargets()) {
  describe(`scheduled jobs [${target}]`, () => {
    let t: TestApp;
    const triggered: string[] = [];
    const ctx = () => jobContext(t.db, t.config, deliveryFor(recordingAdapter()), async (name) => { triggered.push(name); });
    const userId = async (username: string) => (await t.db.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id as number;

    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('notifications.retention deletes a 181-day-old notification and keeps a 179-day-old one', async () => {
      const admin = await userId('admin');
      const add = async (days: number) => (await t.db.query(
        `INSERT INTO notification (user_id, kind, title, title_en, created_at) VALUES ($1, 'test.old', '旧消息', 'Old', now() - make_interval(days => $2)) RETURNING id`,
        [admin, days])).rows[0].id as number;
      const old = await add(181);
      const young = await add(179);
      const result = await runJob(notificationsRetentionJob, ctx());
      const { rows } = await t.db.query(`SELECT id FROM notification WHERE id = ANY($1::bigint[])`, [[old, young]]);
      assert.deepEqual(rows.map((r) => r.id), [young]);
      assert.ok((result.notifications as number) >= 1);
      const { rows: [run] } = await t.db.query(`SELECT ok, runs, result, finished_at >= started_at AS finished FROM job_run WHERE name = 'notifications.retention'`);
      assert.equal(run.ok, true);
      assert.equal(run.runs, 1);
      assert.equal(run.finished, true);
      assert.deepEqual(run.result, result);
    });

    it('tiers.expiry notifies the enterprise of a 高企 certificate ending within 90 days, once per certificate and year', async () => {
      const { rows: [{ org_id: orgId }] } = await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_ent1'`);
      await t.db.query(`DELETE FROM enterprise_tier WHERE tier = 'high_tech'`);
      const tier = async (year: number, validIn: number) => (await t.db.query(
        `INSERT INTO enterprise_tier (org_id, tier, year, certificate_no, issued_on, valid_until)
         VALUES ($1, 'high_tech', $2, $3, current_date - 1000, current_date + $4::int) RETURNING id`, [orgId, year, `GR20236200${year}`, validIn])).rows[0].id as number;
      const soon = await tier(2023, 30);
      await tier(2022, 120); // not yet
      await tier(2021, -3); // already expired
      const first = await runJob(tiersExpiryJob, ctx());
      assert.deepEqual(first, { certificates: 1, notified: 1 });
      const again = await runJob(tiersExpiryJob, ctx());
      assert.deepEqual(again, { certificates: 1, notified: 0 }, 'the second run writes nothing');
      const { rows } = await t.db.query(`SELECT user_id, title, body, body_en, link FROM notification WHERE kind = 'tier.expiring'`);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].user_id, await userId('qy_ent1'));
      assert.match(rows[0].body, /GR202362002023.*到期/);
      assert.match(rows[0].body_en, /expires on/);
      const { rows: keys } = await t.db.query(`SELECT key FROM notification_occasion WHERE key LIKE 'tier-expiry:%'`);
      assert.match(keys[0].key, new RegExp(`^tier-expiry:${soon}:\\d+:\\d{4}$`));
    });

    it('tasks.reminders reminds once per occasion, and again when the deadline moves', async () => {
      const { milestones: [m] } = await addTask(t.db, '621022', '环县任务', 20, { milestones: [{ title: '环县里程碑', dueIn: 3 }] });
      // 环县 (621022) has no staff in the demo: add one
      await t.db.query(`INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash) VALUES ('hx_staff', '环县科技局', 'staff', '621022', '13900000088', 'x')`);
      const count = async () => (await t.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE dedupe_key LIKE $1`, [`milestone-due:${m}:%`])).rows[0].n as number;
      triggered.length = 0;
      await runJob(tasksRemindersJob, ctx());
      assert.equal(await count(), 1);
      assert.deepEqual(triggered, ['outbox.send'], 'the outbox is asked to send at once');
      await runJob(tasksRemindersJob, ctx());
      assert.equal(await count(), 1, 'same occasion: nothing new');
      await t.db.query(`UPDATE task_milestone SET due_on = due_on - 1 WHERE id = $1`, [m]);
      await runJob(tasksRemindersJob, ctx());
      assert.equal(await count(), 2, 'a moved deadline is a new occasion');
      await t.db.query(`UPDATE task_milestone SET done_on = current_date, due_on = due_on - 1 WHERE id = $1`, [m]);
      await runJob(tasksRemindersJob, ctx());
      assert.equal(await count(), 2, 'done: no reminder');
      const { rows: [n] } = await t.db.query(
        `SELECT title, title_en, link FROM notification WHERE kind = 'task.milestone_due' AND title LIKE '%环县里程碑' ORDER BY id LIMIT 1`);
      assert.equal(n.title, '里程碑即将到期：环县里程碑');
      assert.equal(n.title_en, 'Milestone due soon: 环县里程碑');
      assert.match(n.link, /^\/indicators\/tasks\?task=\d+$/);
    });

    it('records a failed run with its error', async () => {
      await assert.rejects(runJob({ name: 'test.failing', description: ['失败', 'Fails'], async run() { throw new Error('boom'); } }, ctx()), /boom/);
      const { rows: [run] } = await t.db.query(`SELECT ok, error, result, runs FROM job_run WHERE name = 'test.failing'`);
      assert.deepEqual(run, { ok: false, error: 'boom', result: null, runs: 1 });
    });
  });
}

/**
 * The must-show: two app instances on one database, both running the job queue, fire the reminder
 * job and the outbox worker at the same time, several times over — through their queues and
 * directly. Each recipient gets exactly one notification and one SMS per occasion, and the two
 * recording adapters together count exactly one send per outbox row. On PostgreSQL the second
 * instance has its own connection pool (as a second server would); PGlite cannot be opened by two
 * processes, so there the two apps and queues share the one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { openDatabase, type Database } from '../db/database';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../test/harness';
import { deliveryFor, recordingAdapter, type DeliveryAdapter, type RecordingAdapter } from './adapters';
import { runJob } from './job-run';
import { sendOutbox } from './outbox';
import { jobContext, startJobQueue, type JobQueue } from './queue';
import { tasksRemindersJob } from './tasks-reminders';
import { addStaff, addTask, queueIdle, waitUntil } from './test-support';

interface Instance { app: FastifyInstance; db: Database; queue: JobQueue; sent: RecordingAdapter }

/** A gateway takes a while to answer: the window in which another server could take the same row. */
const slow = (adapter: RecordingAdapter): DeliveryAdapter => ({
  async send(message) { await new Promise((resolve) => setTimeout(resolve, 20)); await adapter.send(message); },
});

for (const target of databaseTargets()) {
  describe(`two app instances, one database, both running the job queue [${target}]`, () => {
    let t: TestApp;
    let a: Instance;
    let b: Instance;
    let secondDb: Database | null = null;
    const errors: Error[] = [];

    async function instance(app: FastifyInstance, db: Database): Promise<Instance> {
      const sent = recordingAdapter();
      const queue = await startJobQueue(db, t.config, { delivery: deliveryFor(slow(sent)), pollingIntervalSeconds: 0.5, onError: (e) => errors.push(e) });
      app.jobs.queue = queue;
      return { app, db, queue, sent };
    }

    before(async () => {
      t = await startTestApp(target);
      if (target === 'postgres') {
        secondDb = await openDatabase({ databaseUrl: String(t.db.connection.connectionString), dataDir: '', queryTimeoutMs: 30_000 });
      }
      const dbB = secondDb ?? t.db;
      const appB = await buildApp(t.config, dbB);
      await appB.ready();
      // both start at once, as two servers after a deploy: pg-boss' schema and queues are created once
      [a, b] = await Promise.all([instance(t.app, t.db), instance(appB, dbB)]);
    });

    after(async () => {
      await Promise.all([a?.queue.stop(), b?.queue.stop()]);
      await b?.app.close();
      await secondDb?.close();
      await t.close();
    });

    it('sends exactly one SMS per recipient and occasion, whoever runs the jobs and however often', async () => {
      const db = t.db;
      // the demo seed may have queued messages of its own: only the reminders are counted here
      await db.query(`DELETE FROM outbox`);
      // 庆阳市 (621000): the demo's qingyang (13800000002), one more staff with a phone, one without
      const extra = await addStaff(db, 'qy_staff2', '621000', '13900000077');
      const noPhone = await addStaff(db, 'qy_staff3', '621000', null);
      const t1 = await addTask(db, '621000', '科技型中小企业评价入库', 1, {
        milestones: [{ title: '完成申报动员', dueIn: 2 }, { title: '完成初审', dueIn: -5 }, { title: '已完成的里程碑', dueIn: -1, done: true }, { title: '远期里程碑', dueIn: 30 }],
      });
      // 西峰区 (621002): xifeng; the task is not due, one milestone is
      const t2 = await addTask(db, '621002', '研发投入统计', 10, { milestones: [{ title: '报送快报', dueIn: 1 }] });
      await addTask(db, '621000', '已完成的任务', -1, { done: true, milestones: [{ title: '任务已完成', dueIn: -1 }] });

      const ctxA = jobContext(a.db, t.config, deliveryFor(slow(a.sent)), (n) => a.app.jobs.trigger(n));
      const ctxB = jobContext(b.db, t.config, deliveryFor(slow(b.sent)), (n) => b.app.jobs.trigger(n));
      for (let round = 0; round < 4; round++) {
        await Promise.all([
          a.queue.runNow('tasks.reminders'), b.queue.runNow('tasks.reminders'),
          runJob(tasksRemindersJob, ctxA), runJob(tasksRemindersJob, ctxB),
          a.queue.runNow('outbox.send'), b.queue.runNow('outbox.send'),
          sendOutbox(a.db, deliveryFor(slow(a.sent))), sendOutbox(b.db, deliveryFor(slow(b.sent))),
        ]);
      }
      await waitUntil('both queues idle and the outbox sent', () => queueIdle(db), 30_000);

      const { rows: outbox } = await db.query(`SELECT recipient, status, attempts, dedupe_key FROM outbox ORDER BY dedupe_key`);
      // 3 occasions in 庆阳市 × 2 staff with phones + 1 in 西峰区
      assert.equal(outbox.length, 7, JSON.stringify(outbox));
      assert.ok(outbox.every((r) => r.status === 'sent' && r.attempts === 1), JSON.stringify(outbox));
      const sent = [...a.sent.sent, ...b.sent.sent];
      assert.equal(a.sent.count + b.sent.count, 7, `sends: A ${a.sent.count}, B ${b.sent.count}`);
      const perRecipient = new Map<string, number>();
      for (const m of sent) perRecipient.set(m.recipient, (perRecipient.get(m.recipient) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries([...perRecipient].sort()), { 13800000002: 3, 13800000004: 1, 13900000077: 3 });
      assert.equal(new Set(sent.map((m) => String(m.payload.text))).size, 4, 'four occasions, one text each');

      const { rows: notes } = await db.query(`SELECT user_id, kind, count(*)::int AS n FROM notification WHERE kind LIKE 'task.%' GROUP BY user_id, kind ORDER BY user_id, kind`);
      const users = Object.fromEntries((await db.query(`SELECT id, username FROM app_user`)).rows.map((r) => [r.id, r.username]));
      assert.deepEqual(notes.map((r) => `${users[r.user_id]} ${r.kind} ${r.n}`).sort(), [
        'qingyang task.due 1', 'qingyang task.milestone_due 2',
        'qy_staff2 task.due 1', 'qy_staff2 task.milestone_due 2',
        'qy_staff3 task.due 1', 'qy_staff3 task.milestone_due 2',
        'xifeng task.milestone_due 1',
      ]);
      const { rows: [m1] } = await db.query(`SELECT due_on::text AS d FROM task_milestone WHERE id = $1`, [t1.milestones[0]]);
      assert.ok(outbox.some((r) => r.dedupe_key === `milestone-due:${t1.milestones[0]}:${extra}:${m1.d}`), 'the dedupe key names milestone, recipient and due date');
      assert.ok(outbox.some((r) => r.dedupe_key.startsWith(`milestone-due:${t2.milestones[0]}:`)));
      assert.ok(!outbox.some((r) => r.dedupe_key.includes(`:${noPhone}:`)), 'no SMS without a phone number');

      // the queue ran the job too (job_run counts every run: 4 rounds × 2 direct + the queued ones)
      const { rows: [run] } = await db.query(`SELECT runs, ok FROM job_run WHERE name = 'tasks.reminders'`);
      assert.ok(run.runs > 8, `runs ${run.runs}`);
      assert.equal(run.ok, true);

      // the admin reads it from the other instance
      const admin = await signedIn(b.app, 'admin');
      const jobs = (await admin.get('/api/v1/jobs')).json();
      assert.equal(jobs.queueRunning, true);
      assert.equal(jobs.items.find((j: any) => j.name === 'tasks.reminders').ok, true);
      assert.deepEqual(errors.map((e) => e.message), [], 'no pg-boss errors');
    });
  });
}

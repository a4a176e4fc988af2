/**
 * GET /api/v1/jobs and POST /api/v1/jobs/:name/run: administrators only; a run goes through the
 * queue and is audited; without a queue (KECHUANG_JOBS=0) it runs in the request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../test/harness';
import { deliveryFor, recordingAdapter } from './adapters';
import { startJobQueue } from './queue';
import { JOBS } from './registry';
import { waitUntil } from './test-support';

const API = '/api/v1/jobs';

for (const target of databaseTargets()) {
  describe(`jobs admin API [${target}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target);
      assert.equal(t.app.jobs.queue, null, 'test apps run no queue unless they ask');
      t.app.jobs.queue = await startJobQueue(t.db, t.config, { delivery: deliveryFor(recordingAdapter()), pollingIntervalSeconds: 0.5, schedule: false });
    });
    after(async () => {
      await t.app.jobs.queue?.stop();
      t.app.jobs.queue = null;
      await t.close();
    });

    it('refuses the signed-out (401) and staff (403)', async () => {
      const anonymous = new TestClient(t.app);
      assert.equal((await anonymous.get(API)).statusCode, 401);
      assert.equal((await anonymous.post(`${API}/outbox.send/run`)).statusCode, 401);
      const staff = await signedIn(t.app, 'gansu');
      assert.equal((await staff.get(API)).statusCode, 403);
      assert.equal((await staff.post(`${API}/outbox.send/run`)).statusCode, 403);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM job_run`);
      assert.equal(rows[0].n, 0, 'nothing ran');
    });

    it('shows every definition, and its last run after POST /run (through the queue, audited)', async () => {
      const admin = await signedIn(t.app, 'admin');
      const before = (await admin.get(API)).json();
      assert.deepEqual(before.items.map((j: any) => j.name), JOBS.map((j) => j.name));
      assert.equal(before.queueRunning, true);
      const retention = before.items.find((j: any) => j.name === 'notifications.retention');
      assert.equal(retention.cron, '30 3 * * *');
      assert.equal(retention.runs, 0);
      assert.equal(retention.startedAt, null);

      const res = await admin.post(`${API}/notifications.retention/run`);
      assert.equal(res.statusCode, 202, res.body);
      assert.match(res.json().jobId, /^[0-9a-f-]{36}$/);
      await waitUntil('the run to be recorded', async () =>
        (await admin.get(API)).json().items.find((j: any) => j.name === 'notifications.retention').ok === true);
      const after = (await admin.get(API)).json().items.find((j: any) => j.name === 'notifications.retention');
      assert.equal(after.runs, 1);
      assert.ok(after.startedAt && after.finishedAt);
      assert.deepEqual(Object.keys(after.result).sort(), ['notifications', 'occasions', 'outbox']);
      assert.equal(after.error, null);

      const { rows } = await t.db.query(`SELECT actor_name, action, target_type, target_id FROM audit_log WHERE action = 'job.run'`);
      assert.deepEqual(rows, [{ actor_name: 'admin', action: 'job.run', target_type: 'job', target_id: 'notifications.retention' }]);
      assert.equal((await admin.post(`${API}/no.such.job/run`)).statusCode, 404);
    });

    it('runs the job in the request when this server runs no queue', async () => {
      const queue = t.app.jobs.queue;
      t.app.jobs.queue = null;
      try {
        const admin = await signedIn(t.app, 'admin');
        const res = await admin.post(`${API}/tiers.expiry/run`);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(Object.keys(res.json().result).sort(), ['certificates', 'notified']);
        const list = (await admin.get(API)).json();
        assert.equal(list.queueRunning, false);
        assert.equal(list.items.find((j: any) => j.name === 'tiers.expiry').runs, 1);
      } finally {
        t.app.jobs.queue = queue;
      }
    });
  });
}

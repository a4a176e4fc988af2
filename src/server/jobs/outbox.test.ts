/**
 * The outbox worker: a failing gateway is retried with a doubling wait and given up after 5
 * attempts (last error kept); a sent row is never sent again; workers claiming at once never
 * send a row twice; a claimed row is left to its sender until the lease ends.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../test/harness';
import { deliveryFor, recordingAdapter, type DeliveryAdapter } from './adapters';
import { OUTBOX_MAX_ATTEMPTS, sendOutbox } from './outbox';

for (const target of databaseTargets()) {
  describe(`outbox worker [${target}]`, () => {
    let t: TestDatabase;
    before(async () => { t = await openTestDatabase(target); });
    after(async () => { await t.drop(); });
    beforeEach(async () => { await t.db.query('DELETE FROM outbox'); });

    const add = async (recipient: string, key?: string) => (await t.db.query(
      `INSERT INTO outbox (channel, recipient, payload, dedupe_key) VALUES ('sms', $1, '{"text":"测试"}', $2) RETURNING id`, [recipient, key ?? null])).rows[0].id as number;
    const row = async (id: number) => (await t.db.query(
      `SELECT status, attempts, last_error, sent_at, extract(epoch FROM next_attempt_at - now())::int AS wait FROM outbox WHERE id = $1`, [id])).rows[0];
    const makeDue = (id: number) => t.db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [id]);

    it('retries a failing gateway after 1, 2, 4, 8 minutes and gives up after 5 attempts, keeping the last error', async () => {
      let calls = 0;
      const failing: DeliveryAdapter = { async send() { calls++; throw new Error(`gateway said no (${calls})`); } };
      const id = await add('13800000002');
      const waits: number[] = [];
      for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
        const result = await sendOutbox(t.db, deliveryFor(failing));
        const r = await row(id);
        assert.equal(r.attempts, attempt);
        assert.equal(r.last_error, `gateway said no (${attempt})`);
        if (attempt < OUTBOX_MAX_ATTEMPTS) {
          assert.deepEqual(result, { sent: 0, retrying: 1, failed: 0 });
          assert.equal(r.status, 'pending');
          waits.push(r.wait);
          // not due yet: a run now does not touch it
          assert.deepEqual(await sendOutbox(t.db, deliveryFor(failing)), { sent: 0, retrying: 0, failed: 0 });
          await makeDue(id);
        } else {
          assert.deepEqual(result, { sent: 0, retrying: 0, failed: 1 });
          assert.equal(r.status, 'failed');
        }
      }
      // the waits double: ~60, 120, 240, 480 s
      for (const [i, expected] of [60, 120, 240, 480].entries()) assert.ok(Math.abs(waits[i] - expected) <= 2, `wait ${i + 1}: ${waits[i]} s`);
      assert.equal(calls, 5);
      await makeDue(id);
      await sendOutbox(t.db, deliveryFor(failing));
      assert.equal(calls, 5, 'a failed row is not tried again');
      assert.equal((await row(id)).status, 'failed');
    });

    it('sends a row once, and never again even when it looks due', async () => {
      const sent = recordingAdapter();
      const id = await add('13800000004');
      assert.deepEqual(await sendOutbox(t.db, deliveryFor(sent)), { sent: 1, retrying: 0, failed: 0 });
      const r = await row(id);
      assert.equal(r.status, 'sent');
      assert.ok(r.sent_at);
      await makeDue(id);
      await sendOutbox(t.db, deliveryFor(sent));
      assert.equal(sent.count, 1);
      assert.deepEqual(sent.sent[0], { channel: 'sms', recipient: '13800000004', payload: { text: '测试' } });
    });

    it('workers claiming at once send each row once', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 60; i++) ids.push(await add(`1390000${String(i).padStart(4, '0')}`, `k:${i}`));
      const sent = recordingAdapter();
      const slow: DeliveryAdapter = { async send(m) { await new Promise((r) => setTimeout(r, 2)); await sent.send(m); } };
      const results = await Promise.all(Array.from({ length: 4 }, () => sendOutbox(t.db, deliveryFor(slow), { batchSize: 7 })));
      assert.equal(results.reduce((n, r) => n + r.sent, 0), 60);
      assert.equal(sent.count, 60);
      assert.equal(new Set(sent.sent.map((m) => m.recipient)).size, 60, 'no recipient twice');
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND attempts = 1`);
      assert.equal(rows[0].n, 60);
    });

    it('leaves a claimed row to its sender until the lease ends', async () => {
      const id = await add('13800000009');
      // claimed a moment ago by a server that has not reported back (or died)
      await t.db.query(`UPDATE outbox SET attempts = 1, next_attempt_at = now() + interval '10 minutes' WHERE id = $1`, [id]);
      const sent = recordingAdapter();
      await sendOutbox(t.db, deliveryFor(sent));
      assert.equal(sent.count, 0);
      await makeDue(id);
      await sendOutbox(t.db, deliveryFor(sent));
      assert.equal(sent.count, 1, 'taken again once the lease is over');
      assert.equal((await row(id)).attempts, 2);
    });
  });
}

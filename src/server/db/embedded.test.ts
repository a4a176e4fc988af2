import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from './database';

describe('embedded database process', () => {
  it('keeps a query with multi-megabyte parameters whole while other connections query', async () => {
    const db = await openDatabase({ databaseUrl: null, dataDir: 'memory://', queryTimeoutMs: 20_000 });
    try {
      await db.query('CREATE TABLE big (id int, body text)');
      let pinging = true;
      const pings = (async () => { let n = 0; while (pinging) { await db.query('SELECT $1::int AS n', [n++]); } return n; })();
      const body = '科技创新'.repeat(250_000); // ~3 MB as UTF-8: its Bind spans many socket reads
      for (let i = 0; i < 5; i++) await db.query('INSERT INTO big VALUES ($1, $2)', [i, body]);
      pinging = false;
      assert.ok((await pings) > 0, 'other queries ran meanwhile');
      const { rows } = await db.query('SELECT count(*)::int AS n, min(length(body)) AS len FROM big');
      assert.deepEqual(rows[0], { n: 5, len: body.length });
    } finally {
      await db.close();
    }
  });

  it('does not mistake a long transaction, which holds the watchdog ping back, for a hang', async () => {
    const db = await openDatabase({ databaseUrl: null, dataDir: 'memory://', queryTimeoutMs: 5000, pingEveryMs: 200, hangMs: 2500 });
    try {
      await db.query('CREATE TABLE t (n int)');
      await db.transaction(async (tx) => {
        const until = Date.now() + 6000; // over two hang periods of statements, each answered
        for (let i = 0; Date.now() < until; i++) {
          await tx.query('SELECT pg_sleep(0.1)');
          await tx.query('INSERT INTO t VALUES ($1)', [i]);
        }
      });
      assert.equal(db.embedded!.restarts, 0);
      assert.ok((await db.query('SELECT count(*)::int AS n FROM t')).rows[0].n > 10);
    } finally {
      await db.close();
    }
  });

  it('bounds every query with a timeout and restarts a database process that stops answering', async () => {
    const db = await openDatabase({ databaseUrl: null, dataDir: 'memory://', queryTimeoutMs: 1500, pingEveryMs: 300, hangMs: 1500 });
    try {
      assert.equal((await db.query('SELECT 1 AS one')).rows[0].one, 1);
      const first = db.embedded!.pid;
      process.kill(first, 'SIGSTOP'); // the process hangs: it neither answers nor dies
      await assert.rejects(db.query('SELECT 2'), /timeout/i);
      // generous: on a loaded machine starting the new process alone can take over 20 s
      const deadline = Date.now() + 90_000;
      while (db.embedded!.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.equal(db.embedded!.restarts, 1);
      assert.notEqual(db.embedded!.pid, first);
      let answered = false;
      for (let i = 0; i < 20 && !answered; i++) {
        answered = await db.query('SELECT 3 AS three').then((r) => r.rows[0].three === 3, () => false);
        if (!answered) await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(answered, 'the app reaches the new database process');
    } finally {
      await db.close();
    }
  });
});

/**
 * A session ends by its owner, its expiry or an administrator — never by a database mishap — and
 * every failure of ours answers with a request id a clerk can quote (issue 9).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Queryable } from '../../db/database';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../../test/harness';

for (const target of databaseTargets()) {
  describe(`sessions survive database errors [${target}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target, {}, {}, (app) => {
        app.get('/api/v1/test-only/failure', async () => { throw new Error('a defect in a route'); });
      });
    });
    after(async () => { await t.close(); });

    /** Makes the next session look-ups fail as a lost connection does, then puts things back. */
    async function withSessionLookupFailing<T>(error: Error, run: () => Promise<T>): Promise<T> {
      const query = t.db.query;
      (t.db as Queryable).query = (async (text: string, values?: unknown[]) => {
        if (text.includes('FROM user_session s JOIN app_user')) throw error;
        return query.call(t.db, text, values);
      }) as Queryable['query'];
      try { return await run(); } finally { t.db.query = query; }
    }

    it('answers 503 with a request id when the session look-up fails, and keeps the session', async () => {
      const client = await signedIn(t.app, 'qingyang');
      const sessions = async () => (await t.db.query(`SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'qingyang'`)).rows[0].n;
      const before = await sessions();
      for (const error of [new Error('Connection terminated unexpectedly'), Object.assign(new Error('boom'), { code: 'XX000' })]) {
        const res = await withSessionLookupFailing(error, () => client.get('/api/v1/auth/me', { lang: 'en' }));
        assert.equal(res.statusCode, 503);
        const body = res.json();
        assert.equal(body.error.code, 'DB_UNAVAILABLE');
        assert.match(body.error.message, /still signed in/);
        assert.equal(body.error.requestId, res.headers['x-request-id']);
        assert.match(body.error.message, new RegExp(body.error.requestId));
        assert.ok(!(res.cookies as { name: string }[]).some((c) => c.name === 'kc_session'), 'the session cookie is not cleared');
      }
      assert.equal(await sessions(), before, 'no session was deleted');
      const again = await client.get('/api/v1/auth/me');
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().user.username, 'qingyang');
    });

    it('does not delete anything for an unknown token, and removes a session only once it has expired', async () => {
      const client = await signedIn(t.app, 'xifeng');
      const { rows: [{ n: total }] } = await t.db.query(`SELECT count(*)::int AS n FROM user_session`);
      const stranger = await signedIn(t.app, 'zhangye');
      stranger.cookies.set('kc_session', 'not-a-real-token');
      const res = await stranger.get('/api/v1/auth/me');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'SESSION_EXPIRED');
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM user_session`)).rows[0].n, total + 1, 'zhangye’s real session and all others stay');
      // xifeng's session runs out: the next request ends it
      await t.db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE username = 'xifeng')`);
      assert.equal((await client.get('/api/v1/auth/me')).statusCode, 401);
      const { rows: [{ n: left }] } = await t.db.query(`SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'xifeng'`);
      assert.equal(left, 0);
    });

    it('answers a defect with 500 and a request id that is also logged', async () => {
      const client = await signedIn(t.app, 'admin');
      const logged: string[] = [];
      const consoleError = console.error;
      console.error = (...args: unknown[]) => { logged.push(args.map(String).join(' ')); };
      let res;
      try { res = await client.get('/api/v1/test-only/failure'); } finally { console.error = consoleError; }
      assert.equal(res.statusCode, 500);
      const { error } = res.json();
      assert.equal(error.code, 'INTERNAL');
      assert.match(error.requestId, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      assert.equal(error.requestId, res.headers['x-request-id']);
      assert.match(error.message, /请求编号/);
      assert.ok(logged.some((line) => line.includes(error.requestId) && line.includes('a defect in a route')), logged.join('\n'));
      // every answer names its request, and no two the same
      const a = await client.get('/api/v1/health');
      const b = await client.get('/api/v1/health');
      assert.ok(a.headers['x-request-id'] && a.headers['x-request-id'] !== b.headers['x-request-id']);
    });
  });
}

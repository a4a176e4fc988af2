/**
 * The server and CLI as processes: durability across kill -9, the data directory lock, and
 * backup / restore of the embedded database.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { makeUscc } from '../domain/uscc';
import { openDatabase } from './db/database';
import { DEMO_PASSWORD } from './seed/demo';
import { HttpSession, runCli, startServer } from './test/server-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-proc-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('server process on the embedded database', () => {
  const data = path.join(tmp, 'data');
  const env = { KECHUANG_DATA: data, KECHUANG_DEMO: '1' };

  it('keeps a registration that answered 2xx when the server is killed with SIGKILL right after', async () => {
    const first = await startServer(env);
    const registration = await new HttpSession(first.url).call('POST', '/api/v1/auth/register', {
      kind: 'institution', name: '庆阳职业技术学院测试', uscc: makeUscc('12621000MB1234567'), regionCode: '621002',
      contactName: '杨老师', phone: '13900000301', username: 'kill9_test', password: 'Durable@2026',
    });
    assert.equal(registration.status, 201, await registration.clone().text());
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));

    // while a (restarted) server holds the data directory, the CLI refuses to open it
    const second = await startServer(env);
    try {
      const cli = runCli(['migrate'], env);
      assert.notEqual(cli.code, 0);
      assert.match(cli.output, /正被运行中的进程/);

      const staff = new HttpSession(second.url);
      assert.equal((await staff.call('POST', '/api/v1/auth/login', { username: 'xifeng', password: DEMO_PASSWORD })).status, 200);
      const list = await (await staff.call('GET', '/api/v1/organizations?status=pending&q=' + encodeURIComponent('庆阳职业技术学院测试'))).json();
      assert.equal(list.total, 1, 'the registration survived');
      assert.ok(!second.output().includes('demo region and accounts loaded'), 'a later start keeps the data and seeds nothing');
    } finally {
      second.process.kill('SIGTERM');
      await new Promise((r) => second.process.once('exit', r));
    }
  });

  it('backs up to one file and restores it into an empty directory; create-admin checks the password rules', async () => {
    const weak = runCli(['create-admin', '--username', 'ops', '--password', 'weakpass'], env);
    assert.notEqual(weak.code, 0);
    assert.match(weak.output, /至少三类/);
    const created = runCli(['create-admin', '--username', 'ops', '--password', 'Operator@2026'], env);
    assert.equal(created.code, 0, created.output);

    const file = path.join(tmp, 'backup.tar.gz');
    const backup = runCli(['backup', '--out', file], env);
    assert.equal(backup.code, 0, backup.output);
    assert.ok(fs.statSync(file).size > 1000);

    const restoredDir = path.join(tmp, 'restored');
    const restore = runCli(['restore', '--from', file], { KECHUANG_DATA: restoredDir });
    assert.equal(restore.code, 0, restore.output);
    const db = await openDatabase({ databaseUrl: null, dataDir: restoredDir, queryTimeoutMs: 10_000 });
    try {
      const { rows } = await db.query(`SELECT username FROM app_user WHERE username IN ('ops', 'kill9_test') ORDER BY username`);
      assert.deepEqual(rows.map((r) => r.username), ['kill9_test', 'ops']);
    } finally {
      await db.close();
    }
  });

  it('starts empty with KECHUANG_DEMO=0', async () => {
    const emptyEnv = { KECHUANG_DATA: path.join(tmp, 'empty'), KECHUANG_DEMO: '0' };
    const server = await startServer(emptyEnv);
    try {
      const regions = await (await fetch(`${server.url}/api/v1/regions`)).json();
      assert.equal(regions.items.length, 0);
    } finally {
      server.process.kill('SIGTERM');
      await new Promise((r) => server.process.once('exit', r));
    }
  });
});

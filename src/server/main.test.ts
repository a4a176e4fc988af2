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
import net from 'node:net';
import { spawn } from 'node:child_process';
import { descendants, freePort, HttpSession, isRunning, ROOT, runCli, startServer, startWithNpm } from './test/server-process';

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

describe('npm start: stopping and a busy port', () => {
  const data = path.join(tmp, 'npm-data');
  // a built web app newer than its sources, so `npm start` skips the build
  const webDir = path.join(tmp, 'web');
  fs.mkdirSync(webDir, { recursive: true });
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>科创</title>');
  const future = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  fs.utimesSync(path.join(webDir, 'index.html'), future, future);
  const env = { KECHUANG_DATA: data, KECHUANG_DEMO: '0', KECHUANG_WEB_DIR: webDir };

  const stops: [string, (pid: number) => void, string][] = [
    ['kill (SIGTERM) of the npm process', (pid) => process.kill(pid, 'SIGTERM'), 'warn'],
    ['SIGINT to the npm process', (pid) => process.kill(pid, 'SIGINT'), 'info'],
    ['Ctrl-C (SIGINT to the whole foreground process group)', (pid) => process.kill(-pid, 'SIGINT'), 'info'],
    ['SIGTERM to the whole process group (as systemd stops a service)', (pid) => process.kill(-pid, 'SIGTERM'), 'warn'],
  ];
  for (const [how, stop, logLevel] of stops) {
    it(`stops the server and the embedded database on ${how} (LOG_LEVEL=${logLevel})`, async () => {
      const server = await startWithNpm({ ...env, LOG_LEVEL: logLevel });
      const npm = server.process.pid!;
      const tree = descendants(npm);
      try {
        assert.equal((await fetch(`${server.url}/api/v1/health?probe=${logLevel}`)).status, 200);
        await new Promise((r) => setTimeout(r, 300));
        const lines = server.output().split('\n').filter((l) => l.includes(`probe=${logLevel}`));
        assert.equal(lines.length, logLevel === 'info' ? 1 : 0, `one line per request at info, none at warn:\n${server.output()}`);
        assert.ok(tree.some((p) => p.command.includes('main.ts start')), `the server runs under npm: ${JSON.stringify(tree)}`);
        assert.ok(tree.some((p) => p.command.includes('embedded-process.ts')), `the database process runs under npm: ${JSON.stringify(tree)}`);
        const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
        stop(npm);
        const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
        assert.notEqual(code, 'timeout', `npm did not exit: ${server.output()}`);
        const deadline = Date.now() + 10_000;
        while (tree.some((p) => isRunning(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        const left = tree.filter((p) => isRunning(p.pid));
        assert.deepEqual(left, [], `left running after npm exited:\n${server.output()}`);
        assert.ok(!fs.existsSync(path.join(data, 'kechuang.pid')), 'the database was closed cleanly (lock file removed)');
        assert.equal(await fetch(`${server.url}/api/v1/health`).then(() => 'answered', () => 'refused'), 'refused');
        assert.match(server.output(), /kechuang stopped/, 'says it stopped');
        assert.doesNotMatch(server.output(), /connection lost|terminated unexpectedly/, 'the database stopped after the server closed its connections');
      } finally {
        for (const p of tree) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
      }
    });
  }

  it('fails at once with a clear message when the port is in use, before building and migrating', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '0.0.0.0');
    await new Promise((r) => blocker.once('listening', r));
    const fresh = path.join(tmp, 'never-created');
    try {
      const started = Date.now();
      const child = spawn('npm', ['start'], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, KECHUANG_DATA: fresh, KECHUANG_DEMO: '1', KECHUANG_WEB_DIR: path.join(tmp, 'no-web'), PORT: String(port) },
      });
      let output = '';
      child.stdout!.on('data', (d) => { output += d; });
      child.stderr!.on('data', (d) => { output += d; });
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      assert.notEqual(code, 0);
      assert.match(output, new RegExp(`端口 ${port} 已被占用`));
      assert.match(output, new RegExp(`port ${port} is already in use`, 'i'));
      assert.ok(!/web: built|vite|migrations applied/.test(output), `nothing was built or migrated:\n${output}`);
      assert.ok(!fs.existsSync(fresh), 'the data directory was not created');
      assert.ok(Date.now() - started < 30_000, 'fails at once');
    } finally {
      blocker.close();
    }
  });
});

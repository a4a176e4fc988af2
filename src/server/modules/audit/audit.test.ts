import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diff } from './record';
import { actionLabel } from './vocabulary';
import { APPLICATION_WORKFLOW } from '../projects/workflow';

describe('audit diff', () => {
  it('keeps only changed fields and never passwords', () => {
    assert.deepEqual(diff({ a: 1, b: 'x', password: 'p' }, { a: 1, b: 'y', password: 'q' }), { b: { before: 'x', after: 'y' } });
    assert.deepEqual(diff(null, { a: 1 }), { a: { before: null, after: 1 } });
  });
});

describe('audit vocabulary', () => {
  it('has words for every action code the server writes', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
      ? files(path.join(dir, e.name)) : /(?<!\.test)\.ts$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const codes = new Set<string>();
    for (const file of files(root)) {
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes('recordAudit')) continue;
      for (const m of text.matchAll(/'((?:auth|user|organization|region|enterprise|policy|portal|indicator|calendar|job|system|expert|programme|call|application|review|reserve|achievement|demand|docking)\.[a-z_.]+)'/g)) codes.add(m[1]);
    }
    // actions written from a workflow step: every step of those workflows
    for (const step of ['submit', 'confirm', 'return']) codes.add(`enterprise.stats.${step}`);
    for (const step of ['start', 'close', 'reopen']) codes.add(`indicator.item.${step}`);
    for (const step of ['approve', 'reject']) codes.add(`organization.${step}`);
    for (const step of Object.keys(APPLICATION_WORKFLOW)) codes.add(`application.${step}`);
    for (const kind of ['achievement', 'demand']) for (const step of ['create', 'update', 'submit', 'publish', 'return', 'end']) codes.add(`${kind}.${step}`);
    assert.ok(codes.size > 50);
    assert.deepEqual([...codes].filter((c) => actionLabel(c, 'zh-CN') === c || actionLabel(c, 'en') === c), []);
  });
});

for (const target of databaseTargets()) {
  describe(`audit log [${target}]`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    it('refuses UPDATE, DELETE and TRUNCATE even through direct SQL', async () => {
      await new TestClient(t.app).login('admin');
      const { rows } = await t.db.query('SELECT count(*)::int AS n, max(id) AS id FROM audit_log');
      assert.ok(rows[0].n > 0);
      await assert.rejects(t.db.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [rows[0].id]), /append-only/);
      await assert.rejects(t.db.query('DELETE FROM audit_log WHERE id = $1', [rows[0].id]), /append-only/);
      await assert.rejects(t.db.query('DELETE FROM audit_log'), /append-only/);
      await assert.rejects(t.db.query('TRUNCATE audit_log'), /append-only/);
      const again = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
      assert.equal(again.rows[0].n, rows[0].n);
    });

    it('records sign-in success and failure with time, actor and address', async () => {
      const c = new TestClient(t.app, '192.0.2.7');
      await c.post('/api/v1/auth/login', { username: 'gansu', password: 'Wrong@2026' });
      await c.login('gansu');
      const { rows } = await t.db.query(`SELECT action, actor_name, ip, at FROM audit_log WHERE ip = '192.0.2.7' ORDER BY id`);
      assert.deepEqual(rows.map((r) => r.action), ['auth.login.failure', 'auth.login.success']);
      assert.ok(rows.every((r) => r.actor_name === 'gansu' && r.at instanceof Date));
    });

    it('lets admins browse with filters and export; refuses everyone else', async () => {
      const admin = await signedIn(t.app, 'admin');
      const res = await admin.get('/api/v1/audit?action=auth.login&pageSize=50');
      assert.equal(res.statusCode, 200);
      const items = res.json().items;
      assert.ok(items.length > 0 && items.every((a: any) => a.action.startsWith('auth.login.')));
      const byActor = (await admin.get('/api/v1/audit?actor=gansu')).json().items;
      assert.ok(byActor.length >= 2 && byActor.every((a: any) => a.actorName === 'gansu'));
      const future = (await admin.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).json();
      assert.equal(future.total, 0);
      const badDate = await admin.get('/api/v1/audit?from=yesterday');
      assert.equal(badDate.statusCode, 400);
      const xlsx = await admin.get('/api/v1/audit/export?action=auth.login');
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-disposition']), /attachment/);
      assert.equal((await (await signedIn(t.app, 'qingyang')).get('/api/v1/audit')).statusCode, 403);
      assert.equal((await (await signedIn(t.app, 'qy_ent1')).get('/api/v1/audit/export')).statusCode, 403);
    });

    it('writes the audit row in the same transaction as the change: a failed change leaves neither', async () => {
      const before = (await t.db.query('SELECT count(*)::int n FROM audit_log')).rows[0].n;
      const admin = await signedIn(t.app, 'admin');
      const mid = (await t.db.query('SELECT count(*)::int n FROM audit_log')).rows[0].n;
      assert.equal(mid, before + 1, 'the sign-in itself');
      const res = await admin.post('/api/v1/regions', { code: '621002', name: '重复', parentCode: '621000' });
      assert.equal(res.statusCode, 409);
      assert.equal((await t.db.query('SELECT count(*)::int n FROM audit_log')).rows[0].n, mid);
    });

    it('speaks words, not codes: actions, targets and fields in zh-CN and en, with a link to the record', async () => {
      const c = new TestClient(t.app, '192.0.2.9');
      await c.login('qingyang');
      const admin = await signedIn(t.app, 'admin');
      const qyId = (await t.db.query(`SELECT id FROM app_user WHERE username = 'qingyang'`)).rows[0].id;
      const zh = (await admin.get('/api/v1/audit?action=auth.login.success&actor=qingyang')).json().items[0];
      assert.equal(zh.action, 'auth.login.success', 'the code stays for programs');
      assert.equal(zh.actionLabel, '登录成功');
      assert.match(zh.targetLabel, /^用户 qingyang/);
      assert.doesNotMatch(zh.targetLabel, /#/);
      assert.equal(zh.targetLink, `/users?q=qingyang`);
      assert.deepEqual(zh.changeList, [{ field: 'method', label: '登录方式', before: '—', after: '用户名' }]);
      const en = (await admin.get('/api/v1/audit?action=auth.login.success&actor=qingyang', { lang: 'en' })).json().items[0];
      assert.equal(en.actionLabel, 'Signed in');
      assert.deepEqual(en.changeList, [{ field: 'method', label: 'Sign-in method', before: '—', after: 'username' }]);
      assert.ok(qyId > 0);

      // the filter offers lists to choose from, in words
      const vocab = (await admin.get('/api/v1/audit/vocabulary')).json();
      assert.deepEqual(vocab.actions.find((a: any) => a.value === 'auth.login.success'), { value: 'auth.login.success', label: '登录成功', group: '登录与账号' });
      assert.ok(vocab.targetTypes.some((x: any) => x.value === 'enterprise' && x.label === '企业'));
      assert.ok(vocab.roles.some((x: any) => x.value === 'staff' && x.label === '科技局'));
      assert.equal((await (await signedIn(t.app, 'qingyang')).get('/api/v1/audit/vocabulary')).statusCode, 403);

      // a change to an enterprise links to the enterprise and names it
      const ent = (await t.db.query(`SELECT id, name FROM organization WHERE kind = 'enterprise' ORDER BY id LIMIT 1`)).rows[0];
      const staff = await signedIn(t.app, 'gansu');
      const got = (await staff.get(`/api/v1/enterprises/${ent.id}`)).json();
      const patched = await staff.request('PATCH', `/api/v1/enterprises/${ent.id}`, { version: got.version, tags: [...(got.tags ?? []), '审计测试'] });
      assert.equal(patched.statusCode, 200, patched.body);
      const row = (await admin.get(`/api/v1/audit?targetType=enterprise&targetId=${ent.id}`)).json().items[0];
      assert.equal(row.targetLink, `/enterprises/${ent.id}`);
      assert.equal(row.targetLabel, `企业 ${ent.name}`);
      assert.ok(row.changeList.some((ch: any) => ch.field === 'tags' && ch.label === '标签'), JSON.stringify(row.changeList));

      // the export carries the same words
      const xlsx = await admin.get('/api/v1/audit/export?action=auth.login.success&actor=qingyang');
      assert.equal(xlsx.statusCode, 200);
    });
  });
}

/**
 * Many users at once, over real HTTP: every answer must belong to the session that asked.
 *
 * 40+ sessions (every role, province / city / county staff of both cities, experts,
 * commissioners, enterprises, an institution) fire over 5,000 requests in parallel: reads, lists,
 * writes that succeed, writes refused by validation, transactions that roll back on a stale
 * version, and Excel imports (good files and files with a bad row). Checked on every answer:
 * `/auth/me` is the session's own user, every list holds only what its user may see, and no
 * request answers 500, 503 or 401. On the stock pglite-socket server sessions answered as other
 * users (issue 9); this fails there.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import ExcelJS from './exceljs';
import { makeUscc } from '../domain/uscc';
import { ENTERPRISE_COLUMNS } from './modules/enterprises/import';
import { databaseTargets, DEMO_PASSWORD, startTestApp, type TestApp } from './test/harness';
import { HttpSession, type HttpAnswer } from './test/http-session';

const API = '/api/v1';
const REQUESTS_PER_SESSION = 125;
const YEAR = 2019; // a year no demo enterprise has filed, so the sessions' drafts are their own

interface Account { username: string; role: string; regionCode: string | null; orgId: number | null }

/** GB/T 2260: a province's codes share 2 digits, a city's 4, a county is itself. */
function inRegion(code: string, root: string): boolean {
  if (root.endsWith('0000')) return code.startsWith(root.slice(0, 2));
  if (root.endsWith('00')) return code.startsWith(root.slice(0, 4));
  return code === root;
}

const figures = (staff: number) => ({
  salesRevenue: 30_000_000, totalRevenue: 31_000_000, hightechRevenue: 20_000_000, rdExpense: 1_800_000, rdExpenseDomestic: 1_800_000,
  totalCostExpense: 27_000_000, staff, scienceStaff: 20, rdStaff: 12, totalAssets: 40_000_000, totalLiabilities: 15_000_000,
  ipClass1: 1, ipClass2: 4, transformations: 3, hasRdInstitution: true, hasRdStaff: true, hasRdFunds: true, hasRdProjects: true,
  seriousIncident: false, abnormalListed: false,
});

let usccSerial = 0;
/** An enterprise import file: `good` new enterprises of `region`, and optionally one bad row. */
async function enterpriseFile(region: string, good: number, bad: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(ENTERPRISE_COLUMNS.map((c) => c.zh));
  for (let i = 0; i < good; i++) {
    const serial = String(++usccSerial).padStart(6, '0');
    ws.addRow([`压力测试企业${region}-${serial}`, makeUscc(`91${region}MA9${serial}`.slice(0, 17)), region, '', '', '', '', '', '否', '测试联系人', '13900000000', '']);
  }
  if (bad) ws.addRow(['坏行企业', '91620000XXXXXXXXXX', region, '', '', '', '', '', '', '测试', '139', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Accounts for the run: the demo ones plus staff of every county, experts, commissioners, enterprises. */
async function createAccounts(t: TestApp): Promise<Account[]> {
  const { rows: [admin] } = await t.db.query(`SELECT password_hash FROM app_user WHERE username = 'admin'`);
  const { rows: counties } = await t.db.query(`SELECT code FROM region WHERE level = 3 AND (code LIKE '6210%' OR code LIKE '6207%') ORDER BY code`);
  const { rows: firms } = await t.db.query(
    `SELECT o.id, o.region_code FROM organization o WHERE o.kind = 'enterprise' AND o.status = 'approved'
        AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.org_id = o.id) ORDER BY o.id LIMIT 10`);
  const extra: [string, string, string | null, number | null][] = [
    ...counties.map((c, i) => [`stress_staff_${i}`, 'staff', c.code, null] as [string, string, string, null]),
    ...[0, 1, 2].map((i) => [`stress_expert_${i}`, 'expert', '621000', null] as [string, string, string, null]),
    ...[0, 1, 2].map((i) => [`stress_tepai_${i}`, 'commissioner', i ? '620702' : '621022', null] as [string, string, string, null]),
    ...firms.map((f, i) => [`stress_ent_${i}`, 'enterprise', f.region_code, f.id] as [string, string, string, number]),
  ];
  for (const [username, role, region, orgId] of extra) {
    await t.db.query(`INSERT INTO app_user (username, display_name, role, region_code, org_id, password_hash) VALUES ($1, $1, $2, $3, $4, $5)`,
      [username, role, region, orgId, admin.password_hash]);
  }
  const { rows } = await t.db.query(
    `SELECT username, role, region_code, org_id FROM app_user WHERE status = 'active' ORDER BY id`);
  return rows.map((r) => ({ username: r.username, role: r.role, regionCode: r.region_code, orgId: r.org_id }));
}

/** One session's part of the storm; returns what went wrong, in words. */
async function runSession(baseUrl: string, account: Account, firstImportRegion: Set<string>): Promise<{ problems: string[]; requests: number }> {
  const problems: string[] = [];
  let requests = 0;
  const session = new HttpSession(baseUrl, account.username);
  const who = account.username;
  const signIn = await session.post(`${API}/auth/login`, { username: who, password: DEMO_PASSWORD });
  if (signIn.status !== 200 || signIn.body.user.username !== who) {
    return { problems: [`${who} sign-in: ${signIn.status} ${JSON.stringify(signIn.body).slice(0, 200)}`], requests: 1 };
  }
  const check = (what: string, res: HttpAnswer, ok: boolean, detail = '') => {
    requests++;
    if ([401, 500, 503].includes(res.status)) problems.push(`${who} ${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (!ok) problems.push(`${who} ${what}: ${res.status} ${detail || JSON.stringify(res.body).slice(0, 200)}`);
  };
  let statsVersion = 0;
  for (let i = 0; i < REQUESTS_PER_SESSION; i++) {
    switch (i % 6) {
      case 0:
      case 3: {
        const res = await session.get(`${API}/auth/me`);
        check('GET /auth/me', res, res.status === 200 && res.body.user.username === who && res.body.user.role === account.role,
          `answered as ${res.body?.user?.username}`);
        break;
      }
      case 1: {
        const res = await session.get(`${API}/enterprises?pageSize=20&page=${(i % 3) + 1}`);
        const items: any[] = res.body?.items ?? [];
        let inScope = res.status === 200;
        if (account.role === 'staff') inScope &&= items.every((e) => inRegion(e.regionCode, account.regionCode!));
        else if (account.role === 'enterprise' || account.role === 'institution') inScope &&= items.every((e) => e.id === account.orgId);
        else if (account.role !== 'admin') inScope &&= items.length === 0;
        check('GET /enterprises', res, inScope, `out of scope: ${items.map((e) => `${e.id}@${e.regionCode}`).slice(0, 5).join(', ')}`);
        break;
      }
      case 2: {
        const res = await session.get(`${API}/organizations?pageSize=50`);
        const items: any[] = res.body?.items ?? [];
        let inScope = res.status === 200;
        if (account.role === 'staff') inScope &&= items.every((o) => inRegion(o.regionCode, account.regionCode!));
        else if (account.role === 'enterprise' || account.role === 'institution') inScope &&= items.every((o) => o.id === account.orgId) && items.length === 1;
        else if (account.role !== 'admin') inScope &&= items.length === 0;
        check('GET /organizations', res, inScope, `out of scope: ${items.map((o) => `${o.id}@${o.regionCode}`).slice(0, 5).join(', ')}`);
        break;
      }
      case 4: {
        if (account.role === 'enterprise') {
          // a write that succeeds, then the same write on the old version: the transaction rolls back
          const saved = await session.put(`${API}/enterprises/${account.orgId}/stats/${YEAR}`, { values: figures(100 + i), version: statsVersion });
          check('PUT stats', saved, saved.status === 200 && saved.body.values.staff === 100 + i && saved.body.version === statsVersion + 1);
          if (saved.status === 200) statsVersion = saved.body.version;
          const stale = await session.put(`${API}/enterprises/${account.orgId}/stats/${YEAR}`, { values: figures(50), version: statsVersion - 1 });
          check('PUT stats (stale)', stale, stale.status === 409);
        } else if (account.role === 'staff' || account.role === 'admin') {
          const res = await session.post(`${API}/enterprises`, { name: '校验失败企业', uscc: '91620000XXXXXXXXXX', regionCode: account.regionCode ?? '621002', contactName: '张', contactPhone: '139' });
          check('POST /enterprises (invalid)', res, res.status === 400 && res.body.error.code === 'VALIDATION_FAILED');
        } else {
          const res = await session.post(`${API}/users/1/disable`);
          check('POST /users/1/disable (wrong role)', res, res.status === 403);
        }
        break;
      }
      case 5: {
        if (account.role === 'staff' && i % 30 === 5) {
          // one good import per region and a few files with a bad row, all at once with the rest
          const region = account.regionCode!;
          const first = !firstImportRegion.has(region) && /^\d{4}(?!00)\d{2}$/.test(region);
          if (first) firstImportRegion.add(region);
          const res = await session.upload(`${API}/enterprises/import?kind=enterprises`, await enterpriseFile(region, first ? 3 : 2, !first));
          check(first ? 'import (good)' : 'import (bad row)', res, first ? res.status === 200 && res.body.created === 3 : res.status === 400);
        } else {
          const res = await session.get(`${API}/auth/me`);
          check('GET /auth/me', res, res.status === 200 && res.body.user.username === who, `answered as ${res.body?.user?.username}`);
        }
        break;
      }
    }
  }
  return { problems, requests };
}

for (const target of databaseTargets()) {
  describe(`concurrent sessions over HTTP [${target}]`, () => {
    let t: TestApp;
    let baseUrl: string;
    before(async () => {
      t = await startTestApp(target, {}, { enterprises: 120 });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });
    after(async () => { await t.close(); });

    it('answers every session as itself, within its scope, without 500, 503 or 401, under 5,000 parallel requests', async () => {
      const accounts = await createAccounts(t);
      assert.ok(accounts.length >= 40, `${accounts.length} accounts`);
      assert.deepEqual(new Set(accounts.map((a) => a.role)), new Set(['admin', 'staff', 'expert', 'commissioner', 'enterprise', 'institution']));
      const { rows: [before] } = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
      const importedRegions = new Set<string>();
      const started = Date.now();
      const results = await Promise.all(accounts.map((a) => runSession(baseUrl, a, importedRegions)));
      const seconds = (Date.now() - started) / 1000;
      const requests = results.reduce((n, r) => n + r.requests, 0);
      const problems = results.flatMap((r) => r.problems);
      console.log(`[${target}] ${accounts.length} sessions, ${requests} requests in ${seconds.toFixed(1)} s (${Math.round(requests / seconds)}/s), ${problems.length} problems`);
      const kinds = new Map<string, number>();
      for (const p of problems) { const kind = p.replace(/^\S+ /, '').slice(0, 90); kinds.set(kind, (kinds.get(kind) ?? 0) + 1); }
      assert.deepEqual(problems.slice(0, 15), [], `${problems.length} wrong answers; by kind: ${JSON.stringify([...kinds].slice(0, 20), null, 1)}`);
      assert.ok(requests >= 5000, `${requests} requests`);
      // the good imports, and nothing of the refused ones, are stored
      const { rows: [afterCount] } = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
      assert.equal(afterCount.n - before.n, importedRegions.size * 3);
      const { rows: [bad] } = await t.db.query(`SELECT count(*)::int AS n FROM organization WHERE name = '坏行企业' OR name = '校验失败企业'`);
      assert.equal(bad.n, 0);
    });
  });
}

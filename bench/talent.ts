/**
 * npm run bench:talent [-- --target pglite|postgres|both|postgres,pglite --talent 100000 --runs 15 --no-write --keep --data-only]
 *
 * 人才库 (M8) list at the size of a province, over HTTP: the app as `npm start` builds it (buildApp on
 * the embedded PGlite of a data directory, or on a fresh database of the PostgreSQL server of
 * BENCH_DATABASE_URL / TEST_DATABASE_URL), signed in as province staff (gansu), county staff
 * (xifeng, 西峰区) and a host enterprise (qy_ent1).
 *
 *   data     the demo (seedDemo) plus, in SQL: the other 12 cities of 甘肃 and counties under them
 *            (~100 counties), 10,000 host organisations, T talent records of 0.8 T people of the
 *            expert registry (every category and flexible kind, agreements over three years, one in
 *            ten ended), three service rows a year per record and one payment.
 *   timed    GET /api/v1/talent with the default sort and with each filter and sort: once to warm,
 *            then `runs` times; p50 / p95 of the whole answer. The slowest statement of the slowest
 *            requests is EXPLAIN (ANALYZE, BUFFERS)-ed.
 *
 * Writes the talent section of bench/RESULTS.md (not with --no-write).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDatabase, type Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { todayInChina } from '../src/domain/dates';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo';
import { HttpSession } from '../src/server/test/http-session';
import { machine, writeResults } from './targets';

const argv = process.argv.slice(2);
const opt = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const num = (name: string, fallback: number) => { const v = opt(name); return v == null ? fallback : Number(v); };
const DB_URL = opt('database-url') ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const TARGETS = (() => {
  const t = opt('target') ?? (DB_URL ? 'both' : 'pglite');
  return (t === 'both' ? ['pglite', 'postgres'] : t.split(',')) as ('pglite' | 'postgres')[];
})();
const TALENT = num('talent', 100_000);
const HOSTS = num('hosts', 10_000);
const RUNS = num('runs', 15);
const WRITE = !argv.includes('--no-write');
/** --keep: leave the database (its address is printed); --data-only: build it and stop (to try indexes in psql). */
const KEEP = argv.includes('--keep');
const DATA_ONLY = argv.includes('--data-only');
const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const CITIES: [string, string][] = [
  ['620100', '兰州市'], ['620200', '嘉峪关市'], ['620300', '金昌市'], ['620400', '白银市'], ['620500', '天水市'], ['620600', '武威市'],
  ['620800', '平凉市'], ['620900', '酒泉市'], ['621100', '定西市'], ['621200', '陇南市'], ['622900', '临夏回族自治州'], ['623000', '甘南藏族自治州'],
];

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const ms = (x: number) => (x < 10 ? x.toFixed(1) : String(Math.round(x)));
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
const uptime = () => { try { return execSync('uptime').toString().trim(); } catch { return `load average: ${load()}`; } };
function log(...a: unknown[]) { console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a); }

async function openTarget(target: 'pglite' | 'postgres'): Promise<{ db: Database; drop(): Promise<void> }> {
  if (target === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-talent-'));
    const db = await openDatabase({ databaseUrl: null, dataDir: dir, queryTimeoutMs: 600_000 });
    await migrate(db);
    return { db, async drop() { await db.close(); if (KEEP) log(`kept: ${dir}`); else fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  if (!DB_URL) throw new Error('postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL (or --database-url)');
  const name = `kc_bench_talent_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DB_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(DB_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', queryTimeoutMs: 600_000 });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      if (KEEP) { log(`kept: ${url}`); return; }
      const again = new pg.Client({ connectionString: DB_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function generate(db: Database) {
  const q = (text: string, params: unknown[] = []) => db.query(text, params);
  const t0 = performance.now();
  await q(`INSERT INTO region (code, name, parent_code, level) SELECT c, n, '620000', 2 FROM unnest($1::text[], $2::text[]) AS u(c, n) ON CONFLICT DO NOTHING`,
    [CITIES.map((c) => c[0]), CITIES.map((c) => c[1])]);
  const suffixes = ['02', '03', '21', '22', '23', '24', '25', '26'];
  const counties = CITIES.flatMap(([c, n]) => suffixes.slice(0, 7).map((s) => [`${c.slice(0, 4)}${s}`, `${n.slice(0, 2)}${s < '20' ? '区' : '县'}${s}`, c]));
  await q(`INSERT INTO region (code, name, parent_code, level) SELECT c, n, p, 3 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, n, p) ON CONFLICT DO NOTHING`,
    [counties.map((c) => c[0]), counties.map((c) => c[1]), counties.map((c) => c[2])]);
  const { rows: all } = await q(`SELECT code FROM region WHERE level = 3 AND code LIKE '62%' ORDER BY code`);
  const codes = all.map((r) => r.code as string);
  await q(`INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status)
           SELECT CASE WHEN g % 10 = 0 THEN 'institution' ELSE 'enterprise' END, '基准人才单位' || g, '92' || lpad(g::text, 16, '0'),
                  ($2::text[])[1 + g % cardinality($2::text[])], '联系人', '13800000000', 'approved'
             FROM generate_series(1, $1) AS g`, [HOSTS, codes]);
  const people = Math.round(TALENT * 0.8);
  await q(`INSERT INTO expert (name, org_name, title, title_rank, fields, region_code, phone)
           SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','马','郭'])[1 + g % 12] || (ARRAY['建国','秀兰','海','明','红梅','强','丽','军','芳','涛'])[1 + (g / 12) % 10] || g,
                  (ARRAY['兰州大学','甘肃农业大学','西北师范大学','中国科学院近代物理研究所','长庆油田分公司'])[1 + g % 5], '研究员',
                  (ARRAY['正高','副高','中级','其他'])[1 + g % 4], ARRAY[(ARRAY['中药材','新能源','新材料','玉米制种','数据中心','石油化工'])[1 + g % 6]],
                  ($2::text[])[1 + (g * 7) % cardinality($2::text[])], '137' || lpad(g::text, 8, '0')
             FROM generate_series(1, $1) AS g`, [people, codes]);
  const { rows: [{ first: firstExpert }] } = await q(`SELECT min(id) AS first FROM expert WHERE name ~ '[0-9]$'`);
  const { rows: [{ first: firstHost }] } = await q(`SELECT min(id) AS first FROM organization WHERE name LIKE '基准人才单位%'`);
  // every category, the flexible ones of each kind; agreements starting over three years
  await q(`INSERT INTO talent (expert_id, category, flexible_kind, host_org_id, agreement_no, agreement_from, agreement_to, days_per_year, outcomes, status, created_at)
           SELECT $2::bigint + (g % $3), c.category, c.kind, $4::bigint + ((g * 7919) % $5), '引才协议' || g, f, f + 365 * (1 + g % 3), 10 + g % 60,
                  CASE WHEN g % 4 = 0 THEN ARRAY['技术攻关一项'] ELSE '{}' END, CASE WHEN g % 10 = 0 THEN 'ended' ELSE 'active' END,
                  f::timestamptz + interval '1 hour' * (g % 24)
             FROM generate_series(1, $1) AS g
             CROSS JOIN LATERAL (SELECT $6::date - 1000 + (g % 997) AS f) d
             CROSS JOIN LATERAL (SELECT (ARRAY['leading','team','flexible','flexible','flexible','three_regions','local','local'])[1 + g % 8] AS category) c0
             CROSS JOIN LATERAL (SELECT c0.category, CASE WHEN c0.category = 'flexible' THEN (ARRAY['migratory','weekend_engineer','vice_president'])[1 + (g / 8) % 3] END AS kind) c`,
  [TALENT, firstExpert, people, firstHost, HOSTS, TODAY]);
  await q(`INSERT INTO talent_service (talent_id, served_on, days, content)
           SELECT t.id, make_date($1, 1 + (t.id::int * 3 + k * 4) % 11, 1 + (t.id::int + k) % 28), 1 + k % 3, '技术指导'
             FROM talent t CROSS JOIN generate_series(0, 2) AS k`, [YEAR]);
  await q(`INSERT INTO talent_payment (talent_id, paid_on, amount, note) SELECT t.id, make_date($1, 6, 30), 20000 + (t.id % 10) * 5000, '柔性引才补助' FROM talent t`, [YEAR]);
  await q('ANALYZE');
  const { rows: [counts] } = await q(`SELECT (SELECT count(*) FROM region WHERE level = 3 AND code LIKE '62%')::int AS counties,
      (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM expert)::int AS experts, (SELECT count(*) FROM talent)::int AS talent,
      (SELECT count(*) FROM talent_service)::int AS services, (SELECT count(*) FROM talent_payment)::int AS payments`);
  return { ...counts, seconds: (performance.now() - t0) / 1000 };
}

interface Recorded { text: string; params: unknown[]; ms: number }
function recorder(db: Database) {
  const state = { on: false, list: [] as Recorded[] };
  const original = db.query.bind(db);
  (db as { query: Database['query'] }).query = (async (text: string, params?: unknown[]) => {
    const t0 = performance.now();
    const r = await original(text, params);
    if (state.on) state.list.push({ text, params: params ?? [], ms: performance.now() - t0 });
    return r;
  }) as Database['query'];
  return { state, original };
}

type Who = 'gansu' | 'xifeng' | 'qy_ent1';
interface Case { name: string; who: Who; path: string }
const CASES: Case[] = [
  { name: 'page 1 (newest first)', who: 'gansu', path: '/api/v1/talent?page=1' },
  { name: 'page 100', who: 'gansu', path: '/api/v1/talent?page=100' },
  { name: 'category 柔性引进', who: 'gansu', path: '/api/v1/talent?page=1&category=flexible' },
  { name: '周末工程师', who: 'gansu', path: '/api/v1/talent?page=1&category=flexible&flexibleKind=weekend_engineer' },
  { name: 'region 庆阳市', who: 'gansu', path: '/api/v1/talent?page=1&regionCode=621000' },
  { name: `year ${YEAR}`, who: 'gansu', path: `/api/v1/talent?page=1&year=${YEAR}` },
  { name: 'search 王', who: 'gansu', path: `/api/v1/talent?page=1&q=${encodeURIComponent('王')}` },
  { name: 'sorted by days done', who: 'gansu', path: '/api/v1/talent?page=1&sort=-done' },
  { name: 'sorted by subsidy paid', who: 'gansu', path: '/api/v1/talent?page=1&sort=-paid' },
  { name: 'sorted by name', who: 'gansu', path: '/api/v1/talent?page=1&sort=name' },
  { name: 'page 1', who: 'xifeng', path: '/api/v1/talent?page=1' },
  { name: 'page 1 (own hosted)', who: 'qy_ent1', path: '/api/v1/talent?page=1' },
];
interface Timing { c: Case; p50: number; p95: number; total: number; slowest: Recorded | null; statements: number }

async function measure(db: Database, rec: ReturnType<typeof recorder>) {
  const app = await buildApp({ ...loadConfig({}), webDir: '/nonexistent' }, db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const sessions: Record<Who, HttpSession> = { gansu: new HttpSession(baseUrl), xifeng: new HttpSession(baseUrl), qy_ent1: new HttpSession(baseUrl) };
    for (const [u, s] of Object.entries(sessions)) await s.login(u, DEMO_PASSWORD);
    const out: Timing[] = [];
    for (const c of CASES) {
      const s = sessions[c.who];
      const t0 = performance.now();
      const first = await s.get(c.path);
      const firstMs = performance.now() - t0;
      if (first.status !== 200) throw new Error(`${c.who} ${c.path}: ${first.status} ${JSON.stringify(first.body).slice(0, 300)}`);
      const runs = firstMs > 5000 ? 3 : firstMs > 1000 ? Math.min(RUNS, 7) : RUNS;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) { const t1 = performance.now(); await s.get(c.path); times.push(performance.now() - t1); }
      rec.state.list = []; rec.state.on = true;
      await s.get(c.path);
      rec.state.on = false;
      const sqls = rec.state.list.filter((r) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SELECT set_config)/i.test(r.text));
      const t: Timing = { c, p50: pct(times, 0.5), p95: pct(times, 0.95), total: first.body.total, slowest: sqls.sort((a, b) => b.ms - a.ms)[0] ?? null, statements: sqls.length };
      out.push(t);
      log(`  ${c.who.padEnd(7)} ${c.name.padEnd(26)} p50 ${ms(t.p50).padStart(6)} ms  p95 ${ms(t.p95).padStart(6)} ms  ${fmt(t.total)} in scope  (load ${load()})`);
    }
    return out;
  } finally {
    await app.close();
  }
}

const results: Record<string, { data: any; timings: Timing[]; explains: { t: Timing; plan: string }[]; before: string; after: string }> = {};
for (const target of TARGETS) {
  log(`[${target}] opening…`);
  const { db, drop } = await openTarget(target);
  try {
    log(`[${target}] seeding the demo…`);
    await seedDemo(db);
    log(`[${target}] generating ${fmt(TALENT)} talent records…`);
    const data = await generate(db);
    log(`[${target}] ${JSON.stringify(data)}`);
    if (DATA_ONLY) continue;
    const rec = recorder(db);
    const before = uptime();
    const timings = await measure(db, rec);
    const after = uptime();
    const chosen = [...timings].sort((a, b) => b.p95 - a.p95).slice(0, 2).filter((t) => t.slowest);
    const explains = [];
    for (const t of chosen) {
      const { rows } = await rec.original(`EXPLAIN (ANALYZE, BUFFERS) ${t.slowest!.text}`, t.slowest!.params);
      explains.push({ t, plan: rows.map((x) => x['QUERY PLAN']).join('\n') });
    }
    results[target] = { data, timings, explains, before, after };
  } finally {
    await drop();
  }
}

if (DATA_ONLY) process.exit(0);
const targets = Object.keys(results);
const first = results[targets[0]];
const md = `## 人才库 (M8): the talent list at ${fmt(TALENT)} records, over HTTP

Command: \`npm run bench:talent\` (with \`TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres\` for PostgreSQL; the bench creates and drops its own database there) · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()}.
The app as \`npm start\` builds it (buildApp), on a local port; sessions signed in over HTTP as **gansu** (province staff), **xifeng** (county staff, 西峰区) and **qy_ent1** (a host enterprise). Each request once to warm, then ${RUNS} times (7 when the warm-up took over 1 s, 3 over 5 s): p50 / **p95** in ms of the whole answer. The list sends two statements (the page and its count).
${targets.map((k) => { const d = results[k].data; return `- ${k}: ${fmt(d.counties)} counties, ${fmt(d.organizations)} organisations, ${fmt(d.experts)} people in the expert registry, **${fmt(d.talent)} talent records**, ${fmt(d.services)} service rows, ${fmt(d.payments)} payments; generated in ${Math.round(d.seconds)} s.`; }).join('\n')}

Load (\`uptime\`, 2 cores shared with other agents' work):
${targets.map((k) => `- ${k} before: \`${results[k].before}\`; after: \`${results[k].after}\``).join('\n')}

| as | GET /api/v1/talent | ${targets.map((k) => `${k} p50 / p95 ms`).join(' | ')} | in scope |
|---|---|${targets.map(() => '---|').join('')}---|
${first.timings.map((t, i) => `| ${t.c.who} | ${t.c.name} | ${targets.map((k) => { const x = results[k].timings[i]; return `${ms(x.p50)} / **${ms(x.p95)}**`; }).join(' | ')} | ${fmt(t.total)} |`).join('\n')}

EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the two slowest requests:

${targets.map((k) => results[k].explains.map(({ t, plan }) => `<details><summary>${k}: ${t.c.who} ${t.c.name} — statement ${ms(t.slowest!.ms)} ms</summary>

\`\`\`sql
${t.slowest!.text.trim().replace(/\n\s+/g, '\n  ')}
-- params: ${JSON.stringify(t.slowest!.params)}
\`\`\`
\`\`\`
${plan}
\`\`\`
</details>`).join('\n\n')).join('\n\n')}
`;
fs.writeFileSync(path.join(os.tmpdir(), 'bench-talent.md'), md);
console.log(md);
if (WRITE) writeResults('talent', md);
process.exit(0);

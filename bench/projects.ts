/**
 * npm run bench:projects [-- --target both --applications 3000 --experts 600 --clients 20 --past 300]
 *
 * Project review (M5) at the size of a provincial call, through the server as `npm start` runs it
 * (a separate process: src/server/main.ts start, on the embedded PGlite of a data directory or on
 * a fresh PostgreSQL database), driven over HTTP:
 *
 *   data     built in SQL: a programme, a published call (rubric, 5 reviewers per application, the
 *            default 回避 rules, extremes dropped), N applications in formal_passed with members
 *            (some of them experts) and partners, E experts across fields, ranks, organisations
 *            and regions (some suspended, some outside the province, a rare field with too few
 *            experts), declared relations (organisations and persons, current, expired, future),
 *            past projects that make recent co-operation (and older / unfunded ones that must not),
 *            E expert accounts with one password hash and a staff account of the province.
 *   assign   POST /calls/:id/assignments/auto (timed), then again (a top-up with nothing missing).
 *   verify   independently of the server's fact queries: every assignment against breachedRule
 *            with facts read here, and each rule again in plain SQL; qualification (field, rank,
 *            active, province); 5 per application or reported unfilled with the right number
 *            (and truly no conflict-free candidate left); load per expert; the draw re-run from
 *            the recorded seed gives the same picks.
 *   reviews  `clients` concurrent clients, each signing in as its share of the drawn experts in
 *            turn: GET /reviews, then per review POST declare {conflict:false, pledge:true} and
 *            POST submit {scores, comment}; requests/s, submissions/s, latencies; totals checked.
 *   ranking  GET /calls/:id/ranking (cold, then median of 3) against scores computed here; the board.
 *   explain  EXPLAIN ANALYZE of the server's own queries (recorded by running its functions on a
 *            recording connection): the facts of the draw, the ranking, an expert's list; on
 *            PostgreSQL also with jit = off; and assignAutomatically statement by statement, re-run
 *            in a rolled-back transaction from the state before the draw.
 *
 * Writes the projects section of bench/RESULTS.md (not with --no-write).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { todayInChina } from '../src/domain/dates';
import { breachedRule, DEFAULT_AVOIDANCE, type AvoidanceRule, type ExpertFacts, type ItemFacts } from '../src/domain/review/avoidance';
import { drawExperts } from '../src/domain/review/draw';
import { panelScore } from '../src/domain/review/ranking';
import { openDatabase, type Database, type Queryable } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import type { Actor } from '../src/server/http/actor';
import { hashPassword } from '../src/server/modules/auth/password-hash';
import { DEFAULT_PLEDGE } from '../src/server/modules/projects/calls';
import { FUNDED_STATUSES } from '../src/server/modules/projects/workflow';
import { assignAutomatically, DRAW_RANKS } from '../src/server/modules/reviews/assignment';
import { myReviews } from '../src/server/modules/reviews/expert-reviews';
import { expertFacts, reviewItems } from '../src/server/modules/reviews/facts';
import { callRanking } from '../src/server/modules/reviews/ranking';
import { HttpSession } from '../src/server/test/http-session';
import { machine, writeResults } from './targets';

const HELP = `npm run bench:projects [-- options]

  --target T         pglite, postgres or both (default: pglite, and postgres too when a URL is given)
  --database-url URL PostgreSQL server to create a fresh database on (else BENCH_DATABASE_URL,
                     TEST_DATABASE_URL or DATABASE_URL); the database is dropped afterwards unless --keep
  --applications N   applications in the call (default 3000)
  --experts N        experts, each with an account (default 600)
  --reviewers N      reviewers per application (default 5)
  --clients N        concurrent HTTP clients for the reviews (default 20)
  --past N           past projects in the registry (recent co-operation; default 300)
  --seed S           seed of the draw (default bench-projects)
  --no-reviews       only the assignment and its verification (for sizes of the registry)
  --pg-jit off       ALTER DATABASE … SET jit = off on the bench's PostgreSQL database (default: the server's setting)
  --no-write         do not write bench/RESULTS.md
  --keep             keep the data directory / database

Writes the projects section of bench/RESULTS.md.`;
if (process.argv.includes('--help')) { console.log(HELP); process.exit(0); }

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const num = (name: string, fallback: number) => { const v = opt(name); return v == null ? fallback : Number(v); };
const APPS = num('applications', 3000);
const EXPERTS = num('experts', 600);
const REVIEWERS = num('reviewers', 5);
const CLIENTS = num('clients', 20);
const PAST = num('past', 300);
const SEED = opt('seed') ?? 'bench-projects';
const WRITE = !argv.includes('--no-write');
const KEEP = argv.includes('--keep');
const REVIEWS = !argv.includes('--no-reviews');
/** --pg-jit off: the bench's PostgreSQL database gets jit = off (ALTER DATABASE), to see what JIT compilation costs the draw. */
const PG_JIT = opt('pg-jit') ?? 'default';
const DB_URL = opt('database-url') ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
const TARGETS = ((): ('pglite' | 'postgres')[] => {
  const t = opt('target') ?? (DB_URL ? 'both' : 'pglite');
  const list = t === 'both' ? ['pglite', 'postgres'] as const : [t];
  for (const x of list) if (x !== 'pglite' && x !== 'postgres') throw new Error(`--target: pglite, postgres or both, not ${x}`);
  if (list.includes('postgres') && !DB_URL) throw new Error('postgres target: give --database-url or set BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL');
  return list as ('pglite' | 'postgres')[];
})();

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PASSWORD = 'Bench@2026-projects';
const PROVINCE = '530000';
const OUTSIDE = '540000';
const CITIES = Array.from({ length: 10 }, (_, i) => `53${String(i + 1).padStart(2, '0')}00`);
const COUNTIES = CITIES.flatMap((c) => [1, 2, 3, 4].map((j) => `${c.slice(0, 4)}0${j}`));
const FIELDS = ['电子信息', '生物与新医药', '航空航天', '新材料', '高技术服务', '新能源与节能', '资源与环境', '先进制造与自动化'];
const RARE = '核技术应用';
const RUBRIC = [
  { code: 'innovation', name: '创新性', weight: 0.3, max: 100 },
  { code: 'feasibility', name: '技术路线可行性', weight: 0.25, max: 100 },
  { code: 'team', name: '团队与工作基础', weight: 0.2, max: 100 },
  { code: 'benefit', name: '预期效益', weight: 0.25, max: 100 },
];
const RULES: AvoidanceRule[] = DEFAULT_AVOIDANCE;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚'.split('');
/** 2,000 person names (20 surnames × 100 given names), so that members' names recur across applications. */
const NAME_POOL = Array.from({ length: 2000 }, (_, i) => SURNAMES[i % 20] + GIVEN[Math.floor(i / 20) % 20] + GIVEN[(Math.floor(i / 400) * 3 + 1) % 20]);

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uptime = () => { try { return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', '); } catch { return os.loadavg().map((l) => l.toFixed(2)).join(', '); } };
const uptimeLine = async () => new Promise<string>((resolve) => {
  const p = spawn('uptime', [], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.on('close', () => resolve(out.trim()));
  p.on('error', () => resolve(`load average: ${uptime()}`));
});
const pct = (xs: number[], p: number) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const median = (xs: number[]) => pct(xs, 0.5);
function log(...a: unknown[]) { console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a); }

/* ------------------------------------------------------------------ the data, in SQL */

async function generate(db: Database, passwordHash: string) {
  const nOrg = Math.max(20, Math.round(APPS / 2));
  const q = (text: string, params: unknown[] = []) => db.query(text, params);
  await q(`INSERT INTO region (code, name, parent_code, level) VALUES ($1, '基准省', NULL, 1), ($2, '邻省', NULL, 1)`, [PROVINCE, OUTSIDE]);
  await q(`INSERT INTO region (code, name, parent_code, level) SELECT c, '基准市' || substr(c, 3, 2), $2, 2 FROM unnest($1::text[]) AS c`, [CITIES, PROVINCE]);
  await q(`INSERT INTO region (code, name, parent_code, level) SELECT c, '基准县' || substr(c, 3, 4), substr(c, 1, 4) || '00', 3 FROM unnest($1::text[]) AS c`, [COUNTIES]);
  await q(`INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status)
           SELECT CASE WHEN i % 5 = 0 THEN 'institution' ELSE 'enterprise' END,
                  CASE WHEN i % 5 = 0 THEN '基准研究院' ELSE '基准科技有限公司' END || i,
                  '91' || lpad(i::text, 16, '0'), ($2::text[])[1 + i % $3], '联系人', '13800000000', 'approved'
             FROM generate_series(1, $1) AS i`, [nOrg, COUNTIES, COUNTIES.length]);
  const { rows: [o] } = await q(`SELECT min(id)::int AS lo, max(id)::int AS hi FROM organization`);
  if (o.lo !== 1 || o.hi !== nOrg) throw new Error(`organisation ids are not 1..${nOrg}: a fresh database is needed`);

  // accounts: a staff member of the province (assigns, ranks) and one per expert, one password hash
  await q(`INSERT INTO app_user (username, display_name, role, region_code, password_hash) VALUES ('bench_staff', '基准省科技局', 'staff', $1, $2)`, [PROVINCE, passwordHash]);
  await q(`INSERT INTO app_user (username, display_name, role, region_code, password_hash)
           SELECT 'bx' || lpad(k::text, 5, '0'), '专家' || k, 'expert', $2, $3 FROM generate_series(1, $1) AS k`, [EXPERTS, PROVINCE, passwordHash]);

  // experts: ranks 正高 40 %, 副高 40 %, 中级 15 %, 其他 5 %; 1-3 of the eight fields (four know the
  // rare one); three in four work for a registered organisation; 5 % outside the province; 2 % suspended
  await q(`INSERT INTO expert (name, org_id, org_name, title, title_rank, fields, region_code, phone, status, user_id)
           SELECT '专家' || k,
                  CASE WHEN k % 4 = 0 THEN NULL ELSE 1 + (k * 7) % $2 END,
                  CASE WHEN k % 4 = 0 THEN '独立专家工作室' || k ELSE (SELECT name FROM organization WHERE id = 1 + (k * 7) % $2) END,
                  (ARRAY['研究员', '副研究员', '工程师', '助理工程师'])[rk.r], (ARRAY['正高', '副高', '中级', '其他'])[rk.r],
                  ARRAY(SELECT DISTINCT f FROM unnest(ARRAY[($3::text[])[1 + k % 8],
                                                             CASE WHEN k % 2 = 0 THEN ($3::text[])[1 + (k * 3 + 1) % 8] END,
                                                             CASE WHEN k % 3 = 0 THEN ($3::text[])[1 + (k * 5 + 2) % 8] END,
                                                             CASE WHEN k % 150 = 1 THEN $4::text END]) AS f WHERE f IS NOT NULL),
                  CASE WHEN k % 20 = 13 THEN $5::text WHEN k % 3 = 0 THEN substr(($6::text[])[1 + k % $7], 1, 4) || '00' ELSE ($6::text[])[1 + k % $7] END,
                  '139' || lpad(k::text, 8, '0'),
                  CASE WHEN k % 50 = 7 THEN 'suspended' ELSE 'active' END,
                  (SELECT id FROM app_user WHERE username = 'bx' || lpad(k::text, 5, '0'))
             FROM generate_series(1, $1) AS k,
                  LATERAL (SELECT CASE WHEN k % 20 < 8 THEN 1 WHEN k % 20 < 16 THEN 2 WHEN k % 20 < 19 THEN 3 ELSE 4 END AS r) AS rk`,
    [EXPERTS, nOrg, FIELDS, RARE, OUTSIDE, COUNTIES, COUNTIES.length]);
  const { rows: [x] } = await q(`SELECT min(id)::int AS lo, max(id)::int AS hi FROM expert`);
  if (x.lo !== 1 || x.hi !== EXPERTS) throw new Error('expert ids are not 1..E: a fresh database is needed');

  // declared relations: organisations (current, expired a year ago, starting next month, bounded
  // and current) and persons (names of the pool, some written with a space)
  await q(`INSERT INTO expert_relation (expert_id, org_id, reason, valid_from, valid_to)
           SELECT k, 1 + (k * 11) % $2, '曾在该单位任职',
                  CASE k % 9 WHEN 0 THEN current_date - 1800 WHEN 3 THEN current_date + 30 ELSE current_date - 700 END,
                  CASE k % 9 WHEN 0 THEN current_date - 365 WHEN 3 THEN NULL ELSE current_date + 365 END
             FROM generate_series(1, $1) AS k WHERE k % 3 = 0`, [EXPERTS, nOrg]);
  await q(`INSERT INTO expert_relation (expert_id, org_id, reason)
           SELECT k, 1 + (k * 17) % $2, '近亲属在该单位任职' FROM generate_series(1, $1) AS k WHERE k % 3 = 1`, [EXPERTS, nOrg]);
  await q(`INSERT INTO expert_relation (expert_id, person_name, reason)
           SELECT k, CASE WHEN k % 10 = 0 THEN substr(n, 1, 1) || ' ' || substr(n, 2) ELSE n END, '师生关系'
             FROM generate_series(1, $1) AS k, LATERAL (SELECT ($2::text[])[1 + (k * 13) % $3] AS n) AS p WHERE k % 5 = 0`,
    [EXPERTS, NAME_POOL, NAME_POOL.length]);

  // the programme, a past call (its projects: recent co-operation) and the call under review
  const { rows: [p] } = await q(`INSERT INTO programme (name, level, region_code) VALUES ('基准省重点研发计划', 'provincial', $1) RETURNING id`, [PROVINCE]);
  const callSql = `INSERT INTO call (programme_id, region_code, title, year, opens_at, closes_at, budget, rubric, reviewers_per_application, blind,
                                     avoidance, drop_extremes, pledge, status, published_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, $10, true, $11, $12, $5) RETURNING id`;
  const { rows: [past] } = await q(callSql, [p.id, PROVINCE, '2023年度重点研发计划', 2023, '2023-03-01T00:00:00+08:00', '2023-04-30T17:00:00+08:00',
    200_000_000, JSON.stringify(RUBRIC), REVIEWERS, RULES, DEFAULT_PLEDGE, 'closed']);
  const now = Date.now();
  const { rows: [call] } = await q(callSql, [p.id, PROVINCE, '2026年度重点研发计划（基准）', 2026, new Date(now - 40 * 86400_000).toISOString(),
    new Date(now - 10 * 86400_000).toISOString(), 300_000_000, JSON.stringify(RUBRIC), REVIEWERS, RULES, DEFAULT_PLEDGE, 'published']);

  // past projects: funded ones (and a terminated one) of the last three years count, an unfunded
  // one and those four years old do not; two experts were members of each, and one partner
  // employed an expert
  await q(`INSERT INTO application (call_id, org_id, region_code, title, field, requested_amount, status, submitted_at, created_at)
           SELECT $1, o.id, o.region_code, '往年项目' || i, ($4::text[])[1 + i % 8], 1000000,
                  (ARRAY['closed', 'contracted', 'accepted', 'approved', 'terminated', 'not_approved'])[1 + i % 6],
                  now() - ages.age, now() - ages.age
             FROM generate_series(1, $2) AS i
             JOIN organization o ON o.id = 1 + (i * 29) % $3,
             LATERAL (SELECT (ARRAY[interval '6 months', interval '1 year', interval '2 years', interval '2 years 6 months', interval '4 years'])[1 + i % 5] AS age) AS ages
            ORDER BY i`, [past.id, PAST, nOrg, FIELDS]);
  await q(`INSERT INTO application_member (application_id, seq, name, org_name, role, expert_id)
           SELECT a.id, s, x.name, x.org_name, '骨干', x.id
             FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM application WHERE call_id = $1) AS a
             CROSS JOIN generate_series(1, 2) AS s
             JOIN expert x ON x.id = CASE s WHEN 1 THEN 1 + (a.i * 23) % $2 ELSE 1 + (a.i * 41 + 7) % $2 END`, [past.id, EXPERTS]);
  await q(`INSERT INTO application_partner (application_id, org_id)
           SELECT a.id, x.org_id
             FROM (SELECT id, org_id, row_number() OVER (ORDER BY id) AS i FROM application WHERE call_id = $1) AS a
             JOIN expert x ON x.id = 1 + (a.i * 53) % $2
            WHERE x.org_id IS NOT NULL AND x.org_id <> a.org_id`, [past.id, EXPERTS]);

  // the call's applications, past formal check; three in a rare field that too few experts know
  await q(`INSERT INTO application (call_id, org_id, region_code, title, field, summary, requested_amount, own_funds, status, submitted_at, created_at)
           SELECT $1, o.id, o.region_code, '基准项目' || a || '：' || f.field || '关键技术研究与示范', f.field,
                  '面向' || f.field || '领域的关键共性技术攻关，开展研发、中试与产业化示范。',
                  200000 + (a * 7919 % 30) * 100000, 100000 + (a * 31 % 20) * 50000, 'formal_passed',
                  $5::timestamptz - make_interval(secs => ($2 - a) * 10), $5::timestamptz - interval '5 days'
             FROM generate_series(1, $2) AS a
             JOIN organization o ON o.id = 1 + (a * 13) % $3,
             LATERAL (SELECT CASE WHEN a % 1000 = 500 THEN $6::text ELSE ($4::text[])[1 + (a * 7) % 8] END AS field) AS f
            ORDER BY a`, [call.id, APPS, nOrg, FIELDS, new Date(now - 10 * 86400_000).toISOString(), RARE]);
  // members: four from the name pool, and in one application of six an expert of the registry who
  // knows the application's field (the member rule then has candidates to keep away)
  await q(`INSERT INTO application_member (application_id, seq, name, org_name, role)
           SELECT a.id, s, ($2::text[])[1 + (a.i * 31 + s * 7) % $3], '', (ARRAY['负责人', '技术骨干', '技术骨干', '成员'])[s]
             FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM application WHERE call_id = $1) AS a CROSS JOIN generate_series(1, 4) AS s`,
    [call.id, NAME_POOL, NAME_POOL.length]);
  await q(`INSERT INTO application_member (application_id, seq, name, org_name, role, expert_id)
           SELECT a.id, 5, x.name, x.org_name, '技术顾问', x.id
             FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM application WHERE call_id = $1) AS a
             JOIN expert x ON x.id = 8 * (1 + (a.i * 17) % ($2 / 8 - 1)) + (a.i * 7) % 8
            WHERE a.i % 6 = 0`, [call.id, EXPERTS]);
  // partners: none, one or two organisations
  await q(`INSERT INTO application_partner (application_id, org_id)
           SELECT DISTINCT a.id, 1 + (a.i * 19 + j * 101) % $2
             FROM (SELECT id, org_id, row_number() OVER (ORDER BY id) AS i FROM application WHERE call_id = $1) AS a
             CROSS JOIN generate_series(1, 2) AS j
            WHERE j <= a.i % 3 AND 1 + (a.i * 19 + j * 101) % $2 <> a.org_id`, [call.id, nOrg]);
  await q('ANALYZE');
  const counts = (await q(`SELECT (SELECT count(*)::int FROM expert_relation) AS relations,
                                   (SELECT count(*)::int FROM application_member m JOIN application a ON a.id = m.application_id WHERE a.call_id = $1) AS members,
                                   (SELECT count(*)::int FROM application_member m JOIN application a ON a.id = m.application_id WHERE a.call_id = $1 AND m.expert_id IS NOT NULL) AS expert_members,
                                   (SELECT count(*)::int FROM application_partner p JOIN application a ON a.id = p.application_id WHERE a.call_id = $1) AS partners,
                                   (SELECT count(*)::int FROM expert WHERE status = 'active' AND title_rank = ANY($2::text[]) AND region_code LIKE '53%') AS qualified,
                                   (SELECT count(*)::int FROM application WHERE call_id = $1 AND field = $3) AS rare_apps,
                                   (SELECT count(*)::int FROM expert WHERE status = 'active' AND title_rank = ANY($2::text[]) AND region_code LIKE '53%' AND $3 = ANY(fields)) AS rare_experts`,
  [call.id, DRAW_RANKS, RARE])).rows[0];
  return { callId: Number(call.id), pastCallId: Number(past.id), nOrg, counts };
}

/* ------------------------------------------------------------------ the server, as npm start runs it */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const port = (s.address() as net.AddressInfo).port; s.close(() => resolve(port)); });
  });
}

interface Server { child: ChildProcess; baseUrl: string; stderr: string[]; stop(): Promise<void> }

async function startServer(env: Record<string, string | undefined>): Promise<Server> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', KECHUANG_DEMO: '0', KECHUANG_JOBS: '0',
    LOG_LEVEL: 'warn', KECHUANG_WEB_DIR: '/nonexistent' };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => { const s = String(d); stderr.push(s); if (stderr.length > 200) stderr.shift(); });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s: ${out} ${stderr.join('')}`)), 120_000);
    child.stdout!.on('data', (d) => { out += d; if (out.includes('kechuang serving')) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before serving: ${out} ${stderr.join('')}`)); });
  });
  return {
    child, baseUrl: `http://127.0.0.1:${port}`, stderr,
    async stop() {
      if (child.exitCode != null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      if (child.exitCode == null) { child.kill('SIGKILL'); await exited; }
      process.off('exit', killOnExit);
    },
  };
}

/** CPU seconds (user + system) of a process and its children, and their peak RSS, from /proc. */
function procTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const c of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) out.push(...procTree(Number(c)));
  } catch { /* gone */ }
  return out;
}
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch { return 0; }
}
function peakRssMb(pid: number): number {
  try { return Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024); } catch { return 0; }
}
/** Busy CPU seconds of the whole machine (every process, ours and everyone else's), from /proc/stat. */
function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / 100;
}
interface CpuSnapshot { at: number; app: number; db: Map<number, number>; client: number; machine: number }
interface CpuUse { wall: number; app: number; db: number; client: number; machine: number }
/** CPU so far of the server, of its database (the embedded database process, or the PostgreSQL backends of our database), of this script and of the machine. */
async function cpuSnapshot(server: Server, pgc: pg.Client | null): Promise<CpuSnapshot> {
  const pids = procTree(server.child.pid!);
  const dbPids = pgc ? (await pgc.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => Number(r.pid)) : pids.slice(1);
  const u = process.cpuUsage();
  return { at: performance.now(), app: cpuSeconds(pids[0]), db: new Map(dbPids.map((p) => [p, cpuSeconds(p)])), client: (u.user + u.system) / 1e6, machine: machineBusySeconds() };
}
function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  let db = 0;
  for (const [p, sec] of b.db) db += sec - (a.db.get(p) ?? 0);
  return { wall: (b.at - a.at) / 1000, app: b.app - a.app, db, client: b.client - a.client, machine: b.machine - a.machine };
}
const sec = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const cpuText = (c: CpuUse, dbName: string) => `app server ${sec(c.app)} s, ${dbName} ${sec(c.db)} s, this script ${sec(c.client)} s; `
  + `the machine was busy ${sec(c.machine)} of ${sec(2 * c.wall)} core-seconds, ${sec(Math.max(0, c.machine - c.app - c.db - c.client))} of them other processes (other developers' tests${dbName.includes('PostgreSQL') ? ', PostgreSQL\'s own background processes' : ''})`;

/** Which of the server's queries a recorded statement is. */
function queryName(text: string): string {
  if (/DISTINCT x\.id AS expert_id|SELECT m\.expert_id, a\.org_id/.test(text)) return 'expertFacts: co-operation in the last 3 years';
  if (/FROM expert_relation/.test(text)) return 'expertFacts: declared relations';
  if (/FROM expert WHERE region_code/.test(text)) return 'expertFacts: the province\'s experts';
  if (/array_agg\(p\.org_id\)/.test(text)) return 'reviewItems: applications with partners, members, assignments';
  if (/array_agg\(r\.total/.test(text)) return 'callRanking: applications with their totals';
  if (/SELECT c\.\* FROM call c/.test(text)) return 'callRanking: the call';
  if (/review_pledge/.test(text)) return 'myReviews: an expert\'s list';
  return text.replace(/\s+/g, ' ').trim().slice(0, 60);
}

/* ------------------------------------------------------------------ verification, independent of the server's fact queries */

interface Verification {
  assignments: number; breaches: Record<string, number>; sqlBreaches: Record<string, number>; qualification: Record<string, number>;
  candidatePairs: number; candidateConflicts: Record<string, number>; expiredOrFutureOnly: number; sameCountyDrawn: number;
  full: number; unfilledApps: number; unfilledOk: boolean; unfilledProblems: string[];
  load: { experts: number; min: number; max: number; mean: number; sd: number; idle: number; maxMinusMinInField: number };
}

async function verifyAssignments(db: Queryable, callId: number, unfilled: { applicationId: number; missing: number }[]): Promise<Verification> {
  const on = todayInChina();
  const { rows: ex } = await db.query(`SELECT id, org_id, region_code, fields, title_rank, status FROM expert`);
  const experts = new Map<number, ExpertFacts & { fields: string[]; rank: string; status: string }>();
  for (const e of ex) experts.set(Number(e.id), { id: Number(e.id), orgId: e.org_id == null ? null : Number(e.org_id), regionCode: e.region_code, relations: [], cooperatedOrgIds: new Set<number>(), fields: e.fields, rank: e.title_rank, status: e.status });
  for (const r of (await db.query(`SELECT expert_id, org_id, person_name, valid_from::text AS f, valid_to::text AS t FROM expert_relation`)).rows) {
    experts.get(Number(r.expert_id))!.relations.push({ orgId: r.org_id == null ? null : Number(r.org_id), personName: r.person_name, from: r.f, to: r.t });
  }
  // recent co-operation, worked out here from the past projects themselves
  const { rows: pastApps } = await db.query(`SELECT id, org_id FROM application WHERE status = ANY($1::text[]) AND created_at > now() - interval '3 years'`, [[...FUNDED_STATUSES, 'terminated']]);
  const pastOrg = new Map(pastApps.map((a) => [Number(a.id), Number(a.org_id)]));
  const byOrg = new Map<number, number[]>();
  for (const e of experts.values()) if (e.orgId != null) byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), e.id]);
  for (const m of (await db.query(`SELECT application_id, expert_id FROM application_member WHERE expert_id IS NOT NULL`)).rows) {
    const org = pastOrg.get(Number(m.application_id));
    if (org != null) (experts.get(Number(m.expert_id))!.cooperatedOrgIds as Set<number>).add(org);
  }
  for (const p of (await db.query(`SELECT application_id, org_id FROM application_partner`)).rows) {
    const org = pastOrg.get(Number(p.application_id));
    if (org != null) for (const e of byOrg.get(Number(p.org_id)) ?? []) (experts.get(e)!.cooperatedOrgIds as Set<number>).add(org);
  }
  // the call's applications with applicant, partners and members
  const items = new Map<number, ItemFacts & { field: string }>();
  for (const a of (await db.query(`SELECT id, org_id, region_code, field FROM application WHERE call_id = $1`, [callId])).rows) {
    items.set(Number(a.id), { applicantOrgId: Number(a.org_id), partnerOrgIds: [], memberExpertIds: [], memberNames: [], regionCode: a.region_code, on, field: a.field });
  }
  for (const p of (await db.query(`SELECT p.application_id, p.org_id FROM application_partner p JOIN application a ON a.id = p.application_id WHERE a.call_id = $1`, [callId])).rows) {
    (items.get(Number(p.application_id))!.partnerOrgIds as number[]).push(Number(p.org_id));
  }
  for (const m of (await db.query(`SELECT m.application_id, m.expert_id, m.name FROM application_member m JOIN application a ON a.id = m.application_id WHERE a.call_id = $1`, [callId])).rows) {
    const it = items.get(Number(m.application_id))!;
    (it.memberNames as string[]).push(m.name);
    if (m.expert_id != null) (it.memberExpertIds as number[]).push(Number(m.expert_id));
  }
  const { rows: asg } = await db.query(`SELECT application_id, expert_id FROM review_assignment WHERE call_id = $1 AND status <> 'declined'`, [callId]);

  const breaches: Record<string, number> = {};
  const qualification = { wrongField: 0, wrongRank: 0, notActive: 0, outsideProvince: 0, duplicate: 0 };
  let sameCountyDrawn = 0;
  let expiredOrFutureOnly = 0;
  const seen = new Set<string>();
  const perApp = new Map<number, number>();
  const perExpert = new Map<number, number>();
  for (const r of asg) {
    const e = experts.get(Number(r.expert_id))!;
    const it = items.get(Number(r.application_id))!;
    const rule = breachedRule(RULES, e, it);
    if (rule) breaches[rule] = (breaches[rule] ?? 0) + 1;
    if (breachedRule(['same_county'], e, it)) sameCountyDrawn++;
    // a relation that touches the application but is not in force today (expired, or not yet begun)
    if (!rule && e.relations.some((x) => x.orgId != null && [it.applicantOrgId, ...it.partnerOrgIds].includes(x.orgId))) expiredOrFutureOnly++;
    if (!e.fields.includes(it.field)) qualification.wrongField++;
    if (!DRAW_RANKS.includes(e.rank)) qualification.wrongRank++;
    if (e.status !== 'active') qualification.notActive++;
    if (!e.regionCode.startsWith(PROVINCE.slice(0, 2))) qualification.outsideProvince++;
    const key = `${r.application_id}/${r.expert_id}`;
    if (seen.has(key)) qualification.duplicate++;
    seen.add(key);
    perApp.set(Number(r.application_id), (perApp.get(Number(r.application_id)) ?? 0) + 1);
    perExpert.set(Number(r.expert_id), (perExpert.get(Number(r.expert_id)) ?? 0) + 1);
  }

  // the same rules in plain SQL (not the server's code, not breachedRule)
  const { rows: [sql] } = await db.query(
    `WITH asg AS (SELECT r.application_id, r.expert_id FROM review_assignment r WHERE r.call_id = $1 AND r.status <> 'declined')
     SELECT count(*) FILTER (WHERE x.org_id = a.org_id)::int AS same_org,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM application_partner p WHERE p.application_id = a.id AND p.org_id = x.org_id))::int AS partner_org,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM application_member m WHERE m.application_id = a.id AND m.expert_id = x.id))::int AS member,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM expert_relation er WHERE er.expert_id = x.id AND (er.valid_from IS NULL OR er.valid_from <= $2::date) AND (er.valid_to IS NULL OR er.valid_to >= $2::date)
                AND (er.org_id = a.org_id OR er.org_id IN (SELECT p.org_id FROM application_partner p WHERE p.application_id = a.id)
                     OR regexp_replace(er.person_name, '\\s+', '', 'g') IN (SELECT regexp_replace(m.name, '\\s+', '', 'g') FROM application_member m WHERE m.application_id = a.id))))::int AS declared_relation,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM application pa WHERE pa.org_id = a.org_id AND pa.status = ANY($3::text[]) AND pa.created_at > now() - interval '3 years'
                AND (EXISTS (SELECT 1 FROM application_member m WHERE m.application_id = pa.id AND m.expert_id = x.id)
                     OR EXISTS (SELECT 1 FROM application_partner p WHERE p.application_id = pa.id AND p.org_id = x.org_id))))::int AS recent_cooperation
       FROM asg JOIN application a ON a.id = asg.application_id JOIN expert x ON x.id = asg.expert_id`, [callId, on, [...FUNDED_STATUSES, 'terminated']]);

  // every candidate pair the draw could have considered: how many conflicts it had to step round,
  // and whether an unfilled application really had no conflict-free candidate left
  const qualified = [...experts.values()].filter((e) => e.status === 'active' && DRAW_RANKS.includes(e.rank) && e.regionCode.startsWith(PROVINCE.slice(0, 2)));
  const candidateConflicts: Record<string, number> = {};
  let candidatePairs = 0;
  const freeCandidates = new Map<number, number>();
  for (const [id, it] of items) {
    let free = 0;
    for (const e of qualified) {
      if (!e.fields.includes(it.field)) continue;
      candidatePairs++;
      const rule = breachedRule(RULES, e, it);
      if (rule) candidateConflicts[rule] = (candidateConflicts[rule] ?? 0) + 1;
      else free++;
      if (rule === 'declared_relation') {
        const persons = e.relations.filter((r) => r.personName);
        if (persons.length && breachedRule(['declared_relation'], { ...e, relations: persons }, it)) {
          candidateConflicts['declared_relation: of them by a person'] = (candidateConflicts['declared_relation: of them by a person'] ?? 0) + 1;
          if (persons.some((r) => /\s/.test(r.personName!)) && breachedRule(['declared_relation'], { ...e, relations: persons.filter((r) => /\s/.test(r.personName!)) }, it)) {
            candidateConflicts['declared_relation: of them a name written with a space'] = (candidateConflicts['declared_relation: of them a name written with a space'] ?? 0) + 1;
          }
        }
      }
    }
    freeCandidates.set(id, free);
  }
  const unfilledBy = new Map(unfilled.map((u) => [u.applicationId, u.missing]));
  const unfilledProblems: string[] = [];
  let full = 0;
  for (const [id] of items) {
    const n = perApp.get(id) ?? 0;
    const missing = unfilledBy.get(id);
    if (n === REVIEWERS && missing == null) { full++; continue; }
    if (missing == null) unfilledProblems.push(`application ${id}: ${n} reviewers, not reported unfilled`);
    else if (n + missing !== REVIEWERS) unfilledProblems.push(`application ${id}: ${n} reviewers, reported missing ${missing}`);
    else if (freeCandidates.get(id)! > n) unfilledProblems.push(`application ${id}: unfilled with ${freeCandidates.get(id)} conflict-free candidates`);
  }
  // load balance over the experts who could be drawn at all (qualified, and knowing a field of some application)
  const fieldsInCall = new Set([...items.values()].map((i) => i.field));
  const drawable = qualified.filter((e) => e.fields.some((f) => fieldsInCall.has(f)));
  const loads = drawable.map((e) => perExpert.get(e.id) ?? 0);
  const mean = loads.reduce((s, l) => s + l, 0) / loads.length;
  // within one-field experts of the same field the draw should keep loads within one of each other
  let maxMinusMinInField = 0;
  for (const f of FIELDS) {
    const ls = drawable.filter((e) => e.fields.length === 1 && e.fields[0] === f).map((e) => perExpert.get(e.id) ?? 0);
    if (ls.length) maxMinusMinInField = Math.max(maxMinusMinInField, Math.max(...ls) - Math.min(...ls));
  }
  return {
    assignments: asg.length, breaches, sqlBreaches: sql, qualification, candidatePairs, candidateConflicts, expiredOrFutureOnly, sameCountyDrawn,
    full, unfilledApps: unfilled.length, unfilledOk: unfilledProblems.length === 0, unfilledProblems,
    load: { experts: drawable.length, min: Math.min(...loads), max: Math.max(...loads), mean, sd: Math.sqrt(loads.reduce((s, l) => s + (l - mean) ** 2, 0) / loads.length),
      idle: loads.filter((l) => l === 0).length, maxMinusMinInField },
  };
}

/* ------------------------------------------------------------------ the reviews */

const CRIT = RUBRIC.map((c) => c.code);
function scoresFor(applicationId: number, expertId: number): Record<string, number> {
  const quality = 55 + ((applicationId * 7919) % 40);
  const outlier = (applicationId + expertId) % 97 === 0 ? -30 : 0;
  return Object.fromEntries(CRIT.map((code, i) => [code, Math.max(0, Math.min(100, quality + outlier + ((expertId * 31 + i * 17 + applicationId) % 15) - 7))]));
}
const totalOf = (s: Record<string, number>) => Math.round(RUBRIC.reduce((sum, c) => sum + c.weight * s[c.code], 0) * 100) / 100;
const COMMENTS = ['创新性较强，技术路线清晰可行，团队基础扎实，建议支持。', '研究内容与指南方向契合，预期指标偏保守，建议修改后支持。', '技术方案可行，产业化前景一般，经费预算需进一步细化。'];

interface FlowStats {
  seconds: number; signIns: number; requests: number; submissions: number; errors: Record<string, number>; errorSample: string | null; wrongTotals: number;
  latency: Record<string, number[]>; submitted: Map<number, { total: number; at: number }[]>;
}

async function reviewFlows(baseUrl: string, experts: { expertId: number; username: string; tasks: number }[]): Promise<FlowStats> {
  // deal the experts to the clients, busiest first, each to the least loaded client
  const queues: { expertId: number; username: string; tasks: number }[][] = Array.from({ length: CLIENTS }, () => []);
  const work = new Array(CLIENTS).fill(0);
  for (const e of [...experts].sort((a, b) => b.tasks - a.tasks || a.expertId - b.expertId)) {
    const c = work.indexOf(Math.min(...work));
    queues[c].push(e);
    work[c] += e.tasks;
  }
  const stats: FlowStats = { seconds: 0, signIns: 0, requests: 0, submissions: 0, errors: {}, errorSample: null, wrongTotals: 0,
    latency: { signIn: [], list: [], declare: [], submit: [] }, submitted: new Map() };
  const fail = (what: string, status: number, body: unknown) => {
    const key = `${what} ${status}`;
    stats.errors[key] = (stats.errors[key] ?? 0) + 1;
    stats.errorSample ??= `${key}: ${JSON.stringify(body).slice(0, 200)}`;
  };
  const timed = async <T>(kind: string, f: () => Promise<T>) => {
    const t = performance.now();
    const r = await f();
    stats.latency[kind].push(performance.now() - t);
    stats.requests++;
    return r;
  };
  const started = performance.now();
  await Promise.all(queues.map(async (queue) => {
    for (const e of queue) {
      const s = new HttpSession(baseUrl, e.username);
      try {
        await timed('signIn', async () => { stats.requests++; await s.login(e.username, PASSWORD); }); // + the GET /health for the XSRF cookie
        stats.signIns++;
      } catch (error) { fail('sign-in', 0, String(error)); continue; }
      const list = await timed('list', () => s.get('/api/v1/reviews'));
      if (list.status !== 200) { fail('GET /reviews', list.status, list.body); continue; }
      for (const item of list.body.items as { id: number; applicationId: number; status: string }[]) {
        if (item.status === 'submitted') continue;
        if (item.status === 'assigned') {
          const d = await timed('declare', () => s.post(`/api/v1/reviews/${item.id}/declare`, { conflict: false, pledge: true }));
          if (d.status !== 200 || d.body.status !== 'declared') { fail('declare', d.status, d.body); continue; }
        }
        const scores = scoresFor(item.applicationId, e.expertId);
        const sub = await timed('submit', () => s.post(`/api/v1/reviews/${item.id}/submit`, { scores, comment: COMMENTS[(item.id + e.expertId) % COMMENTS.length] }));
        if (sub.status !== 200 || sub.body.status !== 'submitted') { fail('submit', sub.status, sub.body); continue; }
        stats.submissions++;
        if (Math.abs(sub.body.total - totalOf(scores)) > 0.005) stats.wrongTotals++;
        const list2 = stats.submitted.get(item.applicationId) ?? [];
        list2.push({ total: sub.body.total, at: performance.now() });
        stats.submitted.set(item.applicationId, list2);
      }
    }
  }));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/* ------------------------------------------------------------------ EXPLAIN ANALYZE of the server's own queries */

interface Recorded { label: string; text: string; params: unknown[]; ms: number; rows: number }
function recording(db: Queryable, label: () => string, out: Recorded[]): Queryable {
  return {
    async query(text: string, params?: unknown[]) {
      const t = performance.now();
      const r = await db.query(text, params);
      out.push({ label: label(), text, params: params ?? [], ms: performance.now() - t, rows: r.rowCount ?? r.rows.length });
      return r;
    },
  } as Queryable;
}

/**
 * EXPLAIN ANALYZE: with TIMING OFF for the execution time (per-row clock reads inflate a plan that
 * passes millions of rows, on PGlite most), with timing for the plan and PostgreSQL's JIT timings.
 */
async function explain(db: Queryable, rec: Recorded, timing = false): Promise<{ ms: number; jitMs: number; plan: string }> {
  const { rows } = await db.query(`EXPLAIN (ANALYZE${timing ? '' : ', TIMING OFF'}) ${rec.text}`, rec.params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
  const jitMs = Number(/Timing: .*Total ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
  return { ms, jitMs, plan };
}

/**
 * The draw again, statement by statement: assignAutomatically itself, inside one transaction that
 * first puts the call back as it was before the draw (no assignments, applications in
 * formal_passed) and is rolled back at the end.
 */
async function drawStatements(db: Database, actor: Actor, callId: number) {
  const statements: Recorded[] = [];
  class Rollback extends Error {}
  let total = 0;
  const replay = { ...db, query: db.query.bind(db),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction(async (tx) => {
      await tx.query(`DELETE FROM review_assignment WHERE call_id = $1`, [callId]);
      await tx.query(`UPDATE application SET status = 'formal_passed' WHERE call_id = $1`, [callId]);
      const t = performance.now();
      await work(recording(tx, () => '', statements));
      total = performance.now() - t;
      throw new Rollback();
    }) } as Database;
  try { await assignAutomatically(replay, actor, { id: actor.id, username: actor.username, role: actor.role, ip: '127.0.0.1' }, callId, SEED); } catch (error) { if (!(error instanceof Rollback)) throw error; }
  const sqlMs = statements.reduce((a, r) => a + r.ms, 0);
  const name = (text: string) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (/^INSERT INTO review_assignment/.test(t)) return 'INSERT review_assignment';
    if (/^UPDATE application SET status = 'under_review'/.test(t)) return 'UPDATE application → under_review';
    if (/^INSERT INTO application_event/.test(t)) return 'INSERT application_event';
    if (/^INSERT INTO notification/.test(t)) return 'INSERT notification';
    if (/^SELECT DISTINCT user_id FROM expert/.test(t)) return 'experts\' accounts';
    if (/^SELECT expert_id, count\(\*\)/.test(t)) return 'current loads';
    if (/^INSERT INTO review_draw/.test(t)) return 'INSERT review_draw';
    if (/^INSERT INTO audit_log/.test(t)) return 'INSERT audit_log';
    if (/FOR UPDATE/.test(t) && /FROM call c/.test(t)) return 'lock the call';
    return queryName(text);
  };
  return { totalMs: total, sqlMs, jsMs: total - sqlMs, statements: statements.map((r) => ({ label: name(r.text), ms: r.ms, rows: r.rows })) };
}

/* ------------------------------------------------------------------ one target */

interface TargetResult {
  name: 'pglite' | 'postgres';
  uptimeBefore: string; uptimeAfter: string;
  gen: { seconds: number; counts: Record<string, number> };
  assign: { ms: number; assigned: number; unfilled: { applicationId: number; missing: number }[]; seed: string; cpu: CpuUse; load: string };
  topUp: { ms: number; assigned: number };
  listAssignments: { ms: number; rows: number };
  verify: Verification;
  redraw: { same: boolean; factsMs: number; itemsMs: number; drawMs: number; picks: number };
  flows: FlowStats & { cpu: CpuUse; load: string };
  ranking: { coldMs: number; medianMs: number; items: number; ok: boolean; problems: string[]; bytes: number };
  board: { ms: number };
  explains: { label: string; ms: number; jitMs: number; noJitMs: number | null; appMs: number; rows: number; firstLine: string }[];
  drawSteps: Awaited<ReturnType<typeof drawStatements>>;
  peak: { app: number; db: number };
  serverWarnings: number;
}

async function runTarget(name: 'pglite' | 'postgres', passwordHash: string, planLog: string[]): Promise<TargetResult> {
  const uptimeBefore = await uptimeLine();
  log(`== ${name}: ${uptimeBefore}`);
  let dataDir = '';
  let dbUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (name === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-projects-'));
  } else {
    const dbName = `kc_bench_projects_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DB_URL! });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    if (PG_JIT === 'off') await admin.query(`ALTER DATABASE ${dbName} SET jit = off`);
    await admin.end();
    const url = new URL(DB_URL!);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    dropDb = async () => {
      const again = new pg.Client({ connectionString: DB_URL! });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await again.end();
    };
  }
  const open = () => openDatabase({ databaseUrl: dbUrl, dataDir, queryTimeoutMs: 600_000 });
  let db = await open();
  let server: Server | null = null;
  try {
    await migrate(db);
    const t0 = performance.now();
    const gen = await generate(db, passwordHash);
    const genSeconds = (performance.now() - t0) / 1000;
    log(`generated in ${genSeconds.toFixed(1)} s:`, JSON.stringify(gen.counts));
    const { rows: accounts } = await db.query(`SELECT x.id, u.username FROM expert x JOIN app_user u ON u.id = x.user_id`);
    const usernameOf = new Map(accounts.map((a) => [Number(a.id), a.username as string]));
    await db.close();

    server = await startServer(name === 'pglite' ? { KECHUANG_DATA: dataDir, DATABASE_URL: undefined } : { DATABASE_URL: dbUrl! });
    log(`server ${server.baseUrl} (pid ${server.child.pid})`);
    const staff = new HttpSession(server.baseUrl, 'staff');
    await staff.login('bench_staff', PASSWORD);

    const pgc = dbUrl ? new pg.Client({ connectionString: dbUrl }) : null;
    await pgc?.connect();
    // (1) the automatic assignment
    let cpu0 = await cpuSnapshot(server, pgc);
    const loadAtAssign = uptime();
    let t = performance.now();
    const auto = await staff.post(`/api/v1/calls/${gen.callId}/assignments/auto`, { seed: SEED });
    const assignMs = performance.now() - t;
    const assignCpu = cpuUse(cpu0, await cpuSnapshot(server, pgc));
    if (auto.status !== 200) throw new Error(`auto assignment: ${auto.status} ${JSON.stringify(auto.body)}`);
    log(`auto assignment: ${auto.body.assigned} assigned, ${auto.body.unfilled.length} unfilled, ${assignMs.toFixed(0)} ms`);
    t = performance.now();
    const again = await staff.post(`/api/v1/calls/${gen.callId}/assignments/auto`, { seed: `${SEED}-again` });
    const topUpMs = performance.now() - t;
    if (again.status !== 200) throw new Error(`second auto assignment: ${again.status} ${JSON.stringify(again.body)}`);
    log(`top-up with nothing missing: ${again.body.assigned} assigned, ${topUpMs.toFixed(0)} ms`);
    t = performance.now();
    const listed = await staff.get(`/api/v1/calls/${gen.callId}/assignments`);
    const listMs = performance.now() - t;
    const tasks = new Map<number, number>();
    for (const i of listed.body.items as { expertId: number; status: string }[]) if (i.status !== 'declined') tasks.set(i.expertId, (tasks.get(i.expertId) ?? 0) + 1);

    // (2) the reviews: each client signs in as its experts in turn
    cpu0 = await cpuSnapshot(server, pgc);
    const loadAtFlows = uptime();
    log(`review flows: ${tasks.size} experts, ${[...tasks.values()].reduce((a, b) => a + b, 0)} reviews, ${CLIENTS} clients …`);
    const flows = REVIEWS ? await reviewFlows(server.baseUrl, [...tasks].map(([expertId, n]) => ({ expertId, username: usernameOf.get(expertId)!, tasks: n })))
      : { seconds: 0, signIns: 0, requests: 0, submissions: 0, errors: {}, errorSample: null, wrongTotals: 0, latency: { signIn: [], list: [], declare: [], submit: [] }, submitted: new Map() } as FlowStats;
    const flowCpu = cpuUse(cpu0, await cpuSnapshot(server, pgc));
    await pgc?.end();
    if (REVIEWS) log(`CPU during the reviews: ${cpuText(flowCpu, name === 'pglite' ? 'embedded database' : 'PostgreSQL backends')}`);
    if (REVIEWS) log(`review flows: ${flows.submissions} submissions, ${flows.requests} requests in ${flows.seconds.toFixed(1)} s (${(flows.requests / flows.seconds).toFixed(0)} req/s), errors ${JSON.stringify(flows.errors)}`);

    // (3) the ranking, checked against the scores submitted
    const rankTimes: number[] = [];
    let ranking: any = null;
    let bytes = 0;
    for (let i = 0; i < 4; i++) {
      t = performance.now();
      const res = await staff.get(`/api/v1/calls/${gen.callId}/ranking`);
      rankTimes.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`ranking: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      ranking = res.body;
      bytes = Buffer.byteLength(JSON.stringify(res.body));
    }
    const problems: string[] = [];
    const items = ranking.items as { applicationId: number; score: number | null; reviews: number; rank: number | null }[];
    if (items.length !== APPS) problems.push(`${items.length} items, not ${APPS}`);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const mine = flows.submitted.get(it.applicationId) ?? [];
      const expected = panelScore(mine.map((m) => m.total), true).score;
      if (it.reviews !== mine.length) problems.push(`application ${it.applicationId}: ${it.reviews} reviews, ${mine.length} submitted`);
      if (expected == null ? it.score != null : Math.abs((it.score ?? NaN) - expected) > 0.011) problems.push(`application ${it.applicationId}: score ${it.score}, computed ${expected}`);
      if (i > 0 && items[i - 1].score != null && it.score != null && it.score > items[i - 1].score!) problems.push(`order at ${i}`);
    }
    log(`ranking: cold ${rankTimes[0].toFixed(0)} ms, median ${median(rankTimes.slice(1)).toFixed(0)} ms, ${problems.length} problems`);
    t = performance.now();
    const board = await staff.get(`/api/v1/calls/${gen.callId}/board`);
    const boardMs = performance.now() - t;
    if (board.status !== 200) throw new Error(`board: ${board.status}`);

    const pids = procTree(server.child.pid!);
    const peak = { app: peakRssMb(pids[0]), db: pids.slice(1).reduce((s, p) => s + peakRssMb(p), 0) };
    const serverWarnings = server.stderr.join('').split('\n').filter((l) => l.trim()).length;
    if (serverWarnings) log(`server stderr (last lines):\n${server.stderr.join('').split('\n').slice(-10).join('\n')}`);
    await server.stop();
    server = null;
    const uptimeAfter = await uptimeLine();

    // (4) verification, on the database itself once the server is gone
    db = await open();
    const verify = await verifyAssignments(db, gen.callId, auto.body.unfilled);
    log('verification:', JSON.stringify({ ...verify, unfilledProblems: verify.unfilledProblems.slice(0, 5) }));

    // the draw again from the recorded seed, on the server's own fact functions, with the state it started from
    const recorded: Recorded[] = [];
    let label = '';
    const rq = recording(db, () => label, recorded);
    // each measured three times (the first is cold, as at the assignment), the median reported
    const itemsTimes: number[] = [];
    const factsTimes: number[] = [];
    const drawTimes: number[] = [];
    let its: Awaited<ReturnType<typeof reviewItems>> = [];
    let pool: Awaited<ReturnType<typeof expertFacts>> = new Map();
    let redraw: ReturnType<typeof drawExperts<number>> = { picks: [], unfilled: [] };
    for (let round = 0; round < 3; round++) {
      const rec = round === 0 ? rq : db;
      t = performance.now();
      its = await reviewItems(rec, gen.callId, { statuses: ['formal_passed', 'under_review', 'reviewed'], on: todayInChina() });
      itemsTimes.push(performance.now() - t);
      t = performance.now();
      pool = await expertFacts(rec, { provinceOf: PROVINCE });
      factsTimes.push(performance.now() - t);
      // what assignAutomatically does between its queries, with the state the first draw started from
      t = performance.now();
      const qualified = [...pool.values()].filter((x) => x.status === 'active' && DRAW_RANKS.includes(x.titleRank));
      const byField = new Map<string, number[]>();
      for (const x of qualified) for (const f of x.fields) byField.set(f, [...(byField.get(f) ?? []), x.id]);
      const byId = new Map(its.map((i) => [i.id, i]));
      redraw = drawExperts(SEED, its.map((i) => ({ id: i.id, missing: REVIEWERS, excluded: new Set<number>() })),
        (d) => byField.get(byId.get(d.id)!.field) ?? [], (e, d) => breachedRule(RULES, pool.get(e)!, byId.get(d.id)!) != null, new Map());
      drawTimes.push(performance.now() - t);
    }
    const [itemsMs, factsMs, drawMs] = [median(itemsTimes), median(factsTimes), median(drawTimes)];
    const { rows: drawn } = await db.query(`SELECT application_id, expert_id FROM review_assignment WHERE draw_id = (SELECT min(id) FROM review_draw WHERE call_id = $1)`, [gen.callId]);
    const a1 = new Set(drawn.map((r) => `${r.application_id}/${r.expert_id}`));
    const same = redraw.picks.length === a1.size && redraw.picks.every((p) => a1.has(`${p.itemId}/${p.expertId}`));
    log(`re-drawn from the seed: ${same ? 'identical' : 'DIFFERENT'} (${redraw.picks.length} picks); facts ${factsTimes.map((x) => x.toFixed(0))} ms, items ${itemsTimes.map((x) => x.toFixed(0))} ms, draw in JS ${drawTimes.map((x) => x.toFixed(0))} ms`);

    // the server's queries of the ranking and of an expert's list, recorded the same way
    const staffActor: Actor = { id: 1, username: 'bench_staff', displayName: '基准省科技局', role: 'staff', regionCode: PROVINCE, orgId: null, mustChangePassword: false, sessionId: '' };
    label = 'callRanking';
    await callRanking(rq, staffActor, gen.callId);
    const busiest = [...tasks].sort((a, b) => b[1] - a[1])[0][0];
    const { rows: [u] } = await db.query(`SELECT user_id FROM expert WHERE id = $1`, [busiest]);
    label = `myReviews (expert with ${tasks.get(busiest)} reviews)`;
    await myReviews(rq, { ...staffActor, id: Number(u.user_id), role: 'expert', username: usernameOf.get(busiest)! });
    const explains: TargetResult['explains'] = [];
    for (const r of recorded) {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push((await explain(db, r)).ms);
      const withTiming = await explain(db, r, true);
      // PostgreSQL compiles a query with LLVM when its estimated cost passes jit_above_cost (on by default): the same without
      const noJit = name === 'postgres' && withTiming.jitMs > 0 ? await db.transaction(async (tx) => {
        await tx.query('SET LOCAL jit = off');
        const xs: number[] = [];
        for (let i = 0; i < 5; i++) xs.push((await explain(tx, r)).ms);
        planLog.push(`---- ${name}: ${queryName(r.text)} with jit = off: EXPLAIN (ANALYZE, TIMING OFF) ${xs.join(' / ')} ms\n`);
        return median(xs);
      }) : null;
      explains.push({ label: queryName(r.text), ms: median(runs), jitMs: withTiming.jitMs, noJitMs: noJit, appMs: r.ms, rows: r.rows, firstLine: r.label });
      planLog.push(`---- ${name}: ${queryName(r.text)} (${r.rows} rows; first run in the app ${r.ms.toFixed(1)} ms; EXPLAIN (ANALYZE, TIMING OFF) ${runs.join(' / ')} ms; with timing:)\n${r.text.replace(/\n\s+/g, '\n  ')}\n${withTiming.plan}\n`);
    }
    const drawSteps = await drawStatements(db, staffActor, gen.callId);
    log(`the draw statement by statement (rolled back): ${drawSteps.totalMs.toFixed(0)} ms, SQL ${drawSteps.sqlMs.toFixed(0)} ms, JS ${drawSteps.jsMs.toFixed(0)} ms: ${drawSteps.statements.map((x) => `${x.label} ${x.ms.toFixed(0)} ms`).join('; ')}`);
    for (const e of explains) log(`EXPLAIN median ${e.ms.toFixed(1)} ms${e.jitMs ? ` (JIT ${e.jitMs.toFixed(0)} ms; jit off ${e.noJitMs?.toFixed(1)} ms)` : ''} (first run in the app ${e.appMs.toFixed(1)} ms, ${e.rows} rows): ${e.label}`);
    await db.close();

    return {
      name, uptimeBefore, uptimeAfter,
      gen: { seconds: genSeconds, counts: gen.counts },
      assign: { ms: assignMs, assigned: auto.body.assigned, unfilled: auto.body.unfilled, seed: auto.body.seed, cpu: assignCpu, load: loadAtAssign },
      topUp: { ms: topUpMs, assigned: again.body.assigned },
      listAssignments: { ms: listMs, rows: listed.body.items.length },
      verify, redraw: { same, factsMs, itemsMs, drawMs, picks: redraw.picks.length },
      flows: { ...flows, cpu: flowCpu, load: loadAtFlows },
      ranking: { coldMs: rankTimes[0], medianMs: median(rankTimes.slice(1)), items: items.length, ok: problems.length === 0, problems: problems.slice(0, 5), bytes },
      board: { ms: boardMs },
      explains, drawSteps, peak, serverWarnings,
    };
  } finally {
    if (server) await server.stop();
    await db.close().catch(() => {});
    if (!KEEP) {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (dropDb) await dropDb();
    } else log(`kept: ${dataDir || dbUrl}`);
  }
}

/* ------------------------------------------------------------------ main */

async function main() {
  log(`bench:projects: ${fmt(APPS)} applications, ${fmt(EXPERTS)} experts, ${REVIEWERS} reviewers each, ${CLIENTS} clients, ${PAST} past projects; targets ${TARGETS.join(', ')}`);
  const passwordHash = await hashPassword(PASSWORD);
  const planLog: string[] = [];
  const results: TargetResult[] = [];
  const when = new Date();
  for (const name of TARGETS) results.push(await runTarget(name, passwordHash, planLog));
  const planFile = path.join(os.tmpdir(), `kc-bench-projects-plans-${Date.now()}.txt`);
  fs.writeFileSync(planFile, planLog.join('\n'));
  log(`plans: ${planFile}`);

  const ms = (x: number) => `${fmt(x)} ms`;
  const s = (x: number) => `${x.toFixed(1)} s`;
  const lat = (xs: number[]) => `${fmt(median(xs))} / ${fmt(pct(xs, 0.95))}`;
  const dbName = (r: TargetResult) => (r.name === 'pglite' ? 'embedded database' : 'PostgreSQL backends');
  const rows = results.map((r) => {
    const f = r.flows;
    const writes = f.latency.declare.length + f.latency.submit.length;
    const flowCell = REVIEWS ? `${fmt(f.signIns)} sign-ins, ${fmt(f.requests)} requests in ${s(f.seconds)}: **${fmt(f.requests / f.seconds)} req/s**, ${fmt(writes / f.seconds)} declare+submit/s, **${fmt(f.submissions / f.seconds)} submissions/s**` : 'not run';
    return `| ${r.name} | ${s(r.gen.seconds)} | **${ms(r.assign.ms)}** (${fmt(r.assign.assigned)} drawn, ${r.assign.unfilled.length} unfilled) | ${ms(r.topUp.ms)} | `
      + `${flowCell} | ${REVIEWS ? `${lat(f.latency.signIn)} · ${lat(f.latency.declare)} · ${lat(f.latency.submit)}` : ''} | ${ms(r.ranking.coldMs)} / ${ms(r.ranking.medianMs)} (${fmt(r.ranking.bytes / 1024)} KB of JSON) | ${ms(r.board.ms)} |`;
  });
  const rulesOnly = (o: Record<string, number>) => Object.entries(o).filter(([k]) => !k.includes(':'));
  // the rules in their order, each followed by its breakdown
  const ordered = (o: Record<string, number>) => Object.entries(o).sort(([a], [b]) => {
    const rank = (k: string) => RULES.indexOf(k.split(':')[0] as AvoidanceRule) * 10 + (k.includes(':') ? (k.includes('space') ? 2 : 1) : 0);
    return rank(a) - rank(b);
  });
  const sum = (o: Record<string, number>) => rulesOnly(o).reduce((a, [, b]) => a + b, 0);
  const v = results.map((r) => {
    const x = r.verify;
    return `- **${r.name}**: ${fmt(x.assignments)} assignments checked — **no 回避 breach**: breachedRule on facts read here ${sum(x.breaches)}; each rule in plain SQL ${Object.entries(x.sqlBreaches).map(([k, n]) => `${k} ${n}`).join(', ')}. `
      + `Outside the field / below 副高 / not active / outside the province / twice: ${Object.values(x.qualification).join(' / ')}. `
      + `The draw had conflicts to step round: ${fmt(sum(x.candidateConflicts))} of the ${fmt(x.candidatePairs)} field-qualified (application, expert) pairs breach a rule (${ordered(x.candidateConflicts).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}); `
      + `${x.expiredOrFutureOnly} drawn pairs touch a declared organisation relation not in force today (expired or not begun), ${x.sameCountyDrawn} are in the applicant's county (same_county is not among the default rules). `
      + `${fmt(x.full)} applications have ${REVIEWERS}; ${x.unfilledApps} reported unfilled${r.assign.unfilled.length ? ` (${r.assign.unfilled.map((u) => `#${u.applicationId} missing ${u.missing}`).join(', ')})` : ''} — ${x.unfilledOk ? (x.unfilledApps ? `each has exactly ${REVIEWERS} − missing reviewers and no other conflict-free candidate` : 'as reported') : `PROBLEMS: ${x.unfilledProblems.join('; ')}`}. `
      + `Load over the ${x.load.experts} drawable experts: min ${x.load.min}, max ${x.load.max}, mean ${x.load.mean.toFixed(1)}, sd ${x.load.sd.toFixed(2)}, ${x.load.idle} idle (among one-field experts of one field, max − min ≤ ${x.load.maxMinusMinInField}). `
      + `Re-drawn here from the recorded seed with the server's own functions: ${r.redraw.same ? `the same ${fmt(r.redraw.picks)} picks` : 'DIFFERENT'}. `
      + (REVIEWS ? `Reviews: ${fmt(r.flows.submissions)} submitted, errors ${Object.keys(r.flows.errors).length ? JSON.stringify(r.flows.errors) : 'none'}${r.flows.errorSample ? ` (${r.flows.errorSample})` : ''}, every total ${r.flows.wrongTotals === 0 ? 'as computed here' : `as computed here but ${r.flows.wrongTotals}`}; `
      + `ranking of ${fmt(r.ranking.items)}: ${r.ranking.ok ? 'every score equals the mean of the submitted totals computed here with the extremes dropped, in order' : `PROBLEMS: ${r.ranking.problems.join('; ')}`}.` : '');
  });
  const labels = [...new Set(results.flatMap((r) => r.explains.map((e) => e.label)))];
  const exCell = (e: TargetResult['explains'][number] | undefined, pgTarget: boolean) => (!e ? (pgTarget ? '| | |' : '| |')
    : `${fmt(e.rows)} | ${e.appMs.toFixed(0)} ms | ${e.ms.toFixed(1)} ms${pgTarget ? ` | ${e.jitMs ? `**${e.jitMs.toFixed(0)} ms JIT**; ${e.noJitMs!.toFixed(1)} ms with jit off` : 'no JIT'}` : ''}`);
  const exRows = labels.map((l) => `| ${l} | ${results.map((r) => exCell(r.explains.find((x) => x.label === l), r.name === 'postgres')).join(' | ')} |`);
  const loadLines = results.map((r) => `- **${r.name}**: \`uptime\` before: \`${r.uptimeBefore}\`; after: \`${r.uptimeAfter}\`. `
    + `CPU during the assignment (${r.assign.cpu.wall.toFixed(1)} s): ${cpuText(r.assign.cpu, dbName(r))}.`
    + (REVIEWS ? ` During the reviews (${r.flows.cpu.wall.toFixed(0)} s): ${cpuText(r.flows.cpu, dbName(r))}.` : '')
    + ` Peak RSS: app server ${r.peak.app} MB${r.name === 'pglite' ? `, embedded database process ${r.peak.db} MB` : ''}.`);
  const c = results[0].gen.counts;
  const md = `## Projects (M5): automatic assignment with 回避, ${fmt(APPS * REVIEWERS)} reviews over HTTP, ranking (${fmt(APPS)} applications, ${fmt(EXPERTS)} experts)

Command: \`npm run bench:projects -- ${argv.join(' ').replace(/postgres:\/\/\S+/, 'postgres://…')}\` (PostgreSQL: \`--target both\` with \`--database-url\`, \`BENCH_DATABASE_URL\`, \`TEST_DATABASE_URL\` or \`DATABASE_URL\`; a fresh database is created on that server and dropped) · ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()} · PostgreSQL 15, fsync off.
**A shared machine**: other developers' tests ran on the same 2 cores during these runs. Load and CPU, from \`uptime\` and /proc:
${loadLines.join('\n')}

The server runs as \`npm start\` runs it (\`src/server/main.ts start\` in its own process, \`KECHUANG_JOBS=0\`, \`LOG_LEVEL=warn\`; app pool 5 on PGlite, 10 on PostgreSQL) and is driven over HTTP on localhost by this script's process.
Data built in SQL: 1 province (10 cities, 40 counties) and a neighbouring one; ${fmt(Math.round(APPS / 2))} organisations; ${fmt(EXPERTS)} experts with accounts (one argon2 hash) — ranks 正高 / 副高 / 中级 / 其他 40 / 40 / 15 / 5 %, 1–3 of the eight 高新技术领域, three in four employed by a registered organisation, 5 % outside the province, 2 % suspended: ${c.qualified} drawable; ${fmt(c.relations)} declared relations (organisations: current, expired, not yet begun; persons, some written with a space); a published call (4-criterion rubric, ${REVIEWERS} reviewers, default 回避 rules ${RULES.join(', ')}; extremes dropped) with ${fmt(APPS)} applications in formal_passed (${fmt(c.members)} members, ${fmt(c.expert_members)} of them experts of the registry; ${fmt(c.partners)} partner rows; ${c.rare_apps} in a field, ${RARE}, that only ${c.rare_experts} drawable experts know); ${fmt(PAST)} past projects of applicant organisations (funded, terminated, unfunded; 6 months to 4 years old), two experts on each and a partner employing an expert.
Reviews: ${CLIENTS} concurrent clients; each signs in as its share of the drawn experts in turn (GET /health for the XSRF cookie, POST /auth/login), GET /reviews, then per review POST …/declare \`{conflict:false, pledge:true}\` and POST …/submit \`{scores, comment}\`. Ranking: GET /calls/:id/ranking cold, then the median of 3; the board (GET /calls/:id/board) once.

| database | build data | POST …/assignments/auto | again, nothing missing | review flows | p50 / p95 ms: sign-in · declare · submit | ranking: cold / median | board |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

**Verified** after each run on the database, independently of the server's fact queries:
${v.join('\n')}

**Where the assignment's time goes**: the server's own functions run again here after the run (median of 3): gathering the pool's facts (expertFacts) ${results.map((r) => `${r.name} ${ms(r.redraw.factsMs)}`).join(', ')}; the applications' facts (reviewItems) ${results.map((r) => `${r.name} ${ms(r.redraw.itemsMs)}`).join(', ')}; the draw in JS (drawExperts with breachedRule) ${results.map((r) => `${r.name} ${ms(r.redraw.drawMs)}`).join(', ')}.
The draw itself, statement by statement (assignAutomatically run again inside a transaction that first puts the call back as before the draw, then rolled back): ${results.map((r) => `**${r.name}** ${ms(r.drawSteps.totalMs)} in all, SQL ${ms(r.drawSteps.sqlMs)} (${r.drawSteps.statements.filter((x) => x.ms >= 10).map((x) => `${x.label} ${ms(x.ms)}`).join(', ')}), JS ${ms(r.drawSteps.jsMs)}`).join('; ')}.
The queries those functions, the ranking and an expert's list send: rows, the first (cold) run in the app, and the execution time by EXPLAIN (ANALYZE, TIMING OFF), median of 5, JIT compilation included; on PostgreSQL the JIT time of a run with timing, and the median with \`SET LOCAL jit = off\` (plans with timing in \`${path.basename(planFile)}\`, /tmp of the run):

| query | ${results.map((r) => `${r.name} rows | first run | EXPLAIN ANALYZE${r.name === 'postgres' ? ' | of which' : ''}`).join(' | ')} |
|---|${results.map((r) => (r.name === 'postgres' ? '---|---|---|---|' : '---|---|---|')).join('')}
${exRows.join('\n')}
`;
  console.log(`\n${md}`);
  if (WRITE) { writeResults('projects', md); log('written to bench/RESULTS.md'); }
}

main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });

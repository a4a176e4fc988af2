/**
 * npm run bench:embedded [-- --seconds 20 --clients 10 --pool 5]
 *
 * Requests per second of the authenticated enterprise list on the embedded database: the app
 * (as `npm start` builds it, with the whole demo region) listens on a local port, `clients`
 * sessions of staff of five regions (province, two cities, a county, and the admin) each send
 * `GET /api/v1/enterprises?pageSize=20&page=…` one after the other for `seconds`. Every answer
 * is checked against its session's scope: an enterprise outside the region, or a 401/5xx,
 * counts as a wrong answer. `--pool` sets the app's connection pool size (1 = the app-level
 * serialisation alternative of issue 9).
 *
 * Prints one line of JSON. Runs unchanged on an older checkout (it only needs openDatabase,
 * migrate, seedDemo, buildApp and the HTTP API), which is how the "before" figure was taken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 20);
const CLIENTS = arg('clients', 10);
const POOL = arg('pool', 5);

const ACCOUNTS: [string, string | null][] = [['gansu', '620000'], ['qingyang', '621000'], ['zhangye', '620700'], ['xifeng', '621002'], ['admin', null]];

function inRegion(code: string, root: string | null): boolean {
  if (root === null) return true;
  if (root.endsWith('0000')) return code.startsWith(root.slice(0, 2));
  if (root.endsWith('00')) return code.startsWith(root.slice(0, 4));
  return code === root;
}

/** A minimal cookie-keeping client (kept here so the script also runs on older checkouts). */
async function signIn(baseUrl: string, username: string): Promise<string> {
  const first = await fetch(`${baseUrl}/api/v1/health`);
  const xsrf = first.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('XSRF-TOKEN='))!;
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    headers: { 'content-type': 'application/json', cookie: xsrf, 'x-xsrf-token': xsrf.split('=')[1] },
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('kc_session='))!;
  return `${xsrf}; ${session}`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-embedded-'));
const db = await openDatabase({ databaseUrl: null, dataDir, queryTimeoutMs: 30_000, poolSize: POOL });
try {
  await migrate(db);
  await seedDemo(db);
  const { rows: [{ n: enterprises }] } = await db.query(`SELECT count(*)::int AS n FROM organization WHERE kind = 'enterprise'`);
  const app = await buildApp({ ...loadConfig({}), webDir: '/nonexistent' }, db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sessions = [];
  for (let i = 0; i < CLIENTS; i++) {
    const [username, region] = ACCOUNTS[i % ACCOUNTS.length];
    sessions.push({ username, region, cookie: await signIn(baseUrl, username) });
  }
  const latencies: number[] = [];
  let wrong = 0;
  let sample: string | undefined;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(sessions.map(async (s, c) => {
    for (let n = 0; Date.now() < until; n++) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/enterprises?pageSize=20&page=${((n + c) % 5) + 1}`, { headers: { cookie: s.cookie } });
      const body = await res.json() as { items?: { regionCode: string }[] };
      latencies.push(performance.now() - t0);
      const ok = res.status === 200 && (body.items ?? []).length > 0 && body.items!.every((e) => inRegion(e.regionCode, s.region));
      if (!ok) { wrong++; sample ??= `${s.username}: ${res.status} ${JSON.stringify(body).slice(0, 160)}`; }
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
  console.log(JSON.stringify({
    clients: CLIENTS, pool: POOL, seconds: Math.round(seconds), enterprises, requests: latencies.length,
    perSecond: Math.round(latencies.length / seconds), p50ms: pct(0.5), p95ms: pct(0.95), wrongAnswers: wrong, sample,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  }));
  await app.close();
} finally {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Builds the real app for HTTP tests: on a throwaway in-memory PGlite behind the same socket
 * and `pg` driver as production, and — when TEST_DATABASE_URL is set — on a fresh database of
 * that PostgreSQL server. Suites run once per target: `for (const target of databaseTargets())`.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';

export type Target = 'pglite' | 'postgres';

export function databaseTargets(): Target[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  db: Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the target. */
export async function openTestDatabase(target: Target): Promise<TestDatabase> {
  if (target === 'pglite') {
    const db = await openDatabase({ databaseUrl: null, dataDir: 'memory://', queryTimeoutMs: 30_000 });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `kc_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', queryTimeoutMs: 30_000 });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

/** The app with the demo region and accounts loaded (password DEMO_PASSWORD). */
export async function startTestApp(target: Target, overrides: Partial<Config> = {}, seed: { enterprises?: number } = {},
  /** Adds test-only routes before the app is sealed. */
  extend?: (app: FastifyInstance) => void): Promise<TestApp> {
  const { db, drop } = await openTestDatabase(target);
  await seedDemo(db, { enterprises: seed.enterprises ?? 0, namedFigures: false });
  const config = { ...loadConfig({}), webDir: '/nonexistent', ...overrides };
  const app = await buildApp(config, db);
  extend?.(app);
  await app.ready();
  return { app, db, config, async close() { await app.close(); await drop(); } };
}

interface SendOptions { headers?: Record<string, string>; lang?: 'en' | 'zh-CN'; csrf?: boolean }

/** A browser-like client: keeps cookies, echoes the XSRF-TOKEN cookie on writes. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance, readonly ip = '127.0.0.1') {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, options: SendOptions = {}) {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/v1/health');
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false) headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN') ?? '';
    if (options.lang) headers['accept-language'] = options.lang;
    const isBuffer = Buffer.isBuffer(body);
    if (body !== undefined && !isBuffer && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await this.app.inject({
      method, url, headers, remoteAddress: this.ip,
      payload: body === undefined ? undefined : isBuffer ? body : JSON.stringify(body),
    });
    this.remember(res);
    return res;
  }

  get(url: string, options?: SendOptions) { return this.request('GET', url, undefined, options); }
  post(url: string, body: unknown = {}, options?: SendOptions) { return this.request('POST', url, body, options); }
  patch(url: string, body: unknown, options?: SendOptions) { return this.request('PATCH', url, body, options); }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res.json().user;
  }
}

/** POSTs `file` as the multipart/form-data field "file", as the web app's upload controls do. */
export function upload(client: TestClient, url: string, file: Buffer, name = 'data.xlsx') {
  const boundary = `----kc${Date.now()}${Math.random().toString(36).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return client.request('POST', url, body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/** A client already signed in as a demo account. */
export async function signedIn(app: FastifyInstance, username: string): Promise<TestClient> {
  const client = new TestClient(app);
  await client.login(username);
  return client;
}

export { DEMO_PASSWORD };

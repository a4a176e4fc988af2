import path from 'node:path';

/** Everything the server reads from its environment, read once. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… when running on PostgreSQL; null for the embedded PGlite database. */
  databaseUrl: string | null;
  /** PGlite data directory (or memory:// in tests). */
  dataDir: string;
  /** Load the demo region and accounts into an empty database. */
  demo: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Client-side bound on every query; a query that takes longer fails with DB_TIMEOUT. */
  queryTimeoutMs: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
  webDir: string;
  /** LOG_LEVEL: fatal, error, warn, info (one line per request), debug, trace or silent. */
  logLevel: LogLevel;
  /** Run the job queue (outbox delivery, scheduled jobs) in this server; KECHUANG_JOBS=0 turns it off. */
  jobs: boolean;
  /** Where SMS / e-mail / WeChat messages are POSTed as JSON (a gateway); null: written to stderr. */
  smsWebhook: string | null;
  emailWebhook: string | null;
  wechatWebhook: string | null;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.LOG_LEVEL?.trim().toLowerCase();
  if (!value) return env.KECHUANG_LOG === '0' ? 'silent' : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new Error(`LOG_LEVEL 的值 "${env.LOG_LEVEL}" 无效，可选：${LOG_LEVELS.join(', ')}。 Invalid LOG_LEVEL "${env.LOG_LEVEL}"; use one of ${LOG_LEVELS.join(', ')}.`);
  }
  return value as LogLevel;
}

function intFromEnv(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const demoDefault = databaseUrl ? false : true;
  return {
    port: intFromEnv(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.KECHUANG_DATA ?? 'data'),
    demo: env.KECHUANG_DEMO === undefined || env.KECHUANG_DEMO === '' ? demoDefault : env.KECHUANG_DEMO !== '0',
    sessionIdleMinutes: intFromEnv(env.KECHUANG_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: intFromEnv(env.KECHUANG_SESSION_MAX_HOURS, 12),
    queryTimeoutMs: intFromEnv(env.KECHUANG_QUERY_TIMEOUT_MS, 30_000),
    secureCookies: env.KECHUANG_SECURE_COOKIES === '1',
    trustProxy: env.KECHUANG_TRUST_PROXY === '1',
    webDir: path.resolve(env.KECHUANG_WEB_DIR ?? 'dist/web'),
    logLevel: logLevelFromEnv(env),
    jobs: env.KECHUANG_JOBS !== '0',
    smsWebhook: env.KECHUANG_SMS_WEBHOOK?.trim() || null,
    emailWebhook: env.KECHUANG_EMAIL_WEBHOOK?.trim() || null,
    wechatWebhook: env.KECHUANG_WECHAT_WEBHOOK?.trim() || null,
  };
}

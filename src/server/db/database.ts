/**
 * The one database handle the app uses: a `pg` pool, whether the server behind it is the
 * embedded PGlite process or PostgreSQL. Every query is bounded by a client-side timeout.
 */
import pg from 'pg';
import type { Config } from '../config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';

// bigint ids and counts arrive as strings from pg; ours fit comfortably in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` columns stay 'YYYY-MM-DD' strings: no time-zone shifts.
pg.types.setTypeParser(1082, (v) => v);

/** What a query can run on: the pool, or the client of an open transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database extends Queryable {
  kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction on one client. On the embedded database every statement
   * inside must go through `tx` (the socket server runs one transaction at a time, so a query on
   * another connection would wait for the transaction that waits for it).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  embedded: EmbeddedDatabase | null;
  /** How to open one more connection to the same database (backup, COPY). */
  connection: pg.ClientConfig;
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  queryTimeoutMs: number;
  poolSize?: number;
  /** Watchdog settings of the embedded database (tests shorten them). */
  pingEveryMs?: number;
  hangMs?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let connection: pg.PoolConfig;
  if (options.databaseUrl) {
    // jit off: the app's queries are short and many; PostgreSQL 15 compiled some of them with LLVM at
    // each run (hundreds of ms for a 20 ms query — bench/RESULTS.md, projects and market)
    connection = { connectionString: options.databaseUrl, statement_timeout: options.queryTimeoutMs, options: '-c jit=off' };
  } else {
    embedded = await startEmbeddedDatabase({ dataDir: options.dataDir, pingEveryMs: options.pingEveryMs, hangMs: options.hangMs });
    connection = { ...embedded.connectionConfig };
  }
  const pool = new pg.Pool({
    ...connection,
    max: options.poolSize ?? (embedded ? 5 : 10),
    query_timeout: options.queryTimeoutMs,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection dropped by a restarting database process must not crash the server.
  pool.on('error', (error) => console.error('database connection lost:', error.message));

  // Every answered query tells the watchdog the database process is alive; a client-side
  // timeout does not (the process may be stuck on exactly that query).
  const observed = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      embedded?.noteActivity();
      return result;
    } catch (error) {
      if (!String((error as Error)?.message).includes('timeout')) embedded?.noteActivity();
      throw error;
    }
  };

  const database: Database = {
    kind: embedded ? 'pglite' : 'postgres',
    embedded,
    connection,
    query: (text, values) => observed(() => pool.query(text, values as any[])),
    async transaction(work) {
      const client = await pool.connect();
      // A connection lost mid-transaction rejects the running query; without a listener the
      // client's 'error' event would also crash the process.
      const onError = () => {};
      client.on('error', onError);
      const tx: Queryable = { query: (text, values) => observed(() => client.query(text, values as any[])) };
      let broken = false;
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => { broken = true; });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
  return database;
}

export function openDatabaseFromConfig(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, queryTimeoutMs: config.queryTimeoutMs });
}

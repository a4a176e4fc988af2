/**
 * Minimal reproduction for the pglite-socket report: concurrent connections that send
 * parameterised queries (Parse / Bind / Describe / Execute / Sync, as node-postgres does) get
 * each other's answers on the stock PGLiteSocketServer, because its queue runs the messages of
 * all connections one message at a time and so lets another connection's Parse replace the
 * unnamed statement between this connection's Parse and Bind.
 *
 *   node --import tsx bench/pglite-socket-crossing.ts [stock|patched|both] [clients] [queries] [split|whole]
 *
 * Each of `clients` connections runs `queries` times a statement of its own (its number is in the
 * SQL text) with its own name and a counter, and checks that the row it gets back is its own.
 * Even connections also bind a 100 KB text (a document, a JSON body).
 *
 * node-postgres writes Parse, Bind, Describe, Execute and Sync as five socket writes. The stock
 * server runs each complete message as soon as it has read it, so whenever a request reaches it in
 * more than one read — a Bind larger than one read, or a busy machine where the server reads
 * between the client's writes — other connections' messages run in between. On an idle machine
 * small requests mostly arrive in one read, so the script makes that split happen the way a busy
 * machine does: each client's writes leave in separate event-loop turns (`split`, the default;
 * `whole` leaves them as they are, and then only the large Binds cross, rarely). Prints, per
 * server, the answers that were someone else's, the errors, and the elapsed time; exits 1 when
 * the patched server (ours, src/server/db/pglite-socket-server.ts) crossed or failed anything.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

type Kind = 'stock' | 'patched';
const LARGE = '科'.repeat(34_000); // ~100 KB as UTF-8

/** The server half: PGlite in memory behind the chosen socket server, in a child process. */
async function serve(kind: Kind, socketPath: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const Server = kind === 'stock'
    ? (await import('@electric-sql/pglite-socket')).PGLiteSocketServer
    : (await import('../src/server/db/pglite-socket-server')).PGLiteSocketServer;
  const server = new Server({ db, path: socketPath, maxConnections: 64 });
  await server.start();
  process.send?.('ready');
  process.on('disconnect', () => process.exit(0));
}

interface Outcome { kind: Kind; clients: number; queries: number; crossed: number; errors: number; ms: number; sampleError?: string; sampleCrossing?: string }

async function measure(kind: Kind, clients: number, queries: number, split: boolean): Promise<Outcome> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cross-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, socketPath], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => { child.once('message', () => resolve()); child.once('exit', () => reject(new Error('server exited'))); });
  const outcome: Outcome = { kind, clients, queries, crossed: 0, errors: 0, ms: 0 };
  const started = Date.now();
  try {
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      const who = `client-${c}`;
      const client = new pg.Client({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', query_timeout: 10_000 });
      client.on('error', () => {});
      await client.connect();
      if (split) {
        // the same bytes in the same order, one message per event-loop turn
        const stream = (client as any).connection.stream;
        const write = stream.write.bind(stream);
        let last = Promise.resolve();
        stream.write = (chunk: Buffer, ...rest: unknown[]) => {
          last = last.then(() => new Promise<void>((r) => setImmediate(() => { write(chunk, ...rest); r(); })));
          return true;
        };
      }
      for (let n = 0; n < queries; n++) {
        try {
          const { rows } = c % 2
            ? await client.query(`SELECT $1::text AS who, ${n} AS n, ${c} AS c`, [who])
            : await client.query(`SELECT $1::text AS who, $2::int AS n, ${c} AS c, length($3) AS len`, [who, n, LARGE]);
          if (rows[0]?.who !== who || rows[0]?.n !== n || rows[0]?.c !== c) {
            outcome.crossed++;
            if (rows[0] || !outcome.sampleCrossing) outcome.sampleCrossing = outcome.sampleCrossing?.includes('got {') ? outcome.sampleCrossing : `${who} #${n} got ${JSON.stringify(rows[0])}`;
          }
        } catch (error) {
          outcome.errors++;
          outcome.sampleError ??= (error as Error).message;
          if (/timeout|terminated|ECONN/i.test((error as Error).message)) break; // the connection is gone
        }
      }
      await client.end().catch(() => {});
    }));
  } finally {
    outcome.ms = Date.now() - started;
    child.disconnect();
    child.kill();
    fs.rmSync(socketDir, { recursive: true, force: true });
  }
  return outcome;
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as Kind, process.argv[4]);
} else {
  const which = process.argv[2] ?? 'both';
  const clients = Number(process.argv[3] ?? 20);
  const queries = Number(process.argv[4] ?? 200);
  const split = (process.argv[5] ?? 'split') === 'split';
  const kinds: Kind[] = which === 'both' ? ['stock', 'patched'] : [which as Kind];
  let patchedFailed = false;
  for (const kind of kinds) {
    const o = await measure(kind, clients, queries, split);
    const total = o.clients * o.queries;
    console.log(`${kind.padEnd(7)} ${o.clients} connections × ${o.queries} queries: ${o.crossed} answers belonged to another connection, ${o.errors} errors, ${o.ms} ms (${Math.round(total / (o.ms / 1000))} queries/s)`);
    if (o.sampleCrossing) console.log(`        e.g. ${o.sampleCrossing}`);
    if (o.sampleError) console.log(`        e.g. error: ${o.sampleError}`);
    if (kind === 'patched' && (o.crossed > 0 || o.errors > 0)) patchedFailed = true;
  }
  process.exit(patchedFailed ? 1 : 0);
}

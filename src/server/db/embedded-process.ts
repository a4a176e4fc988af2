/**
 * The embedded database process: PGlite behind pglite-socket on a private Unix socket.
 *
 * PGlite runs queries synchronously on the thread that calls it, so it never runs inside the
 * app server: the server forks this file, speaks the PostgreSQL wire protocol to it with `pg`,
 * and kills and restarts it if it stops answering (see embedded.ts).
 *
 * argv: <dataDir|memory://> <socketPath>. Reports {type:'ready'} or {type:'error'} over IPC and
 * closes the database cleanly when its parent goes away.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from './pglite-socket-server';

const [dataDir, socketPath] = process.argv.slice(2);

async function main(): Promise<void> {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
  await server.start();

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    try {
      await server.stop();
      await db.close();
    } finally {
      process.exit(code);
    }
  };
  process.on('disconnect', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Ctrl-C in a terminal reaches the whole process group: the server, which owns this process,
  // closes its connections first and then stops it (SIGTERM or disconnect); alone, stop at once.
  process.on('SIGINT', () => { if (!process.connected) void shutdown(0); });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});

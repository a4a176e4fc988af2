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
  // A signal to the whole process group (Ctrl-C in a terminal, systemd's stop) reaches this process
  // too: the server, which owns it, closes its connections first and then disconnects. So while the
  // server is there, give it 10 s to do that; alone, stop at once.
  const onSignal = () => {
    if (!process.connected) return void shutdown(0);
    setTimeout(() => void shutdown(0), 10_000).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});

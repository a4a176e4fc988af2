/**
 * The socket server in front of PGlite: many connections, one PGlite session. The first test
 * fails on the stock @electric-sql/pglite-socket 0.2.17 (answers cross, and once a message
 * fails there its queue stops for every connection, so the run hangs until it times out). The
 * others guard what our server adds: cleaning up after a connection that leaves mid-transaction
 * or mid-request (the first version deadlocked there, calling db.exec under its own lock).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGLiteSocketServer } from './pglite-socket-server';

describe('PGlite socket server', () => {
  let db: PGlite;
  let server: PGLiteSocketServer;
  let socketDir: string;
  const connect = async () => {
    const client = new pg.Client({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', query_timeout: 10_000 });
    client.on('error', () => {});
    await client.connect();
    return client;
  };

  before(async () => {
    db = await PGlite.create();
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-sock-'));
    server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 32 });
    await server.start();
    await db.exec('CREATE TABLE t (n int)');
  });
  after(async () => {
    await server.stop();
    await db.close();
    fs.rmSync(socketDir, { recursive: true, force: true });
  });

  it('answers each connection with its own statement and parameters when requests arrive in pieces', async () => {
    const clients = await Promise.all(Array.from({ length: 12 }, connect));
    let crossed = 0;
    let failed = 0;
    await Promise.all(clients.map(async (client, c) => {
      // node-postgres writes Parse, Bind, Describe, Execute, Sync separately; deliver each in its
      // own event-loop turn, as a busy machine does, so requests reach the server in pieces
      const stream = (client as any).connection.stream;
      const write = stream.write.bind(stream);
      let last = Promise.resolve();
      stream.write = (chunk: Buffer) => { last = last.then(() => new Promise<void>((r) => setImmediate(() => { write(chunk); r(); }))); return true; };
      for (let n = 0; n < 60; n++) {
        try {
          const { rows } = c % 2
            ? await client.query(`SELECT $1::text AS who, ${c} AS c`, [`client-${c}`])
            : await client.query(`SELECT $1::text AS who, $2::int AS n, ${c} AS c`, [`client-${c}`, n]);
          if (rows[0].who !== `client-${c}` || rows[0].c !== c || (c % 2 === 0 && rows[0].n !== n)) crossed++;
        } catch {
          failed++;
        }
      }
    }));
    await Promise.all(clients.map((c) => c.end()));
    assert.deepEqual({ crossed, failed }, { crossed: 0, failed: 0 });
  });

  it('keeps a transaction to its connection, and rolls it back when that connection goes away', async () => {
    const a = await connect();
    const b = await connect();
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES ($1)', [1]);
    const other = b.query('SELECT count(*)::int AS n FROM t'); // waits for a's transaction
    let answered = false;
    void other.then(() => { answered = true; });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(answered, false, 'another connection does not run inside a’s transaction');
    (a as any).connection.stream.destroy(); // a disappears without COMMIT
    assert.equal((await other).rows[0].n, 0, 'a’s insert was rolled back');
    assert.equal((await b.query('SELECT 1 AS one')).rows[0].one, 1);
    await b.end();
  });

  it('serves others after a connection stops halfway through a request, or fails one', async () => {
    const b = await connect();
    // a raw client: startup, then Parse + Flush (an open extended-protocol batch), then gone
    const raw = net.createConnection(path.join(socketDir, '.s.PGSQL.5432'));
    await new Promise((r) => raw.once('connect', r));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4);
    params.copy(startup, 8);
    raw.write(startup);
    await new Promise((r) => raw.once('data', r));
    const sql = Buffer.from('SELECT 42\0');
    const parse = Buffer.alloc(1 + 4 + 1 + sql.length + 2);
    parse.write('P', 0);
    parse.writeInt32BE(parse.length - 1, 1);
    parse.writeUInt8(0, 5); // unnamed statement
    sql.copy(parse, 6);
    parse.writeInt16BE(0, 6 + sql.length);
    raw.write(Buffer.concat([parse, Buffer.from([0x48, 0, 0, 0, 4])])); // Flush: keeps its turn
    await new Promise((r) => raw.once('data', r));
    raw.destroy();
    await assert.rejects(b.query('SELECT * FROM no_such_table'), /does not exist/);
    assert.equal((await b.query('SELECT $1::int AS n', [7])).rows[0].n, 7);
    await b.end();
  });
});

/**
 * A PostgreSQL wire-protocol server for one PGlite instance, shared by many connections.
 *
 * Derived from @electric-sql/pglite-socket 0.2.17 (packages/pglite-socket/src/index.ts,
 * Copyright Electric DB Limited, Apache License 2.0: see pglite-socket-server.LICENSE beside this
 * file). Changed here, and why:
 *
 * - **A connection's turn lasts a whole request.** Upstream queues every protocol message on its
 *   own and runs the queue in arrival order, so between one connection's Parse and its Bind
 *   another connection's Parse could run and replace the unnamed statement: parameters were
 *   bound into someone else's query and answers went back crossed (a session token answered as
 *   another user). Here a connection's messages are collected until Sync (extended protocol) or a
 *   simple Query, and the batch runs as one unit, whatever the socket's chunking. Flush runs what
 *   has arrived and keeps the turn until that connection's Sync.
 * - As upstream, a connection inside a transaction block keeps the turn until it ends.
 * - A failed unit rejects that unit only; upstream's queue stopped for good after one failure.
 * - A connection that goes away while holding the turn has its batch closed with Sync and its
 *   transaction rolled back, so the next connection starts clean.
 * - Only what kechuang uses is kept: Unix socket or TCP, no inspect mode, no idle timeout.
 *
 * bench/pglite-socket-crossing.ts reproduces the crossing on the stock server and shows none here.
 */
import type { PGlite } from '@electric-sql/pglite';
import { createServer, type Server, type Socket } from 'node:net';

const SSL_REQUEST_CODE = 80877103;
const CANCEL_REQUEST_CODE = 80877102;
const PROTOCOL_3 = 196608;
/** Sync: 'S' with length 4. Ends an extended-protocol batch of a connection that went away. */
const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

/** A simple Query message. (db.exec would wait for the lock that the caller already holds.) */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}
const ROLLBACK_MESSAGE = simpleQuery('ROLLBACK');

const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'

/** One connection's request: protocol messages that run together on PGlite. */
interface Unit {
  connectionId: number;
  bytes: Uint8Array;
  /** False after Flush: the extended-protocol batch is still open, so the turn stays. */
  endsBatch: boolean;
  onData: (data: Uint8Array) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Runs units one at a time on PGlite; a connection in a transaction or an open batch keeps its turn. */
class UnitQueue {
  private units: Unit[] = [];
  private running = false;
  /** The connection whose turn it is, or null when any may go next. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  run(connectionId: number, bytes: Uint8Array, endsBatch: boolean, onData: (data: Uint8Array) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.units.push({ connectionId, bytes, endsBatch, onData, resolve, reject });
      void this.drain();
    });
  }

  private next(): Unit | undefined {
    if (this.owner === null) return this.units.shift();
    const i = this.units.findIndex((u) => u.connectionId === this.owner);
    return i === -1 ? undefined : this.units.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.next(); unit; unit = this.next()) {
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(unit!.bytes, { onRawData: unit!.onData }));
          this.owner = this.db.isInTransaction() || !unit.endsBatch ? unit.connectionId : null;
          unit.resolve();
        } catch (error) {
          this.owner = this.db.isInTransaction() ? unit.connectionId : null;
          unit.reject(error as Error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** A connection went away: drop its waiting units; if it held the turn, leave PGlite clean. */
  async release(connectionId: number): Promise<void> {
    this.units = this.units.filter((u) => {
      if (u.connectionId !== connectionId) return true;
      u.reject(new Error('connection closed'));
      return false;
    });
    if (this.owner !== connectionId) return;
    // Wait for a unit of this connection that is running now, then clean up before anyone else.
    while (this.running) await new Promise((r) => setImmediate(r));
    if (this.owner === connectionId) {
      try {
        await this.db.runExclusive(async () => {
          await this.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => {} });
          if (this.db.isInTransaction()) await this.db.execProtocolRawStream(ROLLBACK_MESSAGE, { onRawData: () => {} });
        });
      } finally {
        this.owner = null;
      }
    }
    void this.drain();
  }

  get length(): number {
    return this.units.length;
  }
}

let nextConnectionId = 1;

/** One client connection: reassembles messages from the socket and submits them as units. */
class Connection {
  readonly id = nextConnectionId++;
  private buffer: Buffer = Buffer.alloc(0);
  /** Messages of the current extended-protocol batch, not yet submitted. */
  private batch: Buffer[] = [];
  /** Socket data is handled strictly in order, one chunk after the other. */
  private handling: Promise<void> = Promise.resolve();
  private open = true;

  constructor(private readonly socket: Socket, private readonly queue: UnitQueue, private readonly onClosed: () => void) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.handling = this.handling.then(() => this.receive(data)).catch(() => this.close());
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private send = (data: Uint8Array) => {
    if (data.length > 0 && this.open && this.socket.writable) this.socket.write(Buffer.from(data));
  };

  /** Length of the complete message at the start of the buffer, or 0 while it is incomplete. */
  private completeMessageLength(startup: boolean): number {
    const b = this.buffer;
    if (startup) {
      if (b.length < 4) return 0;
      const length = b.readInt32BE(0);
      return b.length >= length ? length : 0;
    }
    if (b.length < 5) return 0;
    const length = 1 + b.readInt32BE(1);
    return b.length >= length ? length : 0;
  }

  private started = false;

  private async receive(data: Buffer): Promise<void> {
    if (!this.open) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    for (;;) {
      const length = this.completeMessageLength(!this.started);
      if (length === 0) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (!this.started) {
        const code = message.length >= 8 ? message.readInt32BE(4) : 0;
        if (code === SSL_REQUEST_CODE) { this.send(Buffer.from('N')); continue; }
        if (code === CANCEL_REQUEST_CODE) continue; // PGlite has no backend to signal: ignored
        if (code === PROTOCOL_3) this.started = true;
        await this.queue.run(this.id, new Uint8Array(message), true, this.send);
        continue;
      }
      const type = message[0];
      if (type === TERMINATE) { this.close(); return; }
      this.batch.push(Buffer.from(message));
      if (type === QUERY || type === SYNC || type === FLUSH) {
        const bytes = new Uint8Array(Buffer.concat(this.batch));
        this.batch = [];
        await this.queue.run(this.id, bytes, type !== FLUSH, this.send);
      }
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.socket.removeAllListeners('data');
    if (!this.socket.destroyed) this.socket.destroy();
    void this.queue.release(this.id).finally(this.onClosed);
  }
}

export interface PGLiteSocketServerOptions {
  db: PGlite;
  /** Unix socket path; otherwise TCP on host:port. */
  path?: string;
  host?: string;
  port?: number;
  maxConnections?: number;
}

export class PGLiteSocketServer {
  readonly db: PGlite;
  private server: Server | null = null;
  private readonly connections = new Set<Connection>();
  private readonly queue: UnitQueue;

  constructor(private readonly options: PGLiteSocketServerOptions) {
    this.db = options.db;
    this.queue = new UnitQueue(options.db);
  }

  async start(): Promise<void> {
    await this.db.waitReady;
    const maxConnections = this.options.maxConnections ?? 16;
    const server = createServer((socket) => {
      if (this.connections.size >= maxConnections) {
        socket.end('Too many connections\n');
        return;
      }
      const connection: Connection = new Connection(socket, this.queue, () => this.connections.delete(connection));
      this.connections.add(connection);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const listening = () => { server.off('error', reject); resolve(); };
      if (this.options.path) server.listen(this.options.path, listening);
      else server.listen(this.options.port ?? 5432, this.options.host ?? '127.0.0.1', listening);
    });
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.close();
    this.connections.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  stats() {
    return { connections: this.connections.size, queuedUnits: this.queue.length };
  }
}

// The phone's outbox of service logs (服务日志): a log and its photos are kept on the phone first
// and sent from here, so a log written in a village without signal is not lost and is sent once
// the connection is back. Each log carries a client-made uuid (clientId) and so does each photo:
// the server answers a repeat with what it stored, so sending again after a lost answer never makes
// a second log. An item leaves the outbox only once the server has acknowledged the log and every
// photo. Pure logic: the store (IndexedDB in the browser) and the transport (HTTP) are passed in,
// so it is unit-tested in node (logQueue.test.ts).

/** The log as the form wrote it (the body of POST /service-logs without clientId). */
export interface LogBody {
  dispatchId: number;
  date: string;
  villageCode?: string;
  orgId?: number;
  days: number;
  serviceType: string;
  content: string;
  [field: string]: unknown;
}

export interface QueuedPhoto {
  clientId: string;
  fileName: string;
  contentType: string;
  blob: Blob;
  /** the server has it */
  sent: boolean;
}

export interface QueuedLog {
  clientId: string;
  /** whose session may send it (a shared phone: another user's items wait for them) */
  userId: string;
  body: LogBody;
  photos: QueuedPhoto[];
  createdAt: number;
  /** the server's id, once the log itself was acknowledged (photos may still be waiting) */
  serverId?: number;
  attempts: number;
  /** not before this time (ms) unless the connection just came back */
  nextAttemptAt: number;
  /** the server refused it (4xx): kept, shown with the reason, never sent again by itself */
  refused?: { code: string; message: string };
  lastError?: string;
}

export interface QueueStore {
  all(): Promise<QueuedLog[]>;
  put(item: QueuedLog): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/** Failures carry the HTTP status (0 = no connection), as ApiError does. */
export interface SendError { status: number; code?: string; message?: string }

export interface Transport {
  /** POST /service-logs; resolves with the stored log's id (201 new, 200 a repeat). */
  postLog(clientId: string, body: LogBody): Promise<{ id: number }>;
  /** POST /service-logs/:id/photos?clientId=… (201 new, 200 a repeat). */
  postPhoto(logId: number, photo: QueuedPhoto): Promise<void>;
}

export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s … up to 5 minutes after the n-th failed attempt. */
export function backoff(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** What a failure means for the item: wait for the network, retry later, the user must sign in, or refused. */
export function classify(error: unknown): 'offline' | 'retry' | 'auth' | 'refused' {
  const status = typeof (error as SendError)?.status === 'number' ? (error as SendError).status : 0;
  if (status === 0) return 'offline';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

export interface FlushResult { sent: string[]; waiting: number; stopped?: 'offline' | 'auth' }

export class LogQueue {
  private running: Promise<FlushResult> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: QueueStore,
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after every change of the outbox (the page re-reads it). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  /** The outbox of `userId`, oldest first. */
  async items(userId: string): Promise<QueuedLog[]> {
    return (await this.store.all()).filter((item) => item.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Keeps a new log on the phone (before any sending). */
  async add(userId: string, clientId: string, body: LogBody, photos: Omit<QueuedPhoto, 'sent'>[]): Promise<QueuedLog> {
    const item: QueuedLog = {
      clientId, userId, body, photos: photos.map((p) => ({ ...p, sent: false })),
      createdAt: this.now(), attempts: 0, nextAttemptAt: 0,
    };
    await this.store.put(item);
    this.changed();
    return item;
  }

  /** The user gives up a refused item (the only way an unsent item leaves). */
  async discard(clientId: string): Promise<void> {
    await this.store.delete(clientId);
    this.changed();
  }

  /** Sends a refused item again (after the user fixed what was wrong elsewhere, e.g. signed in). */
  async retry(clientId: string): Promise<void> {
    const item = (await this.store.all()).find((i) => i.clientId === clientId);
    if (!item) return;
    await this.store.put({ ...item, refused: undefined, nextAttemptAt: 0 });
    this.changed();
  }

  /**
   * Sends what is due, one item at a time, oldest first; one run at a time (a second call while
   * one runs gets the same run). `force` ignores the backoff (the connection just came back).
   */
  flush(userId: string, force = false): Promise<FlushResult> {
    this.running ??= this.run(userId, force).finally(() => { this.running = null; });
    return this.running;
  }

  /** When the next attempt is due (ms since epoch), or null when nothing waits for a retry. */
  async nextDue(userId: string): Promise<number | null> {
    const due = (await this.items(userId)).filter((i) => !i.refused).map((i) => i.nextAttemptAt);
    return due.length ? Math.min(...due) : null;
  }

  private async run(userId: string, force: boolean): Promise<FlushResult> {
    const sent: string[] = [];
    let stopped: FlushResult['stopped'];
    for (const original of await this.items(userId)) {
      if (original.refused || (!force && original.nextAttemptAt > this.now())) continue;
      let item = original;
      try {
        if (item.serverId === undefined) {
          const { id } = await this.transport.postLog(item.clientId, item.body);
          item = { ...item, serverId: id };
          await this.store.put(item);
        }
        for (const photo of item.photos) {
          if (photo.sent) continue;
          await this.transport.postPhoto(item.serverId!, photo);
          item = { ...item, photos: item.photos.map((p) => (p.clientId === photo.clientId ? { ...p, sent: true } : p)) };
          await this.store.put(item);
        }
        await this.store.delete(item.clientId);
        sent.push(item.clientId);
      } catch (error) {
        const kind = classify(error);
        const message = (error as SendError)?.message ?? String(error);
        if (kind === 'refused') {
          await this.store.put({ ...item, refused: { code: (error as SendError).code ?? 'REFUSED', message } });
          continue;
        }
        const attempts = item.attempts + 1;
        await this.store.put({ ...item, attempts, nextAttemptAt: this.now() + backoff(attempts), lastError: message });
        // no connection or no session: the rest would fail the same way
        if (kind === 'offline' || kind === 'auth') { stopped = kind; break; }
      } finally {
        this.changed();
      }
    }
    const waiting = (await this.items(userId)).length;
    return { sent, waiting, stopped };
  }
}

/** A uuid made on the phone (crypto.randomUUID; a fallback for old WebViews without it). */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

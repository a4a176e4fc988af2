import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoff, classify, LogQueue, newClientId, RETRY_MAX_MS, type LogBody, type QueuedLog, type QueueStore, type QueuedPhoto, type Transport } from './logQueue';

/** The phone's store, in memory (structured copies, as IndexedDB keeps them). */
class MemoryStore implements QueueStore {
  rows = new Map<string, QueuedLog>();
  async all() { return [...this.rows.values()].map((r) => ({ ...r, photos: r.photos.map((p) => ({ ...p })) })); }
  async put(item: QueuedLog) { this.rows.set(item.clientId, { ...item, photos: item.photos.map((p) => ({ ...p })) }); }
  async delete(clientId: string) { this.rows.delete(clientId); }
}

/**
 * A server as the contract says: a repeated clientId answers the stored log (never a second one), a repeated
 * photo clientId the stored photo. `network` decides each request: 'up', 'down' (fails before reaching the
 * server) or 'lost' (the server stores it, the answer is lost on the way back).
 */
class FakeServer implements Transport {
  logs = new Map<string, { id: number; body: LogBody }>();
  photos = new Map<string, { logId: number; size: number }>();
  requests = 0;
  network: () => 'up' | 'down' | 'lost' = () => 'up';
  refuse: ((body: LogBody) => { status: number; code: string; message: string } | null) = () => null;
  private nextId = 1;

  async postLog(clientId: string, body: LogBody) {
    this.requests += 1;
    const net = this.network();
    if (net === 'down') throw { status: 0, code: 'NETWORK_ERROR', message: 'offline' };
    const refused = this.refuse(body);
    if (refused) throw refused;
    let stored = this.logs.get(clientId);
    if (!stored) { stored = { id: this.nextId++, body }; this.logs.set(clientId, stored); }
    if (net === 'lost') throw { status: 0, code: 'NETWORK_ERROR', message: 'answer lost' };
    return { id: stored.id };
  }

  async postPhoto(logId: number, photo: QueuedPhoto) {
    this.requests += 1;
    const net = this.network();
    if (net === 'down') throw { status: 0, message: 'offline' };
    if (!this.photos.has(photo.clientId)) this.photos.set(photo.clientId, { logId, size: photo.blob.size });
    if (net === 'lost') throw { status: 0, message: 'answer lost' };
  }
}

const body = (content: string): LogBody => ({ dispatchId: 7, date: '2026-11-24', villageCode: '621022100201', days: 1, serviceType: 'training', content, trained: 30 });
const photo = (name: string): Omit<QueuedPhoto, 'sent'> => ({ clientId: newClientId(), fileName: name, contentType: 'image/png', blob: new Blob([new Uint8Array(64)], { type: 'image/png' }) });

function setup() {
  let clock = 1_000_000;
  const store = new MemoryStore();
  const server = new FakeServer();
  const queue = new LogQueue(store, server, () => clock);
  return { store, server, queue, advance: (ms: number) => { clock += ms; }, now: () => clock };
}

describe('the phone outbox of service logs', () => {
  it('sends a log and its photos, then forgets them', async () => {
    const { store, server, queue } = setup();
    await queue.add('u1', newClientId(), body('玉米全膜双垄沟播技术培训'), [photo('a.png'), photo('b.png')]);
    const result = await queue.flush('u1');
    assert.equal(result.sent.length, 1);
    assert.equal(server.logs.size, 1);
    assert.equal(server.photos.size, 2);
    assert.equal(store.rows.size, 0, 'removed once acknowledged');
  });

  it('offline: keeps the log and its photos (as Blobs), backs off, and sends once when the connection is back', async () => {
    const { store, server, queue, advance, now } = setup();
    server.network = () => 'down';
    const clientId = newClientId();
    await queue.add('u1', clientId, body('苹果树冬季修剪现场指导'), [photo('p.png')]);
    const first = await queue.flush('u1');
    assert.equal(first.stopped, 'offline');
    assert.equal(first.waiting, 1);
    const kept = store.rows.get(clientId)!;
    assert.ok(kept.photos[0].blob instanceof Blob && kept.photos[0].blob.size === 64, 'the photo is kept as a Blob');
    assert.equal(kept.attempts, 1);
    assert.equal(kept.nextAttemptAt, now() + backoff(1));

    // not due yet: a timer-driven flush does not even try
    const before = server.requests;
    await queue.flush('u1');
    assert.equal(server.requests, before, 'nothing sent before the backoff has passed');
    advance(backoff(1));
    await queue.flush('u1');
    assert.equal(store.rows.get(clientId)!.attempts, 2);
    assert.equal(store.rows.get(clientId)!.nextAttemptAt, now() + backoff(2), 'the wait doubles');

    // the connection is back (online event: forced, whatever the backoff)
    server.network = () => 'up';
    const back = await queue.flush('u1', true);
    assert.deepEqual(back.sent, [clientId]);
    assert.equal(server.logs.size, 1);
    assert.equal(server.photos.size, 1);
    assert.equal(store.rows.size, 0);
  });

  it('a lost answer: the log is sent again with the same clientId and the server keeps one', async () => {
    const { store, server, queue } = setup();
    const answers = ['lost', 'up', 'lost', 'up', 'up'] as const;
    let i = 0;
    server.network = () => answers[Math.min(i++, answers.length - 1)];
    const clientId = newClientId();
    await queue.add('u1', clientId, body('马铃薯晚疫病防治咨询'), [photo('x.png')]);
    await queue.flush('u1', true); // log stored, answer lost
    assert.equal(server.logs.size, 1);
    assert.equal(store.rows.get(clientId)?.serverId, undefined, 'not acknowledged: still waiting');
    await queue.flush('u1', true); // log repeated (200, same id); photo stored, answer lost
    assert.equal(store.rows.get(clientId)?.serverId, 1);
    await queue.flush('u1', true); // photo repeated
    assert.equal(server.logs.size, 1, 'one log');
    assert.equal(server.photos.size, 1, 'one photo');
    assert.equal(store.rows.size, 0);
  });

  it('replaying the same submission three times makes one log', async () => {
    const { server, queue, store } = setup();
    const clientId = newClientId();
    const item = await queue.add('u1', clientId, body('黄花菜种植示范'), []);
    await queue.flush('u1');
    // the same item put back twice more (e.g. restored from a backup of the phone) and sent again
    for (let n = 0; n < 2; n++) { await store.put(item); await queue.flush('u1'); }
    assert.equal(server.logs.size, 1);
  });

  it('parallel flushes (online event, timer, button at once) share one run', async () => {
    const { server, queue } = setup();
    for (let n = 0; n < 3; n++) await queue.add('u1', newClientId(), body(`日志 ${n}`), [photo('p.png')]);
    const runs = await Promise.all([queue.flush('u1', true), queue.flush('u1'), queue.flush('u1', true)]);
    assert.equal(runs[0], runs[1]);
    assert.equal(server.logs.size, 3);
    assert.equal(server.requests, 6, 'each log and photo sent once');
  });

  it('a refusal (4xx) is kept with its reason and not sent again by itself; the user may discard it', async () => {
    const { server, queue, store } = setup();
    server.refuse = (b) => (b.content === 'bad' ? { status: 422, code: 'DISPATCH_NOT_ACTIVE', message: '派驻未生效' } : null);
    const bad = newClientId();
    await queue.add('u1', bad, body('bad'), []);
    await queue.add('u1', newClientId(), body('good'), []);
    const result = await queue.flush('u1', true);
    assert.equal(result.sent.length, 1, 'the next item is still sent');
    assert.equal(store.rows.get(bad)?.refused?.code, 'DISPATCH_NOT_ACTIVE');
    const requests = server.requests;
    await queue.flush('u1', true);
    assert.equal(server.requests, requests, 'a refused item is not retried by itself');
    await queue.discard(bad);
    assert.equal(store.rows.size, 0);
  });

  it('a server error (5xx) is retried later; a lost session (401) stops the run and keeps everything', async () => {
    const { server, queue, store } = setup();
    let status = 503;
    server.postLog = async () => { throw { status, message: 'x' }; };
    const id = newClientId();
    await queue.add('u1', id, body('a'), []);
    await queue.flush('u1', true);
    assert.equal(store.rows.get(id)?.attempts, 1);
    assert.equal(store.rows.get(id)?.refused, undefined);
    status = 401;
    const r = await queue.flush('u1', true);
    assert.equal(r.stopped, 'auth');
    assert.equal(store.rows.size, 1);
  });

  it('sends only the signed-in user’s items', async () => {
    const { server, queue, store } = setup();
    await queue.add('u1', newClientId(), body('mine'), []);
    await queue.add('u2', newClientId(), body('theirs'), []);
    await queue.flush('u1', true);
    assert.equal(server.logs.size, 1);
    assert.equal([...store.rows.values()][0].userId, 'u2');
    assert.equal((await queue.items('u1')).length, 0);
  });

  it('backoff and classification', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoff), [2000, 4000, 8000, 16000]);
    assert.equal(backoff(40), RETRY_MAX_MS);
    assert.equal(classify({ status: 0 }), 'offline');
    assert.equal(classify(new TypeError('Failed to fetch')), 'offline');
    assert.equal(classify({ status: 502 }), 'retry');
    assert.equal(classify({ status: 429 }), 'retry');
    assert.equal(classify({ status: 401 }), 'auth');
    assert.equal(classify({ status: 422 }), 'refused');
    assert.match(newClientId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

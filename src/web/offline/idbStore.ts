// The outbox's store on the phone: IndexedDB (it keeps Blobs, so photos stay photos, and it
// survives a reload, a closed tab and a restarted phone), one record per log, keyed by clientId.
import type { QueuedLog, QueueStore } from './logQueue';

const DB_NAME = 'kechuang-offline';
const STORE = 'service-logs';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opening = null; reject(request.error); };
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    // resolved when the transaction has committed: a put is on disk before the page says "kept"
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const idbStore: QueueStore = {
  all: async () => ((await run<QueuedLog[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedLog[]>)) ?? []),
  put: async (item) => { await run('readwrite', (s) => { s.put(item); }); },
  delete: async (clientId) => { await run('readwrite', (s) => { s.delete(clientId); }); },
};

// The outbox in a page: its items for the signed-in user, re-read after each change, and the
// sending — at once after a log is added, when the browser says the connection is back (online
// event), and on a timer at the backoff's next due time while anything waits.
import { useCallback, useEffect, useRef, useState } from 'react';
import { idbStore } from './idbStore';
import { httpTransport } from './httpTransport';
import { LogQueue, type LogBody, type QueuedLog, type QueuedPhoto } from './logQueue';

/** One outbox for the whole app (its single-run guard must be shared by every caller). */
export const logOutbox = new LogQueue(idbStore, httpTransport);

export function useLogOutbox(userId: string | undefined, onSent?: () => void) {
  const [items, setItems] = useState<QueuedLog[]>([]);
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sentRef = useRef(onSent);
  sentRef.current = onSent;

  const reload = useCallback(async () => {
    if (!userId) return;
    setItems(await logOutbox.items(userId).catch(() => []));
  }, [userId]);

  const flush = useCallback(async (force = false) => {
    if (!userId) return;
    const result = await logOutbox.flush(userId, force).catch(() => null);
    if (result?.sent.length) sentRef.current?.();
    // the next try, at the backoff's due time
    if (timer.current) clearTimeout(timer.current);
    const due = await logOutbox.nextDue(userId).catch(() => null);
    if (due !== null) timer.current = setTimeout(() => void flush(), Math.max(1_000, due - Date.now()));
  }, [userId]);

  useEffect(() => {
    void reload();
    const unsubscribe = logOutbox.subscribe(() => void reload());
    const back = () => { setOnline(true); void flush(true); };
    const gone = () => setOnline(false);
    window.addEventListener('online', back);
    window.addEventListener('offline', gone);
    void flush(true);
    return () => {
      unsubscribe();
      window.removeEventListener('online', back);
      window.removeEventListener('offline', gone);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reload, flush]);

  const add = useCallback(async (clientId: string, body: LogBody, photos: Omit<QueuedPhoto, 'sent'>[]) => {
    if (!userId) throw new Error('not signed in');
    await logOutbox.add(userId, clientId, body, photos);
    void flush(true);
  }, [userId, flush]);

  return {
    items,
    online,
    add,
    sendNow: () => flush(true),
    discard: (clientId: string) => logOutbox.discard(clientId),
    retry: async (clientId: string) => { await logOutbox.retry(clientId); await flush(true); },
  };
}

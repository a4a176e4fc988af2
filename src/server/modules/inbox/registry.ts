/**
 * 待办: what is waiting for the signed-in user's action, from every module. A module describes each
 * kind of to-do it has as a query over its own data, limited to the user's scope in its SQL —
 * computed on every read, never copied into a table that could go stale. kinds.ts lists them.
 */
import type { Database } from '../../db/database';
import type { Actor, Role } from '../../http/actor';
import type { Lang } from '../../http/messages';
import { todayInChina } from '../../../domain/dates';

export interface InboxItem {
  kind: string;
  /** what is to be done, and to what */
  title: string;
  /** whose it is: the organisation, region or person concerned */
  whose?: string | null;
  /** the page where the user acts on it */
  link: string;
  /** waiting since (ISO time) */
  since: string;
  /** the deadline (YYYY-MM-DD), when there is one */
  dueOn?: string | null;
}

export interface InboxKind {
  kind: string;
  /** the kind's name as the inbox shows it: [zh, en] */
  name: [string, string];
  /** the roles that can have this kind of to-do (others are not asked) */
  roles: Role[];
  /** the actor's items of this kind, most urgent first, at most `limit`, and how many there are */
  list(db: Database, actor: Actor, lang: Lang, limit: number): Promise<{ items: InboxItem[]; count: number }>;
}

export interface Inbox {
  items: (InboxItem & { overdue: boolean })[];
  counts: Record<string, number>;
  kinds: { kind: string; name: string; count: number }[];
}

/** The actor's inbox: every kind that applies to their role, each capped at `limitPerKind`. */
export async function inboxOf(db: Database, kinds: InboxKind[], actor: Actor, lang: Lang, limitPerKind: number, today = todayInChina()): Promise<Inbox> {
  const mine = kinds.filter((k) => k.roles.includes(actor.role));
  // one kind after the other: on the embedded database the queries run one at a time anyway
  const results: { kind: InboxKind; items: InboxItem[]; count: number }[] = [];
  for (const kind of mine) results.push({ kind, ...(await kind.list(db, actor, lang, limitPerKind)) });
  const en = lang === 'en' ? 1 : 0;
  const items = results.flatMap((r) => r.items).map((item) => ({ ...item, overdue: !!item.dueOn && item.dueOn < today }));
  // overdue first, then by deadline, then the longest waiting
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue)
    || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999')
    || a.since.localeCompare(b.since));
  return {
    items,
    counts: Object.fromEntries(results.map((r) => [r.kind.kind, r.count])),
    kinds: results.map((r) => ({ kind: r.kind.kind, name: r.kind.name[en], count: r.count })),
  };
}

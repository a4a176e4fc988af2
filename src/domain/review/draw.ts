/**
 * 抽取: experts drawn at random for review items, reproducible from a recorded seed, balanced in
 * load, the right number per item, never one in conflict and never one already on (or once
 * declined from) the item. Pure; the caller gathers the candidates and records the seed.
 */
import crypto from 'node:crypto';

/** A 32-bit generator (mulberry32) seeded from the SHA-256 of the seed text: same seed, same draw. */
export function seededRandom(seed: string): () => number {
  let a = crypto.createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DrawItem<I> {
  id: I;
  /** How many more experts the item needs. */
  missing: number;
  /** Experts already on the item or once removed from it: never drawn for it. */
  excluded: ReadonlySet<number>;
}

export interface DrawResult<I> {
  picks: { itemId: I; expertId: number }[];
  unfilled: { itemId: I; missing: number }[];
}

/**
 * The items with the fewest eligible experts first (an application whose field has few experts, or
 * whose organisation's own experts must stay away, would otherwise find the others already loaded);
 * for each, the eligible experts least loaded first, ties in a seeded random order. `load` starts
 * from the experts' current assignments and is updated as experts are drawn.
 */
export function drawExperts<I>(
  seed: string,
  items: readonly DrawItem<I>[],
  candidatesOf: (item: DrawItem<I>) => readonly number[],
  inConflict: (expertId: number, item: DrawItem<I>) => boolean,
  load: Map<number, number>,
): DrawResult<I> {
  const random = seededRandom(seed);
  const picks: DrawResult<I>['picks'] = [];
  const unfilled: DrawResult<I>['unfilled'] = [];
  const open = items.filter((item) => item.missing > 0)
    .map((item, order) => ({ item, order, eligible: candidatesOf(item).filter((e) => !item.excluded.has(e) && !inConflict(e, item)) }))
    .sort((a, b) => (a.eligible.length - a.item.missing) - (b.eligible.length - b.item.missing) || a.order - b.order);
  for (const { item, eligible } of open) {
    // a random key per candidate, then least loaded first: balanced, and random among equals
    const keyed = eligible.map((e) => ({ e, key: random() })).sort((a, b) => ((load.get(a.e) ?? 0) - (load.get(b.e) ?? 0)) || (a.key - b.key));
    const chosen = keyed.slice(0, item.missing);
    for (const { e } of chosen) {
      picks.push({ itemId: item.id, expertId: e });
      load.set(e, (load.get(e) ?? 0) + 1);
    }
    if (chosen.length < item.missing) unfilled.push({ itemId: item.id, missing: item.missing - chosen.length });
  }
  return { picks, unfilled };
}

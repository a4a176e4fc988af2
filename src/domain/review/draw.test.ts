import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawExperts, seededRandom } from './draw';

const items = (n: number, missing: number) => Array.from({ length: n }, (_, i) => ({ id: i, missing, excluded: new Set<number>() }));
const experts = Array.from({ length: 12 }, (_, i) => i + 100);

describe('seeded expert draw', () => {
  it('is reproducible from its seed and differs with another', () => {
    const a = drawExperts('s1', items(10, 3), () => experts, () => false, new Map());
    const b = drawExperts('s1', items(10, 3), () => experts, () => false, new Map());
    const c = drawExperts('s2', items(10, 3), () => experts, () => false, new Map());
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.picks, c.picks);
    assert.notEqual(seededRandom('x')(), seededRandom('y')());
  });

  it('balances the load, never picks one twice for an item, an excluded one or one in conflict, and reports the unfilled', () => {
    const list = items(8, 3);
    list[0].excluded = new Set([100, 101]);
    const conflict = (e: number, item: { id: number }) => item.id === 1 && e < 106;
    const load = new Map<number, number>();
    const r = drawExperts('seed', list, () => experts, conflict, load);
    assert.equal(r.picks.length, 24);
    const counts = [...load.values()];
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, JSON.stringify(counts));
    for (const item of list) {
      const mine = r.picks.filter((p) => p.itemId === item.id).map((p) => p.expertId);
      assert.equal(new Set(mine).size, mine.length);
      for (const e of mine) { assert.ok(!item.excluded.has(e)); assert.ok(!conflict(e, item)); }
    }
    const small = drawExperts('seed', [{ id: 'x', missing: 5, excluded: new Set() }], () => [1, 2], () => false, new Map());
    assert.deepEqual(small.unfilled, [{ itemId: 'x', missing: 3 }]);
  });

  it('stays balanced whatever the seed when some items may not take some experts (their own organisation\'s)', () => {
    // 10 applications × 3 reviewers over 7 experts; experts 0 and 1 belong to the organisation of
    // applications 4–7 — those four can only draw from the other five
    const list = Array.from({ length: 10 }, (_, i) => ({ id: i, missing: 3, excluded: new Set<number>() }));
    const conflict = (e: number, item: { id: number }) => item.id >= 4 && item.id < 8 && e < 2;
    for (let s = 0; s < 200; s++) {
      const load = new Map<number, number>();
      const r = drawExperts(`seed-${s}`, list, () => [0, 1, 2, 3, 4, 5, 6], conflict, load);
      assert.deepEqual(r.unfilled, []);
      assert.equal(r.picks.length, 30);
      const counts = [...load.values()];
      assert.ok(counts.length === 7 && Math.max(...counts) - Math.min(...counts) <= 1, `seed-${s}: ${JSON.stringify([...load])}`);
    }
  });
});

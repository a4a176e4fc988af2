import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fundingPlan, isOutlier, panelScore, rank, scoreProblems, weightedTotal } from './ranking';

const rubric = [{ code: 'a', name: 'A', weight: 0.4, max: 100 }, { code: 'b', name: 'B', weight: 0.3, max: 100 }, { code: 'c', name: 'C', weight: 0.3, max: 50 }];

describe('review ranking', () => {
  it('weights each criterion as given', () => {
    assert.equal(weightedTotal(rubric, { a: 90, b: 80, c: 40 }), 36 + 24 + 12);
    assert.equal(weightedTotal([{ code: 'x', name: 'X', weight: 2, max: 10 }, { code: 'y', name: 'Y', weight: 1, max: 5 }], { x: 7, y: 3 }), 17);
  });

  it('finds unknown, missing and out-of-range scores', () => {
    assert.deepEqual(scoreProblems(rubric, { a: 90, b: 80, c: 40 }, true), []);
    assert.deepEqual(scoreProblems(rubric, { a: 101, z: 1 }, true).map((p) => `${p.code}:${p.problem}`).sort(), ['a:range', 'b:missing', 'c:missing', 'z:unknown']);
    assert.deepEqual(scoreProblems(rubric, { c: 51 }, false), [{ code: 'c', problem: 'range' }]);
    assert.deepEqual(scoreProblems(rubric, { a: -1 }, false), [{ code: 'a', problem: 'range' }]);
  });

  it('drops the highest and the lowest only when asked and five or more reviewed', () => {
    assert.deepEqual(panelScore([81, 80, 60, 94, 80.5], false), { score: 79.1, dropped: [] });
    assert.deepEqual(panelScore([81, 80, 60, 94, 80.5], true), { score: 80.5, dropped: [60, 94] });
    assert.deepEqual(panelScore([90, 50, 70, 80], true), { score: 72.5, dropped: [] });
    assert.deepEqual(panelScore([], true), { score: null, dropped: [] });
  });

  it('ranks by score, ties to the earliest submission, unreviewed last', () => {
    const r = rank([
      { id: 'late', submittedAt: '2026-05-02T00:00:00Z', totals: [80] },
      { id: 'none', submittedAt: '2026-05-01T00:00:00Z', totals: [] },
      { id: 'early', submittedAt: '2026-05-01T00:00:00Z', totals: [70, 90] },
      { id: 'top', submittedAt: '2026-05-03T00:00:00Z', totals: [95] },
    ], false);
    assert.deepEqual(r.map((x) => [x.id, x.rank]), [['top', 1], ['early', 2], ['late', 3], ['none', null]]);
  });

  it('flags a review more than 20 points from its panel mean', () => {
    assert.equal(isOutlier(40, [90, 88, 40]), true);
    assert.equal(isOutlier(88, [90, 88, 40]), false);
    assert.equal(isOutlier(60, [81, 80, 60, 94, 80.5]), false); // 19.1 away
    assert.equal(isOutlier(10, [10]), false);
  });

  it('plans funding down the ranking within the budget, skipping what does not fit', () => {
    const plan = fundingPlan([{ id: 1, score: 90, requested: 600 }, { id: 2, score: 85, requested: 500 }, { id: 3, score: 80, requested: 300 }, { id: 4, score: 50, requested: 10 }], 1000, 60);
    assert.deepEqual(plan, [{ id: 1, amount: 600 }, { id: 3, amount: 300 }]);
    assert.ok(plan.reduce((s, p) => s + p.amount, 0) <= 1000);
  });
});

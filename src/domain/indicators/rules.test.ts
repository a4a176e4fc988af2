import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_INDICATORS, REQUIRED_CODES } from './catalogue';
import {
  doubleHalf, elapsedAt, elapsedOfPeriod, fullYearRed, latestPeriod, overallCompletion, overallState, periodEndDate, progressOf, rankBy, rollUp, stateOf, yoyGrowth,
} from './rules';

describe('indicator progress', () => {
  it('divides actual by target when higher is better, target by actual when lower is better', () => {
    assert.equal(progressOf(60, 120), 0.5);
    assert.equal(progressOf(150, 120), 1.25);
    assert.equal(progressOf(80, 100, 'lower'), 1.25, '80 against a ceiling of 100 is ahead');
    assert.equal(progressOf(125, 100, 'lower'), 0.8);
    assert.equal(progressOf(0, 100, 'lower'), 1);
  });
  it('has no progress without a target, with a target of 0 or without an actual', () => {
    assert.equal(progressOf(null, 100), null);
    assert.equal(progressOf(5, null), null);
    assert.equal(progressOf(5, 0), null);
  });
});

describe('time elapsed', () => {
  it('counts days of the year, leap years included', () => {
    assert.equal(elapsedAt('2025-12-31'), 1);
    assert.equal(elapsedAt('2024-12-31'), 1);
    assert.equal(elapsedAt('2025-01-01'), Math.round((1 / 365) * 1e6) / 1e6);
    // 30 June of a common year is day 181 of 365: 49.6 %, not yet half — 2 July is day 183 (50.1 %)
    assert.ok(elapsedAt('2025-06-30') < 0.5);
    assert.ok(elapsedAt('2025-07-02') >= 0.5);
  });
  it('reads year-to-date periods as months ÷ 12', () => {
    assert.equal(elapsedOfPeriod('Q2'), 0.5);
    assert.equal(elapsedOfPeriod('M06'), 0.5);
    assert.equal(elapsedOfPeriod('Y'), 1);
    assert.equal(elapsedOfPeriod('M01'), Math.round((1 / 12) * 1e6) / 1e6);
    assert.equal(periodEndDate(2024, 'M02'), '2024-02-29');
    assert.equal(periodEndDate(2025, 'Q3'), '2025-09-30');
  });
  it('uses the latest published period up to a month, the year figure winning a tie', () => {
    assert.equal(latestPeriod(['M01', 'M02', 'Q1', 'M04'], 3), 'Q1');
    assert.equal(latestPeriod(['M01', 'M02', 'Q1', 'M04'], 5), 'M04');
    assert.equal(latestPeriod(['Q4', 'Y', 'M12'], 12), 'Y');
    assert.equal(latestPeriod(['M07'], 6), null);
  });
});

describe('green / amber / red', () => {
  it('judges a cumulative indicator against the time elapsed', () => {
    // half the year gone: 50 % done is on schedule, 45 % amber, 39.9 % red
    assert.equal(stateOf({ progress: 0.5, elapsed: 0.5, cumulative: true }).state, 'green');
    assert.equal(stateOf({ progress: 0.45, elapsed: 0.5, cumulative: true }).state, 'amber');
    assert.equal(stateOf({ progress: 0.4, elapsed: 0.5, cumulative: true }).state, 'amber', 'exactly ten points behind is still amber');
    assert.equal(stateOf({ progress: 0.399, elapsed: 0.5, cumulative: true }).state, 'red');
    assert.equal(stateOf({ progress: 0.3 + 0.1, elapsed: 0.5, cumulative: true }).state, 'amber', 'float noise does not flip a band edge');
  });
  it('judges a level indicator (ratio, growth, stock) against the full target at any time', () => {
    assert.equal(stateOf({ progress: 0.5, elapsed: 0.5, cumulative: false }).state, 'red');
    assert.equal(stateOf({ progress: 0.95, elapsed: 0.25, cumulative: false }).state, 'amber');
    assert.equal(stateOf({ progress: 1, elapsed: 0.25, cumulative: false }).state, 'green');
  });
  it('is none without a target or an actual', () => {
    assert.equal(stateOf({ progress: null, elapsed: 0.5, cumulative: true }).state, 'none');
  });
});

describe('双过半 and 全年红', () => {
  const items = (...p: (number | null)[]) => p.map((progress, i) => ({ code: `i${i}`, target: 100, progress }));

  it('双过半: time and every task at least half; exactly 50 % counts as reached', () => {
    assert.equal(doubleHalf(items(0.5, 0.5), 0.5).reached, true, 'exactly half of time and of task');
    assert.equal(doubleHalf(items(0.5, 0.72), 0.58).reached, true);
    const short = doubleHalf(items(0.5, 0.4999), 0.5);
    assert.equal(short.reached, false);
    assert.deepEqual(short.behind, ['i1']);
    assert.equal(doubleHalf(items(0.9, 0.9), 0.4999).reached, false, 'task past half but time not yet');
    const pending = doubleHalf(items(0.9, null), 0.5);
    assert.equal(pending.reached, true, 'an annual figure not due at mid-year is not judged …');
    assert.deepEqual(pending.pending, ['i1'], '… but listed as pending');
    assert.equal(doubleHalf(items(null, null), 0.5).reached, false, 'nothing reported: nothing reached');
    assert.equal(doubleHalf([{ code: 'x', target: null, progress: null }, ...items(0.6)], 0.5).reached, true, 'indicators without a target are not judged');
    assert.equal(doubleHalf([], 0.6).reached, false, 'nothing to judge is not reached');
  });

  it('全年红: at year end every target met; exactly 100 % is met', () => {
    assert.equal(fullYearRed(items(1, 1.3), 1).reached, true);
    assert.equal(fullYearRed(items(1, 0.999), 1).reached, false);
    assert.deepEqual(fullYearRed(items(1, 0.999), 1).behind, ['i1']);
    assert.equal(fullYearRed(items(1.2, 1.3), 0.92).reached, false, 'not before the year has ended');
    assert.deepEqual(fullYearRed(items(1.2, null), 1).behind, ['i1'], 'at year end a target without a figure is not met');
  });

  it('overall completion caps each indicator at 100 %', () => {
    assert.equal(overallCompletion(items(2, 0.5)), 0.75);
    assert.equal(overallCompletion(items(null, 0.8)), 0.8, 'an indicator without a figure is left out');
    assert.equal(overallCompletion([]), null);
  });
});

describe('roll-up and growth', () => {
  it('sums, divides sums (never averages ratios) and weighs averages', () => {
    assert.deepEqual(rollUp('sum', [{ value: 10 }, { value: 5.5 }, { value: null }]), { value: 15.5, parts: 2, missing: 1 });
    // county A 1 of 2 firms, county B 9 of 10: 10 of 12 = 83.3 %, not the mean of 50 % and 90 %
    assert.equal(rollUp('ratio', [{ numerator: 1, denominator: 2 }, { numerator: 9, denominator: 10 }], 100).value, Math.round((10 / 12) * 100 * 1e6) / 1e6);
    // growth 10 % on value added 100 and 4 % on 300: (10·100 + 4·300) ÷ 400 = 5.5 %
    assert.equal(rollUp('weighted', [{ value: 10, weight: 100 }, { value: 4, weight: 300 }]).value, 5.5);
    assert.equal(rollUp('weighted', [{ value: 10 }, { value: 4 }]).value, 7, 'equal weights when none is known');
    assert.equal(rollUp('sum', []).value, null);
  });
  it('computes year-on-year growth in percent', () => {
    assert.equal(yoyGrowth(137.42, 100), 37.42);
    assert.equal(yoyGrowth(90, 100), -10);
    assert.equal(yoyGrowth(5, 0), null);
    assert.equal(yoyGrowth(5, null), null);
  });
  it('ranks with shared places and unranked blanks', () => {
    const r = rankBy([{ k: 'a', s: 3 }, { k: 'b', s: 5 }, { k: 'c', s: 3 }, { k: 'd', s: null }], (x) => x.s);
    assert.deepEqual(r.map((x) => [x.k, x.rank]), [['b', 1], ['a', 2], ['c', 2], ['d', null]]);
    assert.deepEqual(rankBy([{ s: 3 }, { s: 1 }], (x) => x.s, 'lower').map((x) => x.s), [1, 3]);
  });
});

describe('catalogue', () => {
  it('has every built-in code of the issue, each once', () => {
    const codes = BUILT_IN_INDICATORS.map((d) => d.code);
    for (const c of REQUIRED_CODES) assert.ok(codes.includes(c), c);
    assert.equal(new Set(codes).size, codes.length);
    for (const d of BUILT_IN_INDICATORS.filter((x) => x.rollup === 'weighted')) assert.ok(codes.includes(d.rollupWeight!), `${d.code} weight`);
  });
});

describe('overall state of a region (one rule for the ranking and the dashboard)', () => {
  it('judges overall completion against the mean expected progress, with the same bands as one indicator', () => {
    // 89.9 % of the year gone: cumulative indicators expect 0.899, stocks and ratios 1
    const items = [
      { code: 'rd', target: 100, progress: 0.95, expected: 0.899 },
      { code: 'contracts', target: 100, progress: 0.92, expected: 0.899 },
      { code: 'hightech', target: 50, progress: 1.05, expected: 1 },
    ];
    assert.ok(items.every((i) => stateOf({ progress: i.progress, elapsed: 0.899, cumulative: i.expected < 1 }).state === 'green'), 'each indicator is green');
    const o = overallState(items);
    assert.equal(o.completion, overallCompletion(items));
    assert.equal(o.expected, Math.round(((0.899 * 2 + 1) / 3) * 1e6) / 1e6);
    assert.equal(o.state, 'green', 'a region whose every indicator is green is green overall');
    assert.equal(overallState([{ code: 'rd', target: 100, progress: 0.85, expected: 0.9 }]).state, 'amber');
    assert.equal(overallState([{ code: 'rd', target: 100, progress: 0.7, expected: 0.9 }]).state, 'red');
    assert.deepEqual(overallState([{ code: 'rd', target: null, progress: null, expected: 1 }]), { completion: null, expected: null, state: 'none' });
  });
});

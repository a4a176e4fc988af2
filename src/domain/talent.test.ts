import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryFromText, categoryProblem, categoryText, daysDoneInYear, fulfilmentPercent, promisedDaysInYear } from './talent';

describe('talent words and arithmetic', () => {
  it('asks 柔性引进 for exactly one kind and every other category for none', () => {
    assert.equal(categoryProblem('flexible', null), 'kind_required');
    assert.equal(categoryProblem('flexible', 'migratory'), null);
    assert.equal(categoryProblem('leading', 'weekend_engineer'), 'kind_not_allowed');
    assert.equal(categoryProblem('three_regions', null), null);
  });

  it('reads the words the export writes back as codes, in both languages', () => {
    assert.deepEqual(categoryFromText('周末工程师'), { category: 'flexible', kind: 'weekend_engineer' });
    assert.deepEqual(categoryFromText('S&T vice-president'), { category: 'flexible', kind: 'vice_president' });
    assert.deepEqual(categoryFromText(' 三区人才 '), { category: 'three_regions', kind: null });
    assert.deepEqual(categoryFromText('Leading talent'), { category: 'leading', kind: null });
    // 柔性引进 alone does not say which kind
    assert.equal(categoryFromText('柔性引进'), null);
    assert.equal(categoryFromText('院士'), null);
    assert.equal(categoryText('flexible', 'migratory'), '柔性引进 · 候鸟型专家');
    assert.equal(categoryText('local', null, 'en'), 'Local talent');
  });

  it('promises the share of a year an agreement covers', () => {
    assert.equal(promisedDaysInYear(60, '2025-01-01', '2027-12-31', 2026), 60);
    // from 1 July 2026: 184 of 365 days
    assert.equal(promisedDaysInYear(60, '2026-07-01', '2028-06-30', 2026), 30);
    assert.equal(promisedDaysInYear(60, '2026-07-01', '2028-06-30', 2025), 0);
    assert.equal(promisedDaysInYear(60, '2020-01-01', '2026-03-31', 2026), 15);
    // a leap year has 366 days
    assert.equal(promisedDaysInYear(366, '2028-01-01', '2028-01-31', 2028), 31);
  });

  it('sums the days done in a year from the service rows, halves included', () => {
    const rows = [{ date: '2026-03-02', days: 2 }, { date: '2026-05-10', days: 0.5 }, { date: '2025-12-30', days: 3 }];
    assert.equal(daysDoneInYear(rows, 2026), 2.5);
    assert.equal(daysDoneInYear(rows, 2025), 3);
    assert.equal(fulfilmentPercent(15, 60), 25);
    assert.equal(fulfilmentPercent(3, 0), null);
  });
});

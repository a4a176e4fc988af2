// Issue 10 item 6: the statistics form defaults to the latest year not yet filed, starts empty,
// takes money in 万元 (two decimals, stored in yuan) and flags tenfold changes from last year.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultStatYear, fromFormValues, statYearOptions, tenfoldChanges, toFormValues } from './stat-form';

const year = (over: Record<string, number | boolean> = {}) => ({
  salesRevenue: 63_000_000, totalRevenue: 64_000_000, hightechRevenue: 40_000_000, rdExpense: 2_345_678, rdExpenseDomestic: 2_000_000,
  totalCostExpense: 50_000_000, staff: 120, scienceStaff: 30, rdStaff: 20, totalAssets: 90_000_000, totalLiabilities: 30_000_000,
  ipClass1: 2, ipClass2: 5, transformations: 3, hasRdInstitution: true, hasRdStaff: true, hasRdFunds: true, hasRdProjects: true,
  seriousIncident: false, abnormalListed: false, ...over,
});

describe('statistics form', () => {
  it('defaults to the latest year not yet filed, never one older than the years filed', () => {
    assert.equal(defaultStatYear(2026, [2023, 2024, 2025]), 2026, 'last year filed: the current year');
    assert.equal(defaultStatYear(2026, [2023, 2024]), 2025);
    assert.equal(defaultStatYear(2026, []), 2025);
    assert.equal(defaultStatYear(2026, [2025, 2026]), undefined, 'nothing newer left: the person picks');
    assert.deepEqual(statYearOptions(2026, [2023, 2024, 2025]), [2026, 2022, 2021]);
  });

  it('starts empty for a new year: nothing pre-filled with 0', () => {
    const form = toFormValues(null);
    assert.equal(form.salesRevenue, undefined);
    assert.equal(form.staff, undefined);
    assert.equal(form.hasRdInstitution, false);
  });

  it('shows and takes money in 万元 with two decimals, stores yuan, keeps unchanged amounts exact', () => {
    const stored = year();
    const form = toFormValues(stored);
    assert.equal(form.salesRevenue, 6300, '6,300万元');
    assert.equal(form.rdExpense, 234.57, 'rounded for display');
    assert.equal(form.staff, 120, 'counts as they are');
    const back = fromFormValues({ ...form, salesRevenue: 6400.5 }, stored);
    assert.equal(back.salesRevenue, 64_005_000);
    assert.equal(back.rdExpense, 2_345_678, 'an untouched amount keeps its yuan');
    assert.equal(back.staff, 120);
    assert.equal(back.hasRdInstitution, true);
    assert.equal(fromFormValues({ ...toFormValues(null), salesRevenue: 0.01 }, null).salesRevenue, 100);
  });

  it('finds figures that changed more than tenfold from last year', () => {
    const last = year();
    assert.deepEqual(tenfoldChanges(year({ staff: 121 }), last), []);
    const changes = tenfoldChanges(year({ salesRevenue: 630_000_000_000, rdExpense: 100_000 }), last);
    assert.deepEqual(changes.map((c) => c.key), ['salesRevenue', 'rdExpense']);
    assert.deepEqual(tenfoldChanges(year(), null), [], 'no last year: nothing to compare');
    assert.deepEqual(tenfoldChanges(year({ ipClass1: 30 }), year({ ipClass1: 0 })), [], 'from zero there is no ratio');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buyerPlace, dueOn, limitOf, registrationNumber, ruleSetOn, type ContractRuleSet } from './tech-contracts';

const SETS: ContractRuleSet[] = [
  { code: '2000', effectiveFrom: '2000-02-16', effectiveTo: '2026-01-22', limitDays: 30, limitUnit: 'calendar', largeAmount: null, largeLimitDays: null },
  { code: '2026', effectiveFrom: '2026-01-23', effectiveTo: null, limitDays: 15, limitUnit: 'working', largeAmount: 5_000_000, largeLimitDays: 30 },
];
// 2026's Spring Festival: 2-15 … 2-23 off, 2-14 and 2-28 worked (国办发明电〔2025〕7号)
const SPRING = new Map<string, boolean>([
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'].map((d) => [d, false] as [string, boolean]),
  ['2026-02-14', true], ['2026-02-28', true],
]);

describe('technology contract rules', () => {
  it('takes the rule set in force on the filing day', () => {
    assert.equal(ruleSetOn(SETS, '2026-01-22')!.code, '2000');
    assert.equal(ruleSetOn(SETS, '2026-01-23')!.code, '2026');
    assert.equal(ruleSetOn(SETS, '1999-12-31'), null);
  });

  it('counts 30 calendar days under the old rules, 15 working days under the new, 30 for ≥ 500万 or a dispute', () => {
    assert.equal(dueOn(SETS[0], '2026-01-05', 1_000_000, false, new Map()), '2026-02-04');
    assert.equal(limitOf(SETS[1], 4_999_999, false), 15);
    assert.equal(limitOf(SETS[1], 5_000_000, false), 30);
    assert.equal(limitOf(SETS[1], 10, true), 30);
    // filed Friday 2026-02-06: 15 working days across the Spring Festival holiday (with its two worked weekend days)
    assert.equal(dueOn(SETS[1], '2026-02-06', 100_000, false, SPRING), '2026-03-05');
    assert.equal(dueOn(SETS[1], '2026-02-06', 100_000, false, new Map()), '2026-02-27');
  });

  it('numbers registrations year + registry code + serial, and places the buyer', () => {
    assert.equal(registrationNumber(2026, '621002', 37), '26621002000037');
    assert.equal(buyerPlace('621002', '621021'), 'local');
    assert.equal(buyerPlace('621002', '620702'), 'province');
    assert.equal(buyerPlace('621002', '440305'), 'outside');
  });
});

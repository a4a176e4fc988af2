import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConditions, matchOutcome, type EnterpriseFacts } from './matching';
import { effectiveStatus } from './types';

const firm: EnterpriseFacts = {
  regionPath: ['621002', '621000', '620000'], regionName: '西峰区', tiers: ['tech_sme'], industryCode: 'C3514', hightechField: '先进制造与自动化',
  aboveScale: true, statYear: 2025, staff: 185, salesRevenue: 63_000_000, totalAssets: 88_200_000, rdExpense: 3_276_000,
};

describe('policy conditions against an enterprise', () => {
  it('meets every condition it states, at the edges exactly', () => {
    // R&D 3,276,000 / 63,000,000 = 5.2 % exactly
    const checks = checkConditions({ regionCodes: ['621000'], tiersHeld: ['tech_sme'], tiersNotHeld: ['high_tech'], industries: ['C'],
      hightechFields: ['先进制造与自动化'], aboveScale: true, maxStaff: 185, maxSalesRevenue: 63_000_000, maxTotalAssets: 88_200_000, minRdRatio: 5.2 }, firm);
    assert.equal(checks.length, 10);
    assert.ok(checks.every((c) => c.met), JSON.stringify(checks.filter((c) => !c.met)));
    assert.equal(matchOutcome(checks), 'qualifies');
  });
  it('misses narrowly by one condition and says what is missing', () => {
    const checks = checkConditions({ tiersHeld: ['tech_sme'], minRdRatio: 5.21, industries: ['35'] }, firm);
    assert.equal(matchOutcome(checks), 'near');
    const miss = checks.find((c) => !c.met)!;
    assert.equal(miss.key, 'minRdRatio');
    assert.equal(miss.actual.zh, '研发投入强度 5.2%（2025年）');
  });
  it('is not a near miss outside the region, nor with two conditions unmet', () => {
    assert.equal(matchOutcome(checkConditions({ regionCodes: ['620700'] }, firm)), 'no');
    assert.equal(matchOutcome(checkConditions({ tiersNotHeld: ['tech_sme'] }, firm)), 'no', 'already holds what the policy is for');
    assert.equal(matchOutcome(checkConditions({ maxStaff: 100, tiersHeld: ['high_tech'] }, firm)), 'no');
  });
  it('fails figures it has no statistics for', () => {
    const checks = checkConditions({ maxStaff: 500 }, { ...firm, statYear: null, staff: null, salesRevenue: null, totalAssets: null, rdExpense: null });
    assert.equal(checks[0].met, false);
    assert.equal(checks[0].actual.zh, '无年度统计数据');
  });
  it('matches industries by division or section', () => {
    assert.ok(checkConditions({ industries: ['C35'] }, firm)[0].met);
    assert.ok(!checkConditions({ industries: ['I', '65'] }, firm)[0].met);
  });
});

describe('status', () => {
  it('expires a policy in force after its expiry date, nothing else', () => {
    assert.equal(effectiveStatus('in_force', '2024-12-31', '2025-01-01'), 'expired');
    assert.equal(effectiveStatus('in_force', '2024-12-31', '2024-12-31'), 'in_force');
    assert.equal(effectiveStatus('repealed', '2020-01-01', '2025-01-01'), 'repealed');
  });
});

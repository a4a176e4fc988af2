import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benefitsFor, checkConditions, matchOutcome, type EnterpriseFacts } from './matching';
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

describe('conditions and benefits as a person reads them (issue 10)', () => {
  const names = { region: (code: string) => ({ '621000': '庆阳市', '620700': '张掖市' })[code] ?? code };
  it('names regions and industries, never their codes', () => {
    const [region, industry, division] = checkConditions({ regionCodes: ['621000'], industries: ['C'] }, firm, names)
      .concat(checkConditions({ industries: ['35', 'I'] }, firm, names));
    assert.equal(region.required.zh, '注册地在庆阳市');
    assert.equal(region.required.en, 'registered in 庆阳市');
    assert.equal(industry.required.zh, '所属行业：制造业');
    assert.equal(industry.actual.zh, '专用设备制造业');
    assert.equal(industry.required.en, 'industry: Manufacturing');
    assert.equal(industry.actual.en, 'Manufacturing (专用设备制造业)');
    assert.equal(division.required.zh, '所属行业：专用设备制造业或信息传输、软件和信息技术服务业');
    assert.equal(checkConditions({ regionCodes: ['621000', '620700'] }, firm, names)[0].required.zh, '注册地在庆阳市或张掖市');
    assert.equal(checkConditions({ maxSalesRevenue: 200_000_000 }, firm)[0].required.zh, '销售收入不超过 2亿元');
  });
  it('says what a firm must first obtain, and that it has not', () => {
    const none = { ...firm, tiers: [] };
    const [held] = checkConditions({ tiersHeld: ['tech_sme'] }, none);
    assert.equal(`${held.required.zh}（${held.actual.zh}）`, '需先入库科技型中小企业（当前未入库）');
    assert.equal(`${held.required.en} (${held.actual.en})`, 'must first be registered as a tech SME (not registered)');
    const [ok] = checkConditions({ tiersHeld: ['tech_sme'] }, firm);
    assert.deepEqual([ok.met, ok.required.zh, ok.actual.zh], [true, '已入库科技型中小企业', '已入库']);
    const [two] = checkConditions({ tiersHeld: ['tech_sme', 'high_tech'] }, firm);
    assert.equal(`${two.required.zh}（${two.actual.zh}）`, '需先认定为高新技术企业（当前未认定）', 'only what it lacks');
    const [not] = checkConditions({ tiersNotHeld: ['high_tech'] }, firm);
    assert.deepEqual([not.met, not.required.zh, not.actual.zh], [true, '尚未认定为高新技术企业', '当前未认定']);
  });
  it('separates what a firm enjoys now from what it may apply for', () => {
    const rate = { kind: 'tax' as const, description: '减按15%的税率征收企业所得税', amount: '税率15%' };
    // a policy for firms that are not yet 高企: its benefit follows recognition
    const recognition = benefitsFor({ tiersNotHeld: ['high_tech'] }, [rate], firm.tiers);
    assert.deepEqual(recognition.enjoyNow, []);
    assert.deepEqual(recognition.applyFor.map((b) => [b.description, b.requires, b.after.zh]), [[rate.description, ['high_tech'], '认定为高新技术企业后可享受']]);
    // a benefit that says what it needs, held: enjoyed now; one that says it needs nothing: now
    const voucher = { kind: 'subsidy' as const, description: '创新券', requires: ['tech_sme' as const] };
    assert.deepEqual(benefitsFor({}, [voucher], firm.tiers).enjoyNow.map((b) => b.description), ['创新券']);
    assert.deepEqual(benefitsFor({ tiersNotHeld: ['high_tech'] }, [{ ...rate, requires: [] }], firm.tiers).enjoyNow.length, 1);
    assert.deepEqual(benefitsFor({ tiersNotHeld: ['high_tech'] }, [rate], [...firm.tiers, 'high_tech']).enjoyNow.length, 1);
  });
});

describe('status', () => {
  it('expires a policy in force after its expiry date, nothing else', () => {
    assert.equal(effectiveStatus('in_force', '2024-12-31', '2025-01-01'), 'expired');
    assert.equal(effectiveStatus('in_force', '2024-12-31', '2024-12-31'), 'in_force');
    assert.equal(effectiveStatus('repealed', '2020-01-01', '2025-01-01'), 'repealed');
  });
});

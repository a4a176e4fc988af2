import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessTechSme, scoreAchievements, scoreRd, scoreScienceStaff } from './techsme';
import { conditionOf, input, latestOnly, year } from './test-fixtures';
import type { AssessmentInput, DirectQualification } from './types';

const check = (i: AssessmentInput, code: string) => conditionOf(assessTechSme(i).conditions, code);

/**
 * A small firm that passes everything but the score can be tuned: 2023, 100 staff, sales and
 * assets of 1,000万. Score parts are set through the S&T staff, R&D and IP counts.
 */
const small = (figures: Parameters<typeof latestOnly>[0] = {}, overrides: Parameters<typeof latestOnly>[1] = {}) =>
  latestOnly({ staff: 100, scienceStaff: 30, salesRevenue: 10_000_000, totalAssets: 10_000_000, totalCostExpense: 9_000_000,
    rdExpense: 600_000, ipClass1: 1, ...figures }, overrides);

describe('科技型中小企业: score bands (115号 附件), lower bounds inclusive', () => {
  it('S&T staff share: 30 / 25 / 20 / 15 / 10 % and one person below each', () => {
    const cases: [number, number][] = [[30, 20], [29, 16], [25, 16], [24, 12], [20, 12], [19, 8], [15, 8], [14, 4], [10, 4], [9, 0], [0, 0]];
    for (const [science, points] of cases) assert.equal(scoreScienceStaff(science, 100), points, `${science} of 100`);
    // Uneven head counts: 3 of 10 is 30 %; 299 of 1,000 is 29.9 %.
    assert.equal(scoreScienceStaff(3, 10), 20);
    assert.equal(scoreScienceStaff(299, 1000), 16);
    assert.equal(scoreScienceStaff(0, 0), 0);
  });

  it('R&D ÷ sales: 6 / 5 / 4 / 3 / 2 % and one yuan below each', () => {
    // Costs of 0 leave only the sales option.
    const cases: [number, number][] = [[60_000, 50], [59_999, 40], [50_000, 40], [49_999, 30], [40_000, 30], [39_999, 20],
      [30_000, 20], [29_999, 10], [20_000, 10], [19_999, 0]];
    for (const [rd, points] of cases) assert.equal(scoreRd(rd, 1_000_000, 0), points, `R&D ${rd} of sales 1,000,000`);
  });

  it('R&D ÷ total cost and expense: 30 / 25 / 20 / 15 / 10 % and one yuan below each', () => {
    const cases: [number, number][] = [[300_000, 50], [299_999, 40], [250_000, 40], [249_999, 30], [200_000, 30], [199_999, 20],
      [150_000, 20], [149_999, 10], [100_000, 10], [99_999, 0]];
    for (const [rd, points] of cases) assert.equal(scoreRd(rd, 0, 1_000_000), points, `R&D ${rd} of costs 1,000,000`);
  });

  it('R&D takes the better of the two options', () => {
    // 200,000 is 2 % of sales 10,000,000 (10 points) but 30.00003 % of costs 666,666 (50 points).
    assert.equal(scoreRd(200_000, 10_000_000, 666_666), 50);
    assert.equal(scoreRd(200_000, 10_000_000, 666_667), 40); // 29.99997 % of costs; 2 % of sales gives only 10
    assert.equal(scoreRd(600_000, 10_000_000, 100_000_000), 50); // 6 % of sales beats 0.6 % of costs
    assert.equal(scoreRd(100, 0, 0), 0); // neither ratio exists
  });

  it('achievements: any Class I → 30; Class II 4+ / 3 / 2 / 1', () => {
    const cases: [number, number, number][] = [[1, 0, 30], [2, 3, 30], [0, 5, 24], [0, 4, 24], [0, 3, 18], [0, 2, 12], [0, 1, 6], [0, 0, 0]];
    for (const [c1, c2, points] of cases) assert.equal(scoreAchievements(c1, c2), points, `${c1} Class I, ${c2} Class II`);
  });
});

describe('科技型中小企业: conditions (115号 第六条, 第七条)', () => {
  it('staff ≤ 500, sales ≤ 2亿, total assets ≤ 2亿, each inclusive', () => {
    assert.equal(check(small({ staff: 500, scienceStaff: 150 }), 'staffLimit').status, 'met');
    const staff = check(small({ staff: 501, scienceStaff: 150 }), 'staffLimit');
    assert.deepEqual([staff.status, staff.value, staff.threshold], ['failed', 501, 500]);
    assert.equal(check(small({ salesRevenue: 200_000_000 }), 'revenueLimit').status, 'met');
    const sales = check(small({ salesRevenue: 200_000_001 }), 'revenueLimit');
    assert.equal(sales.status, 'failed');
    assert.equal(sales.message['zh-CN'], '2023 年销售收入 20,000.0001 万元，超过 20,000.00 万元');
    assert.equal(check(small({ totalAssets: 200_000_000 }), 'assetsLimit').status, 'met');
    assert.equal(check(small({ totalAssets: 200_000_001 }), 'assetsLimit').status, 'failed');
  });

  it('not prohibited, no incident, not abnormally listed', () => {
    assert.equal(assessTechSme(small()).eligible, 'yes');
    assert.equal(check(small({}, { prohibitedIndustry: true }), 'notProhibited').status, 'failed');
    assert.equal(check(small({}, { seriousIncident: true }), 'noIncidentOrListing').status, 'failed');
    const listed = check(small({}, { abnormalListed: true }), 'noIncidentOrListing');
    assert.deepEqual([listed.status, listed.value], ['failed', false]);
    assert.match(listed.message['zh-CN'], /经营异常名录/);
    for (const overrides of [{ prohibitedIndustry: true }, { seriousIncident: true }, { abnormalListed: true }]) {
      assert.equal(assessTechSme(small({}, overrides)).eligible, 'no');
    }
  });

  it('passes at exactly 60 points, fails at 58', () => {
    // 10 of 100 staff (4) + R&D 6 % of sales (50) + 1 Class II (6) = 60.
    let result = assessTechSme(small({ scienceStaff: 10, rdExpense: 600_000, ipClass1: 0, ipClass2: 1 }));
    assert.deepEqual([result.score, result.parts, result.eligible, result.path], [60, { scienceStaff: 4, rd: 50, achievements: 6 }, 'yes', 'score']);
    assert.equal(conditionOf(result.conditions, 'score').message['zh-CN'], '评价得分 60 分（科技人员 4 + 研发投入 50 + 科技成果 6），不低于 60 分且科技人员指标得分不为 0');
    // 15 of 100 (8) + R&D 3 % of sales (20) + 1 Class I (30) = 58.
    result = assessTechSme(small({ scienceStaff: 15, rdExpense: 300_000, totalCostExpense: 9_000_000 }));
    assert.deepEqual([result.score, result.eligible, result.path], [58, 'no', null]);
    assert.match(conditionOf(result.conditions, 'score').message.en, /^Score 58 .*below 60$/);
  });

  it('a zero S&T staff score disqualifies even with 80 points', () => {
    // 9 of 100 (0) + 50 + 30 = 80.
    const result = assessTechSme(small({ scienceStaff: 9 }));
    assert.deepEqual([result.score, result.parts.scienceStaff, result.eligible], [80, 0, 'no']);
    assert.match(conditionOf(result.conditions, 'score').message['zh-CN'], /科技人员指标得 0 分/);
  });

  it('each direct path replaces the score, not the size and conduct conditions', () => {
    const weak = { scienceStaff: 0, rdExpense: 0, ipClass1: 0 }; // score 0
    const paths: DirectQualification[] = ['validHighTech', 'provincialRdInstitution', 'nationalAwardTop3', 'standardTop5'];
    for (const q of paths) {
      const ok = assessTechSme(small(weak, { directQualifications: [q] }));
      assert.deepEqual([ok.eligible, ok.path, ok.score], ['yes', 'direct', 0], q);
      assert.equal(conditionOf(ok.conditions, 'score').status, 'met', q);
      // One person, one yuan over a limit, or a listing, still fails.
      assert.equal(assessTechSme(small({ ...weak, staff: 501 }, { directQualifications: [q] })).eligible, 'no', q);
      assert.equal(assessTechSme(small({ ...weak, salesRevenue: 200_000_001 }, { directQualifications: [q] })).eligible, 'no', q);
      assert.equal(assessTechSme(small({ ...weak, totalAssets: 200_000_001 }, { directQualifications: [q] })).eligible, 'no', q);
      assert.equal(assessTechSme(small(weak, { directQualifications: [q], abnormalListed: true })).eligible, 'no', q);
      assert.equal(assessTechSme(small(weak, { directQualifications: [q], prohibitedIndustry: true })).eligible, 'no', q);
    }
    // A firm that also scores enough is reported on its direct path.
    assert.equal(assessTechSme(small({}, { directQualifications: ['validHighTech'] })).path, 'direct');
  });

  it('missing latest-year figures fail the size conditions and the score, even on a direct path', () => {
    const noData = input({ years: [year(2022, { staff: 10, scienceStaff: 5 })], directQualifications: ['validHighTech'] });
    const result = assessTechSme(noData);
    for (const code of ['staffLimit', 'revenueLimit', 'assetsLimit']) {
      const c = conditionOf(result.conditions, code);
      assert.deepEqual([c.status, c.value], ['failed', null], code);
      assert.match(c.message['zh-CN'], /^缺少 2023 年度/, code);
    }
    assert.equal(result.eligible, 'no');
    const scoreOnly = assessTechSme(input({ years: [] }));
    assert.equal(conditionOf(scoreOnly.conditions, 'score').status, 'failed');
    assert.match(conditionOf(scoreOnly.conditions, 'score').message.en, /^No figures for 2023/);
  });
});

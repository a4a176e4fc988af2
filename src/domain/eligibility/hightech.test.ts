import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessHighTech, rdThresholdPct, scoreGrowth, scoreIpQuantity, scoreTransformation } from './hightech';
import { conditionOf, input, latestOnly, year } from './test-fixtures';
import { HIGHTECH_FIELDS, type AssessmentInput, type SelfAssessment } from './types';

const check = (i: AssessmentInput, code: string) => conditionOf(assessHighTech(i).conditions, code);
const range = (min: number, max: number) => ({ min, max });

describe('高新技术企业: the yes/no conditions of 32号 第十一条', () => {
  it('needs 365 calendar days of registration before the application date, not 364', () => {
    // 2023-06-01 → 2024-05-31 spans 29 Feb 2024: 365 days.
    let c = check(input({ foundedOn: '2023-06-01' }, '2024-05-31'), 'registeredOneYear');
    assert.deepEqual([c.status, c.value, c.threshold], ['met', 365, 365]);
    c = check(input({ foundedOn: '2023-06-01' }, '2024-05-30'), 'registeredOneYear');
    assert.deepEqual([c.status, c.value], ['failed', 364]);
    assert.match(c.message['zh-CN'], /364 天，不足 365 天/);
    // Without a leap day: 2022-03-01 → 2023-03-01 is 365 days, → 2023-02-28 is 364.
    assert.equal(check(input({ foundedOn: '2022-03-01' }, '2023-03-01'), 'registeredOneYear').status, 'met');
    assert.equal(check(input({ foundedOn: '2022-03-01' }, '2023-02-28'), 'registeredOneYear').status, 'failed');
    c = check(input({ foundedOn: '2024-07-01' }), 'registeredOneYear');
    assert.deepEqual([c.status, c.value], ['failed', -30]);
    assert.match(c.message['zh-CN'], /晚于评价日期/);
  });

  it('needs core IP and no serious incident in the year before', () => {
    assert.equal(check(input(), 'ownsCoreIp').status, 'met');
    const ip = check(input({ ownsCoreIp: false }), 'ownsCoreIp');
    assert.deepEqual([ip.status, ip.value, ip.threshold], ['failed', false, true]);
    assert.equal(check(input(), 'noSeriousIncident').status, 'met');
    const incident = check(input({ seriousIncident: true }), 'noSeriousIncident');
    assert.deepEqual([incident.status, incident.value], ['failed', false]);
  });

  it('accepts exactly the eight supported fields', () => {
    for (const field of HIGHTECH_FIELDS) assert.equal(check(input({ hightechField: field }), 'hightechField').status, 'met', field);
    assert.equal(check(input({ hightechField: null }), 'hightechField').status, 'failed');
    const other = check(input({ hightechField: '人工智能' as never }), 'hightechField');
    assert.equal(other.status, 'failed');
    assert.match(other.message['zh-CN'], /「人工智能」不属于/);
  });

  it('S&T staff ≥ 10% of the latest year\'s staff, compared exactly', () => {
    let c = check(latestOnly({ staff: 100, scienceStaff: 10 }), 'scienceStaffRatio');
    assert.deepEqual([c.status, c.value, c.threshold], ['met', 10, 10]);
    assert.equal(check(latestOnly({ staff: 100, scienceStaff: 9 }), 'scienceStaffRatio').status, 'failed');
    assert.equal(check(latestOnly({ staff: 1000, scienceStaff: 100 }), 'scienceStaffRatio').status, 'met');
    c = check(latestOnly({ staff: 1000, scienceStaff: 99 }), 'scienceStaffRatio');
    assert.deepEqual([c.status, c.value], ['failed', 9.9]);
    assert.equal(c.message['zh-CN'], '2023 年科技人员占比 9.9%（99/1,000 人），低于 10%');
    assert.equal(c.message.en, 'S&T staff are 9.9% of staff in 2023 (99 of 1,000), below 10%');
    c = check(latestOnly({ staff: 0, scienceStaff: 0 }), 'scienceStaffRatio');
    assert.deepEqual([c.status, c.value], ['failed', null]);
  });

  it('picks the R&D threshold from the latest year\'s sales: ≤ 5,000万 and ≤ 2亿 inclusive', () => {
    assert.equal(rdThresholdPct(0), 5);
    assert.equal(rdThresholdPct(50_000_000), 5);
    assert.equal(rdThresholdPct(50_000_001), 4);
    assert.equal(rdThresholdPct(200_000_000), 4);
    assert.equal(rdThresholdPct(200_000_001), 3);
  });

  it('R&D ÷ sales at every band edge, to the yuan', () => {
    const rd = (salesRevenue: number, rdExpense: number) => check(latestOnly({ salesRevenue, rdExpense }), 'rdRatio');
    // 5 % of 50,000,000 is 2,500,000.
    assert.deepEqual([rd(50_000_000, 2_500_000).status, rd(50_000_000, 2_500_000).value, rd(50_000_000, 2_500_000).threshold], ['met', 5, 5]);
    assert.deepEqual([rd(50_000_000, 2_499_999).status, rd(50_000_000, 2_499_999).value], ['failed', 4.9]); // 4.999998 % shown as 4.9
    // One yuan above 5,000万 the threshold is 4 %: 4 % of 50,000,001 is 2,000,000.04.
    assert.equal(rd(50_000_001, 2_000_001).status, 'met');
    assert.deepEqual([rd(50_000_001, 2_000_000).status, rd(50_000_001, 2_000_000).threshold], ['failed', 4]);
    // 4 % of 200,000,000 is 8,000,000.
    assert.equal(rd(200_000_000, 8_000_000).status, 'met');
    assert.equal(rd(200_000_000, 7_999_999).status, 'failed');
    // Above 2亿, 3 %: 3 % of 200,000,001 is 6,000,000.03.
    assert.deepEqual([rd(200_000_001, 6_000_001).status, rd(200_000_001, 6_000_001).threshold], ['met', 3]);
    assert.equal(rd(200_000_001, 6_000_000).status, 'failed');
    // No sales: the ratio is undefined, not infinitely good.
    assert.deepEqual([rd(0, 100).status, rd(0, 100).value], ['failed', null]);
  });

  it('says what is missing in both languages', () => {
    const c = check(latestOnly({ salesRevenue: 50_000_000, rdExpense: 1_600_000 }), 'rdRatio');
    assert.equal(c.value, 3.2);
    assert.equal(c.message['zh-CN'], '研发费用占比 3.2%，低于 5%（最近一年销售收入 ≤ 5,000.00 万元），按 2023 年计算');
    assert.equal(c.message.en, 'R&D expense is 3.2% of sales, below 5% (latest-year sales ≤ 50 million yuan), over 2023');
    const middle = check(latestOnly({ salesRevenue: 60_000_000, rdExpense: 2_400_000 }), 'rdRatio');
    assert.match(middle.message['zh-CN'], /不低于 4%（最近一年销售收入 > 5,000.00 万元 且 ≤ 20,000.00 万元）/);
    assert.match(middle.message.en, /at least 4% \(latest-year sales > 50 million yuan and ≤ 200 million yuan\)/);
  });

  it('sums R&D and sales over the last three years, ignoring other years', () => {
    // 2021–2023: R&D 0 + 1,000,000 + 2,000,000 = 3,000,000 over sales 10M + 20M + 30M = 60M: exactly 5 %
    // (latest sales 30M ≤ 5,000万). 2020 and 2024 are outside the window.
    const years = (rd2023: number) => [
      year(2020, { salesRevenue: 1, rdExpense: 9_000_000 }),
      year(2021, { salesRevenue: 10_000_000, rdExpense: 0 }),
      year(2022, { salesRevenue: 20_000_000, rdExpense: 1_000_000 }),
      year(2023, { salesRevenue: 30_000_000, rdExpense: rd2023 }),
      year(2024, { salesRevenue: 1, rdExpense: 9_000_000 }),
    ];
    const met = check(input({ years: years(2_000_000) }), 'rdRatio');
    assert.deepEqual([met.status, met.value], ['met', 5]);
    assert.match(met.message['zh-CN'], /按 2021–2023 年合计计算/);
    // One yuan less fails, although 2023 alone would be 6.7 %.
    assert.equal(check(input({ years: years(1_999_999) }), 'rdRatio').status, 'failed');
  });

  it('uses the actual years of a younger firm', () => {
    // Founded 2022-05-01: 2022 and 2023 only; 400,000 + 1,600,000 over 10M + 30M = 5 %.
    const young = input({ foundedOn: '2022-05-01', years: [
      year(2022, { salesRevenue: 10_000_000, rdExpense: 400_000 }),
      year(2023, { salesRevenue: 30_000_000, rdExpense: 1_600_000 }),
    ] });
    const c = check(young, 'rdRatio');
    assert.deepEqual([c.status, c.value], ['met', 5]);
    assert.match(c.message.en, /over 2022–2023$/);
  });

  it('R&D spent in China ≥ 60 % of all R&D', () => {
    const c = check(latestOnly({ rdExpense: 1_000_000, rdExpenseDomestic: 600_000 }), 'rdDomesticShare');
    assert.deepEqual([c.status, c.value, c.threshold], ['met', 60, 60]);
    const below = check(latestOnly({ rdExpense: 1_000_000, rdExpenseDomestic: 599_999 }), 'rdDomesticShare');
    assert.deepEqual([below.status, below.value], ['failed', 59.9]);
    assert.equal(check(latestOnly({ rdExpense: 0 }), 'rdDomesticShare').status, 'failed');
  });

  it('high-tech revenue ≥ 60 % of total revenue, never printed as 60.0 % when below', () => {
    assert.equal(check(latestOnly({ totalRevenue: 10_000_000, hightechRevenue: 6_000_000 }), 'hightechRevenueShare').status, 'met');
    const c = check(latestOnly({ totalRevenue: 10_000_000, hightechRevenue: 5_999_999 }), 'hightechRevenueShare');
    assert.deepEqual([c.status, c.value, c.threshold], ['failed', 59.9, 60]);
    assert.match(c.message['zh-CN'], /59\.9%，低于 60%/);
    assert.equal(check(latestOnly({ totalRevenue: 0 }), 'hightechRevenueShare').status, 'failed');
  });

  it('fails every year-based condition when the latest year is missing, and says so', () => {
    const old = input({ years: [year(2021, { salesRevenue: 1_000_000 }), year(2022, { salesRevenue: 1_000_000 })] });
    const result = assessHighTech(old);
    for (const code of ['scienceStaffRatio', 'rdRatio', 'rdDomesticShare', 'hightechRevenueShare', 'innovationScore']) {
      const c = conditionOf(result.conditions, code);
      assert.deepEqual([c.status, c.value], ['failed', null], code);
      assert.match(c.message['zh-CN'], /^缺少 2023 年度（最近一年）数据/, code);
      assert.match(c.message.en, /^No figures for 2023/, code);
    }
    assert.equal(result.eligible, 'no');
  });
});

describe('高新技术企业: innovation score bands (195号)', () => {
  it('IP quantity: any Class I → 7–8, else Class II 5+ / 3–4 / 1–2', () => {
    assert.deepEqual(scoreIpQuantity(1, 0), range(7, 8));
    assert.deepEqual(scoreIpQuantity(1, 10), range(7, 8));
    assert.deepEqual(scoreIpQuantity(0, 5), range(5, 6));
    assert.deepEqual(scoreIpQuantity(0, 4), range(3, 4));
    assert.deepEqual(scoreIpQuantity(0, 3), range(3, 4));
    assert.deepEqual(scoreIpQuantity(0, 2), range(1, 2));
    assert.deepEqual(scoreIpQuantity(0, 1), range(1, 2));
    assert.deepEqual(scoreIpQuantity(0, 0), range(0, 0));
  });

  it('transformation by the yearly average, each edge and one below', () => {
    assert.deepEqual(scoreTransformation([5, 5, 5]), range(25, 30)); // average 5
    assert.deepEqual(scoreTransformation([5, 5, 4]), range(19, 24)); // 14/3 < 5
    assert.deepEqual(scoreTransformation([4, 4, 4]), range(19, 24));
    assert.deepEqual(scoreTransformation([4, 4, 3]), range(13, 18));
    assert.deepEqual(scoreTransformation([3, 3, 3]), range(13, 18));
    assert.deepEqual(scoreTransformation([3, 3, 2]), range(7, 12));
    assert.deepEqual(scoreTransformation([0, 0, 6]), range(7, 12)); // the average, not the latest year
    assert.deepEqual(scoreTransformation([2, 2, 1]), range(1, 6));
    assert.deepEqual(scoreTransformation([1, 1, 1]), range(1, 6));
    // 2 in three years: between "≥ 1" and "0", left open.
    assert.deepEqual(scoreTransformation([1, 1, 0]), range(0, 6));
    assert.deepEqual(scoreTransformation([0, 0, 0]), range(0, 0));
    // A younger firm averages over its actual years.
    assert.deepEqual(scoreTransformation([5]), range(25, 30));
    assert.deepEqual(scoreTransformation([3, 2]), range(7, 12));
    assert.deepEqual(scoreTransformation([]), range(0, 0));
  });

  it('growth ½(Y2/Y1 + Y3/Y2) − 1 at each band edge, exactly, and one yuan below', () => {
    const g = (values: number[]) => scoreGrowth(values);
    // 1.35 × 1.35: exactly 35 %.
    assert.deepEqual(g([10_000, 13_500, 18_225]), { points: range(9, 10), ratePct: 35, basis: 'threeYears' });
    assert.deepEqual(g([10_000, 13_500, 18_224]).points, range(7, 8)); // 34.996… %
    assert.deepEqual(g([10_000, 12_500, 15_625]).points, range(7, 8)); // 25 %
    assert.deepEqual(g([10_000, 12_500, 15_624]).points, range(5, 6));
    assert.deepEqual(g([10_000, 11_500, 13_225]).points, range(5, 6)); // 15 %
    assert.deepEqual(g([10_000, 11_500, 13_224]).points, range(3, 4));
    assert.deepEqual(g([10_000, 10_500, 11_025]).points, range(3, 4)); // 5 %
    assert.deepEqual(g([10_000, 10_500, 11_024]).points, range(1, 2));
    // "> 0" is strict: ½(1 + 1.0001) − 1 = 0.005 % scores, 0 % does not.
    assert.deepEqual(g([10_000, 10_000, 10_001]).points, range(1, 2));
    assert.deepEqual(g([10_000, 10_000, 10_000]), { points: range(0, 0), ratePct: 0, basis: 'threeYears' });
    // Unequal ratios: ½(1 + 1.7) − 1 = 35 % exactly; ½(1 + 1.69) − 1 = 34.5 %.
    assert.deepEqual(g([100, 100, 170]).points, range(9, 10));
    assert.deepEqual(g([100, 100, 169]), { points: range(7, 8), ratePct: 34.5, basis: 'threeYears' });
    // Amounts whose products exceed 2^53 stay exact.
    assert.deepEqual(g([1_000_000_000_000, 1_350_000_000_000, 1_822_500_000_000]).points, range(9, 10));
    assert.deepEqual(g([1_000_000_000_000, 1_350_000_000_000, 1_822_499_999_999]).points, range(7, 8));
  });

  it('growth special cases: negative, Y1 zero, Y2 zero, fewer years', () => {
    // ½(0.9 + 0.888…) − 1 = −10.56 %: 0 points.
    assert.deepEqual(scoreGrowth([10_000, 9_000, 8_000]), { points: range(0, 0), ratePct: -10.6, basis: 'threeYears' });
    // Y1 zero: Y3/Y2 − 1 = 35 %.
    assert.deepEqual(scoreGrowth([0, 10_000, 13_500]), { points: range(9, 10), ratePct: 35, basis: 'lastTwoYears' });
    // Y2 zero: 0 points whatever Y3 is.
    assert.deepEqual(scoreGrowth([10_000, 0, 50_000]), { points: range(0, 0), ratePct: null, basis: 'secondYearZero' });
    assert.deepEqual(scoreGrowth([0, 0, 50_000]).basis, 'secondYearZero');
    // Two actual years: Y2/Y1 − 1.
    assert.deepEqual(scoreGrowth([10_000, 13_500]), { points: range(9, 10), ratePct: 35, basis: 'twoYears' });
    assert.deepEqual(scoreGrowth([10_000, 13_499]).points, range(7, 8));
    assert.deepEqual(scoreGrowth([0, 5_000]).basis, 'firstOfTwoZero');
    assert.deepEqual(scoreGrowth([10_000]), { points: range(0, 0), ratePct: null, basis: 'tooFewYears' });
    assert.deepEqual(scoreGrowth([]).basis, 'tooFewYears');
    // Negative net assets: 0, even where the ratios alone would read as +100 %.
    assert.deepEqual(scoreGrowth([-100, 50, 100]).basis, 'negativeValue');
    assert.deepEqual(scoreGrowth([-100, -200, -400]), { points: range(0, 0), ratePct: null, basis: 'negativeValue' });
  });

  it('net assets are total assets − liabilities; a gap in the years breaks the growth series', () => {
    // Net assets 10,000 / 13,500 / 18,225 (35 %); sales 100 / 100 / 100 (0 %).
    const years = [
      year(2021, { totalAssets: 30_000, totalLiabilities: 20_000, salesRevenue: 100 }),
      year(2022, { totalAssets: 33_500, totalLiabilities: 20_000, salesRevenue: 100 }),
      year(2023, { totalAssets: 38_225, totalLiabilities: 20_000, salesRevenue: 100 }),
    ];
    let parts = assessHighTech(input({ years })).score.parts;
    assert.deepEqual([parts.netAssetGrowth, parts.salesGrowth], [range(9, 10), range(0, 0)]);
    // Without 2022 only 2023 is consecutive with the latest year: no growth can be computed.
    const gap = input({ years: [years[0], years[2]] });
    parts = assessHighTech(gap).score.parts;
    assert.deepEqual(parts.netAssetGrowth, range(0, 0));
    assert.match(conditionOf(assessHighTech(gap).conditions, 'innovationScore').message['zh-CN'], /净资产增长率 不足两年数据，计 0 分/);
  });

  it('self-assessed parts: exact when given, whole range when absent, refused out of range', () => {
    let parts = assessHighTech(input({ selfAssessment: { ipAdvancement: 8, ipCoreSupport: 0, ipAcquisition: 6, rdManagement: 20 } })).score.parts;
    assert.deepEqual([parts.ipAdvancement, parts.ipCoreSupport, parts.ipAcquisition, parts.rdManagement], [range(8, 8), range(0, 0), range(6, 6), range(20, 20)]);
    parts = assessHighTech(input({ selfAssessment: { ipAdvancement: 3 } })).score.parts;
    assert.deepEqual([parts.ipAdvancement, parts.ipCoreSupport, parts.ipAcquisition, parts.rdManagement], [range(3, 3), range(0, 8), range(0, 6), range(0, 20)]);
    parts = assessHighTech(input({ selfAssessment: undefined })).score.parts;
    assert.deepEqual(parts.rdManagement, range(0, 20));
    const bad: SelfAssessment[] = [{ ipAdvancement: 9 }, { ipCoreSupport: -1 }, { ipAcquisition: 7 }, { rdManagement: 21 }, { rdManagement: 2.5 }];
    for (const selfAssessment of bad) assert.throws(() => assessHighTech(input({ selfAssessment })), RangeError);
  });
});

describe('高新技术企业: score above 70 and the overall verdict', () => {
  // Three years with 5 transformations each (25–30) and 35 % growth of both net assets and sales (9–10 each).
  const strong = (ipClass1: number) => [10_000, 13_500, 18_225].map((v, i) =>
    year(2021 + i, { salesRevenue: v, totalAssets: v, transformations: 5, ipClass1 }));
  const scored = (ipClass1: number, selfAssessment: SelfAssessment) => {
    const result = assessHighTech(input({ years: strong(ipClass1), selfAssessment }));
    return { score: [result.score.min, result.score.max], condition: conditionOf(result.conditions, 'innovationScore') };
  };

  it('met when even the lowest score is 71', () => {
    // min 7 + 7 + 8 + 6 + 25 + 0 + 9 + 9 = 71; max 8 + 7 + 8 + 6 + 30 + 0 + 10 + 10 = 79.
    const { score, condition } = scored(1, { ipAdvancement: 7, ipCoreSupport: 8, ipAcquisition: 6, rdManagement: 0 });
    assert.deepEqual(score, [71, 79]);
    assert.deepEqual([condition.status, condition.value, condition.threshold], ['met', '71–79', 71]);
  });

  it('uncertain when 71 lies inside the range', () => {
    const low = scored(1, { ipAdvancement: 6, ipCoreSupport: 8, ipAcquisition: 6, rdManagement: 0 });
    assert.deepEqual([low.score, low.condition.status], [[70, 78], 'uncertain']);
    // No IP: max 0 + 7 + 8 + 6 + 30 + 0 + 10 + 10 = 71.
    const high = scored(0, { ipAdvancement: 7, ipCoreSupport: 8, ipAcquisition: 6, rdManagement: 0 });
    assert.deepEqual([high.score, high.condition.status], [[64, 71], 'uncertain']);
  });

  it('failed when even the highest score is 70', () => {
    const { score, condition } = scored(0, { ipAdvancement: 6, ipCoreSupport: 8, ipAcquisition: 6, rdManagement: 0 });
    assert.deepEqual([score, condition.status], [[63, 70], 'failed']);
    assert.match(condition.message['zh-CN'], /^创新能力评价最高 70 分，未高于 70 分/);
  });

  it('eligible: no if any condition failed, uncertain if any uncertain, else yes', () => {
    assert.equal(assessHighTech(input()).eligible, 'yes'); // the reference firm, 78–86 points
    assert.equal(assessHighTech(input({ selfAssessment: undefined })).eligible, 'uncertain'); // 46–96
    assert.equal(assessHighTech(input({ selfAssessment: undefined, ownsCoreIp: false })).eligible, 'no');
  });
});

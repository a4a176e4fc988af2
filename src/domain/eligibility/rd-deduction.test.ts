import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateRdDeduction, excludedIndustry, isIndustryCode, RD_DEDUCTION_2023 } from './rd-deduction';
import { input, latestOnly, year } from './test-fixtures';
import { formatMoney } from '../money';

describe('研发费用加计扣除: excluded industries (财税〔2015〕119号 第四条, GB/T 4754-2017)', () => {
  it('maps the six industries to their divisions', () => {
    const cases: [string, string][] = [
      ['C1620', 'tobacco'], ['16', 'tobacco'],
      ['H6110', 'accommodationCatering'], ['62', 'accommodationCatering'],
      ['F5110', 'wholesaleRetail'], ['F5211', 'wholesaleRetail'], ['52', 'wholesaleRetail'],
      ['K7010', 'realEstate'], ['70', 'realEstate'],
      ['L7111', 'leasingBusinessServices'], ['72', 'leasingBusinessServices'],
      ['R9011', 'entertainment'], ['90', 'entertainment'],
      [' f5110 ', 'wholesaleRetail'], ['h', 'accommodationCatering'],
    ];
    for (const [code, id] of cases) assert.equal(excludedIndustry(code)?.id, id, code);
  });

  it('takes a section letter alone as excluded only when the whole section is', () => {
    for (const section of ['F', 'H', 'K', 'L']) assert.ok(excludedIndustry(section), section);
    // C and R hold tobacco and entertainment among many others.
    for (const section of ['C', 'R', 'M', 'I']) assert.equal(excludedIndustry(section), null, section);
  });

  it('leaves the neighbouring divisions alone', () => {
    // 39 electronics, 15 drinks, 17 textiles, 53 railways, 63 telecoms, 65 software, 73 R&D, 86 news, 89 sport.
    for (const code of ['C3990', '39', 'C1510', 'C1710', 'G5310', 'I6310', 'I6510', 'M7320', 'R8610', 'R8910']) {
      assert.equal(excludedIndustry(code), null, code);
    }
  });

  it('refuses what is not an industry code', () => {
    for (const code of ['', 'XYZ', 'C39901', '3', 'Z39']) {
      assert.equal(isIndustryCode(code), false, code);
      assert.throws(() => excludedIndustry(code), RangeError, code);
    }
  });
});

describe('研发费用加计扣除: the estimate (公告2023年第7号)', () => {
  it('deducts a further 100 % of the latest year\'s R&D and saves 25 % of it in tax', () => {
    const d = estimateRdDeduction(input()); // reference firm: 2,700,000 of R&D in 2023
    assert.deepEqual(
      [d.eligible, d.year, d.rdExpense, d.extraDeduction, d.taxRate, d.taxSaved, d.ruleSet],
      [true, 2023, 2_700_000, 2_700_000, 0.25, 675_000, 'rd-deduction-2023'],
    );
    // money as every view prints it (domain/money.ts): 万元 with two decimals
    assert.equal(d.message['zh-CN'], '2023 年研发费用 270.00 万元，可再按 100% 加计扣除 270.00 万元；按税率 25% 计，最多少缴企业所得税 67.50 万元（以应纳税所得额足以抵扣为限；财政部 税务总局公告2023年第7号）');
    assert.ok(d.message.en.includes(formatMoney(2_700_000, 'en')), d.message.en);
  });

  it('uses 15 % with a valid 高企 certificate', () => {
    const d = estimateRdDeduction(input({ directQualifications: ['validHighTech'] }));
    assert.deepEqual([d.taxRate, d.taxSaved], [0.15, 405_000]);
    assert.match(d.message['zh-CN'], /按高新技术企业优惠税率 15% 计/);
    // Other direct qualifications do not change the rate.
    assert.equal(estimateRdDeduction(input({ directQualifications: ['provincialRdInstitution'] })).taxRate, 0.25);
  });

  it('rounds the tax to whole yuan, half up', () => {
    // 1,234,567 × 25 % = 308,641.75; × 15 % = 185,185.05.
    assert.equal(estimateRdDeduction(latestOnly({ rdExpense: 1_234_567 })).taxSaved, 308_642);
    assert.equal(estimateRdDeduction(latestOnly({ rdExpense: 1_234_567 }, { directQualifications: ['validHighTech'] })).taxSaved, 185_185);
    assert.equal(estimateRdDeduction(latestOnly({ rdExpense: 10 })).taxSaved, 3); // 2.5
    assert.equal(estimateRdDeduction(latestOnly({ rdExpense: 10 }, { directQualifications: ['validHighTech'] })).taxSaved, 2); // 1.5
  });

  it('gives nothing to an excluded industry', () => {
    for (const industryCode of ['C1620', 'H6210', 'F5110', 'K7010', 'L7212', 'R9011']) {
      const d = estimateRdDeduction(input({ industryCode }));
      assert.deepEqual([d.eligible, d.extraDeduction, d.taxSaved], [false, 0, 0], industryCode);
      assert.match(d.message['zh-CN'], /不适用研发费用加计扣除/, industryCode);
    }
  });

  it('does not guess when the industry code is missing or unreadable', () => {
    for (const industryCode of ['', '  ', 'XYZ']) {
      const d = estimateRdDeduction(input({ industryCode }));
      assert.deepEqual([d.eligible, d.year, d.extraDeduction, d.taxSaved], [false, 2023, 0, 0], industryCode);
      assert.match(d.message['zh-CN'], /^行业代码(未填写|「XYZ」无法识别)/, industryCode);
    }
  });

  it('does not estimate R&D incurred before 2023-01-01', () => {
    const before = estimateRdDeduction(input({}, '2023-05-31')); // latest year 2022
    assert.deepEqual([before.eligible, before.year, before.extraDeduction, before.ruleSet], [false, 2022, 0, 'rd-deduction-2023']);
    assert.match(before.message.en, /predates .* \(from 2023-01-01\)/);
    assert.equal(estimateRdDeduction(input({}, '2024-01-01')).eligible, true); // latest year 2023
  });

  it('needs the latest year\'s figures and some R&D', () => {
    const missing = estimateRdDeduction(input({ years: [year(2022, { rdExpense: 1_000_000 })] }));
    assert.deepEqual([missing.eligible, missing.year, missing.rdExpense], [false, null, 0]);
    assert.match(missing.message['zh-CN'], /^缺少 2023 年度/);
    const none = estimateRdDeduction(latestOnly({ rdExpense: 0 }));
    assert.deepEqual([none.eligible, none.year, none.extraDeduction], [false, 2023, 0]);
  });

  it('reads its rate from the rule set, so a revision can change it', () => {
    const revised = { ...RD_DEDUCTION_2023, id: 'rd-deduction-test', extraPct: 120 };
    const d = estimateRdDeduction(latestOnly({ rdExpense: 1_000_000 }), revised);
    assert.deepEqual([d.extraDeduction, d.taxSaved, d.ruleSet], [1_200_000, 300_000, 'rd-deduction-test']);
  });
});

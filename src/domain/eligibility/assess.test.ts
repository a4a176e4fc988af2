import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess, EARLIEST_AS_OF } from './assess';
import { ruleSetOn } from './common';
import { HIGH_TECH_2016 } from './hightech';
import { input, REFERENCE_YEARS, year } from './test-fixtures';
import { HIGHTECH_CONDITION_CODES, TECHSME_CONDITION_CODES } from './types';

describe('assess: the reference firm, worked by hand', () => {
  // Assessed 2024-06-01: latest year 2023, window 2021–2023 (see test-fixtures.ts).
  const result = assess(input());
  const values = (conditions: { code: string; status: string; value: unknown }[]) =>
    Object.fromEntries(conditions.map((c) => [c.code, [c.status, c.value]]));

  it('names the rule sets it applied', () => {
    assert.equal(result.asOf, '2024-06-01');
    assert.deepEqual(result.ruleSets, ['hightech-2016', 'techsme-2017', 'rd-deduction-2023']);
  });

  it('高企: every condition met, score 78–86', () => {
    assert.deepEqual(result.highTech.conditions.map((c) => c.code), [...HIGHTECH_CONDITION_CODES]);
    assert.deepEqual(values(result.highTech.conditions), {
      registeredOneYear: ['met', 2270], // 2018-03-15 → 2024-06-01: 6 × 365 + 2 leap days + 78
      ownsCoreIp: ['met', true],
      hightechField: ['met', '电子信息'],
      scienceStaffRatio: ['met', 25], // 20 / 80
      rdRatio: ['met', 6], // (1.2 + 1.8 + 2.7)M / (20 + 30 + 45)M; 2023 sales 45M ≤ 5,000万 → 5 %
      rdDomesticShare: ['met', 82.4], // 4.7M / 5.7M = 82.45 %, truncated
      hightechRevenueShare: ['met', 80], // 36.8M / 46M
      innovationScore: ['met', '78–86'],
      noSeriousIncident: ['met', true],
    });
    // IP 7–8 (Class I) + 6 + 6 + 5; transformation 15 in 3 years → 25–30; management 15;
    // net assets 10 → 12 → 15M: ½(1.2 + 1.25) − 1 = 22.5 % → 5–6; sales 20 → 30 → 45M: 50 % → 9–10.
    assert.deepEqual(result.highTech.score, {
      min: 78, max: 86,
      parts: {
        ipQuantity: { min: 7, max: 8 }, ipAdvancement: { min: 6, max: 6 }, ipCoreSupport: { min: 6, max: 6 }, ipAcquisition: { min: 5, max: 5 },
        transformation: { min: 25, max: 30 }, rdManagement: { min: 15, max: 15 }, netAssetGrowth: { min: 5, max: 6 }, salesGrowth: { min: 9, max: 10 },
      },
    });
    assert.equal(result.highTech.eligible, 'yes');
  });

  it('科小: 16 + 50 + 30 = 96 on the score path', () => {
    // 2023: 20/80 = 25 % → 16; R&D 2.7M / 45M = 6 % → 50; two Class I → 30.
    assert.deepEqual(result.techSme.conditions.map((c) => c.code), [...TECHSME_CONDITION_CODES]);
    assert.deepEqual([result.techSme.eligible, result.techSme.path, result.techSme.score], ['yes', 'score', 96]);
    assert.deepEqual(result.techSme.parts, { scienceStaff: 16, rd: 50, achievements: 30 });
  });

  it('加计扣除: 2.7M more deducted, 675,000 saved at 25 %', () => {
    const d = result.rdDeduction;
    assert.deepEqual([d.eligible, d.year, d.extraDeduction, d.taxRate, d.taxSaved], [true, 2023, 2_700_000, 0.25, 675_000]);
  });

  it('is plain JSON with both languages in every message', () => {
    const copy = JSON.parse(JSON.stringify(result));
    assert.deepEqual(copy, result);
    for (const c of [...result.highTech.conditions, ...result.techSme.conditions]) {
      assert.ok(c.message['zh-CN'] && c.message.en, c.code);
    }
  });

  it('ignores the years outside the window', () => {
    const noisy = assess(input({ years: [year(2020, { salesRevenue: 1, rdExpense: 99_000_000 }), ...REFERENCE_YEARS, year(2024, { staff: 9_999 })] }));
    assert.deepEqual(noisy.highTech, result.highTech);
    assert.deepEqual(noisy.techSme, result.techSme);
  });
});

describe('assess: rule sets and input errors', () => {
  it('picks the rule set in force on the date, ends inclusive', () => {
    const sets = [
      { ...HIGH_TECH_2016, effectiveTo: '2026-12-31' },
      { ...HIGH_TECH_2016, id: 'hightech-2027', effectiveFrom: '2027-01-01' },
    ];
    assert.equal(ruleSetOn(sets, '2015-12-31'), null);
    assert.equal(ruleSetOn(sets, '2016-01-01')?.id, 'hightech-2016');
    assert.equal(ruleSetOn(sets, '2026-12-31')?.id, 'hightech-2016');
    assert.equal(ruleSetOn(sets, '2027-01-01')?.id, 'hightech-2027');
  });

  it('refuses dates before both 高企 and 科小 rules exist', () => {
    assert.equal(EARLIEST_AS_OF, '2017-05-03');
    assert.doesNotThrow(() => assess(input({ foundedOn: '2010-01-01' }, '2017-05-03')));
    assert.throws(() => assess(input({ foundedOn: '2010-01-01' }, '2017-05-02')), /科技型中小企业 rule set/);
  });

  it('refuses malformed input the server schema should have caught', () => {
    assert.throws(() => assess(input({}, '2024-02-30')), RangeError);
    assert.throws(() => assess(input({}, '2024/06/01')), RangeError);
    assert.throws(() => assess(input({ foundedOn: '2018-3-15' })), RangeError);
    assert.throws(() => assess(input({ years: [year(2023), year(2023)] })), /appears twice/);
    assert.throws(() => assess(input({ years: [year(2023, { rdExpense: 0.5 })] })), /rdExpense/);
    assert.throws(() => assess(input({ years: [year(2023, { staff: -1 })] })), /staff/);
  });
});

describe('assess: rule sets named for people', () => {
  it('has a title in both languages for every rule set it applies', async () => {
    const { ruleSetTitle } = await import('./titles');
    for (const id of ['hightech-2016', 'techsme-2017', 'rd-deduction-2023']) {
      assert.notEqual(ruleSetTitle(id, 'zh-CN'), id);
      assert.notEqual(ruleSetTitle(id, 'en'), id);
    }
    assert.match(ruleSetTitle('hightech-2016', 'zh-CN'), /国科发火〔2016〕32号/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMillion, formatPercent, formatRange, formatWan, percentValue, yearsLabel } from './format';

describe('eligibility message formatting', () => {
  it('prints money exactly in 万元 and million yuan', () => {
    assert.equal(formatWan(50_000_000), '5,000.00 万元');
    assert.equal(formatWan(50_000_001), '5,000.0001 万元');
    assert.equal(formatWan(675_000), '67.50 万元');
    assert.equal(formatWan(0), '0.00 万元');
    assert.equal(formatMillion(200_000_000), '200 million yuan');
    assert.equal(formatMillion(200_000_001), '200.000001 million yuan');
  });

  it('truncates percentages so a value never looks like it reached its threshold', () => {
    assert.equal(percentValue(2_499_999, 50_000_000), 4.9); // 4.999998 %
    assert.equal(percentValue(1, 10), 10);
    assert.equal(percentValue(4_700_000, 5_700_000), 82.4); // 82.456 %
    assert.equal(percentValue(-1056, 10_000), -10.6); // floors, for negative growth too
    assert.equal(formatPercent(3.2), '3.2%');
    assert.equal(formatPercent(10), '10.0%');
  });

  it('labels ranges and years', () => {
    assert.equal(formatRange({ min: 7, max: 8 }), '7–8');
    assert.equal(formatRange({ min: 5, max: 5 }), '5');
    assert.deepEqual(yearsLabel([2021, 2022, 2023]), { zh: '2021–2023', en: '2021–2023' });
    assert.deepEqual(yearsLabel([2021, 2023]), { zh: '2021、2023', en: '2021, 2023' });
    assert.deepEqual(yearsLabel([2023]), { zh: '2023', en: '2023' });
  });
});

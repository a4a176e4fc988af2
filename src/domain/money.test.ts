import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, wanText } from './money';

describe('money: one formatter for every view (万元, two decimals; yuan stored)', () => {
  it('prints yuan as 万元 with two decimals, grouped, half-up on the fen', () => {
    assert.equal(wanText(458_589), '45.86');
    assert.equal(wanText(2_700_000), '270.00');
    assert.equal(wanText(12_345_678_901), '1,234,567.89');
    assert.equal(wanText(50), '0.01', '0.005 万元 rounds half up');
    assert.equal(wanText(49), '0.00');
    assert.equal(wanText(-458_589), '-45.86');
    assert.equal(wanText(0), '0.00');
  });
  it('adds the unit in the reader\'s language, and a dash for nothing', () => {
    assert.equal(formatMoney(458_589), '45.86 万元');
    assert.equal(formatMoney(458_589, 'en'), '45.86 × 10k yuan', 'the same figure as in Chinese, with the unit the English tables use');
    assert.equal(formatMoney(null), '—');
    assert.equal(formatMoney(undefined, 'en'), '—');
  });
});

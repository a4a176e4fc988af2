import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canBeChildOf, defaultParentCode, isValidRegionCode, regionLevel } from './regions';

describe('行政区划代码 (GB/T 2260)', () => {
  it('knows the level from the code', () => {
    assert.equal(regionLevel('620000'), 1);
    assert.equal(regionLevel('621000'), 2);
    assert.equal(regionLevel('621002'), 3);
    assert.ok(isValidRegionCode('621002'));
    assert.ok(!isValidRegionCode('62100'));
    assert.ok(!isValidRegionCode('021002'));
  });

  it('accepts a child only one level down and under the same prefix', () => {
    assert.ok(canBeChildOf('621000', '620000'));
    assert.ok(canBeChildOf('621002', '621000'));
    assert.ok(canBeChildOf('429004', '420000')); // 仙桃市, county level directly under 湖北省
    assert.ok(canBeChildOf('620000', null));
    assert.ok(!canBeChildOf('620702', '621000')); // 甘州区 is not in 庆阳市
    assert.ok(!canBeChildOf('621000', null));
    assert.ok(!canBeChildOf('621002', '621002'));
    assert.ok(!canBeChildOf('630100', '620000'));
  });

  it('derives the usual parent', () => {
    assert.equal(defaultParentCode('621002'), '621000');
    assert.equal(defaultParentCode('621000'), '620000');
    assert.equal(defaultParentCode('620000'), null);
  });
});

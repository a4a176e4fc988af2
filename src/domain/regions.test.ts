import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canBeChildOf, countyOfLocality, defaultParentCode, isUrbanRuralClass, isValidLocalityCode, isValidRegionCode, localityLevel, normalizeStatsCode,
  regionLevel, townshipOfVillage, URBAN_RURAL_CLASSES, urbanRuralClassName,
} from './regions';

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

describe('统计用区划代码 of townships and villages', () => {
  it('tells a township (9 digits) from a village (12 digits) and refuses the rest', () => {
    assert.equal(localityLevel('621022100'), 4); // 环城镇
    assert.equal(localityLevel('621022100201'), 5);
    assert.equal(localityLevel('441900003'), 4); // 东莞市 has townships directly, no county
    for (const bad of ['621022', '62102210', '621022000', '621022100000', '620000100', '021022100', '6210221002O1', '6210221002011']) {
      assert.equal(localityLevel(bad), null, bad);
      assert.ok(!isValidLocalityCode(bad), bad);
    }
  });

  it('finds the county and township in the code', () => {
    assert.equal(countyOfLocality('621022100201'), '621022');
    assert.equal(countyOfLocality('621022100'), '621022');
    assert.equal(townshipOfVillage('621022100201'), '621022100');
    assert.equal(townshipOfVillage('621022100'), null);
  });

  it('reads the bureau\'s 12-digit padded codes', () => {
    assert.equal(normalizeStatsCode('621022000000'), '621022');
    assert.equal(normalizeStatsCode(' 621022100000 '), '621022100');
    assert.equal(normalizeStatsCode('621022100201'), '621022100201');
    assert.equal(normalizeStatsCode('621022'), '621022');
  });

  it('names the 城乡分类代码 and knows no others', () => {
    assert.deepEqual(Object.keys(URBAN_RURAL_CLASSES), ['111', '112', '121', '122', '123', '210', '220']);
    assert.equal(urbanRuralClassName('220'), '村庄');
    assert.equal(urbanRuralClassName('111', 'en'), 'Main urban area');
    assert.ok(isUrbanRuralClass('122'));
    assert.ok(!isUrbanRuralClass('130'));
    assert.ok(!isUrbanRuralClass('toString'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INDUSTRY_DIVISIONS, industryDivision, isIndustrialSector } from './industries';

describe('国民经济行业分类 (GB/T 4754-2017)', () => {
  it('has the 97 divisions, numbered 01–97 without gaps', () => {
    assert.equal(INDUSTRY_DIVISIONS.length, 97);
    assert.deepEqual(INDUSTRY_DIVISIONS.map((d) => Number(d.code)), Array.from({ length: 97 }, (_, i) => i + 1));
  });

  it('reads section-prefixed and deeper codes down to their division', () => {
    assert.equal(industryDivision('C3990')?.name, '计算机、通信和其他电子设备制造业');
    assert.equal(industryDivision('39')?.code, '39');
    assert.equal(industryDivision('6513')?.name, '软件和信息技术服务业');
    assert.equal(industryDivision('A39'), null, 'section and division disagree');
    assert.equal(industryDivision('98'), null);
    assert.equal(industryDivision('x'), null);
  });

  it('counts mining, manufacturing and utilities as industry', () => {
    assert.ok(isIndustrialSector('C3990'));
    assert.ok(isIndustrialSector('06'));
    assert.ok(isIndustrialSector('4411'));
    assert.ok(!isIndustrialSector('65'));
    assert.ok(!isIndustrialSector('51'));
  });
});

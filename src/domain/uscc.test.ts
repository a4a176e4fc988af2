import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidUscc, makeUscc, usccCheckChar, usccProblem } from './uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real published codes', () => {
    // 华为技术有限公司, 小米科技有限责任公司, and the standard's own example 91350100M000100Y43
    for (const code of ['914403001922038216', '91110108551385082Q', '91350100M000100Y43']) assert.equal(usccProblem(code), null, code);
  });

  it('finds a wrong check character, whichever character was mistyped', () => {
    assert.equal(usccProblem('914403001922038217'), 'check');
    assert.equal(usccProblem('914403001922038316'), 'check'); // one digit in the body changed
    assert.equal(usccProblem('91110108551385082A'), 'check');
  });

  it('names the other problems: length, forbidden letters, division code', () => {
    assert.equal(usccProblem('91440300192203821'), 'length');
    assert.equal(usccProblem('9144030019220382160'), 'length');
    assert.equal(usccProblem('91440300192203821O'), 'charset'); // the letter O is never used
    assert.equal(usccProblem('9144030019220382IS'), 'charset');
    assert.equal(usccProblem('91A40300192203821X'), 'division');
  });

  it('reads lower case and surrounding spaces as the printed code', () => {
    assert.ok(isValidUscc(' 91110108551385082q '));
  });

  it('computes check characters including the 0 case (31 - 0)', () => {
    const code = makeUscc('91621002MA71QY001');
    assert.equal(code.length, 18);
    assert.ok(isValidUscc(code));
    assert.equal(usccCheckChar('9144030019220382'), null); // 16 characters
    assert.throws(() => makeUscc('91621002MA71ZY001')); // Z is not in the character set
  });
});

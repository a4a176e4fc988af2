import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidMobile, maskPhone } from './phone';

describe('mobile numbers', () => {
  it('validates mainland mobile numbers', () => {
    assert.ok(isValidMobile('13812341234'));
    assert.ok(isValidMobile('19912341234'));
    assert.ok(!isValidMobile('12812341234'));
    assert.ok(!isValidMobile('1381234123'));
    assert.ok(!isValidMobile('138123412345'));
    assert.ok(!isValidMobile('1381234123a'));
  });

  it('masks the middle four digits', () => {
    assert.equal(maskPhone('13812341234'), '138****1234');
    assert.equal(maskPhone(null), null);
    assert.equal(maskPhone('1234'), '**34');
  });
});

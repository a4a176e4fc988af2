import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterClasses, passwordProblems } from './password';

describe('password rules (等保 2.0 level 3)', () => {
  it('accepts 8+ characters from 3 of the 4 classes', () => {
    assert.deepEqual(passwordProblems('Kechuang2026', 'admin'), []);
    assert.deepEqual(passwordProblems('kechuang@2026', 'admin'), []);
    assert.deepEqual(passwordProblems('Abc@1234', null), []);
  });

  it('refuses short passwords and passwords of fewer than 3 classes', () => {
    assert.deepEqual(passwordProblems('Ab@1234', null), ['too_short']);
    assert.deepEqual(passwordProblems('kechuang2026', null), ['too_few_classes']);
    assert.deepEqual(passwordProblems('KECHUANG', null), ['too_few_classes']);
    assert.equal(characterClasses('aA1!'), 4);
  });

  it('refuses a password containing the username, in any case', () => {
    assert.deepEqual(passwordProblems('QingYang@2026', 'qingyang'), ['contains_username']);
    assert.deepEqual(passwordProblems('Xx@QINGYANG1', 'qingyang'), ['contains_username']);
  });
});

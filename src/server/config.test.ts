import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config';

describe('configuration', () => {
  it('reads LOG_LEVEL (info by default, silent with KECHUANG_LOG=0) and refuses an unknown level in zh-CN and en', () => {
    assert.equal(loadConfig({}).logLevel, 'info');
    assert.equal(loadConfig({ LOG_LEVEL: 'warn' }).logLevel, 'warn');
    assert.equal(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel, 'debug');
    assert.equal(loadConfig({ KECHUANG_LOG: '0' }).logLevel, 'silent');
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL 的值 "loud" 无效.*Invalid LOG_LEVEL "loud"/);
  });
});

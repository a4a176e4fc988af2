import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACHIEVEMENT_WEIGHTS, combine, countsOfVector, idf, maturityFit, regionCloseness, textMatch } from './matching';

describe('matching score', () => {
  it('reads weighted counts from a tsvector literal (title 3, summary 2, text 1)', () => {
    const c = countsOfVector(`'返排液':1A,9B,20 'o''neil':3 '压裂':2A`);
    assert.equal(c.counts.get('返排液'), 6);
    assert.equal(c.counts.get("o'neil"), 1);
    assert.equal(c.counts.get('压裂'), 3);
    assert.equal(c.length, 3);
  });

  it('scores shared rare words above shared common ones, normalised to 0…1, strongest reasons first', () => {
    const idfs = new Map([['返排液', idf(1000, 5)], ['处理', idf(1000, 600)]]);
    const doc = countsOfVector(`'返排液':1A '处理':5`);
    const both = textMatch(['返排液', '处理'], idfs, doc, 1);
    assert.deepEqual(both.terms, ['返排液', '处理']);
    assert.ok(both.score > 0.3 && both.score < 1);
    const common = textMatch(['返排液', '处理'], idfs, countsOfVector(`'处理':5`), 1);
    assert.ok(common.score < both.score / 3);
    assert.equal(textMatch(['x'], new Map(), doc, 1).score, 0);
  });

  it('prefers the same city, then the province; a mature enough achievement; combines to 0–100', () => {
    assert.equal(regionCloseness('621002', '621021'), 'same_region');
    assert.equal(regionCloseness('621002', '620702'), 'same_province');
    assert.equal(regionCloseness('621002', '610102'), 'elsewhere');
    assert.equal(maturityFit(6, 7), 1);
    assert.equal(maturityFit(6, 3), 0.5);
    const full = combine(ACHIEVEMENT_WEIGHTS, { score: 1, terms: ['a'] }, true, 'same_region', { needed: 6, has: 9 });
    assert.equal(full.score, 100);
    const none = combine(ACHIEVEMENT_WEIGHTS, { score: 0, terms: [] }, false, 'elsewhere', { needed: 6, has: 3 });
    assert.equal(none.score, 5);
    assert.equal(none.reasons.maturity, 'early');
  });
});

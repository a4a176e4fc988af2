import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedDaysBy, mayContinue, rateYear } from './commissioners';

const min = { minDays: 30, minVisits: 12 };

test('below the minimum (neither 30 days nor 12 visits) is 不合格 whatever the feedback', () => {
  const r = rateYear({ days: 29, visits: 11, feedbackAvg: 5 }, min);
  assert.equal(r.metMinimum, false);
  assert.equal(r.rating, 'fail');
});

test('12 visits meet the minimum even with fewer than 30 days', () => {
  const r = rateYear({ days: 12, visits: 12, feedbackAvg: null }, min);
  assert.equal(r.metMinimum, true);
  assert.equal(r.score, 64); // 40 for the minimum + 24 for no feedback (3 of 5)
  assert.equal(r.rating, 'pass');
});

test('one and a half times the minimum with good feedback is 优秀; the minimum with full marks is 良好', () => {
  assert.equal(rateYear({ days: 45, visits: 20, feedbackAvg: 4.5 }, min).rating, 'excellent');
  assert.deepEqual(rateYear({ days: 30, visits: 10, feedbackAvg: 5 }, min), { score: 80, rating: 'good', metMinimum: true });
  // service points are capped: 3× the minimum earns no more than 1.5×
  assert.equal(rateYear({ days: 90, visits: 40, feedbackAvg: 3 }, min).score, 84);
});

test('continuing needs 合格 or better', () => {
  assert.equal(mayContinue('fail'), false);
  assert.equal(mayContinue('pass'), true);
  assert.equal(mayContinue(null), true);
});

test('双过半: about half the minimum is expected by the end of June, all of it by 31 December', () => {
  const mid = expectedDaysBy('2026-06-30', 30);
  assert.ok(mid.share > 0.49 && mid.share < 0.5, String(mid.share));
  assert.equal(mid.expectedDays, 14.9);
  assert.deepEqual(expectedDaysBy('2026-12-31', 30), { share: 1, expectedDays: 30 });
  assert.equal(expectedDaysBy('2026-01-01', 365).expectedDays, 1);
});

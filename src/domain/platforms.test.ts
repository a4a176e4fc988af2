import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checklistProblems, countsNewRdInstitution, countsProvincialOrAbove, decidingRegionLevel, PLATFORM_TYPE_CODES, standingOn, validUntil, type ChecklistItem,
} from './platforms';

const item = (x: Partial<ChecklistItem>): ChecklistItem =>
  ({ code: 'c', textZh: '', textEn: '', answer: 'yes_no', min: null, unitZh: '', unitEn: '', required: true, value: null, ...x });

describe('platform types', () => {
  it('has the thirteen types of the issue, each code once', () => {
    assert.equal(PLATFORM_TYPE_CODES.length, 13);
    assert.equal(new Set(PLATFORM_TYPE_CODES).size, 13);
    assert.ok(PLATFORM_TYPE_CODES.includes('new_rd_institution') && PLATFORM_TYPE_CODES.includes('other'));
  });
  it('city platforms are decided by the city, provincial and national ones by the province', () => {
    assert.equal(decidingRegionLevel('city'), 2);
    assert.equal(decidingRegionLevel('provincial'), 1);
    assert.equal(decidingRegionLevel('national'), 1);
  });
});

describe('checklist verdict', () => {
  it('a required tick must be given and true', () => {
    assert.deepEqual(checklistProblems([item({ code: 'a' })]), [{ code: 'a', problem: 'missing' }]);
    assert.deepEqual(checklistProblems([item({ code: 'a', value: false })]), [{ code: 'a', problem: 'not_met' }]);
    assert.deepEqual(checklistProblems([item({ code: 'a', value: true })]), []);
    assert.deepEqual(checklistProblems([item({ code: 'a', value: false, required: false })]), []);
  });
  it('a figure must reach its minimum (the national incubator: 50 incubatees)', () => {
    const n = (value: number | null) => item({ code: 'incubatees', answer: 'number', min: 50, value });
    assert.deepEqual(checklistProblems([n(49)]), [{ code: 'incubatees', problem: 'not_met' }]);
    assert.deepEqual(checklistProblems([n(50)]), []);
    assert.deepEqual(checklistProblems([n(null)]), [{ code: 'incubatees', problem: 'missing' }]);
  });
  it('a figure without a minimum only has to be given', () => {
    assert.deepEqual(checklistProblems([item({ code: 'area', answer: 'number', value: 0 })]), []);
  });
});

describe('term and standing', () => {
  it('a term ends the day before its anniversary', () => {
    assert.equal(validUntil('2026-03-15', 3), '2029-03-14');
    assert.equal(validUntil('2024-02-29', 1), '2025-02-28');
    assert.equal(validUntil('2026-03-15', null), null);
  });
  it('counts from the certification day until (not including) the revocation day', () => {
    const p = { status: 'revoked' as const, level: 'provincial' as const, type: 'key_lab', certifiedOn: '2024-05-01', revokedOn: '2026-06-30' };
    assert.equal(standingOn(p, '2024-04-30'), false);
    assert.equal(standingOn(p, '2024-05-01'), true);
    assert.equal(standingOn(p, '2026-06-29'), true);
    assert.equal(standingOn(p, '2026-06-30'), false);
    assert.equal(countsProvincialOrAbove(p, '2025-01-01'), true);
    assert.equal(countsProvincialOrAbove({ ...p, level: 'city' }, '2025-01-01'), false);
    assert.equal(countsNewRdInstitution({ ...p, level: 'city', type: 'new_rd_institution' }, '2025-01-01'), true);
  });
  it('a platform 筹建 or on 整改 is judged by its certification', () => {
    assert.equal(standingOn({ status: 'preparing', level: 'provincial', type: 'key_lab', certifiedOn: null, revokedOn: null }, '2026-01-01'), false);
    assert.equal(standingOn({ status: 'rectifying', level: 'provincial', type: 'key_lab', certifiedOn: '2025-01-01', revokedOn: null }, '2026-01-01'), true);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AVOIDANCE_RULES, breachedRule, DEFAULT_AVOIDANCE, type ExpertFacts, type ItemFacts } from './avoidance';

const expert = (o: Partial<ExpertFacts> = {}): ExpertFacts => ({ id: 1, orgId: 10, regionCode: '621000', relations: [], cooperatedOrgIds: new Set(), ...o });
const item: ItemFacts = { applicantOrgId: 20, partnerOrgIds: [30], memberExpertIds: [7], memberNames: ['王建国', '赵红'], regionCode: '621002', on: '2026-11-30' };

describe('回避 rules', () => {
  it('names the rule each relation breaks, and none for a stranger', () => {
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert(), item), null);
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ orgId: 20 }), item), 'same_org');
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ orgId: 30 }), item), 'partner_org');
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ id: 7 }), item), 'member');
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ relations: [{ orgId: 30, personName: null, from: null, to: null }] }), item), 'declared_relation');
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ relations: [{ orgId: null, personName: '赵 红', from: null, to: null }] }), item), 'declared_relation');
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, expert({ cooperatedOrgIds: new Set([20]) }), item), 'recent_cooperation');
  });

  it('respects the date range of a declared relation', () => {
    const old = expert({ relations: [{ orgId: 20, personName: null, from: '2015-01-01', to: '2018-12-31' }] });
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, old, item), null);
    const future = expert({ relations: [{ orgId: 20, personName: null, from: '2027-01-01', to: null }] });
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, future, item), null);
  });

  it('applies same_county only when switched on, and only between counties', () => {
    const local = expert({ regionCode: '621002' });
    assert.equal(breachedRule(DEFAULT_AVOIDANCE, local, item), null);
    assert.equal(breachedRule(AVOIDANCE_RULES, local, item), 'same_county');
    assert.equal(breachedRule(AVOIDANCE_RULES, expert({ regionCode: '621000' }), { ...item, regionCode: '621000' }), null);
  });

  it('checks only the rules the call switches on', () => {
    assert.equal(breachedRule(['same_org'], expert({ id: 7 }), item), null);
    assert.equal(breachedRule([], expert({ orgId: 20 }), item), null);
  });
});

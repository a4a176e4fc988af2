import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectMenuPath } from './menu';

const MENU = ['/', '/my-enterprise', '/enterprises', '/enterprises/cultivation', '/enterprises/import', '/indicators',
  '/indicators/tasks', '/indicators/targets', '/policies', '/policies/reviews', '/my-policies', '/users'];

test('the longest matching menu path only', () => {
  assert.equal(selectMenuPath('/enterprises/cultivation', MENU), '/enterprises/cultivation');
  assert.equal(selectMenuPath('/enterprises/import', MENU), '/enterprises/import');
  assert.equal(selectMenuPath('/enterprises', MENU), '/enterprises');
  assert.equal(selectMenuPath('/indicators/tasks', MENU), '/indicators/tasks');
  assert.equal(selectMenuPath('/indicators', MENU), '/indicators');
});

test('a page reached from a list lights that list', () => {
  assert.equal(selectMenuPath('/enterprises/12', MENU), '/enterprises');
  assert.equal(selectMenuPath('/policies/new', MENU), '/policies');
  assert.equal(selectMenuPath('/policies/7/edit', MENU), '/policies');
  assert.equal(selectMenuPath('/indicators/tasks/', MENU), '/indicators/tasks');
});

test('no prefix matches across a name: /my-policies is not /policies, / only itself', () => {
  assert.equal(selectMenuPath('/my-policies', MENU), '/my-policies');
  assert.equal(selectMenuPath('/', MENU), '/');
  assert.equal(selectMenuPath('/audit', MENU), undefined);
  assert.equal(selectMenuPath('/enterprises-x', MENU), undefined);
});

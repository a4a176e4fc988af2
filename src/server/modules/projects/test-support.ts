/** Test helpers for programmes, calls, experts and applications over HTTP (used by the projects and reviews tests). */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { TestClient } from '../../test/harness';

export const RUBRIC = [
  { code: 'inno', name: '创新性', weight: 0.4, max: 100 },
  { code: 'feas', name: '可行性', weight: 0.3, max: 100 },
  { code: 'benefit', name: '预期效益', weight: 0.3, max: 100 },
];

const hour = 3600_000;
export const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** A programme of 庆阳市 and a published call of it, open now; returns the call id. */
export async function openCall(staff: TestClient, overrides: Record<string, unknown> = {}): Promise<number> {
  const p = await staff.post('/api/v1/programmes', { name: `庆阳市重点研发计划 ${Math.random().toString(36).slice(2, 6)}`, level: 'city', regionCode: '621000' });
  assert.equal(p.statusCode, 201, p.body);
  const c = await staff.post('/api/v1/calls', {
    programmeId: p.json().id, title: '2027年度庆阳市重点研发计划项目申报指南', year: 2027, opensAt: iso(-24 * hour), closesAt: iso(24 * hour),
    budget: 3_000_000, rubric: RUBRIC, reviewersPerApplication: 5, blind: false, ...overrides,
  });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id;
  const pub = await staff.post(`/api/v1/calls/${id}/publish`);
  assert.equal(pub.statusCode, 200, pub.body);
  return id;
}

let experts = 0;
/** An expert of 庆阳 (fields 新能源与节能, 正高 unless told) with a sign-in; returns its id and a signed-in client. */
export async function makeExpert(app: FastifyInstance, staff: TestClient, overrides: Record<string, unknown> = {}, account = true) {
  experts += 1;
  const res = await staff.post('/api/v1/experts', { name: `专家${experts}`, orgName: '兰州大学', title: '教授', titleRank: '正高', fields: ['新能源与节能'],
    regionCode: '621000', phone: `139${String(experts).padStart(8, '0')}`, ...overrides });
  assert.equal(res.statusCode, 201, res.body);
  const id: number = res.json().id;
  if (!account) return { id, client: null as unknown as TestClient };
  const username = `exp_${process.pid}_${experts}`;
  const first = 'Temp@Pass2026';
  const acc = await staff.post(`/api/v1/experts/${id}/account`, { username, password: first });
  assert.equal(acc.statusCode, 201, acc.body);
  const client = new TestClient(app);
  await client.login(username, first);
  const changed = await client.post('/api/v1/auth/password', { oldPassword: first, newPassword: 'Review@Pass2026' });
  assert.equal(changed.statusCode, 204, changed.body);
  return { id, client };
}

/** An application of the signed-in enterprise or institution to a call, submitted unless told. */
export async function apply(client: TestClient, callId: number, overrides: Record<string, unknown> = {}, submit = true): Promise<number> {
  const res = await client.post('/api/v1/applications', { callId, title: '陇东页岩油储层压裂装备国产化研制', field: '新能源与节能', summary: '研制 140 MPa 电驱压裂装备。',
    requestedAmount: 1_000_000, members: [{ name: '王建国', orgName: '庆阳市陇东能源装备科技有限公司', role: '负责人' }], partnerOrgIds: [], ...overrides });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id;
  if (submit) {
    const s = await client.post(`/api/v1/applications/${id}/submit`);
    assert.equal(s.statusCode, 200, s.body);
  }
  return id;
}

export async function orgIdOf(client: TestClient): Promise<number> {
  return (await client.get('/api/v1/auth/me')).json().user.orgId;
}

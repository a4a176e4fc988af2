// Docking events over HTTP: a bureau's event from draft to closed, registrations with own demands and
// achievements confirmed up to the capacity, pairs planned by staff and their outcomes, the Excel of
// the pairs, counts by region and year; the wrong role, region and owner refused; stale edits and
// second clicks 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from '../../exceljs';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

const YEAR = new Date().getFullYear();
const EVENT = { title: '庆阳市能源化工产学研对接会', theme: '油气开采与新能源装备', field: 'energy', startsAt: `${YEAR}-06-18T09:00:00+08:00`,
  endsAt: `${YEAR}-06-18T17:00:00+08:00`, place: '庆阳市科技馆', organiser: '庆阳市科学技术局', capacity: 2 };

for (const target of databaseTargets()) {
  describe(`docking events [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let gansu: TestClient; let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let expert: TestClient;
    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, gansu, ent1, ent2, inst1, expert] = await Promise.all(['qingyang', 'zhangye', 'gansu', 'qy_ent1', 'qy_ent2', 'qy_inst1', 'expert1'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    it('runs an event from draft to closed with registrations, pairs, outcomes, the Excel and the counts', async () => {
      // listings to bring: ent1's published demand, inst1's submitted achievement, ent2's draft demand
      const demand = (await ent1.post('/api/v1/demands', { title: '抽油机节能改造', description: '老旧抽油机变频节能改造方案', field: 'energy' })).json().id as number;
      await ent1.post(`/api/v1/demands/${demand}/submit`); await qingyang.post(`/api/v1/demands/${demand}/publish`);
      const achievement = (await inst1.post('/api/v1/achievements', { title: '游梁式抽油机永磁直驱系统', type: 'technology', field: 'energy', maturity: 7, summary: '节电 25%' })).json().id as number;
      await inst1.post(`/api/v1/achievements/${achievement}/submit`);
      const ent2Draft = (await ent2.post('/api/v1/demands', { title: '药材烘干余热利用', field: 'energy' })).json().id as number;

      // the event: staff of 庆阳 only; a draft stays with its bureau
      assert.equal((await ent1.post('/api/v1/docking-events', EVENT)).statusCode, 403);
      assert.equal((await zhangye.post('/api/v1/docking-events', { ...EVENT, regionCode: '621000' })).statusCode, 400);
      const created = await qingyang.post('/api/v1/docking-events', EVENT);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      assert.deepEqual([(await ent1.get(`/api/v1/docking-events/${id}`)).statusCode, (await zhangye.get(`/api/v1/docking-events/${id}`)).statusCode], [404, 404]);
      assert.equal((await ent1.post(`/api/v1/docking-events/${id}/registrations`, {})).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/docking-events/${id}/open`)).statusCode, 404);
      const e0 = (await qingyang.get(`/api/v1/docking-events/${id}`)).json();
      const edited = await qingyang.request('PUT', `/api/v1/docking-events/${id}`, { ...EVENT, place: '庆阳市会展中心', version: e0.version });
      assert.equal(edited.json().place, '庆阳市会展中心', edited.body);
      assert.equal((await qingyang.request('PUT', `/api/v1/docking-events/${id}`, { ...EVENT, version: e0.version })).statusCode, 409);
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/open`)).json().status, 'open');
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/open`)).statusCode, 409);
      assert.equal((await zhangye.get(`/api/v1/docking-events/${id}`)).statusCode, 200, 'an open event is public');

      // registrations: own listings only, once per organisation
      assert.equal((await ent1.post(`/api/v1/docking-events/${id}/registrations`, { demandIds: [ent2Draft] })).json().error.fields.demandIds, '只能选择本单位已提交或已发布的需求、成果');
      assert.equal((await expert.post(`/api/v1/docking-events/${id}/registrations`, {})).statusCode, 403);
      const r1 = (await ent1.post(`/api/v1/docking-events/${id}/registrations`, { demandIds: [demand], attendees: 2 })).json().id as number;
      assert.equal((await ent1.post(`/api/v1/docking-events/${id}/registrations`, { demandIds: [demand] })).json().error.code, 'REGISTRATION_EXISTS');
      const r2 = (await inst1.post(`/api/v1/docking-events/${id}/registrations`, { achievementIds: [achievement] })).json().id as number;
      const r3 = (await ent2.post(`/api/v1/docking-events/${id}/registrations`, { note: '希望了解节能技术' })).json().id as number;
      const regs = async (c: TestClient) => { const r = await c.get(`/api/v1/docking-events/${id}/registrations`); return r.statusCode === 200 ? r.json().items.map((g: { id: number }) => g.id) : r.statusCode; };
      assert.deepEqual([await regs(qingyang), await regs(ent1), await regs(zhangye), await regs(expert)], [[r1, r2, r3], [r1], 404, 403]);
      assert.deepEqual((await ent1.get(`/api/v1/docking-events/${id}`)).json().myRegistration, { id: r1, status: 'pending' });
      assert.equal((await qingyang.get('/api/v1/inbox?limit=200')).json().counts['market.docking.registration'], 3);
      assert.equal((await zhangye.get('/api/v1/inbox?limit=200')).json().counts['market.docking.registration'] ?? 0, 0);

      // confirmation by the event's staff, up to the capacity
      assert.equal((await ent1.post(`/api/v1/docking-events/${id}/registrations/${r1}/confirm`)).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/docking-events/${id}/registrations/${r1}/confirm`)).statusCode, 404);
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r1}/confirm`)).json().status, 'confirmed');
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r1}/confirm`)).statusCode, 409);
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r2}/confirm`)).json().status, 'confirmed');
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r3}/confirm`)).json().error.code, 'EVENT_FULL');
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r3}/decline`, {})).statusCode, 400);
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/registrations/${r3}/decline`, { reason: '名额已满' })).json().status, 'declined');
      assert.ok((await ent1.get('/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'market.docking.registration.confirmed'));

      // pairs: staff of the event; a demand and an achievement brought to it, or a supplier organisation
      const pair = (b: object, c = qingyang) => c.post(`/api/v1/docking-events/${id}/pairings`, b);
      assert.equal((await pair({ demandId: demand, achievementId: achievement }, ent1)).statusCode, 403);
      assert.equal((await pair({ demandId: demand, achievementId: achievement }, zhangye)).statusCode, 404);
      assert.equal((await pair({ demandId: ent2Draft, achievementId: achievement })).json().error.fields.demandId, '须为已发布的需求、成果，或由已确认的报名单位带到本次对接会');
      const { rows: [own] } = await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_ent1'`);
      const { rows: [other] } = await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_ent2'`);
      assert.equal((await pair({ demandId: demand, supplierOrgId: Number(own.org_id) })).json().error.fields.supplierOrgId, '供需双方不能是同一单位');
      const p1 = await pair({ demandId: demand, achievementId: achievement, note: '首轮洽谈' });
      assert.equal(p1.statusCode, 201, p1.body);
      assert.equal((await pair({ demandId: demand, achievementId: achievement })).json().error.code, 'PAIRING_EXISTS');
      const p2 = (await pair({ demandId: demand, supplierOrgId: Number(other.org_id) })).json().id as number;
      assert.ok((await inst1.get('/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'market.docking.paired'));
      assert.deepEqual((await ent2.get(`/api/v1/docking-events/${id}/pairings`)).json().items.map((p: { id: number }) => p.id), [p2], 'an organisation sees the pairs it is a side of');
      assert.equal((await zhangye.get(`/api/v1/docking-events/${id}/pairings`)).statusCode, 404);

      // outcomes after the meeting: a contract needs its number; a stale version is refused
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/held`)).json().status, 'held');
      const [first] = (await qingyang.get(`/api/v1/docking-events/${id}/pairings`)).json().items;
      const outcome = (pid: number, b: object, c = qingyang) => c.post(`/api/v1/docking-events/${id}/pairings/${pid}/outcome`, b);
      assert.equal((await outcome(first.id, { outcome: 'contract', version: first.version })).json().error.fields.contractNo, '必填');
      assert.equal((await outcome(first.id, { outcome: 'contract', contractNo: '62100020260001', version: first.version }, ent1)).statusCode, 403);
      const done = await outcome(first.id, { outcome: 'contract', contractNo: '62100020260001', note: '技术开发合同', version: first.version });
      assert.deepEqual([done.json().outcome, done.json().contractNo], ['contract', '62100020260001'], done.body);
      assert.equal((await outcome(first.id, { outcome: 'intent', version: first.version })).statusCode, 409);
      assert.equal((await outcome(p2, { outcome: 'intent', version: 1 })).statusCode, 200);

      // the Excel of the pairs, for the event's staff
      const xlsx = await qingyang.get(`/api/v1/docking-events/${id}/pairings.xlsx`);
      assert.equal(xlsx.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      assert.equal(sheet.rowCount, 3);
      assert.deepEqual([sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(4).value, sheet.getRow(2).getCell(6).value, sheet.getRow(2).getCell(7).value],
        ['抽油机节能改造', '游梁式抽油机永磁直驱系统', '签订合同', '62100020260001']);
      assert.deepEqual([(await ent1.get(`/api/v1/docking-events/${id}/pairings.xlsx`)).statusCode, (await zhangye.get(`/api/v1/docking-events/${id}/pairings.xlsx`)).statusCode], [403, 404]);

      // counts per event and by region
      const e = (await ent2.get(`/api/v1/docking-events/${id}`)).json();
      assert.deepEqual(e.counts, { registrations: 2, pending: 0, pairings: 2, outcomes: { met: 0, intent: 1, agreement: 0, contract: 1 } });
      const stats = (await qingyang.get(`/api/v1/docking-events/stats?year=${YEAR}`)).json();
      assert.deepEqual([stats.regionCode, stats.events, stats.registrations, stats.organisations, stats.pairings, stats.outcomes],
        ['621000', 1, 2, 2, 2, { met: 0, intent: 1, agreement: 0, contract: 1 }]);
      assert.equal(stats.byEvent[0].id, id);
      assert.equal(stats.byRegion.find((r: { regionCode: string }) => r.regionCode === '621000').events, 1);
      const province = (await gansu.get(`/api/v1/docking-events/stats?region=620000&year=${YEAR}`)).json();
      assert.deepEqual(province.byRegion.filter((r: { events: number }) => r.events > 0).map((r: { regionName: string; pairings: number }) => [r.regionName, r.pairings]), [['庆阳市', 2]]);
      assert.equal((await qingyang.get(`/api/v1/docking-events/stats?year=${YEAR - 1}`)).json().events, 0);
      assert.equal((await zhangye.get(`/api/v1/docking-events/stats?region=621000&year=${YEAR}`)).statusCode, 400);
      assert.equal((await zhangye.get(`/api/v1/docking-events/stats?year=${YEAR}`)).json().events, 0);
      assert.equal((await ent1.get(`/api/v1/docking-events/stats?year=${YEAR}`)).statusCode, 403);

      // closed: outcomes are final
      assert.equal((await qingyang.post(`/api/v1/docking-events/${id}/close`)).json().status, 'closed');
      assert.equal((await outcome(p2, { outcome: 'agreement', version: 2 })).statusCode, 409);
      assert.equal((await qingyang.request('DELETE', `/api/v1/docking-events/${id}`)).statusCode, 409);
      const { rows } = await t.db.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'docking.%' GROUP BY action ORDER BY action`);
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.action, r.n])), {
        'docking.event.close': 1, 'docking.event.create': 1, 'docking.event.held': 1, 'docking.event.open': 1, 'docking.event.update': 1,
        'docking.pairing.create': 2, 'docking.pairing.outcome': 2, 'docking.registration.confirm': 2, 'docking.registration.create': 3, 'docking.registration.decline': 1,
      });
    });

    it('lists events by scope and lets an organisation withdraw and register again', async () => {
      const draft = (await qingyang.post('/api/v1/docking-events', { ...EVENT, title: '草稿对接会', capacity: null })).json().id as number;
      const open = (await qingyang.post('/api/v1/docking-events', { ...EVENT, title: '中药材产业对接会', field: 'biomedicine', capacity: null })).json().id as number;
      await qingyang.post(`/api/v1/docking-events/${open}/open`);
      const titles = async (c: TestClient) => (await c.get('/api/v1/docking-events?pageSize=50')).json().items.map((e: { id: number }) => e.id);
      assert.ok((await titles(qingyang)).includes(draft));
      assert.ok(!(await titles(ent1)).includes(draft) && (await titles(ent1)).includes(open));
      assert.ok(!(await titles(zhangye)).includes(draft));
      const r = (await ent2.post(`/api/v1/docking-events/${open}/registrations`, {})).json().id as number;
      assert.equal((await ent1.post(`/api/v1/docking-events/${open}/registrations/${r}/withdraw`)).statusCode, 404);
      assert.equal((await ent2.post(`/api/v1/docking-events/${open}/registrations/${r}/withdraw`)).json().status, 'withdrawn');
      assert.equal((await ent2.post(`/api/v1/docking-events/${open}/registrations/${r}/withdraw`)).statusCode, 409);
      assert.equal((await ent2.post(`/api/v1/docking-events/${open}/registrations`, { attendees: 3 })).json().id, r);
      assert.equal((await qingyang.request('DELETE', `/api/v1/docking-events/${draft}`)).statusCode, 204);
      assert.equal((await qingyang.get(`/api/v1/docking-events/${draft}`)).statusCode, 404);
    });
  });
}

// The talent registry over HTTP: a record extends the expert registry (a new person joins it once,
// matched by mobile), days done and subsidy paid are sums of their rows, staff keep their region
// (by the host's region), a host keeps its own talent's service rows, an expert sees their own;
// the wrong role, region or owner is refused with nothing changed, and a stale edit answers 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

const person = (o: Record<string, unknown> = {}) => ({ name: '王立新', orgName: '兰州大学', title: '教授', titleRank: '正高',
  fields: ['现代农业', '生物与新医药'], regionCode: '621000', phone: '13919000001', ...o });

for (const target of databaseTargets()) {
  describe(`talent registry [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient;
    let zhangye: TestClient;
    let ent1: TestClient;
    let ent2: TestClient;
    let org: Record<string, number>;
    const n = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows[0].n as number;
    const stored = async () => ({
      talent: await n('SELECT count(*)::int AS n FROM talent'), experts: await n('SELECT count(*)::int AS n FROM expert'),
      services: await n('SELECT count(*)::int AS n FROM talent_service'), payments: await n('SELECT count(*)::int AS n FROM talent_payment'),
      audits: await n('SELECT count(*)::int AS n FROM audit_log'),
    });
    const body = (o: Record<string, unknown> = {}) => ({ person: person(), category: 'flexible', flexibleKind: 'migratory', hostOrgId: org.qy_ent2,
      agreementNo: 'QC-RC-2026-01', from: '2026-01-01', to: '2027-12-31', daysPerYear: 60, outcomes: ['引进黄芪新品种 2 个'], ...o });

    before(async () => {
      t = await startTestApp(target);
      qingyang = await signedIn(t.app, 'qingyang');
      zhangye = await signedIn(t.app, 'zhangye');
      ent1 = await signedIn(t.app, 'qy_ent1');
      ent2 = await signedIn(t.app, 'qy_ent2');
      const { rows } = await t.db.query(`SELECT u.username, u.org_id FROM app_user u WHERE u.org_id IS NOT NULL`);
      org = Object.fromEntries(rows.map((r) => [r.username, Number(r.org_id)]));
    });
    after(async () => { await t.close(); });

    it('adds a new person to the expert registry once and extends them; refuses bad terms with nothing changed', async () => {
      const res = await qingyang.post('/api/v1/talent', body());
      assert.equal(res.statusCode, 201, res.body);
      const { id, expertId } = res.json();
      const x = (await t.db.query('SELECT name, org_name, phone FROM expert WHERE id = $1', [expertId])).rows[0];
      assert.deepEqual(x, { name: '王立新', org_name: '兰州大学', phone: '13919000001' });
      assert.equal(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('expert.create', 'talent.create')`), 2);
      // the same mobile is the same person: a second engagement (another host) adds no expert
      const again = await qingyang.post('/api/v1/talent', body({ hostOrgId: org.qy_ent1, category: 'leading', flexibleKind: null }));
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().expertId, expertId);
      assert.equal(await n('SELECT count(*)::int AS n FROM expert WHERE phone = $1', ['13919000001']), 1);
      // the person's details live in the registry: the record shows them from there
      await t.db.query(`UPDATE expert SET title = '二级教授' WHERE id = $1`, [expertId]);
      assert.equal((await qingyang.get(`/api/v1/talent/${id}`)).json().title, '二级教授');

      const wrongRoles = [ent1, await signedIn(t.app, 'tepai1'), await signedIn(t.app, 'expert1')];
      const before = await stored();
      const refusals: [Record<string, unknown>, string][] = [
        [{ flexibleKind: null }, 'flexibleKind'], // 柔性引进 without its kind
        [{ category: 'leading', flexibleKind: 'weekend_engineer' }, 'flexibleKind'],
        [{ hostOrgId: org.zy_ent1 }, 'hostOrgId'], // a host of 张掖 for 庆阳's staff
        [{ hostOrgId: org.qy_ent3 }, 'hostOrgId'], // not approved
        [{ person: person({ name: '王力新' }) }, 'person.phone'], // the mobile is someone else's
        [{ from: '2026-01-01', hostOrgId: org.qy_ent2 }, 'from'], // the same engagement twice
        [{ to: '2025-01-01' }, 'to'],
        [{ person: null, expertId: null }, 'expertId'],
        [{ person: null, expertId: 999999 }, 'expertId'],
      ];
      for (const [o, field] of refusals) {
        const r = await qingyang.post('/api/v1/talent', body(o), { lang: 'en' });
        assert.equal(r.statusCode, 400, `${JSON.stringify(o)} ${r.body}`);
        assert.ok(r.json().error.fields[field], `${field}: ${r.body}`);
      }
      const zh = await qingyang.post('/api/v1/talent', body({ flexibleKind: null }));
      assert.match(zh.json().error.fields.flexibleKind.message ?? JSON.stringify(zh.json()), /候鸟型专家/);
      assert.deepEqual(await stored(), before);
      // wrong role
      for (const c of wrongRoles) {
        assert.equal((await c.post('/api/v1/talent', body({ person: person({ phone: '13919000999', name: '某人' }) }))).statusCode, 403);
      }
      assert.deepEqual(await stored(), before);
    });

    it('sums days done from service rows and subsidy from payments; the host keeps its own, no one else', async () => {
      const { id } = (await qingyang.post('/api/v1/talent', body({ person: person({ name: '刘海峰', phone: '13919000002' }), hostOrgId: org.qy_ent1,
        category: 'flexible', flexibleKind: 'weekend_engineer', from: '2026-03-01', to: '2028-02-29', daysPerYear: 48 }))).json();
      assert.equal((await ent1.post(`/api/v1/talent/${id}/services`, { date: '2026-03-07', days: 2, content: '抽油机故障诊断' })).statusCode, 201);
      const s2 = await ent1.post(`/api/v1/talent/${id}/services`, { date: '2026-03-14', days: 1.5, content: '培训技术员 12 人' });
      assert.equal(s2.statusCode, 201);
      assert.equal((await qingyang.post(`/api/v1/talent/${id}/services`, { date: '2026-04-04', days: 1, content: '工艺改进' })).statusCode, 201);
      assert.equal((await qingyang.post(`/api/v1/talent/${id}/payments`, { date: '2026-06-30', amount: 24000, note: '上半年补贴' })).statusCode, 201);
      assert.equal((await qingyang.post(`/api/v1/talent/${id}/payments`, { date: '2026-12-20', amount: 24000 })).statusCode, 201);
      let x = (await qingyang.get(`/api/v1/talent/${id}?year=2026`)).json();
      assert.equal(x.done, 4.5);
      assert.equal(x.paid, 48000);
      assert.equal(x.promised, 40); // 1 March – 31 December: 306 of 365 days of 48
      assert.equal(x.services.length, 3);

      const before = await stored();
      // outside the agreement, a bad number of days
      const outside = await ent1.post(`/api/v1/talent/${id}/services`, { date: '2026-02-20', days: 1, content: '早于协议' });
      assert.equal(outside.statusCode, 400);
      assert.ok(outside.json().error.fields.date);
      assert.equal((await ent1.post(`/api/v1/talent/${id}/services`, { date: '2026-05-01', days: 0, content: '零天' })).statusCode, 400);
      // the wrong owner, the wrong region, the wrong role
      assert.equal((await ent2.post(`/api/v1/talent/${id}/services`, { date: '2026-05-01', days: 1, content: '别家' })).statusCode, 404);
      assert.equal((await ent2.get(`/api/v1/talent/${id}`)).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/talent/${id}/services`, { date: '2026-05-01', days: 1, content: '外地' })).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/talent/${id}`)).statusCode, 404);
      assert.equal((await zhangye.post(`/api/v1/talent/${id}/payments`, { date: '2026-05-01', amount: 1 })).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/talent/${id}/payments`, { date: '2026-05-01', amount: 1 })).statusCode, 403);
      assert.equal((await (await signedIn(t.app, 'tepai1')).post(`/api/v1/talent/${id}/services`, { date: '2026-05-01', days: 1, content: 'x' })).statusCode, 403);
      // a stale edit of a service row
      const row = x.services.find((s: any) => s.id === s2.json().id);
      assert.equal((await ent1.request('PUT', `/api/v1/talent/${id}/services/${row.id}`, { date: '2026-03-14', days: 2, content: '培训技术员 12 人', version: row.version })).statusCode, 200);
      const stale = await ent1.request('PUT', `/api/v1/talent/${id}/services/${row.id}`, { date: '2026-03-14', days: 3, content: '旧版本', version: row.version });
      assert.equal(stale.statusCode, 409);
      assert.equal((await stored()).services, before.services);
      x = (await ent1.get(`/api/v1/talent/${id}?year=2026`)).json();
      assert.equal(x.done, 5);
      // removing a row takes its days away (and the audit keeps it)
      assert.equal((await ent1.request('DELETE', `/api/v1/talent/${id}/services/${row.id}`)).statusCode, 204);
      assert.equal((await ent1.get(`/api/v1/talent/${id}?year=2026`)).json().done, 3);
      assert.equal(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'talent.service.remove' AND target_id = $1`, [String(id)]), 1);
    });

    it('lists by scope and filters; the person sees their own records', async () => {
      const all = (await qingyang.get('/api/v1/talent?pageSize=100')).json();
      assert.equal(all.total, 3);
      assert.equal((await zhangye.get('/api/v1/talent')).json().total, 0);
      assert.equal((await (await signedIn(t.app, 'xifeng')).get('/api/v1/talent')).json().total, 2); // hosts in 西峰区: qy_ent1
      const own = (await ent1.get('/api/v1/talent')).json();
      assert.ok(own.items.every((i: any) => i.hostOrgId === org.qy_ent1) && own.total === 2);
      assert.equal((await ent2.get('/api/v1/talent')).json().total, 1);
      assert.equal((await qingyang.get('/api/v1/talent?category=flexible')).json().total, 2);
      assert.equal((await qingyang.get('/api/v1/talent?flexibleKind=weekend_engineer')).json().total, 1);
      assert.equal((await qingyang.get('/api/v1/talent?regionCode=621021')).json().total, 1);
      assert.equal((await qingyang.get(`/api/v1/talent?hostOrgId=${org.qy_ent1}`)).json().total, 2);
      assert.equal((await qingyang.get('/api/v1/talent?year=2025')).json().total, 0);
      assert.equal((await qingyang.get('/api/v1/talent?year=2028')).json().total, 1);
      assert.equal((await qingyang.get('/api/v1/talent?status=ended')).json().total, 0);
      assert.deepEqual((await qingyang.get('/api/v1/talent?sort=-paid')).json().items.map((i: any) => i.paid), [48000, 0, 0]);
      assert.equal((await qingyang.get('/api/v1/talent?q=刘海峰')).json().total, 1);
      // the mobile is masked as in the registry
      assert.ok(all.items.every((i: any) => /\*\*\*\*/.test(i.phone)));
      // expert1 signs in as the registry's 王立新
      const wang = Number((await t.db.query(`SELECT id FROM expert WHERE phone = '13919000001'`)).rows[0].id);
      await t.db.query(`UPDATE expert SET user_id = (SELECT id FROM app_user WHERE username = 'expert1') WHERE id = $1`, [wang]);
      const expert1 = await signedIn(t.app, 'expert1');
      const mine = (await expert1.get('/api/v1/talent')).json();
      assert.equal(mine.total, 2);
      assert.ok(mine.items.every((i: any) => i.expertId === wang));
      const other = all.items.find((i: any) => i.expertId !== wang);
      assert.equal((await expert1.get(`/api/v1/talent/${other.id}`)).statusCode, 404);
      assert.equal((await expert1.post(`/api/v1/talent/${other.id}/services`, { date: '2026-05-01', days: 1, content: 'x' })).statusCode, 403);
    });

    it('answers a stale edit 409, once among many parallel edits; other regions cannot edit', async () => {
      const x = (await qingyang.get('/api/v1/talent?flexibleKind=migratory')).json().items[0];
      const terms = { category: x.category, flexibleKind: x.flexibleKind, hostOrgId: x.hostOrgId, agreementNo: x.agreementNo, from: x.from, to: x.to,
        outcomes: [...x.outcomes, '培训农民 120 人次'], status: 'active' };
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        qingyang.request('PUT', `/api/v1/talent/${x.id}`, { ...terms, daysPerYear: 60 + i, version: x.version })));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409, 409, 409, 409, 409]);
      assert.equal(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'talent.update' AND target_id = $1`, [String(x.id)]), 1);
      const now = (await qingyang.get(`/api/v1/talent/${x.id}`)).json();
      assert.equal(now.version, x.version + 1);
      assert.equal((await zhangye.request('PUT', `/api/v1/talent/${x.id}`, { ...terms, daysPerYear: 1, version: now.version })).statusCode, 404);
      assert.equal((await ent2.request('PUT', `/api/v1/talent/${x.id}`, { ...terms, daysPerYear: 1, version: now.version })).statusCode, 403);
      assert.equal((await qingyang.get(`/api/v1/talent/${x.id}`)).json().version, now.version);
    });

    it('keeps teams with a leader and members from the registry, and bases with the talent they host', async () => {
      const people = (await qingyang.get('/api/v1/experts')).json().items.map((e: any) => e.id);
      const team = { name: '庆阳石化装备创新团队', hostOrgId: org.qy_ent1, field: '先进制造与自动化', agreementNo: 'QY-TD-2026-01',
        from: '2026-01-01', to: '2028-12-31', outcomes: ['专利 2 件'], leaderId: people[0], memberIds: [people[1]] };
      const created = await qingyang.post('/api/v1/talent-teams', team);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal((await qingyang.post(`/api/v1/talent-teams/${id}/payments`, { date: '2026-07-01', amount: 300000 })).statusCode, 201);
      const got = (await ent1.get(`/api/v1/talent-teams/${id}`)).json();
      assert.equal(got.members.length, 2);
      assert.equal(got.members.filter((m: any) => m.leader).length, 1);
      assert.equal(got.paid, 300000);
      assert.equal((await ent2.get(`/api/v1/talent-teams/${id}`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/talent-teams/${id}`)).statusCode, 404);
      assert.equal((await zhangye.get('/api/v1/talent-teams')).json().total, 0);
      assert.equal((await ent1.post('/api/v1/talent-teams', team)).statusCode, 403);
      const teams = await n('SELECT count(*)::int AS n FROM talent_team');
      assert.equal((await qingyang.post('/api/v1/talent-teams', { ...team, memberIds: [999999] })).statusCode, 400);
      assert.equal((await zhangye.post('/api/v1/talent-teams', team)).statusCode, 400); // a host outside 张掖
      assert.equal(await n('SELECT count(*)::int AS n FROM talent_team'), teams);
      const put = await qingyang.request('PUT', `/api/v1/talent-teams/${id}`, { ...team, memberIds: [], version: got.version });
      assert.equal(put.statusCode, 200);
      assert.equal(put.json().members.length, 1);
      assert.equal((await qingyang.request('PUT', `/api/v1/talent-teams/${id}`, { ...team, version: got.version })).statusCode, 409);

      const base = await qingyang.post('/api/v1/talent-bases', { orgId: org.qy_ent1, level: 'city', designatedOn: '2025-09-01', documentNo: '庆科发〔2025〕31号' });
      assert.equal(base.statusCode, 201, base.body);
      const twice = await qingyang.post('/api/v1/talent-bases', { orgId: org.qy_ent1, level: 'provincial', designatedOn: '2025-09-01' });
      assert.equal(twice.statusCode, 400);
      assert.ok(twice.json().error.fields.orgId);
      assert.equal((await zhangye.post('/api/v1/talent-bases', { orgId: org.qy_ent2, level: 'city', designatedOn: '2025-09-01' })).statusCode, 400);
      assert.equal((await ent2.post('/api/v1/talent-bases', { orgId: org.qy_ent2, level: 'city', designatedOn: '2025-09-01' })).statusCode, 403);
      const b = (await qingyang.get(`/api/v1/talent-bases/${base.json().id}`)).json();
      assert.equal(b.activeTalent, 2);
      assert.deepEqual(b.talent.map((x: any) => x.hostOrgId), [org.qy_ent1, org.qy_ent1]);
      assert.equal((await ent1.get('/api/v1/talent-bases')).json().total, 1);
      assert.equal((await ent2.get('/api/v1/talent-bases')).json().total, 0);
      assert.equal((await zhangye.get(`/api/v1/talent-bases/${b.id}`)).statusCode, 404);
      const stale = await qingyang.request('PUT', `/api/v1/talent-bases/${b.id}`, { level: 'provincial', designatedOn: '2025-09-01', version: b.version + 1 });
      assert.equal(stale.statusCode, 409);
    });
  });
}

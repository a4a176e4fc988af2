// 科技特派员 over HTTP: the registry refuses Party and government staff; a dispatch is in force once
// every side confirmed (a second click and ten at once confirm once); coverage of 环县 equals an
// independent count over the dispatches serving on the date, and a village whose only dispatch
// ended is uncovered; a commissioner reads and edits only its own logs, and not once confirmed; a
// log sent again (offline, three times at once) is stored once; 张掖's staff see nothing of 庆阳's.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, DEMO_PASSWORD, signedIn, startTestApp, TestClient, upload, type TestApp } from '../../test/harness';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d49444154789c6360000002000185d114090000000049454e44ae426082', 'hex');
const today = todayInChina();
const year = Number(today.slice(0, 4));
const PERSON = { kind: 'individual', phone: '13912340001', fields: ['中药材'], regionCode: '621022', employerKind: 'university', orgName: '甘肃农业大学', title: '副教授' };

for (const target of databaseTargets()) {
  describe(`科技特派员 [${target}]`, () => {
    let t: TestApp;
    let qingyang: TestClient; let zhangye: TestClient; let xifeng: TestClient; let ent2: TestClient; let ent1: TestClient;
    /** 环县 villages no dispatch serves yet (the demo's dispatches serve others) */
    let villages: string[];
    let phone = 13912340010;

    /** A commissioner of 环县 with a sign-in, signed in with a changed password. */
    const commissionerWithAccount = async (name: string) => {
      const res = await qingyang.post('/api/v1/commissioners', { ...PERSON, name, phone: String(phone++) });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      const username = `tp_${crypto.randomBytes(3).toString('hex')}`;
      assert.equal((await qingyang.post(`/api/v1/commissioners/${id}/account`, { username, password: DEMO_PASSWORD })).statusCode, 201);
      const client = new TestClient(t.app);
      await client.login(username);
      assert.equal((await client.post('/api/v1/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'Tepai@2026x' })).statusCode, 204);
      return { id, client };
    };
    const dispatch = async (commissionerId: number, villageCodes: string[], from: string, to: string, extra: Record<string, unknown> = {}) => {
      const res = await qingyang.post('/api/v1/dispatches', { commissionerId, villageCodes, from, to, ...extra });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    const coverage = async (date: string) => {
      const res = await qingyang.get(`/api/v1/commissioner-coverage?region=621022&date=${date}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { villages: number; covered: number; share: number; uncovered: { code: string }[] };
    };
    /** Written apart from the module: villages of 环县 with an agreed dispatch whose period holds the date. */
    const independentCount = async (date: string) => {
      const { rows: [r] } = await t.db.query(
        `SELECT (SELECT count(*) FROM locality WHERE level = 5 AND county_code = '621022')::int AS villages,
                (SELECT count(DISTINCT dt.village_code) FROM dispatch_target dt JOIN dispatch d ON d.id = dt.dispatch_id
                  WHERE left(dt.village_code, 6) = '621022' AND d.status IN ('active', 'ended')
                    AND d.starts_on <= $1::date AND $1::date <= coalesce(d.ended_on, d.ends_on))::int AS covered`, [date]);
      return r as { villages: number; covered: number };
    };

    before(async () => {
      t = await startTestApp(target);
      [qingyang, zhangye, xifeng, ent1, ent2] = await Promise.all(['qingyang', 'zhangye', 'xifeng', 'qy_ent1', 'qy_ent2'].map((u) => signedIn(t.app, u)));
      // the region import is tested with the regions module; here a township and villages of 环县, if the seed has none
      await t.db.query(`INSERT INTO locality (code, name, level, county_code) VALUES ('621022199', '测试镇', 4, '621022') ON CONFLICT DO NOTHING`);
      await t.db.query(`INSERT INTO locality (code, name, level, county_code, township_code)
        SELECT '621022199' || lpad(n::text, 3, '0'), '测试村' || n, 5, '621022', '621022199' FROM generate_series(1, 8) n ON CONFLICT DO NOTHING`);
      const { rows } = await t.db.query(`SELECT code FROM locality v WHERE level = 5 AND county_code = '621022'
        AND NOT EXISTS (SELECT 1 FROM dispatch_target x WHERE x.village_code = v.code) ORDER BY code LIMIT 6`);
      villages = rows.map((r) => r.code);
      assert.equal(villages.length, 6);
    });
    after(async () => { await t.close(); });

    it('registers individuals, organisations and teams; refuses Party and government staff; only staff register, in their own region', async () => {
      const refused = await qingyang.post('/api/v1/commissioners', { ...PERSON, name: '王干部', employerKind: 'party_government' }, { lang: 'en' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'COMMISSIONER_PUBLIC_OFFICIAL');
      assert.match(refused.json().error.message, /Party and government/);
      assert.equal((await ent1.post('/api/v1/commissioners', { ...PERSON, name: '企业自己登记' })).statusCode, 403);
      const outside = await zhangye.post('/api/v1/commissioners', { ...PERSON, name: '越权登记' });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.json().error.fields.regionCode, /所辖区域/);
      assert.equal((await qingyang.post('/api/v1/commissioners', { ...PERSON, name: '缺单位', kind: 'legal' })).statusCode, 400);
      const orgId = (await ent2.get('/api/v1/auth/me')).json().user.orgId as number;
      const legal = await qingyang.post('/api/v1/commissioners', { ...PERSON, name: '法人特派员', kind: 'legal', orgId, employerKind: 'enterprise' });
      assert.equal(legal.statusCode, 201, legal.body);

      const leader = await qingyang.post('/api/v1/commissioners', { ...PERSON, name: '团长 张教授', phone: '13912349001' });
      const member = await qingyang.post('/api/v1/commissioners', { ...PERSON, name: '成员 李研究员', phone: '13912349002' });
      const team = await qingyang.post('/api/v1/commissioners', { ...PERSON, kind: 'team', name: '环县中药材科技特派团',
        leaderId: leader.json().id, memberIds: [member.json().id] });
      assert.equal(team.statusCode, 201, team.body);
      const detail = (await qingyang.get(`/api/v1/commissioners/${team.json().id}`)).json();
      assert.equal(detail.leaderName, '团长 张教授');
      assert.deepEqual(detail.members.map((m: { name: string }) => m.name).sort(), ['团长 张教授', '成员 李研究员'].sort());
      assert.equal((await qingyang.post(`/api/v1/commissioners/${team.json().id}/account`, { username: 'team_acct', password: DEMO_PASSWORD })).statusCode, 409);

      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'commissioner.create' AND target_id = $1`, [String(team.json().id)]);
      assert.equal(audit.rows[0].n, 1);
    });

    it('coverage of 环县 equals an independent count over the dispatches serving on the date; an ended dispatch leaves its village uncovered', async () => {
      const a = await commissionerWithAccount('覆盖 甲');
      const b = await commissionerWithAccount('覆盖 乙');
      const [v1, v2, v3, v4] = villages;
      const d1 = await dispatch(a.id, [v1, v2], `${year - 1}-01-01`, `${year + 1}-12-31`);
      // proposed: not yet in force
      assert.ok((await coverage(today)).uncovered.some((u) => u.code === v1));
      const confirmations = await Promise.all(Array.from({ length: 10 }, () => a.client.post(`/api/v1/dispatches/${d1}/confirm`)));
      assert.deepEqual(confirmations.map((r) => r.statusCode).sort(), [200, ...Array(9).fill(409)]);
      assert.equal((await a.client.get(`/api/v1/dispatches/${d1}`)).json().status, 'active');

      // v3: its only dispatch ran last year; v4: ended early by staff
      const d2 = await dispatch(b.id, [v3], `${year - 1}-01-01`, `${year - 1}-12-31`);
      const d3 = await dispatch(b.id, [v4], `${year - 1}-06-01`, `${year + 1}-05-31`);
      for (const d of [d2, d3]) assert.equal((await b.client.post(`/api/v1/dispatches/${d}/confirm`)).statusCode, 200);
      assert.equal((await xifeng.post(`/api/v1/dispatches/${d3}/end`, { endedOn: `${year - 1}-12-31`, reason: '工作调动' })).statusCode, 404);
      const ended = await qingyang.post(`/api/v1/dispatches/${d3}/end`, { endedOn: `${year - 1}-12-31`, reason: '工作调动' });
      assert.equal(ended.json().status, 'ended', ended.body);

      for (const date of [today, `${year - 1}-07-01`]) {
        const got = await coverage(date);
        const expected = await independentCount(date);
        assert.equal(got.villages, expected.villages, date);
        assert.equal(got.covered, expected.covered, date);
        assert.equal(got.share, expected.covered / expected.villages, date);
        assert.equal(got.uncovered.length, expected.villages - expected.covered);
      }
      const now = await coverage(today);
      const uncoveredNow = new Set(now.uncovered.map((u) => u.code));
      assert.deepEqual([v1, v2, v3, v4].map((v) => uncoveredNow.has(v)), [false, false, true, true]);
      const lastYear = new Set((await coverage(`${year - 1}-07-01`)).uncovered.map((u) => u.code));
      assert.deepEqual([v3, v4].map((v) => lastYear.has(v)), [false, false]);

      // the indicator is the same count, at the county and the city above it
      const values = async (region: string) => ((await qingyang.get(`/api/v1/indicators/values?region=${region}&year=${year}`)).json().items as
        { code: string; value: number | null }[]);
      const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
      const expectedNow = await independentCount(today);
      close((await values('621022')).find((i) => i.code === 'commissioner_village_coverage')!.value, (expectedNow.covered / expectedNow.villages) * 100);
      const { rows: [cityCount] } = await t.db.query(
        `SELECT count(*)::int AS villages, count(*) FILTER (WHERE v.code IN (SELECT dt.village_code FROM dispatch_target dt JOIN dispatch d ON d.id = dt.dispatch_id
           WHERE d.status IN ('active', 'ended') AND d.starts_on <= $1::date AND $1::date <= coalesce(d.ended_on, d.ends_on)))::int AS covered
           FROM locality v WHERE v.level = 5 AND left(v.code, 4) = '6210'`, [today]);
      close((await values('621000')).find((i) => i.code === 'commissioner_village_coverage')!.value, (cityCount.covered / cityCount.villages) * 100);
      const active = (await values('621022')).find((i) => i.code === 'commissioners_active')!;
      const { rows: [n] } = await t.db.query(`SELECT count(DISTINCT c.id)::int AS n FROM commissioner c JOIN dispatch d ON d.commissioner_id = c.id
        WHERE c.region_code = '621022' AND d.status IN ('active', 'ended') AND $1::date BETWEEN d.starts_on AND coalesce(d.ended_on, d.ends_on)`, [today]);
      assert.equal(active.value, n.n);

      // another city's staff: not their region
      assert.equal((await zhangye.get('/api/v1/commissioner-coverage?region=621022')).statusCode, 404);
    });

    it('a commissioner reads and edits only its own logs, not once the served party confirmed; a log sent three times at once is stored once', async () => {
      const a = await commissionerWithAccount('日志 甲');
      const b = await commissionerWithAccount('日志 乙');
      const v = villages[4];
      const d = await dispatch(a.id, [v], `${year - 1}-01-01`, `${year + 1}-12-31`);
      const log = { dispatchId: d, date: today, villageCode: v, days: 1, serviceType: 'training', content: '黄花菜病虫害绿色防控培训', trained: 35 };
      // not before the dispatch is in force
      assert.equal((await a.client.post('/api/v1/service-logs', { ...log, clientId: crypto.randomUUID() })).json().error.code, 'DISPATCH_NOT_ACTIVE');
      assert.equal((await a.client.post(`/api/v1/dispatches/${d}/confirm`)).statusCode, 200);

      const clientId = crypto.randomUUID();
      const sent = await Promise.all([1, 2, 3].map(() => a.client.post('/api/v1/service-logs', { ...log, clientId })));
      assert.deepEqual(sent.map((r) => r.statusCode).sort(), [200, 200, 201], sent.map((r) => r.body).join('\n'));
      const ids = new Set(sent.map((r) => r.json().id));
      assert.equal(ids.size, 1);
      const id = [...ids][0] as number;
      const stored = await t.db.query('SELECT count(*)::int AS n FROM service_log WHERE client_id = $1', [clientId]);
      assert.equal(stored.rows[0].n, 1);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'service_log.create' AND target_id = $1`, [String(id)])).rows[0].n, 1);

      // the list: the page's rows, and a total counted apart (page 2 of one row each counts the whole scope)
      const listed = (await a.client.get(`/api/v1/service-logs?dispatchId=${d}`)).json();
      assert.deepEqual([listed.total, listed.totalCapped, listed.items.map((x: { id: number }) => x.id)], [1, false, [id]]);
      const second = (await qingyang.get('/api/v1/service-logs?region=621022&pageSize=1&page=2')).json();
      const { rows: [inCounty] } = await t.db.query(`SELECT count(*)::int AS n FROM service_log s JOIN commissioner k ON k.id = s.commissioner_id
        WHERE left(s.village_code, 6) = '621022' OR k.region_code = '621022'`);
      assert.deepEqual([second.total, second.totalCapped, second.items.length], [inCounty.n, false, inCounty.n > 1 ? 1 : 0]);

      // bad input: outside the dispatch, a village it does not serve, ahead of today, half days only
      const bad = async (extra: Record<string, unknown>) => (await a.client.post('/api/v1/service-logs', { ...log, clientId: crypto.randomUUID(), ...extra }));
      assert.match((await bad({ date: `${year - 2}-06-01` })).json().error.fields.date, /派驻期内/);
      assert.match((await bad({ villageCode: villages[5] })).json().error.fields.villageCode, /不在本次派驻/);
      assert.match((await bad({ date: `${year + 1}-01-02` })).json().error.fields.date, /不能晚于今天/);
      assert.equal((await bad({ days: 0.3 })).statusCode, 400);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM service_log WHERE dispatch_id = $1', [d])).rows[0].n, 1);

      // another commissioner: neither reads nor changes it, nor logs on a dispatch not its own
      assert.equal((await b.client.get(`/api/v1/service-logs/${id}`)).statusCode, 404);
      assert.equal((await b.client.request('PUT', `/api/v1/service-logs/${id}`, { ...log, content: '改别人的', version: 1 })).statusCode, 404);
      assert.equal((await b.client.get('/api/v1/service-logs')).json().items.some((s: { id: number }) => s.id === id), false);
      assert.ok((await b.client.post('/api/v1/service-logs', { ...log, clientId: crypto.randomUUID() })).json().error.fields.dispatchId);
      assert.equal((await upload(b.client, `/api/v1/service-logs/${id}/photos?clientId=${crypto.randomUUID()}`, PNG, 'x.png')).statusCode, 404);

      // the author edits and adds a photo (a repeat of the same photo is the stored one; not a picture: refused)
      const edited = await a.client.request('PUT', `/api/v1/service-logs/${id}`, { ...log, content: '黄花菜病虫害绿色防控现场培训', trained: 42, version: 1 });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().trained, 42);
      assert.equal((await a.client.request('PUT', `/api/v1/service-logs/${id}`, { ...log, version: 1 })).statusCode, 409);
      const photoId = crypto.randomUUID();
      const p1 = await upload(a.client, `/api/v1/service-logs/${id}/photos?clientId=${photoId}`, PNG, '现场.png');
      const p2 = await upload(a.client, `/api/v1/service-logs/${id}/photos?clientId=${photoId}`, PNG, '现场.png');
      assert.deepEqual([p1.statusCode, p2.statusCode], [201, 200]);
      assert.equal(p1.json().id, p2.json().id);
      assert.equal((await upload(a.client, `/api/v1/service-logs/${id}/photos?clientId=${crypto.randomUUID()}`, Buffer.from('not a picture'), 'a.png')).json().error.code, 'FILE_TYPE');
      assert.equal((await a.client.get(`/api/v1/service-logs/${id}/photos/${p1.json().id}`)).headers['content-type'], 'image/png');

      // confirmation: not 张掖's staff, not another county's, not an unrelated enterprise; 庆阳's staff for the village, once
      assert.equal((await zhangye.post(`/api/v1/service-logs/${id}/confirm`, { feedbackScore: 5 })).statusCode, 404);
      assert.equal((await xifeng.post(`/api/v1/service-logs/${id}/confirm`, { feedbackScore: 5 })).statusCode, 404);
      assert.equal((await ent1.post(`/api/v1/service-logs/${id}/confirm`, { feedbackScore: 5 })).statusCode, 404);
      const before = (await qingyang.get(`/api/v1/service-logs/${id}`)).json();
      assert.deepEqual([before.canConfirm, before.canEdit], [true, false]);
      const confirms = await Promise.all([1, 2, 3].map(() => qingyang.post(`/api/v1/service-logs/${id}/confirm`, { feedbackScore: 5, feedback: '讲得实在' })));
      assert.deepEqual(confirms.map((r) => r.statusCode).sort(), [200, 409, 409]);
      const afterConfirm = (await a.client.get(`/api/v1/service-logs/${id}`)).json();
      assert.deepEqual([afterConfirm.status, afterConfirm.feedbackScore, afterConfirm.canEdit], ['confirmed', 5, false]);
      const locked = await a.client.request('PUT', `/api/v1/service-logs/${id}`, { ...log, content: '确认后再改', version: afterConfirm.version });
      assert.equal(locked.statusCode, 409);
      assert.equal(locked.json().error.code, 'LOG_CONFIRMED');
      assert.equal((await upload(a.client, `/api/v1/service-logs/${id}/photos?clientId=${crypto.randomUUID()}`, PNG, 'late.png')).json().error.code, 'LOG_CONFIRMED');
      assert.equal((await t.db.query('SELECT content FROM service_log WHERE id = $1', [id])).rows[0].content, '黄花菜病虫害绿色防控现场培训');
      // the author hears of it
      const notes = (await a.client.get('/api/v1/notifications')).json().items as { kind: string }[];
      assert.ok(notes.some((n) => n.kind === 'commissioner.log.confirmed'));
    });

    it("an organisation's dispatch waits for the organisation; 张掖's staff see nothing of 庆阳's commissioners", async () => {
      const a = await commissionerWithAccount('企业 甲');
      const orgId = (await ent2.get('/api/v1/auth/me')).json().user.orgId as number;
      const d = await dispatch(a.id, [], `${year}-01-01`, `${year}-12-31`, { orgIds: [orgId] });
      // the commissioner's to-do, then the organisation's
      const todo = (await a.client.get('/api/v1/inbox')).json();
      assert.ok(todo.items.some((i: { kind: string }) => i.kind === 'commissioner.dispatch.confirm'));
      assert.equal((await a.client.post(`/api/v1/dispatches/${d}/confirm`)).json().status, 'proposed');
      assert.equal((await ent1.post(`/api/v1/dispatches/${d}/confirm`)).statusCode, 404);
      assert.equal((await ent2.post(`/api/v1/dispatches/${d}/confirm`)).json().status, 'active');
      assert.equal((await ent2.post(`/api/v1/dispatches/${d}/confirm`)).statusCode, 409);

      const list = (await zhangye.get('/api/v1/commissioners?pageSize=200')).json();
      assert.equal(list.items.filter((c: { regionCode: string }) => c.regionCode.startsWith('6210')).length, 0);
      assert.equal((await zhangye.get(`/api/v1/commissioners/${a.id}`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/dispatches/${d}`)).statusCode, 404);
      assert.equal((await zhangye.get('/api/v1/dispatches?pageSize=200')).json().items.some((x: { id: number }) => x.id === d), false);
      assert.equal((await zhangye.get('/api/v1/service-logs?pageSize=200')).json().items.filter((s: { villageCode: string | null }) => s.villageCode?.startsWith('6210')).length, 0);
      assert.equal((await zhangye.post('/api/v1/dispatches', { commissionerId: a.id, villageCodes: [villages[5]], from: `${year}-01-01`, to: `${year}-12-31` })).statusCode, 400);
      assert.equal((await zhangye.request('PUT', `/api/v1/commissioners/${a.id}`, { ...PERSON, name: 'x', version: 1 })).statusCode, 404);
      assert.equal((await qingyang.get('/api/v1/commissioners?region=621022&pageSize=200')).json().items.some((c: { id: number }) => c.id === a.id), true);
    });

    it('rates the year from confirmed logs; a commissioner rated 不合格 is not dispatched again; 双过半 flags those behind', async () => {
      const a = await commissionerWithAccount('考核 甲');
      const d = await dispatch(a.id, [villages[5]], `${year - 1}-01-01`, `${year - 1}-12-31`);
      assert.equal((await a.client.post(`/api/v1/dispatches/${d}/confirm`)).statusCode, 200);
      const log = await a.client.post('/api/v1/service-logs', { clientId: crypto.randomUUID(), dispatchId: d, date: `${year - 1}-05-10`, villageCode: villages[5],
        days: 2, serviceType: 'promotion', content: '玉米密植高产技术推广' });
      assert.equal(log.statusCode, 201, log.body);
      const ratings = (await qingyang.get(`/api/v1/commissioner-ratings?region=621022&year=${year - 1}`)).json();
      const mine = ratings.items.find((r: { commissionerId: number }) => r.commissionerId === a.id);
      // the log is not confirmed: nothing counts yet
      assert.deepEqual([mine.days, mine.visits, mine.computed, mine.rating], [0, 0, 'fail', null]);
      const overrule = await qingyang.post('/api/v1/commissioner-ratings', { commissionerId: a.id, year: year - 1, rating: 'pass' });
      assert.match(overrule.json().error.fields.note, /请填写说明/);
      assert.equal((await zhangye.post('/api/v1/commissioner-ratings', { commissionerId: a.id, year: year - 1, rating: 'fail' })).statusCode, 404);
      assert.equal((await qingyang.post('/api/v1/commissioner-ratings', { commissionerId: a.id, year: year - 1, rating: 'fail' })).statusCode, 200);
      const again = await qingyang.post('/api/v1/dispatches', { commissionerId: a.id, villageCodes: [villages[5]], from: `${year}-01-01`, to: `${year}-12-31` });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'COMMISSIONER_RATED_FAIL');

      const progress = (await qingyang.get(`/api/v1/commissioner-progress?region=621022&date=${year - 1}-06-30`)).json();
      const behind = progress.items.find((r: { commissionerId: number }) => r.commissionerId === a.id);
      assert.deepEqual([behind.days, behind.behind], [2, true]);
      assert.ok(progress.expectedShare > 0.49 && progress.expectedShare < 0.5);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

const API = '/api/v1/policies';

async function inbox(client: TestClient, lang?: 'en' | 'zh-CN') {
  const res = await client.get('/api/v1/inbox?limit=200', { lang });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: any[]; counts: Record<string, number> };
}
const ofKind = (box: { items: any[] }, kind: string) => box.items.filter((i) => i.kind === kind);

for (const target of databaseTargets()) {
  describe(`policy review 待办 and notifications [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    let zy: TestClient;
    let qyRound: any;
    let zyRound: any;
    const policy = async (client: TestClient, title: string, docNumber: string, regionCode: string, issuer: string) => {
      const res = await client.post(API, { title, docNumber, issuer, level: 'city', regionCode, text: '第一条' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    before(async () => {
      t = await startTestApp(target);
      qy = await signedIn(t.app, 'qingyang');
      zy = await signedIn(t.app, 'zhangye');
      const a = await policy(qy, '庆阳市待办测试办法甲', '庆科发〔2018〕91号', '621000', '庆阳市科学技术局');
      const b = await policy(qy, '庆阳市待办测试办法乙', '庆科发〔2018〕92号', '621000', '庆阳市科学技术局');
      const z = await policy(zy, '张掖市待办测试办法', '张科发〔2018〕93号', '620700', '张掖市科学技术局');
      qyRound = (await qy.post(`${API}/reviews`, { title: '庆阳市2026年度政策清理', policyIds: [a, b] })).json();
      zyRound = (await zy.post(`${API}/reviews`, { title: '张掖市2026年度政策清理', policyIds: [z] })).json();
      assert.ok(qyRound.id && zyRound.id);
    });
    after(async () => { await t.close(); });

    it('open rounds wait for the staff of their region (and those above), not of another region', async () => {
      const qyBox = await inbox(qy);
      const items = ofKind(qyBox, 'policy.review');
      assert.deepEqual(items.map((i) => i.link), [`/policies/reviews?review=${qyRound.id}`]);
      assert.equal(qyBox.counts['policy.review'], 1);
      assert.equal(items[0].title, '审查决定 2 件政策：庆阳市2026年度政策清理');
      assert.equal(items[0].whose, '庆阳市');
      assert.equal(items[0].dueOn ?? null, null, 'a round has no deadline');
      assert.equal(ofKind(await inbox(qy, 'en'), 'policy.review')[0].title, 'Decide 2 policies of the review "庆阳市2026年度政策清理"');

      assert.deepEqual(ofKind(await inbox(zy), 'policy.review').map((i) => i.link), [`/policies/reviews?review=${zyRound.id}`]);
      assert.equal((await inbox(await signedIn(t.app, 'xifeng'))).counts['policy.review'], 0, 'a county does not see its city\'s round');
      assert.equal((await inbox(await signedIn(t.app, 'gansu'))).counts['policy.review'], 2);
      assert.equal((await inbox(await signedIn(t.app, 'admin'))).counts['policy.review'], 2);
      assert.equal((await inbox(await signedIn(t.app, 'qy_ent1'))).counts['policy.review'], undefined);
    });

    it('follows the decisions, and leaves the inbox when the round is closed; the opener is told when another closes it', async () => {
      const round = (await qy.get(`${API}/reviews/${qyRound.id}`)).json();
      const [a, b] = round.items;
      await qy.request('PUT', `${API}/reviews/${round.id}/items/${a.policyId}`, { decision: 'keep', reason: '', version: a.version });
      assert.equal(ofKind(await inbox(qy), 'policy.review')[0].title, '审查决定 1 件政策：庆阳市2026年度政策清理');
      await qy.request('PUT', `${API}/reviews/${round.id}/items/${b.policyId}`, { decision: 'repeal', reason: '已不适用', version: b.version });
      assert.equal(ofKind(await inbox(qy), 'policy.review')[0].title, '关闭审查并使决定生效：庆阳市2026年度政策清理');

      const gansu = await signedIn(t.app, 'gansu');
      const latest = (await gansu.get(`${API}/reviews/${round.id}`)).json();
      assert.equal((await gansu.post(`${API}/reviews/${round.id}/close`, { version: latest.version })).statusCode, 200);
      assert.equal((await inbox(qy)).counts['policy.review'], 0, 'acted on');
      assert.equal((await inbox(gansu)).counts['policy.review'], 1, 'only 张掖\'s left');

      const notes = (await qy.get('/api/v1/notifications')).json().items.filter((n: any) => n.kind === 'policyReview.closed');
      assert.equal(notes.length, 1);
      assert.equal(notes[0].title, '政策审查已完成：庆阳市2026年度政策清理');
      assert.match(notes[0].body, /保留 1 件，修改 0 件，废止 1 件/);
      assert.equal(notes[0].link, `/policies/reviews?review=${round.id}`);
      const en = (await qy.get('/api/v1/notifications', { lang: 'en' })).json().items.find((n: any) => n.id === notes[0].id);
      assert.match(en.body, /1 kept, 0 amended, 1 repealed/);
      for (const other of [gansu, zy]) {
        assert.ok(!(await other.get('/api/v1/notifications')).json().items.some((n: any) => n.kind === 'policyReview.closed'));
      }

      // closing one's own round tells nobody
      const z = (await zy.get(`${API}/reviews/${zyRound.id}`)).json();
      const decided = (await zy.request('PUT', `${API}/reviews/${z.id}/items/${z.items[0].policyId}`, { decision: 'keep', reason: '', version: z.items[0].version })).json();
      assert.equal((await zy.post(`${API}/reviews/${z.id}/close`, { version: decided.version })).statusCode, 200);
      assert.equal((await inbox(zy)).counts['policy.review'], 0);
      const closedNotes = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'policyReview.closed'`);
      assert.equal(closedNotes.rows[0].n, 1);
    });
  });
}

// 精准匹配 over HTTP: a demand's achievements and experts ranked with their reasons (shared words,
// field, region, maturity); the same demand in traditional characters finds the same; only the
// demand's organisation and its region's staff see its matches; a dismissed match leaves the
// user's list; staff push a match once and both sides are told.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as OpenCC from 'opencc-js/cn2t';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';
import { forgetFrequencies } from './match-index';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const ACHIEVEMENTS = [
  { title: '页岩油水平井压裂返排液回用处理装置', field: 'environment', maturity: 7, summary: '针对压裂返排液高悬浮物、高矿化度的特点，采用混凝沉降、气浮和多介质过滤组合工艺，处理后回用于配液。',
    text: '装置撬装化设计，可在井场快速部署，返排液回用率达到85%以上，降低采出水外运和处理成本。' },
  { title: '油田采出水电化学除垢与回注技术', field: 'environment', maturity: 6, summary: '电化学方法去除采出水中钙镁离子，防止回注管线结垢。', text: '适用于长庆油田低渗透油藏采出水回注。' },
  { title: '黄芪GAP规范化种植及病虫害绿色防控技术', field: 'agriculture', maturity: 8, summary: '黄芪规范化种植、测土配方施肥和根腐病绿色防控。', text: '在陇东旱塬推广黄芪种植基地，提高药材品质和产量。' },
  { title: '凹凸棒石黏土基吸附材料制备工艺', field: 'materials', maturity: 6, summary: '以凹凸棒石为原料制备高比表面吸附材料，用于重金属废水处理。', text: '改性工艺简单，成本低。' },
  { title: '数据中心液冷余热回收利用系统', field: 'energy', maturity: 5, summary: '回收液冷服务器余热用于园区供暖。', text: '适用于东数西算枢纽节点大型数据中心。' },
];

for (const target of databaseTargets()) {
  describe(`market matching [${target}]`, () => {
    let t: TestApp;
    let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let qingyang: TestClient; let zhangye: TestClient; let expert: TestClient;
    const ids: number[] = [];
    let demandId = 0;
    let tradId = 0;
    before(async () => {
      t = await startTestApp(target);
      [ent1, ent2, inst1, qingyang, zhangye, expert] = await Promise.all(['qy_ent1', 'qy_ent2', 'qy_inst1', 'qingyang', 'zhangye', 'expert1'].map((u) => signedIn(t.app, u)));
      for (const a of ACHIEVEMENTS) {
        const res = await inst1.post('/api/v1/achievements', { ...a, type: 'technology', transferModes: ['licence'] });
        assert.equal(res.statusCode, 201, res.body);
        ids.push(res.json().id);
        await inst1.post(`/api/v1/achievements/${res.json().id}/submit`);
        assert.equal((await qingyang.post(`/api/v1/achievements/${res.json().id}/publish`)).statusCode, 200);
      }
      // an expert whose expertise is the problem's
      const x = await qingyang.post('/api/v1/experts', { name: '马志强', orgName: '中国石油长庆油田分公司', title: '教授级高级工程师', titleRank: '正高', fields: ['资源与环境'],
        regionCode: '621002', phone: '13909340011', expertise: '油田采出水处理、压裂返排液回用、污水回注' });
      assert.equal(x.statusCode, 201, x.body);
      const demand = { title: '压裂返排液低成本处理回用技术', description: '我公司页岩油区块压裂返排液量大，希望找到可在井场处理后回用于配液的技术，降低外运成本。', field: 'environment' };
      demandId = (await ent1.post('/api/v1/demands', demand)).json().id;
      tradId = (await ent1.post('/api/v1/demands', { ...demand, title: toTraditional(demand.title), description: toTraditional(demand.description) })).json().id;
      forgetFrequencies();
    });
    after(async () => { await t.close(); });

    it('ranks the achievement that answers the problem first, with the shared words, field and region as reasons', async () => {
      const res = await ent1.get(`/api/v1/demands/${demandId}/matches`);
      assert.equal(res.statusCode, 200, res.body);
      const m = res.json();
      assert.equal(m.achievements[0].id, ids[0], JSON.stringify(m.achievements.map((a: any) => [a.title, a.score])));
      const top = m.achievements[0];
      assert.ok(top.reasons.terms.includes('返排液') && top.reasons.terms.includes('压裂'), JSON.stringify(top.reasons));
      assert.equal(top.reasons.field, 'same');
      assert.equal(top.reasons.region, 'same_region');
      assert.equal(top.reasons.maturity, 'fits');
      assert.ok(top.score > 50 && top.score <= 100);
      // nothing about 黄芪 for a fracturing problem
      assert.ok(!m.achievements.some((a: { id: number }) => a.id === ids[2]));
      for (let i = 1; i < m.achievements.length; i++) assert.ok(m.achievements[i - 1].score >= m.achievements[i].score);
      assert.equal(m.experts[0].name, '马志强', JSON.stringify(m.experts));
      assert.ok(m.experts[0].reasons.terms.includes('返排液'));
    });

    it('finds the same in traditional characters as in simplified', async () => {
      const simple = (await ent1.get(`/api/v1/demands/${demandId}/matches`)).json();
      const trad = (await ent1.get(`/api/v1/demands/${tradId}/matches`)).json();
      assert.deepEqual(trad.achievements.map((a: any) => [a.id, a.score]), simple.achievements.map((a: any) => [a.id, a.score]));
      assert.deepEqual(trad.demand.terms, simple.demand.terms);
    });

    it('shows a demand\'s matches to its organisation and its region\'s staff only', async () => {
      assert.equal((await ent2.get(`/api/v1/demands/${demandId}/matches`)).statusCode, 404);
      assert.equal((await zhangye.get(`/api/v1/demands/${demandId}/matches`)).statusCode, 404);
      assert.equal((await expert.get(`/api/v1/demands/${demandId}/matches`)).statusCode, 404);
      // a draft demand: not even the region's staff
      assert.equal((await qingyang.get(`/api/v1/demands/${demandId}/matches`)).statusCode, 404);
      await ent1.post(`/api/v1/demands/${demandId}/submit`);
      await qingyang.post(`/api/v1/demands/${demandId}/publish`);
      assert.equal((await qingyang.get(`/api/v1/demands/${demandId}/matches`)).statusCode, 200);
      // an achievement's matches: the published demand, for its owner
      const back = (await inst1.get(`/api/v1/achievements/${ids[0]}/matches`)).json();
      assert.equal(back.demands[0].id, demandId);
      assert.ok(back.enterprises.length >= 1);
      assert.equal((await ent2.get(`/api/v1/achievements/${ids[0]}/matches`)).statusCode, 404);
    });

    it('a dismissed match leaves the user\'s list, a useful one is kept with its rank; staff push once and both sides are told', async () => {
      const first = (await ent1.get(`/api/v1/demands/${demandId}/matches`)).json().achievements;
      const second = first[1];
      assert.equal((await ent1.post('/api/v1/matches/mark', { demandId, achievementId: second.id, mark: 'dismissed', rank: 2, score: second.score })).statusCode, 200);
      assert.equal((await ent1.post('/api/v1/matches/mark', { demandId, achievementId: first[0].id, mark: 'useful', rank: 1, score: first[0].score })).statusCode, 200);
      const now = (await ent1.get(`/api/v1/demands/${demandId}/matches`)).json().achievements;
      assert.ok(!now.some((a: { id: number }) => a.id === second.id));
      assert.equal(now[0].mark, 'useful');
      // the bureau still sees it (marks are the user's)
      assert.ok((await qingyang.get(`/api/v1/demands/${demandId}/matches`)).json().achievements.some((a: { id: number }) => a.id === second.id));
      assert.equal((await ent2.post('/api/v1/matches/mark', { demandId, achievementId: second.id, mark: 'useful' })).statusCode, 404);
      const summary = (await qingyang.get('/api/v1/matches/summary')).json();
      assert.equal(summary.useful, 1);
      assert.equal(summary.precisionAt3, 0.5);

      assert.equal((await ent1.post('/api/v1/matches/push', { demandId, achievementId: ids[0] })).statusCode, 403);
      assert.equal((await zhangye.post('/api/v1/matches/push', { demandId, achievementId: ids[0] })).statusCode, 404);
      const pushes = await Promise.all(Array.from({ length: 5 }, () => qingyang.post('/api/v1/matches/push', { demandId, achievementId: ids[0], score: first[0].score })));
      assert.deepEqual(pushes.map((p) => p.statusCode).sort(), [201, 409, 409, 409, 409]);
      const told = async (c: TestClient, prefix: string) => ((await c.get('/api/v1/notifications?pageSize=50')).json().items as { title: string }[]).filter((n) => n.title.startsWith(prefix)).length;
      assert.equal(await told(ent1, '为您的需求推荐科技成果'), 1);
      assert.equal(await told(inst1, '您的成果匹配到一项技术需求'), 1);
      assert.equal((await ent1.get(`/api/v1/demands/${demandId}/matches`)).json().achievements[0].pushed, true);
    });

    it('the portal finds published achievements and open demands without sign-in, in traditional as in simplified', async () => {
      const anonymous = new TestClient(t.app);
      const found = async (url: string) => ((await anonymous.get(url)).json().items as { id: number }[]).map((x) => x.id);
      assert.equal((await found(`/api/v1/portal/achievements?q=${encodeURIComponent('压裂返排液')}`))[0], ids[0]);
      assert.deepEqual(await found(`/api/v1/portal/achievements?q=${encodeURIComponent('壓裂返排液')}`), await found(`/api/v1/portal/achievements?q=${encodeURIComponent('压裂返排液')}`));
      assert.deepEqual(await found(`/api/v1/portal/achievements?q=${encodeURIComponent('黃芪')}`), [ids[2]]);
      // the published demand is there, the draft in traditional characters is not
      const demands = await found(`/api/v1/portal/demands?q=${encodeURIComponent('返排液')}`);
      assert.ok(demands.includes(demandId) && !demands.includes(tradId));
      assert.equal((await anonymous.get(`/api/v1/portal/demands/${tradId}`)).statusCode, 404);
      // 揭榜挂帅 only: none among these
      assert.deepEqual(await found('/api/v1/portal/demands?openCall=true'), []);
      assert.ok((await found('/api/v1/portal/demands?openCall=false')).includes(demandId));
      assert.equal((await anonymous.get(`/api/v1/portal/achievements/${ids[0]}`)).json().title, ACHIEVEMENTS[0].title);
    });

    it('an edited achievement is indexed again before the next match', async () => {
      const { rows: [r] } = await t.db.query('SELECT search_vector IS NULL AS pending FROM achievement WHERE id = $1', [ids[4]]);
      assert.equal(r.pending, false);
      assert.ok(!(await qingyang.get(`/api/v1/demands/${demandId}/matches`)).json().achievements.some((x: { id: number }) => x.id === ids[4]));
      await t.db.query(`UPDATE achievement SET text = text || '余热也可用于压裂返排液加热处理。', search_vector = NULL WHERE id = $1`, [ids[4]]);
      forgetFrequencies();
      const m = (await qingyang.get(`/api/v1/demands/${demandId}/matches`)).json();
      const a = m.achievements.find((x: { id: number }) => x.id === ids[4]);
      assert.ok(a && a.reasons.terms.includes('返排液'), JSON.stringify(m.achievements.map((x: any) => [x.id, x.reasons.terms])));
    });
  });
}

// 技术合同认定登记 over HTTP: the seller files, the registry of its region accepts (a number, a
// certificate), returns for completion (the clock restarts) or refuses; 技术交易额 = 成交额 − the
// non-technical part; an accepted contract moves tech_contract_turnover of its region and every
// region above it at once, a refused one does not; staff see only their region's registrations;
// ten clicks on 登记 register once; statistics by type, month, buyer place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, signedIn, startTestApp, upload, type TestApp, type TestClient } from '../../test/harness';

const YEAR = Number(todayInChina().slice(0, 4));
const contract = (n: string, over: Record<string, unknown> = {}) => ({
  number: `HT-${n}`, name: `页岩油压裂返排液处理技术开发 ${n}`, type: 'development', subType: 'commissioned', buyerName: '长庆油田分公司第二采油厂',
  buyerRegionCode: '621002', signedOn: `${YEAR}-03-18`, termFrom: `${YEAR}-04-01`, termTo: `${YEAR + 1}-03-31`, field: 'environment',
  amount: 1_280_000, nonTechnicalAmount: 300_000, paymentPlan: '签订后付 40%，验收后付 60%', ...over,
});

for (const target of databaseTargets()) {
  describe(`technology contract registration [${target}]`, () => {
    let t: TestApp;
    let ent1: TestClient; let ent2: TestClient; let inst1: TestClient; let xifeng: TestClient; let qingyang: TestClient; let zhangye: TestClient; let gansu: TestClient; let expert: TestClient;
    before(async () => {
      t = await startTestApp(target);
      [ent1, ent2, inst1, xifeng, qingyang, zhangye, gansu, expert] = await Promise.all(
        ['qy_ent1', 'qy_ent2', 'qy_inst1', 'xifeng', 'qingyang', 'zhangye', 'gansu', 'expert1'].map((u) => signedIn(t.app, u)));
    });
    after(async () => { await t.close(); });

    const file = async (client: TestClient, n: string, over: Record<string, unknown> = {}) => {
      const res = await client.post('/api/v1/tech-contracts', contract(n, over));
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    const turnover = async (region: string) => {
      const items = (await gansu.get(`/api/v1/indicators/values?region=${region}&year=${YEAR}`)).json().items as { code: string; value: number | null; source: string }[];
      return items.find((i) => i.code === 'tech_contract_turnover')!;
    };

    it('computes 技术交易额, keeps the seller\'s contract from other sellers and other regions, and refuses bad input leaving nothing', async () => {
      const id = await file(ent1, 'A1');
      const c = (await ent1.get(`/api/v1/tech-contracts/${id}`)).json();
      assert.equal(c.technicalAmount, 980_000);
      assert.equal(c.status, 'submitted');
      assert.equal(c.regionCode, '621002');
      assert.ok(c.dueOn > c.filedOn);
      const seen = async (client: TestClient) => (await client.get(`/api/v1/tech-contracts/${id}`)).statusCode;
      assert.deepEqual([await seen(ent1), await seen(ent2), await seen(inst1), await seen(xifeng), await seen(qingyang), await seen(zhangye), await seen(expert)],
        [200, 404, 404, 200, 200, 404, 404]);
      assert.equal((await zhangye.get('/api/v1/tech-contracts')).json().items.filter((x: { id: number }) => x.id === id).length, 0);

      const before = (await t.db.query('SELECT count(*)::int AS n FROM tech_contract')).rows[0].n;
      const bad = await ent1.post('/api/v1/tech-contracts', contract('A2', { nonTechnicalAmount: 2_000_000 }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.fields.nonTechnicalAmount.length > 0 || !!bad.json().error.fields.nonTechnicalAmount, true);
      assert.equal((await ent1.post('/api/v1/tech-contracts', contract('A3', { buyerUscc: '91621000MA7XXXXXX1' }))).statusCode, 400);
      assert.equal((await ent1.post('/api/v1/tech-contracts', contract('A4', { type: 'transfer', subType: 'commissioned' }))).statusCode, 400);
      // the same number twice for one seller
      const twice = await ent1.post('/api/v1/tech-contracts', contract('A1'));
      assert.equal(twice.statusCode, 400);
      assert.ok(twice.json().error.fields.number);
      // an expert cannot file; staff of another city cannot file for a seller here
      assert.equal((await expert.post('/api/v1/tech-contracts', contract('A5'))).statusCode, 403);
      const orgId = c.sellerOrgId;
      assert.equal((await zhangye.post('/api/v1/tech-contracts', contract('A6', { sellerOrgId: orgId }))).statusCode, 400);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM tech_contract')).rows[0].n, before);
      // English message for the wrong amount split
      const en = await ent1.request('POST', '/api/v1/tech-contracts', contract('A7', { nonTechnicalAmount: 9_000_000 }), { lang: 'en' });
      assert.match(JSON.stringify(en.json().error), /non-technical part cannot exceed/);
    });

    it('an accepted contract moves the turnover of its county, city and province by its amount at once; a refused one does not', async () => {
      // one accepted first: from then on the registry, not the entered figure, is the year's source
      const first = await file(ent1, 'B0');
      assert.equal((await xifeng.post(`/api/v1/tech-contracts/${first}/decision`, { accepted: true })).statusCode, 200);
      const regions = ['621002', '621000', '620000'];
      const before = await Promise.all(regions.map(turnover));
      for (const b of before) assert.equal(b.source, 'registry');

      const id = await file(ent1, 'B1', { amount: 2_350_000, nonTechnicalAmount: 150_000 });
      const refusedId = await file(ent1, 'B2', { amount: 9_990_000 });
      // the wrong role, the wrong region
      assert.equal((await ent1.post(`/api/v1/tech-contracts/${id}/decision`, { accepted: true })).statusCode, 403);
      assert.equal((await zhangye.post(`/api/v1/tech-contracts/${id}/decision`, { accepted: true })).statusCode, 404);
      // a refusal needs a reason
      assert.equal((await xifeng.post(`/api/v1/tech-contracts/${refusedId}/decision`, { accepted: false })).statusCode, 400);
      assert.equal((await xifeng.post(`/api/v1/tech-contracts/${refusedId}/decision`, { accepted: false, reason: '属于一般技术咨询以外的商务合同，不予登记' })).statusCode, 200);

      const decided = (await qingyang.post(`/api/v1/tech-contracts/${id}/decision`, { accepted: true })).json();
      assert.equal(decided.status, 'accepted');
      assert.match(decided.registrationNo, new RegExp(`^${String(YEAR % 100).padStart(2, '0')}621002\\d{6}$`));
      const after = await Promise.all(regions.map(turnover));
      for (const [k, a] of after.entries()) assert.equal(Math.round((a.value! - before[k].value!) * 10_000), 2_350_000, regions[k]);

      // the seller is told; the audit row is there
      const notes = (await ent1.get('/api/v1/notifications?pageSize=50')).json().items as { title: string }[];
      assert.ok(notes.some((n) => n.title.includes('已认定登记')), JSON.stringify(notes.map((n) => n.title)));
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'tech_contract' AND target_id = $1 ORDER BY id`, [String(id)]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['tech_contract.file', 'tech_contract.accept']);

      // the certificate: a Word file naming the number and both amounts
      const cert = await ent1.get(`/api/v1/tech-contracts/${id}/certificate.docx`);
      assert.equal(cert.statusCode, 200);
      const xml = await (await JSZip.loadAsync(cert.rawPayload)).file('word/document.xml')!.async('string');
      assert.ok(xml.includes(decided.registrationNo) && xml.includes('235.00') && xml.includes('220.00'), 'number, 成交额 and 技术交易额 in the certificate');
      assert.equal((await ent1.get(`/api/v1/tech-contracts/${refusedId}/certificate.docx`)).statusCode, 409);
    });

    it('ten clicks on 登记 at once register once, with one number; numbers stay distinct across contracts', async () => {
      const id = await file(ent2, 'C1');
      const clicks = await Promise.all(Array.from({ length: 10 }, () => qingyang.post(`/api/v1/tech-contracts/${id}/decision`, { accepted: true })));
      assert.deepEqual(clicks.map((c) => c.statusCode).sort(), [200, ...Array(9).fill(409)]);
      const ids = await Promise.all(['C2', 'C3', 'C4', 'C5'].map((n) => file(ent2, n)));
      const numbers = await Promise.all(ids.map(async (x) => (await qingyang.post(`/api/v1/tech-contracts/${x}/decision`, { accepted: true })).json().registrationNo));
      assert.equal(new Set(numbers).size, 4);
      const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tech_contract.accept' AND target_id = $1`, [String(id)]);
      assert.equal(audits.rows[0].n, 1);
    });

    it('returned for completion, the seller corrects it and the clock starts again; a stale edit changes nothing', async () => {
      const id = await file(inst1, 'D1', { type: 'service', subType: 'training', field: 'agriculture', nonTechnicalAmount: 0 });
      assert.equal((await xifeng.post(`/api/v1/tech-contracts/${id}/return`, { reason: '请补充签字盖章页' })).json().status, 'returned');
      assert.ok((await inst1.get('/api/v1/inbox')).json().items.some((i: { kind: string; link: string }) => i.kind === 'market.contract.returned' && i.link.endsWith(`contract=${id}`)));
      await t.db.query(`UPDATE tech_contract SET filed_on = filed_on - 10, due_on = due_on - 10 WHERE id = $1`, [id]);
      const stale = (await inst1.get(`/api/v1/tech-contracts/${id}`)).json();
      const refiled = await inst1.request('PUT', `/api/v1/tech-contracts/${id}`, { ...contract('D1', { type: 'service', subType: 'training', field: 'agriculture', nonTechnicalAmount: 0 }), version: stale.version });
      assert.equal(refiled.statusCode, 200, refiled.body);
      assert.equal(refiled.json().status, 'submitted');
      assert.equal(refiled.json().filedOn, todayInChina());
      assert.equal((await inst1.request('PUT', `/api/v1/tech-contracts/${id}`, { ...contract('D1'), version: stale.version })).statusCode, 409);
      // files: a PDF goes in, a text file does not
      const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      assert.equal((await upload(inst1, `/api/v1/tech-contracts/${id}/attachments`, pdf, '合同扫描件.pdf')).statusCode, 201);
      assert.equal((await upload(inst1, `/api/v1/tech-contracts/${id}/attachments`, Buffer.from('hello'), 'a.txt')).statusCode, 400);
      assert.equal((await upload(ent2, `/api/v1/tech-contracts/${id}/attachments`, pdf, 'x.pdf')).statusCode, 404);
      assert.equal((await xifeng.get(`/api/v1/tech-contracts/${id}/attachments`)).json().items.length, 1);
    });

    it('lists what is near its deadline, and counts the year by type, month and buyer place with growth', async () => {
      const near = (await xifeng.get('/api/v1/tech-contracts?dueWithin=60&sort=dueOn')).json();
      assert.ok(near.items.length > 0 && near.items.every((c: { status: string }) => c.status === 'submitted'));
      // the registry's 待办, with the due date; the seller's returned contract is its own 待办
      const inbox = (await xifeng.get('/api/v1/inbox')).json().items as { kind: string; dueOn?: string; link: string }[];
      const todo = inbox.filter((i) => i.kind === 'market.contract.decide');
      assert.ok(todo.length > 0 && todo.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.dueOn!)), JSON.stringify(inbox));
      assert.equal((await zhangye.get('/api/v1/inbox')).json().items.filter((i: { link: string }) => todo.some((x) => x.link === i.link)).length, 0);
      const id = await file(ent1, 'E1', { buyerRegionCode: '440305', amount: 5_000_000, nonTechnicalAmount: 0, type: 'transfer', subType: 'patent_right' });
      const s0 = (await qingyang.get(`/api/v1/tech-contracts/stats?region=621000&year=${YEAR}`)).json();
      await qingyang.post(`/api/v1/tech-contracts/${id}/decision`, { accepted: true });
      const s1 = (await qingyang.get(`/api/v1/tech-contracts/stats?region=621000&year=${YEAR}`)).json();
      assert.equal(s1.count - s0.count, 1);
      assert.equal(s1.amount - s0.amount, 5_000_000);
      const outside = (s: any) => s.byBuyerPlace.find((p: { key: string }) => p.key === 'outside').amount;
      assert.equal(outside(s1) - outside(s0), 5_000_000);
      const transfer = (s: any) => s.byType.find((p: { key: string }) => p.key === 'transfer').count;
      assert.equal(transfer(s1) - transfer(s0), 1);
      assert.equal(s1.byMonth.reduce((n: number, m: { count: number }) => n + m.count, 0), s1.count);
      assert.equal(s1.byRegion.find((r: { code: string }) => r.code === '621002').amount >= 5_000_000, true);
      // staff only their region's; enterprises none
      assert.equal((await zhangye.get(`/api/v1/tech-contracts/stats?region=621000&year=${YEAR}`)).statusCode, 400);
      assert.equal((await ent1.get(`/api/v1/tech-contracts/stats?region=621000&year=${YEAR}`)).statusCode, 403);
      const xlsx = await xifeng.get('/api/v1/tech-contracts/export.xlsx?status=accepted');
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });
  });
}

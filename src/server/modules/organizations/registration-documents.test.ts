// Issue 10 item 8: registrants upload their 营业执照 (and may add an authorisation letter), checked by
// content and size; the reviewing staff of the region, admins and the registrant read them; nobody else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUscc } from '../../../domain/uscc';
import { databaseTargets, signedIn, startTestApp, TestClient, type TestApp } from '../../test/harness';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface Part { name: string; value: string | Buffer; filename?: string }

function multipart(parts: Part[]) {
  const boundary = `----kc${Date.now()}${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = p.filename
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const fields = (n: string) => [
  { name: 'kind', value: 'enterprise' }, { name: 'name', value: `西峰区注册测试${n}科技有限公司` },
  { name: 'uscc', value: makeUscc(`91621002MA7REG00${n}`) }, { name: 'regionCode', value: '621002' },
  { name: 'contactName', value: '赵六' }, { name: 'phone', value: `1390000200${n}` },
  { name: 'username', value: `reg_test_${n}` }, { name: 'password', value: 'Kechuang@2026x' },
];

const REGISTER = '/api/v1/auth/register-with-license';

for (const target of databaseTargets()) {
  describe(`registration documents [${target}]`, () => {
    let t: TestApp;
    let orgId: number;
    before(async () => { t = await startTestApp(target); });
    after(async () => { await t.close(); });

    const send = (parts: Part[]) => {
      const m = multipart(parts);
      return new TestClient(t.app).request('POST', REGISTER, m.body, { headers: m.headers });
    };
    const orgCount = async () => (await t.db.query('SELECT count(*)::int n FROM organization')).rows[0].n as number;

    it('refuses a licence that is not an image or PDF by content, a missing licence and an oversized file, storing nothing', async () => {
      const before = await orgCount();
      const fake = await send([...fields('1'), { name: 'license', value: Buffer.from('<html>not an image</html>'), filename: 'licence.png' }]);
      assert.equal(fake.statusCode, 400, fake.body);
      assert.equal(fake.json().error.code, 'FILE_TYPE');
      const none = await send(fields('1'));
      assert.equal(none.statusCode, 400, none.body);
      assert.equal(none.json().error.code, 'REGISTRATION_LICENSE_REQUIRED');
      const big = await send([...fields('1'), { name: 'license', value: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), filename: 'big.png' }]);
      assert.equal(big.statusCode, 413, big.body);
      const bad = await send([...fields('1').filter((f) => f.name !== 'uscc'), { name: 'uscc', value: '91621002MA7REG0010' },
        { name: 'license', value: PNG, filename: 'l.png' }]);
      assert.equal(bad.statusCode, 400, 'the registration fields are validated as /register does');
      assert.equal(await orgCount(), before, 'nothing stored');
      assert.equal((await t.db.query('SELECT count(*)::int n FROM registration_document')).rows[0].n, 0);
    });

    it('stores the licence and the authorisation letter with the registration, audited in the same transaction', async () => {
      const res = await send([...fields('2'), { name: 'license', value: PNG, filename: '营业执照.jpg' }, { name: 'authorization', value: PDF, filename: '授权书.pdf' }]);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'pending');
      orgId = res.json().id;
      const docs = (await t.db.query('SELECT kind, content_type, size FROM registration_document WHERE org_id = $1 ORDER BY kind', [orgId])).rows;
      assert.deepEqual(docs, [{ kind: 'authorization', content_type: 'application/pdf', size: PDF.length }, { kind: 'license', content_type: 'image/png', size: PNG.length }],
        'the type comes from the content, not the .jpg name');
      const audit = (await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'organization' AND target_id = $1 ORDER BY id`, [String(orgId)])).rows;
      assert.deepEqual(audit.map((a) => a.action), ['organization.register', 'organization.document.upload', 'organization.document.upload']);
    });

    it('lets the reviewing staff of the region and admins read them', async () => {
      for (const user of ['xifeng', 'qingyang', 'admin']) {
        const c = await signedIn(t.app, user);
        const list = await c.get(`/api/v1/organizations/${orgId}/documents`);
        assert.equal(list.statusCode, 200, `${user}: ${list.body}`);
        assert.deepEqual(list.json().items.map((d: any) => d.kind).sort(), ['authorization', 'license']);
        const licence = list.json().items.find((d: any) => d.kind === 'license');
        const file = await c.get(`/api/v1/organizations/${orgId}/documents/${licence.id}`);
        assert.equal(file.statusCode, 200);
        assert.equal(file.headers['content-type'], 'image/png');
        assert.deepEqual(file.rawPayload, PNG);
      }
    });

    it('refuses the wrong region, the wrong role and the wrong owner', async () => {
      const docId = (await t.db.query(`SELECT id FROM registration_document WHERE org_id = $1 AND kind = 'license'`, [orgId])).rows[0].id;
      const zy = await signedIn(t.app, 'zhangye');
      assert.equal((await zy.get(`/api/v1/organizations/${orgId}/documents`)).statusCode, 404, 'staff of another region');
      assert.equal((await zy.get(`/api/v1/organizations/${orgId}/documents/${docId}`)).statusCode, 404);
      const expert = await signedIn(t.app, 'expert1');
      assert.equal((await expert.get(`/api/v1/organizations/${orgId}/documents`)).statusCode, 403, 'an expert');
      assert.equal((await expert.get(`/api/v1/organizations/${orgId}/documents/${docId}`)).statusCode, 403);
      const other = await signedIn(t.app, 'qy_ent1');
      assert.equal((await other.get(`/api/v1/organizations/${orgId}/documents`)).statusCode, 404, 'another enterprise');
      assert.equal((await other.get(`/api/v1/organizations/${orgId}/documents/${docId}`)).statusCode, 404);
      const anonymous = new TestClient(t.app);
      assert.equal((await anonymous.get(`/api/v1/organizations/${orgId}/documents/${docId}`)).statusCode, 401);
      // a document id of another organisation under this organisation's path
      const ownOrg = (await t.db.query(`SELECT org_id FROM app_user WHERE username = 'qy_ent1'`)).rows[0].org_id;
      assert.equal((await other.get(`/api/v1/organizations/${ownOrg}/documents/${docId}`)).statusCode, 404);
    });

    it('lets the registrant read its own documents once approved', async () => {
      const xf = await signedIn(t.app, 'xifeng');
      assert.equal((await xf.post(`/api/v1/organizations/${orgId}/approve`)).statusCode, 200);
      const registrant = new TestClient(t.app);
      await registrant.login('reg_test_2', 'Kechuang@2026x');
      const list = await registrant.get(`/api/v1/organizations/${orgId}/documents`);
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(list.json().items.length, 2);
    });
  });
}

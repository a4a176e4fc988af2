/**
 * HTTP of the policy library: /api/v1/policies (search is public, changes are staff's),
 * /api/v1/enterprises/:id/policies (matching) and /api/v1/portal (public portal, no sign-in).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInChina } from '../../../domain/dates';
import { LEVEL_NAMES, STATUS_NAMES, TIER_NAMES, isStoredTier } from './names';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { importFlags, runImport } from '../../http/import-run';
import { AppError, errors } from '../../http/errors';
import { sendWorkbook } from '../../http/excel';
import { pagingSchema, Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { extractText } from './extract';
import { importPolicies, policyImportTemplate } from './import';
import { enterprisesForPolicy, policiesForEnterprise } from './matching';
import { closeReview, createReview, decide, getReview, listReviews, reviewReport } from './review';
import {
  bookletBody, categoryBody, decisionBody, idParams, noticeBody, policyBody, relationBody, reviewCreateBody, searchQuery, synonymBody, synonymUpdateBody,
  updateBody,
} from './schema';
import { createSynonym, listSynonyms, updateSynonym } from './synonyms';
import {
  addAttachment, addRelation, createPolicy, deletePolicy, getAttachment, getPolicy, listCategories, policiesByIds,
  removeAttachment, removeRelation, saveCategory, searchPolicies, updatePolicy,
} from './service';
import { bookletDocx } from './word';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendFile(reply: FastifyReply, fileName: string, contentType: string, data: Buffer) {
  const ascii = /^[\x20-\x7e]+$/.test(fileName) ? fileName.replace(/"/g, '') : `download.${fileName.split('.').pop()}`;
  return reply.header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(data);
}

/** The signed-in actor when there is one (and it is not held at a forced password change); else the public. */
const viewer = (req: { actor: any }) => (req.actor && !req.actor.mustChangePassword ? req.actor : null);

export default async function policyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['policies'], summary: 'Search the policy library (public: published policies)', querystring: searchQuery } },
    async (req) => searchPolicies(db, viewer(req), req.query, todayInChina()));

  r.get('/export', { schema: { tags: ['policies'], summary: 'Export the filtered list to Excel (staff)', querystring: searchQuery } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { items } = await searchPolicies(db, actor, { ...req.query, page: 1, pageSize: 5000 } as any, todayInChina());
    const en = req.lang === 'en';
    const h = (zh: string, e: string) => (en ? e : zh);
    return sendWorkbook(reply, `${h('政策', 'policies')}.xlsx`, h('政策', 'Policies'), [
      { header: h('标题', 'Title'), value: (p) => p.title, width: 50 },
      { header: h('文号', 'Document number'), value: (p) => p.docNumber, width: 24 },
      { header: h('发文机关', 'Issuer'), value: (p) => p.issuer, width: 28 },
      { header: h('层级', 'Level'), value: (p) => LEVEL_NAMES[p.level as keyof typeof LEVEL_NAMES]?.[en ? 'en' : 'zh'] },
      { header: h('状态', 'Status'), value: (p) => STATUS_NAMES[p.status][en ? 'en' : 'zh'] },
      { header: h('发布日期', 'Issued on'), value: (p) => p.issuedOn },
      { header: h('施行日期', 'Effective on'), value: (p) => p.effectiveOn },
      { header: h('失效日期', 'Expires on'), value: (p) => p.expiresOn },
    ], items);
  });

  r.get('/categories', { schema: { tags: ['policies'], summary: 'The category dictionary (public)' } }, async () => ({ items: await listCategories(db) }));

  r.put('/categories/:code', { schema: { tags: ['policies'], summary: 'Add or change a category (admin)', params: z.object({ code: z.string() }), body: categoryBody } },
    async (req) => {
      requireRole(req, 'admin');
      if (req.params.code !== req.body.code) throw errors.notFound();
      await saveCategory(db, auditActorOf(req), req.body);
      return { items: await listCategories(db) };
    });

  // the synonym dictionary of search (高企 = 高新技术企业): staff read it, admins and provincial staff keep it
  r.get('/synonyms', { schema: { tags: ['policies'], summary: 'The synonym dictionary of search (staff)' } }, async (req) => {
    requireRole(req, 'admin', 'staff');
    return { items: await listSynonyms(db) };
  });
  r.post('/synonyms', { schema: { tags: ['policies'], summary: 'Add a synonym group (admin, provincial staff)', body: synonymBody } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const id = await createSynonym(db, actor, auditActorOf(req), req.body);
    return reply.status(201).send({ id, items: await listSynonyms(db) });
  });
  r.put('/synonyms/:id', { schema: { tags: ['policies'], summary: 'Change a synonym group (version required)', params: idParams, body: synonymUpdateBody } },
    async (req) => {
      const actor = requireRole(req, 'admin', 'staff');
      await updateSynonym(db, actor, auditActorOf(req), req.params.id, req.body);
      return { items: await listSynonyms(db) };
    });

  r.get('/template', { schema: { tags: ['policies'], summary: 'Excel import template' } }, async (req, reply) => {
    requireRole(req, 'admin', 'staff');
    return sendFile(reply, '政策导入模板.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await policyImportTemplate());
  });

  r.post('/import', { schema: { tags: ['policies'], summary: 'Import policies from .xlsx (multipart "file"): dryRun=1 previews; every row or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } },
  async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'policies', (input, options) => importPolicies(db, actor, audit, input, req.lang, options), 100 * 1024 * 1024);
  });

  r.post('/extract', { schema: { tags: ['policies'], summary: 'Text (and suggested title, 文号, date) of an uploaded .docx, .txt or .html', consumes: ['multipart/form-data'] } },
    async (req) => {
      requireRole(req, 'admin', 'staff');
      const file = await req.file();
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      return extractText(file.filename, await file.toBuffer());
    });

  r.post('/booklet', { schema: { tags: ['policies'], summary: 'Compile policies into a .docx booklet 汇编 (cover, TOC, sections, page numbers)', body: bookletBody } },
    async (req, reply) => {
      const actor = requireRole(req, 'admin', 'staff');
      const today = todayInChina();
      let ids = req.body.ids ?? [];
      if (!ids.length && req.body.search) {
        const found = await searchPolicies(db, actor, { page: 1, pageSize: 200, ...req.body.search } as any, today);
        ids = found.items.map((p) => p.id);
      }
      const policies = await policiesByIds(db, actor, [...new Set(ids)]);
      if (!policies.length) throw new AppError(400, 'VALIDATION_FAILED', {}, { ids: { key: 'field.required' } });
      const { rows: [region] } = actor.regionCode ? await db.query('SELECT name FROM region WHERE code = $1', [actor.regionCode]) : { rows: [] as any[] };
      const compiler = req.body.compiler ?? (region ? `${region.name}科学技术局` : '科技局');
      const data = await bookletDocx({ title: req.body.title, compiler, date: req.body.date ?? today,
        policies: policies.map((p) => ({ title: p.title, docNumber: p.doc_number, issuer: p.issuer, level: p.level, issuedOn: p.issued_on, effectiveOn: p.effective_on, text: p.text })) });
      await db.transaction((tx) => recordAudit(tx, auditActorOf(req), { action: 'policy.booklet', targetType: 'policy',
        changes: { booklet: { before: null, after: { title: req.body.title, ids: policies.map((p) => p.id) } } } }));
      return sendFile(reply, `${req.body.title}.docx`, DOCX, data);
    });

  // 立改废 review rounds
  r.get('/reviews', { schema: { tags: ['policy reviews'], summary: 'Review rounds of the region' } }, async (req) =>
    listReviews(db, requireRole(req, 'admin', 'staff')));
  r.post('/reviews', { schema: { tags: ['policy reviews'], summary: 'Open a 立改废 review round over policies of the region', body: reviewCreateBody } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const id = await createReview(db, actor, auditActorOf(req), req.body);
    return reply.status(201).send(await getReview(db, actor, id));
  });
  const reviewParams = z.object({ id: z.coerce.number().int().positive() });
  r.get('/reviews/:id', { schema: { tags: ['policy reviews'], params: reviewParams } }, async (req) => getReview(db, requireRole(req, 'admin', 'staff'), req.params.id));
  r.put('/reviews/:id/items/:policyId', {
    schema: { tags: ['policy reviews'], summary: 'Decide one policy: keep / amend / repeal', params: reviewParams.extend({ policyId: z.coerce.number().int().positive() }), body: decisionBody },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    await decide(db, actor, auditActorOf(req), req.params.id, req.params.policyId, req.body);
    return getReview(db, actor, req.params.id);
  });
  r.post('/reviews/:id/close', { schema: { tags: ['policy reviews'], summary: 'Close the round and apply its decisions', params: reviewParams, body: z.object({ version: z.number().int().min(1) }) } },
    async (req) => {
      const actor = requireRole(req, 'admin', 'staff');
      await closeReview(db, actor, auditActorOf(req), req.params.id, req.body.version);
      return getReview(db, actor, req.params.id);
    });
  r.get('/reviews/:id/report', { schema: { tags: ['policy reviews'], summary: 'The round report in Word', params: reviewParams } }, async (req, reply) => {
    const { fileName, data } = await reviewReport(db, requireRole(req, 'admin', 'staff'), req.params.id);
    return sendFile(reply, fileName, DOCX, data);
  });

  r.post('/', { schema: { tags: ['policies'], summary: 'Add a policy (staff)', body: policyBody } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const id = await createPolicy(db, actor, auditActorOf(req), req.body);
    return reply.status(201).send(await getPolicy(db, actor, id, todayInChina()));
  });

  r.get('/:id', { schema: { tags: ['policies'], summary: 'One policy with its versions and attachments', params: idParams } }, async (req) =>
    getPolicy(db, viewer(req), req.params.id, todayInChina()));

  r.patch('/:id', { schema: { tags: ['policies'], summary: 'Change a policy (version required)', params: idParams, body: updateBody } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { version, ...patch } = req.body;
    await updatePolicy(db, actor, auditActorOf(req), req.params.id, patch, version);
    return getPolicy(db, actor, req.params.id, todayInChina());
  });

  r.delete('/:id', { schema: { tags: ['policies'], summary: 'Delete a draft', params: idParams } }, async (req, reply) => {
    await deletePolicy(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id);
    return reply.status(204).send();
  });

  r.post('/:id/relations', { schema: { tags: ['policies'], summary: 'Link to another version: this policy amends / replaces / repeals the target', params: idParams, body: relationBody } },
    async (req) => {
      const actor = requireRole(req, 'admin', 'staff');
      await addRelation(db, actor, auditActorOf(req), req.params.id, req.body.kind, req.body.targetId);
      return getPolicy(db, actor, req.params.id, todayInChina());
    });
  r.delete('/:id/relations/:kind/:targetId', {
    schema: { tags: ['policies'], params: idParams.extend({ kind: z.enum(['amends', 'replaces', 'repeals']), targetId: z.coerce.number().int().positive() }) },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    await removeRelation(db, actor, auditActorOf(req), req.params.id, req.params.kind, req.params.targetId);
    return getPolicy(db, actor, req.params.id, todayInChina());
  });

  r.post('/:id/attachments', { schema: { tags: ['policies'], summary: 'Attach a file (multipart "file")', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = requireRole(req, 'admin', 'staff');
      const file = await req.file();
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      await addAttachment(db, actor, auditActorOf(req), req.params.id, { name: file.filename, type: file.mimetype || 'application/octet-stream', data: await file.toBuffer() });
      return reply.status(201).send(await getPolicy(db, actor, req.params.id, todayInChina()));
    });
  const attachmentParams = idParams.extend({ attachmentId: z.coerce.number().int().positive() });
  r.get('/:id/attachments/:attachmentId', { schema: { tags: ['policies'], params: attachmentParams } }, async (req, reply) => {
    const a = await getAttachment(db, viewer(req), req.params.id, req.params.attachmentId);
    return sendFile(reply, a.fileName, a.contentType, a.data);
  });
  r.delete('/:id/attachments/:attachmentId', { schema: { tags: ['policies'], params: attachmentParams } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    await removeAttachment(db, actor, auditActorOf(req), req.params.id, req.params.attachmentId);
    return getPolicy(db, actor, req.params.id, todayInChina());
  });

  r.get('/:id/enterprises', { schema: { tags: ['policies'], summary: 'Enterprises of the region that qualify (or narrowly miss)', params: idParams } }, async (req) =>
    enterprisesForPolicy(db, requireRole(req, 'admin', 'staff'), req.params.id, todayInChina(), req.lang));

  r.get('/:id/enterprises/export', { schema: { tags: ['policies'], summary: 'The push list 推送清单 in Excel', params: idParams } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const result = await enterprisesForPolicy(db, actor, req.params.id, todayInChina(), req.lang);
    const en = req.lang === 'en';
    const h = (zh: string, e: string) => (en ? e : zh);
    const rows = [...result.qualifies.map((e) => ({ ...e, outcome: h('符合', 'qualifies') })), ...result.near.map((e) => ({ ...e, outcome: h('差一项', 'narrow miss') }))];
    return sendWorkbook(reply, `${h('政策推送清单', 'push list')}.xlsx`, h('推送清单', 'Push list'), [
      { header: h('企业名称', 'Enterprise'), value: (e: any) => e.name, width: 36 },
      { header: h('统一社会信用代码', 'USCC'), value: (e: any) => e.uscc, width: 22 },
      { header: h('行政区划', 'Region'), value: (e: any) => e.regionName },
      { header: h('联系人', 'Contact'), value: (e: any) => e.contactName },
      { header: h('联系电话', 'Mobile'), value: (e: any) => e.contactPhone },
      { header: h('当前梯次', 'Tiers'), value: (e: any) => e.currentTiers.filter(isStoredTier).map((t: any) => TIER_NAMES[t as keyof typeof TIER_NAMES][en ? 'en' : 'zh']).join('、') },
      { header: h('匹配结果', 'Outcome'), value: (e: any) => e.outcome },
      { header: h('尚缺条件', 'Missing'), value: (e: any) => e.missing.map((m: any) => `${m.required}（${m.actual}）`).join('；'), width: 50 },
    ], rows);
  });
}

/** GET /api/v1/enterprises/:id/policies — registered beside the enterprise module, owned here. */
export async function enterprisePolicyRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/:id/policies', {
    schema: { tags: ['policies'], summary: 'Policies the enterprise qualifies for now, and those it narrowly misses', params: idParams },
  }, async (req) => policiesForEnterprise(app.db, requireActor(req), req.params.id, todayInChina(), req.lang));
}

/** The public portal: published policies, their search, detail and notices. No sign-in. */
export async function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/policies', { schema: { tags: ['portal'], summary: 'Search published policies', querystring: searchQuery } },
    async (req) => searchPolicies(db, null, req.query, todayInChina()));
  r.get('/policies/:id', { schema: { tags: ['portal'], params: idParams } }, async (req) => {
    const { canEdit: _c, maintainerRegion: _m, conditions: _x, ...p } = await getPolicy(db, null, req.params.id, todayInChina());
    return p;
  });
  r.get('/notices', { schema: { tags: ['portal'], summary: 'Published notices', querystring: pagingSchema } }, async (req) => {
    const { page, pageSize } = req.query;
    const where = new Where().add('n.published_on <= $?::date', todayInChina());
    if (req.query.q) where.add('n.title ILIKE $?', `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const [rows, count] = await Promise.all([
      db.query(`SELECT n.id, n.title, n.body, n.region_code, r.name AS region_name, n.published_on FROM portal_notice n LEFT JOIN region r ON r.code = n.region_code
                ${where} ORDER BY n.published_on DESC, n.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
      db.query(`SELECT count(*)::int AS n FROM portal_notice n ${where}`, where.params),
    ]);
    return { items: rows.rows.map((n) => ({ id: n.id, title: n.title, body: n.body, regionCode: n.region_code, regionName: n.region_name, publishedOn: n.published_on })),
      total: count.rows[0].n, page, pageSize };
  });
  r.post('/notices', { schema: { tags: ['portal'], summary: 'Publish a notice (staff)', body: noticeBody } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const regionCode = req.body.regionCode ?? actor.regionCode ?? null;
    if (actor.role === 'staff' && regionCode) {
      const { rows: [ok] } = await db.query('SELECT $1 IN (SELECT region_subtree($2)) AS ok', [regionCode, actor.regionCode]);
      if (!ok.ok) throw new AppError(400, 'VALIDATION_FAILED', {}, { regionCode: { key: 'field.region.out_of_scope' } });
    }
    const id = await db.transaction(async (tx) => {
      const { rows: [n] } = await tx.query('INSERT INTO portal_notice (title, body, region_code, published_on, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [req.body.title, req.body.body, regionCode, req.body.publishedOn ?? todayInChina(), actor.id]);
      await recordAudit(tx, auditActorOf(req), { action: 'portal.notice.publish', targetType: 'portal_notice', targetId: n.id,
        changes: { title: { before: null, after: req.body.title } } });
      return n.id as number;
    });
    return reply.status(201).send({ id });
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInChina } from '../../../domain/dates';
import { assess } from '../../../domain/eligibility/assess';
import type { Assessment } from '../../../domain/eligibility/types';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { sendWorkbook } from '../../http/excel';
import { importFlags, runImport } from '../../http/import-run';
import { MAX_EXPORT_ROWS } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import { assessStored } from './assessment';
import { yoyGrowth } from '../../../domain/indicators/rules';
import { asOfFor, yearBefore } from '../indicators/compute';
import { candidatePool, cultivationRoots, expiringCertificates, fourHasCoverage, tierCountsAt } from './cultivation';
import { STAT_BASIS_TEXT } from './figures';
import { revealContactPhone } from './contact';
import { ENTERPRISE_COLUMNS, importEnterprises, importStatistics, importTemplate } from './import';
import { createEnterprise, enterpriseScope, getEnterprise, listEnterprises, updateEnterprise, type EnterpriseView } from './registry';
import { asOfDate, assessBody, createBody, idParams, listQuery, reviewBody, statsBody, tierBody, updateBody, yearParams } from './schema';
import { listStats, reviewStats, saveStats } from './statistics';
import { addTier, removeTier } from './tiers';

const TIER_NAMES: Record<string, [string, string]> = {
  tech_sme: ['科技型中小企业', 'Tech SME'], provincial_innovative: ['省级科技创新型企业', 'Provincial innovative'],
  high_tech: ['高新技术企业', 'High-tech enterprise'], candidate: ['后备库', 'Candidate pool'],
};

/** The engine speaks both languages; the API answers in the request's. */
export function localizeAssessment(a: Assessment, lang: Lang) {
  const pick = (m: { 'zh-CN': string; en: string }) => m[lang];
  const conditions = <T extends { message: { 'zh-CN': string; en: string } }>(cs: T[]) => cs.map((c) => ({ ...c, message: pick(c.message) }));
  return {
    ...a,
    highTech: { ...a.highTech, conditions: conditions(a.highTech.conditions) },
    techSme: { ...a.techSme, conditions: conditions(a.techSme.conditions) },
    rdDeduction: { ...a.rdDeduction, message: pick(a.rdDeduction.message) },
  };
}

export default async function enterpriseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['enterprises'], summary: 'The enterprise registry in scope', querystring: listQuery } }, async (req) => {
    const actor = requireActor(req);
    const { page, pageSize, ...f } = req.query;
    return listEnterprises(db, actor, f, page, pageSize, todayInChina());
  });

  r.get('/export', { schema: { tags: ['enterprises'], summary: 'Export the filtered registry to Excel', querystring: listQuery } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listEnterprises(db, actor, f, 1, MAX_EXPORT_ROWS, todayInChina());
    const en = req.lang === 'en' ? 1 : 0;
    const h = (zh: string, e: string) => (en ? e : zh);
    // the import template's columns first, in its order (an export can be corrected and imported
    // back; a masked mobile imports as "unchanged"), then read-only columns the import ignores
    const cell: Record<string, (e: EnterpriseView) => string | number | null> = {
      foundedOn: (e) => e.foundedOn, aboveScale: (e) => (e.aboveScale ? h('是', 'yes') : h('否', 'no')), tags: (e) => e.tags.join('、'),
    };
    return sendWorkbook(reply, `${h('企业', 'enterprises')}.xlsx`, h('企业', 'Enterprises'), [
      ...ENTERPRISE_COLUMNS.map((c) => ({ header: en ? c.en : c.zh, width: c.key === 'name' ? 36 : c.key === 'uscc' ? 22 : undefined,
        value: cell[c.key] ?? ((e: EnterpriseView) => (e as unknown as Record<string, string | null>)[c.key]) })),
      { header: h('行政区划名称', 'Region name'), value: (e) => e.regionName },
      { header: h('行业名称', 'Industry name'), value: (e) => e.industryName, width: 30 },
      { header: h('当前梯次', 'Current tiers'), value: (e) => e.currentTiers.map((t) => TIER_NAMES[t]?.[en] ?? t).join('、'), width: 30 },
      { header: h('最近统计年度', 'Latest statistics'), value: (e) => e.latestStatYear },
    ], items);
  });

  r.get('/template', { schema: { tags: ['enterprises'], summary: 'Excel import template', querystring: z.object({ kind: z.enum(['enterprises', 'statistics']).default('enterprises') }) } },
    async (req, reply) => {
      requireRole(req, 'admin', 'staff');
      const name = req.query.kind === 'enterprises' ? '企业导入模板.xlsx' : '年度统计导入模板.xlsx';
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await importTemplate(req.query.kind));
    });

  r.post('/import', {
    schema: { tags: ['enterprises'], summary: 'Import enterprises or yearly statistics (.xlsx, multipart "file"): dryRun=1 previews; every row or none',
      querystring: importFlags.extend({ kind: z.enum(['enterprises', 'statistics']) }), consumes: ['multipart/form-data'] },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const kind = req.query.kind;
    const run = kind === 'enterprises' ? importEnterprises : importStatistics;
    const audit = auditActorOf(req);
    return runImport(req, db, audit, `enterprises.${kind}`, (input, options) => run(db, actor, audit, input, req.lang, options), 200 * 1024 * 1024);
  });

  r.get('/cultivation', {
    schema: { tags: ['enterprises'], summary: 'Cultivation dashboard of a region (staff)',
      querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const today = todayInChina();
    const year = req.query.year ?? Number(today.slice(0, 4));
    const region = req.query.regionCode;
    const roots = await cultivationRoots(db, actor, region);
    // the indicators' as-of: a past year at its end, this year today; growth against the same date a year before
    const years = [year - 2, year - 1, year];
    const asOfs = years.map((y) => asOfFor(y, null, today));
    const before = yearBefore(asOfs[2]);
    const [tiers, fourHas, expiring, candidates] = await Promise.all([
      tierCountsAt(db, roots, [...asOfs, before]),
      fourHasCoverage(db, roots, year - 1),
      expiringCertificates(db, actor, today, region),
      candidatePool(db, actor, today, region),
    ]);
    const counts = years.map((y, k) => ({ year: y, asOf: asOfs[k].date, ...tiers[k] }));
    const growth = (last: number, current: number) => {
      const g = yoyGrowth(current, last);
      return g === null ? null : Math.round(g * 100) / 100;
    };
    const [, , current] = tiers;
    const last = tiers[3];
    return {
      year, asOf: asOfs[2].date, previousAsOf: before.date, counts,
      doubling: { techSme: { last: last.techSme, current: current.techSme, growthPct: growth(last.techSme, current.techSme) },
        highTech: { last: last.highTech, current: current.highTech, growthPct: growth(last.highTech, current.highTech) } },
      fourHas, basis: STAT_BASIS_TEXT[req.lang], expiring, candidates,
    };
  });

  r.post('/', { schema: { tags: ['enterprises'], summary: 'Register an enterprise (staff)', body: createBody } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const id = await createEnterprise(db, actor, auditActorOf(req), req.body as any);
    return reply.status(201).send(await getEnterprise(db, actor, id, todayInChina()));
  });

  r.get('/:id', { schema: { tags: ['enterprises'], params: idParams } }, async (req) =>
    getEnterprise(db, requireActor(req), req.params.id, todayInChina()));

  r.patch('/:id', { schema: { tags: ['enterprises'], summary: 'Update the profile (version required)', params: idParams, body: updateBody } }, async (req) => {
    const actor = requireActor(req);
    const { version, ...profile } = req.body;
    await updateEnterprise(db, actor, auditActorOf(req), req.params.id, profile as any, version);
    return getEnterprise(db, actor, req.params.id, todayInChina());
  });

  r.post('/:id/contact-phone', { schema: { tags: ['enterprises'], summary: 'The full contact mobile (staff of the region, admins); audited', params: idParams } },
    async (req) => revealContactPhone(db, requireActor(req), auditActorOf(req), req.params.id));

  r.get('/:id/stats', { schema: { tags: ['enterprises'], summary: 'Yearly statistics', params: idParams } }, async (req) =>
    ({ items: await listStats(db, requireActor(req), req.params.id) }));

  r.put('/:id/stats/:year', { schema: { tags: ['enterprises'], summary: 'Save one year (version 0 creates it)', params: yearParams, body: statsBody } }, async (req) => {
    const actor = requireActor(req);
    return saveStats(db, actor, auditActorOf(req), req.params.id, req.params.year, req.body.values as any, req.body.version);
  });

  for (const action of ['submit', 'confirm', 'return'] as const) {
    r.post(`/:id/stats/:year/${action}`, { schema: { tags: ['enterprises'], summary: `${action} a year's statistics`, params: yearParams, body: reviewBody } }, async (req) => {
      const actor = requireActor(req);
      return reviewStats(db, actor, auditActorOf(req), req.params.id, req.params.year, action, req.body.version, req.body.comment);
    });
  }

  r.post('/:id/tiers', { schema: { tags: ['enterprises'], summary: 'Add a tier record (staff)', params: idParams, body: tierBody } }, async (req, reply) => {
    const actor = requireActor(req);
    await addTier(db, actor, auditActorOf(req), req.params.id, req.body as any);
    return reply.status(201).send(await getEnterprise(db, actor, req.params.id, todayInChina()));
  });

  r.delete('/:id/tiers/:tierId', { schema: { tags: ['enterprises'], params: idParams.extend({ tierId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = requireActor(req);
    await removeTier(db, actor, auditActorOf(req), req.params.id, req.params.tierId);
    return getEnterprise(db, actor, req.params.id, todayInChina());
  });

  r.get('/:id/assessment', { schema: { tags: ['enterprises'], summary: 'Eligibility of a stored enterprise', params: idParams, querystring: z.object({ asOf: asOfDate.optional() }) } },
    async (req) => {
      const actor = requireActor(req);
      const where = enterpriseScope(actor);
      where.add('o.id = $?', req.params.id);
      const [one] = await assessStored(db, where, req.query.asOf ?? todayInChina());
      if (!one) throw new AppError(404, 'NOT_FOUND');
      return { enterpriseId: one.id, ...localizeAssessment(one.assessment, req.lang) };
    });
}

/** POST /api/v1/eligibility/assess: the engine for other tools, storing nothing. */
export async function eligibilityRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post('/assess', {
    schema: { tags: ['eligibility'], summary: 'Assess a profile against 高企 / 科小 / 加计扣除 rules without storing it', body: assessBody },
  }, async (req) => {
    requireActor(req);
    return localizeAssessment(assess(req.body as any), req.lang);
  });
}

/**
 * The yearly performance evaluation of platforms over HTTP (register without a prefix, under /api/v1):
 *
 *   GET  /platform-evaluation/schemes                 each type's metrics, rubric, thresholds and grade names
 *   PUT  /platform-evaluation/schemes/:type           admins, the province's staff: { criteria, thresholds, grades?, version? }
 *   GET  /platform-evaluation/rounds                  staff: rounds of their subtree and above (?year), with due / reported / rated
 *   POST /platform-evaluation/rounds                  staff: { regionCode, year, deadline, note? } → { id } (409 when the region has one that year)
 *   GET  /platform-evaluation/rounds/:id/non-reporters  staff: certified platforms with no submitted report yet
 *   POST /platform-evaluation/rounds/:id/close        staff: after the deadline; proposes revocation for the non-reporters
 *   GET  /platform-reports                            staff (subtree) or host (own): ?year, status, rating, type, regionCode, platformId, q
 *   GET  /platform-reports/export.xlsx                the same list as Excel (results by year)
 *   GET  /platform-reports/mine                       a host's platforms with this year's round and report
 *   POST /platform-reports                            host or staff: { platformId, year, figures, narrative?, version? } — the draft
 *   GET  /platform-reports/:id                        one (staff: with the reviews)
 *   POST /platform-reports/:id/submit                 once
 *   POST /platform-reports/:id/attachments            multipart "file" while a draft; GET …/attachments/:fileId
 *   POST /platform-reports/:id/reviewers              staff: { expertIds } (回避: 409 CONFLICT_OF_INTEREST)
 *   POST /platform-reports/:id/rate                   staff: { scores?, comment?, opinion } once → rating, 整改 / proposal as the rules say
 *   GET  /platform-reviews, /platform-reviews/:id     experts: their reports to score
 *   POST /platform-reviews/:id/submit                 { scores, comment } once; a second answers 409 REVIEW_SUBMITTED
 *   POST /platform-reviews/:id/decline                { reason } a declared conflict
 *   GET  /platform-revocation-proposals               staff: ?status, year
 *   POST /platform-revocation-proposals/:id/decide    staff: { decision: revoke | keep, note } once
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { sendWorkbook } from '../../http/excel';
import { sendFile } from '../../http/files';
import { MAX_EXPORT_ROWS, MAX_PAGE_SIZE, pagingSchema } from '../../http/list-query';
import { regionCodeField } from '../../http/fields';
import { closeRound, listRounds, nonReporters, openRound } from './evaluation-rounds';
import { decideProposal, listProposals } from './evaluation-proposals';
import { rateReport } from './evaluation-rating';
import { addReportFile, getReport, listReports, MAX_REPORT_FILE_BYTES, myPlatforms, readReportFile, REPORT_STATUSES, saveReport, submitReport } from './evaluation-reports';
import { assignReviewers, declinePlatformReview, getMyPlatformReview, myPlatformReviews, submitPlatformReview } from './evaluation-reviews';
import { RATINGS, ratingLabel, type Rating } from './evaluation-rules';
import { listSchemes, schemesFor, updateScheme } from './evaluation-schemes';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const year = z.coerce.number().int().min(2000).max(2100);
const scores = z.record(z.string(), z.number());
const LEVEL_NAMES: Record<string, string> = { national: '国家级', provincial: '省级', city: '市级' };
const STATUS_NAMES: Record<string, string> = { draft: '草稿', submitted: '已提交', rated: '已评定' };

export default async function platformEvaluationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const tags = ['platforms'];
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff');
  const reader = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff', 'enterprise', 'institution');
  const expert = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'expert');

  r.get('/platform-evaluation/schemes', { schema: { tags, summary: "Each platform type's yearly metrics, rubric, rating thresholds and grade names" } },
    async (req) => { requireRole(req, 'admin', 'staff', 'enterprise', 'institution', 'expert'); return { items: await listSchemes(db) }; });

  const criterion = z.object({ code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/), name: z.string().trim().min(1).max(40),
    weight: z.number().positive().max(1), max: z.number().positive().max(1000) });
  r.put('/platform-evaluation/schemes/:type', { schema: { tags, summary: "Change a type's rubric and rating thresholds (admins, the province's staff)",
    params: z.object({ type: z.string().regex(/^[a-z][a-z_]{1,40}$/) }),
    body: z.object({ criteria: z.array(criterion).min(1).max(20), thresholds: z.array(z.object({ rating: z.enum(['excellent', 'good', 'pass']), min: z.number().min(0).max(1000) })).length(3),
      grades: z.record(z.enum(RATINGS), z.string().trim().min(1).max(4)).nullable().optional(), version: z.number().int().optional() }) } },
  async (req) => updateScheme(db, staff(req), auditActorOf(req), req.params.type, req.body));

  r.get('/platform-evaluation/rounds', { schema: { tags, summary: 'Evaluation rounds in scope, with how many platforms are due, reported and rated', querystring: z.object({ year: year.optional() }) } },
    async (req) => listRounds(db, staff(req), req.query));
  r.post('/platform-evaluation/rounds', { schema: { tags, summary: "Open a year's round for the certified platforms of a region's subtree",
    body: z.object({ regionCode: regionCodeField, year: z.number().int().min(2000).max(2100), deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), note: z.string().trim().max(1000).optional() }) } },
  async (req, reply) => reply.code(201).send(await openRound(db, staff(req), auditActorOf(req), req.body)));
  r.get('/platform-evaluation/rounds/:id/non-reporters', { schema: { tags, summary: 'Certified platforms of the round with no submitted report', params: idParams } },
    async (req) => nonReporters(db, staff(req), req.params.id));
  r.post('/platform-evaluation/rounds/:id/close', { schema: { tags, summary: 'Close a round after its deadline (proposes revocation for the non-reporters)', params: idParams } },
    async (req) => closeRound(db, staff(req), auditActorOf(req), req.params.id));

  const listQuery = pagingSchema.extend({ year: year.optional(), status: z.enum(REPORT_STATUSES).optional(), rating: z.enum(RATINGS).optional(),
    type: z.string().max(40).optional(), regionCode: regionCodeField.optional(), platformId: z.coerce.number().int().positive().optional() });
  r.get('/platform-reports', { schema: { tags, summary: 'Yearly reports (staff: their region; a host: its own)', querystring: listQuery } },
    async (req) => { const { page, pageSize, ...f } = req.query; return listReports(db, reader(req), f, page, pageSize); });
  r.get('/platform-reports/export.xlsx', { schema: { tags, summary: 'The results by year as Excel (the filters of the list)', querystring: listQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const actor = reader(req);
      const rows = [];
      for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
        const batch = await listReports(db, actor, req.query, page, MAX_PAGE_SIZE);
        rows.push(...batch.items);
        if (batch.items.length < MAX_PAGE_SIZE) break;
      }
      const schemes = await schemesFor(db, [...new Set(rows.map((x) => x.platformType))]);
      type Row = (typeof rows)[number];
      return sendWorkbook<Row>(reply, `创新平台绩效评价结果${req.query.year ?? ''}.xlsx`, '绩效评价结果', [
        { header: '年度', width: 8, value: (x) => x.year },
        { header: '平台名称', width: 36, value: (x) => x.platformName },
        { header: '类型', width: 20, value: (x) => x.typeNameZh },
        { header: '级别', width: 8, value: (x) => LEVEL_NAMES[x.platformLevel] ?? x.platformLevel },
        { header: '所在地区', width: 12, value: (x) => x.regionName },
        { header: '依托单位', width: 32, value: (x) => x.hostName },
        { header: '报告状态', width: 10, value: (x) => STATUS_NAMES[x.status] },
        { header: '得分', width: 8, value: (x) => x.score },
        { header: '评价结果', width: 12, value: (x) => (x.rating ? ratingLabel(x.rating as Rating, schemes.get(x.platformType)?.grades) : null) },
        { header: '提交时间', width: 18, value: (x) => (x.submittedAt ? new Date(x.submittedAt) : null) },
        { header: '评定时间', width: 18, value: (x) => (x.ratedAt ? new Date(x.ratedAt) : null) },
      ], rows);
    });
  r.get('/platform-reports/mine', { schema: { tags, summary: "A host's certified platforms with the round covering each and its report" } },
    async (req) => myPlatforms(db, reader(req)));
  r.post('/platform-reports', { schema: { tags, summary: "Save the year's report as a draft (the host, or staff of its region)",
    body: z.object({ platformId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), figures: z.record(z.string(), z.number()),
      narrative: z.string().max(20000).optional(), version: z.number().int().optional() }) } },
  async (req) => { const { platformId, ...b } = req.body; return saveReport(db, reader(req), auditActorOf(req), platformId, b); });
  r.get('/platform-reports/:id', { schema: { tags, summary: 'One report (staff see the reviews)', params: idParams } },
    async (req) => getReport(db, reader(req), req.params.id));
  r.post('/platform-reports/:id/submit', { schema: { tags, summary: 'Submit the report once (every metric and a narrative)', params: idParams } },
    async (req) => submitReport(db, reader(req), auditActorOf(req), req.params.id));
  r.post('/platform-reports/:id/attachments', { schema: { tags, summary: 'Attach a file (multipart "file": PDF, image, .docx, .xlsx) to a draft', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = reader(req);
      const file = await req.file({ limits: { fileSize: MAX_REPORT_FILE_BYTES } });
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      return reply.code(201).send(await addReportFile(db, actor, auditActorOf(req), req.params.id, { fileName: file.filename.slice(0, 200), data: await file.toBuffer() }));
    });
  r.get('/platform-reports/:id/attachments/:fileId', { schema: { tags, summary: 'Download a file of a report', params: idParams.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (req, reply) => { const f = await readReportFile(db, reader(req), req.params.id, req.params.fileId); return sendFile(reply, f.fileName, f.contentType, f.data); });
  r.post('/platform-reports/:id/reviewers', { schema: { tags, summary: 'Assign experts (回避: an expert of a host never reviews it; 409 CONFLICT_OF_INTEREST)', params: idParams,
    body: z.object({ expertIds: z.array(z.number().int().positive()).min(1).max(15) }) } },
  async (req) => assignReviewers(db, staff(req), auditActorOf(req), req.params.id, req.body.expertIds));
  r.post('/platform-reports/:id/rate', { schema: { tags, summary: "Rate once: the experts' mean, or the staff's own scores on the rubric", params: idParams,
    body: z.object({ scores: scores.optional(), comment: z.string().trim().max(5000).optional(), opinion: z.string().trim().min(1).max(5000) }) } },
  async (req) => rateReport(db, staff(req), auditActorOf(req), req.params.id, req.body));

  r.get('/platform-reviews', { schema: { tags, summary: 'My platform reports to score (experts)' } }, async (req) => myPlatformReviews(db, expert(req)));
  r.get('/platform-reviews/:id', { schema: { tags, summary: 'One of my platform reviews with the report', params: idParams } },
    async (req) => getMyPlatformReview(db, expert(req), req.params.id));
  r.post('/platform-reviews/:id/submit', { schema: { tags, summary: 'Submit scores and a comment once (a second answers 409)', params: idParams,
    body: z.object({ scores, comment: z.string().max(5000) }) } },
  async (req) => submitPlatformReview(db, expert(req), auditActorOf(req), req.params.id, req.body));
  r.post('/platform-reviews/:id/decline', { schema: { tags, summary: 'Declare a conflict (the bureau assigns another expert)', params: idParams,
    body: z.object({ reason: z.string().trim().min(1).max(500) }) } },
  async (req) => declinePlatformReview(db, expert(req), auditActorOf(req), req.params.id, req.body.reason));

  r.get('/platform-revocation-proposals', { schema: { tags, summary: 'Revocation proposals in scope', querystring: z.object({ status: z.enum(['proposed', 'revoked', 'kept']).optional(), year: year.optional() }) } },
    async (req) => listProposals(db, staff(req), req.query));
  r.post('/platform-revocation-proposals/:id/decide', { schema: { tags, summary: 'Decide a proposal once: revoke the platform or keep it', params: idParams,
    body: z.object({ decision: z.enum(['revoke', 'keep']), note: z.string().trim().min(1).max(2000) }) } },
  async (req) => decideProposal(db, staff(req), auditActorOf(req), req.params.id, req.body));
}

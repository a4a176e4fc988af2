/**
 * Downloads of the projects (M5), for the call's bureau (staff of its region's subtree, admins):
 *
 *   GET /calls/:id/applications.xlsx     the call's applications with rank, score, reviews, amounts and status in words
 *   GET /calls/:id/reviews.xlsx          the score matrix: one row per application × expert, a column per criterion
 *   GET /calls/:id/funding.xlsx          its projects: approved, tranches, paid, left to pay
 *   GET /calls/:id/notice.docx           the 立项公示 (latest batch; ?noticeFrom=YYYY-MM-DD picks another)
 *
 * and, following getApplication's scope (the bureau, or the applicant for its own organisation):
 *
 *   GET /applications/:id/acceptance.docx   the 验收意见 (409 ACCEPTANCE_PENDING before the 验收)
 *   GET /applications/:id/print.docx        the application, printable
 *
 * A call outside the staff member's subtree answers 404, as every call route does. Register
 * without a prefix inside /api/v1 (as reviewRoutes).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { wanText, yuanToWan } from '../../../domain/money';
import { isOutlier, type Criterion } from '../../../domain/review/ranking';
import type { Queryable } from '../../db/database';
import { requireActor, requireRole, type Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { workbookBuffer, type ExcelColumn } from '../../http/excel';
import { DOCX, sendFile, XLSX } from '../../http/files';
import { MAX_EXPORT_ROWS, Where } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import { callRanking } from '../reviews/ranking';
import { listApplications, type ApplicationSummary } from './applications';
import { callManageScope } from './calls';
import { acceptanceDocx, acceptanceModel, noticeDocx, noticeModel, printDocx, printModel, statusName } from './documents';
import { FUNDED_STATUSES } from './workflow';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The call as its bureau manages it (callManageScope), or 404. */
async function managedCall(db: Queryable, actor: Actor, callId: number) {
  const where = callManageScope(actor, new Where()).add('c.id = $?', callId);
  const { rows: [c] } = await db.query(`SELECT c.id, c.title, c.rubric, c.budget FROM call c ${where}`, where.params);
  if (!c) throw errors.notFound();
  return c as { id: number; title: string; rubric: Criterion[]; budget: number };
}

/** An instant as China's local day and minute: 2026-01-05 10:20. */
const chinaTime = (at: Date | string | null | undefined) => (at ? new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null);
const wanOrNull = (yuan: number | null | undefined) => (yuan == null ? null : yuanToWan(yuan));

// ── applications with scores

interface ApplicationRow extends ApplicationSummary { rank: number | null; score: number | null; reviews: number }

async function applicationRows(db: Queryable, actor: Actor, callId: number): Promise<ApplicationRow[]> {
  const ranking = await callRanking(db, actor, callId); // 404 outside the call's bureau
  const ranked = new Map(ranking.items.map((i) => [i.applicationId, i]));
  const { items } = await listApplications(db, actor, { callId }, 1, MAX_EXPORT_ROWS);
  const rows = items.map((a) => {
    const r = ranked.get(a.id);
    return { ...a, rank: r?.rank ?? null, score: r?.score ?? null, reviews: r?.reviews ?? a.reviewsSubmitted ?? 0 };
  });
  const time = (a: ApplicationRow) => (a.submittedAt ? new Date(a.submittedAt).getTime() : Number.POSITIVE_INFINITY);
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || time(a) - time(b) || a.id - b.id);
}

function applicationColumns(lang: Lang): ExcelColumn<ApplicationRow>[] {
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  return [
    { header: h('排名', 'Rank'), width: 8, value: (a) => a.rank },
    { header: h('申报编号', 'No.'), width: 10, value: (a) => a.id },
    { header: h('项目名称', 'Title'), width: 40, value: (a) => a.title },
    { header: h('申报单位', 'Applicant'), width: 32, value: (a) => a.orgName },
    { header: h('所在地区', 'Region'), value: (a) => a.regionName },
    { header: h('技术领域', 'Field'), value: (a) => a.field },
    { header: h('评审得分', 'Score'), width: 10, value: (a) => a.score },
    { header: h('已提交评审数', 'Reviews submitted'), width: 12, value: (a) => a.reviews },
    { header: h('评审专家数', 'Reviewers'), width: 10, value: (a) => a.reviewsAssigned ?? 0 },
    { header: h('申请经费（万元）', 'Requested (10k yuan)'), value: (a) => yuanToWan(a.requestedAmount) },
    { header: h('自筹经费（万元）', 'Own funds (10k yuan)'), value: (a) => yuanToWan(a.ownFunds) },
    { header: h('立项经费（万元）', 'Approved (10k yuan)'), value: (a) => wanOrNull(a.approvedAmount) },
    { header: h('状态', 'Status'), width: 16, value: (a) => statusName(a.status, lang) },
    { header: h('提交时间', 'Submitted'), width: 18, value: (a) => chinaTime(a.submittedAt) },
  ];
}

// ── the score matrix

const REVIEW_STATUS: Record<string, readonly [string, string]> = {
  assigned: ['待声明', 'Assigned'], declared: ['评审中', 'In progress'], submitted: ['已提交', 'Submitted'],
};

interface ReviewRow {
  applicationId: number; title: string; orgName: string; rank: number | null; score: number | null; expertName: string; expertOrg: string; titleRank: string;
  status: string; scores: Record<string, number>; total: number | null; outlier: boolean; comment: string; submittedAt: Date | null;
}

async function reviewRows(db: Queryable, actor: Actor, callId: number): Promise<{ rubric: Criterion[]; rows: ReviewRow[] }> {
  const call = await managedCall(db, actor, callId);
  const ranking = await callRanking(db, actor, callId);
  const ranked = new Map(ranking.items.map((i) => [i.applicationId, i]));
  const { rows } = await db.query(
    `SELECT r.application_id, a.title, o.name AS org_name, x.name AS expert_name, x.org_name AS expert_org, x.title_rank, r.status, r.scores,
            r.total::float AS total, r.comment, r.submitted_at
       FROM review_assignment r JOIN application a ON a.id = r.application_id JOIN organization o ON o.id = a.org_id JOIN expert x ON x.id = r.expert_id
      WHERE r.call_id = $1 AND r.status <> 'declined' ORDER BY a.id, r.id`, [callId]);
  const panels = new Map<number, number[]>();
  for (const r of rows) if (r.status === 'submitted') panels.set(Number(r.application_id), [...(panels.get(Number(r.application_id)) ?? []), r.total]);
  const items = rows.map((r) => {
    const id = Number(r.application_id);
    return {
      applicationId: id, title: r.title, orgName: r.org_name, rank: ranked.get(id)?.rank ?? null, score: ranked.get(id)?.score ?? null,
      expertName: r.expert_name, expertOrg: r.expert_org, titleRank: r.title_rank, status: r.status, scores: r.scores ?? {}, total: r.total,
      outlier: r.status === 'submitted' && isOutlier(r.total, panels.get(id) ?? []), comment: r.comment, submittedAt: r.submitted_at,
    };
  });
  // ranked applications first, in their order; reviewers in the order they were assigned
  const order = (r: ReviewRow) => r.rank ?? Number.POSITIVE_INFINITY;
  items.sort((a, b) => order(a) - order(b) || a.applicationId - b.applicationId);
  return { rubric: call.rubric, rows: items };
}

function reviewColumns(lang: Lang, rubric: Criterion[]): ExcelColumn<ReviewRow>[] {
  const en = lang === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  return [
    { header: h('申报编号', 'No.'), width: 10, value: (r) => r.applicationId },
    { header: h('项目名称', 'Title'), width: 36, value: (r) => r.title },
    { header: h('申报单位', 'Applicant'), width: 28, value: (r) => r.orgName },
    { header: h('排名', 'Rank'), width: 8, value: (r) => r.rank },
    { header: h('项目得分', 'Application score'), width: 10, value: (r) => r.score },
    { header: h('评审专家', 'Expert'), width: 12, value: (r) => r.expertName },
    { header: h('专家单位', 'Expert organisation'), width: 24, value: (r) => r.expertOrg },
    { header: h('职称级别', 'Title rank'), width: 10, value: (r) => r.titleRank },
    { header: h('评审状态', 'Review status'), width: 10, value: (r) => (REVIEW_STATUS[r.status] ? REVIEW_STATUS[r.status][en ? 1 : 0] : r.status) },
    ...rubric.map((c): ExcelColumn<ReviewRow> => ({
      header: en ? `${c.name} (max ${c.max}, weight ${c.weight})` : `${c.name}（满分${c.max}，权重${c.weight}）`, width: 18,
      // scores are the expert's until submitted; a draft's are shown too, the status says which
      value: (r) => (typeof r.scores[c.code] === 'number' ? r.scores[c.code] : null),
    })),
    { header: h('加权总分', 'Weighted total'), width: 10, value: (r) => r.total },
    { header: h('偏离均值超过 20 分', 'More than 20 from the panel mean'), width: 12, value: (r) => (r.status !== 'submitted' ? null : r.outlier ? h('是', 'yes') : h('否', 'no')) },
    { header: h('评审意见', 'Comment'), width: 48, value: (r) => r.comment },
    { header: h('提交时间', 'Submitted'), width: 18, value: (r) => chinaTime(r.submittedAt) },
  ];
}

// ── funding

interface FundingRow {
  id: number | null; title: string; orgName: string; regionName: string; status: string; approved: number; paid: number; tranches: number; detail: string;
  period: string;
}

async function fundingRows(db: Queryable, actor: Actor, callId: number): Promise<FundingRow[]> {
  await managedCall(db, actor, callId);
  const { rows } = await db.query(
    `SELECT a.id, a.title, o.name AS org_name, rg.name AS region_name, a.status, a.approved_amount, a.contract,
            coalesce(json_agg(json_build_object('amount', t.amount, 'paidOn', t.paid_on, 'note', t.note) ORDER BY t.paid_on, t.id) FILTER (WHERE t.id IS NOT NULL), '[]') AS tranches
       FROM application a JOIN organization o ON o.id = a.org_id JOIN region rg ON rg.code = a.region_code
       LEFT JOIN funding_tranche t ON t.application_id = a.id
      WHERE a.call_id = $1 AND a.approved_amount IS NOT NULL AND a.status = ANY($2::text[])
      GROUP BY a.id, o.name, rg.name ORDER BY a.id`, [callId, [...FUNDED_STATUSES, 'terminated']]);
  return rows.map((a) => {
    const tranches = a.tranches as { amount: number; paidOn: string; note: string }[];
    const contract = a.contract as { startOn?: string; endOn?: string } | null;
    return {
      id: Number(a.id), title: a.title, orgName: a.org_name, regionName: a.region_name, status: a.status, approved: Number(a.approved_amount),
      paid: tranches.reduce((s, t) => s + Number(t.amount), 0), tranches: tranches.length,
      detail: tranches.map((t) => `${t.paidOn} ${wanText(Number(t.amount))}${t.note ? `（${t.note}）` : ''}`).join('；'),
      period: contract?.startOn ? `${contract.startOn} – ${contract.endOn}` : '',
    };
  });
}

function fundingColumns(lang: Lang): ExcelColumn<FundingRow>[] {
  const en = lang === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  return [
    { header: h('申报编号', 'No.'), width: 10, value: (r) => r.id },
    { header: h('项目名称', 'Title'), width: 40, value: (r) => r.title },
    { header: h('承担单位', 'Organisation'), width: 32, value: (r) => r.orgName },
    { header: h('所在地区', 'Region'), value: (r) => r.regionName },
    { header: h('状态', 'Status'), width: 14, value: (r) => (r.id == null ? '' : statusName(r.status, lang)) },
    { header: h('执行期限', 'Period'), width: 24, value: (r) => r.period },
    { header: h('立项经费（万元）', 'Approved (10k yuan)'), value: (r) => yuanToWan(r.approved) },
    { header: h('已拨付（万元）', 'Paid (10k yuan)'), value: (r) => yuanToWan(r.paid) },
    { header: h('待拨付（万元）', 'Left to pay (10k yuan)'), value: (r) => yuanToWan(r.approved - r.paid) },
    { header: h('拨付次数', 'Tranches'), width: 10, value: (r) => r.tranches },
    { header: h('拨付明细（日期 万元）', 'Tranches (date, 10k yuan)'), width: 48, value: (r) => r.detail },
  ];
}

export default async function projectExportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff');
  const name = (lang: Lang, zh: string, en: string, id: number, ext: string) => (lang === 'en' ? `${en}-${id}.${ext}` : `${zh}（指南${id}）.${ext}`);

  r.get('/calls/:id/applications.xlsx', { schema: { tags: ['projects'], summary: "The call's applications with rank, score, reviews, amounts and status (Excel)", params: idParams } },
    async (req, reply) => {
      const rows = await applicationRows(db, staff(req), req.params.id);
      const h = req.lang === 'en' ? 'Applications' : '申报项目';
      return sendFile(reply, name(req.lang, '申报项目', 'applications', req.params.id, 'xlsx'), XLSX, await workbookBuffer(h, applicationColumns(req.lang), rows));
    });

  r.get('/calls/:id/reviews.xlsx', { schema: { tags: ['projects'], summary: "The call's score matrix: application × expert, a column per criterion (Excel)", params: idParams } },
    async (req, reply) => {
      const { rubric, rows } = await reviewRows(db, staff(req), req.params.id);
      const h = req.lang === 'en' ? 'Reviews' : '评审打分';
      return sendFile(reply, name(req.lang, '评审打分', 'reviews', req.params.id, 'xlsx'), XLSX, await workbookBuffer(h, reviewColumns(req.lang, rubric), rows));
    });

  r.get('/calls/:id/funding.xlsx', { schema: { tags: ['projects'], summary: "The call's projects: approved, tranches, paid (Excel)", params: idParams } },
    async (req, reply) => {
      const rows = await fundingRows(db, staff(req), req.params.id);
      const sum = (f: (x: FundingRow) => number) => rows.reduce((s, x) => s + f(x), 0);
      const total: FundingRow = { id: null, title: req.lang === 'en' ? 'Total' : '合计', orgName: '', regionName: '', status: '', period: '', detail: '',
        approved: sum((x) => x.approved), paid: sum((x) => x.paid), tranches: sum((x) => x.tranches) };
      const h = req.lang === 'en' ? 'Funding' : '经费拨付';
      return sendFile(reply, name(req.lang, '经费拨付', 'funding', req.params.id, 'xlsx'), XLSX,
        await workbookBuffer(h, fundingColumns(req.lang), rows.length ? [...rows, total] : rows));
    });

  r.get('/calls/:id/notice.docx', { schema: { tags: ['projects'], summary: "立项公示 of the call (Word): the latest batch put on notice, or the one of ?noticeFrom", params: idParams,
    querystring: z.object({ noticeFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date').optional() }) } },
  async (req, reply) => {
    const model = await noticeModel(db, staff(req), req.params.id, req.query.noticeFrom);
    return sendFile(reply, `拟立项项目公示（${model.noticeFrom}）.docx`, DOCX, await noticeDocx(model));
  });

  r.get('/applications/:id/acceptance.docx', { schema: { tags: ['projects'], summary: '验收意见 of a project (Word)', params: idParams } },
    async (req, reply) => {
      const model = await acceptanceModel(db, requireActor(req), req.params.id);
      return sendFile(reply, `${model.application.title}-验收意见.docx`, DOCX, await acceptanceDocx(model));
    });

  r.get('/applications/:id/print.docx', { schema: { tags: ['projects'], summary: 'The application as a printable Word document', params: idParams } },
    async (req, reply) => {
      const model = await printModel(db, requireActor(req), req.params.id);
      return sendFile(reply, `${model.application.title}-申报书.docx`, DOCX, await printDocx(model));
    });
}

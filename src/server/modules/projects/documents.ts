/**
 * Word documents of the projects (M5), in 公文 style (GB/T 9704) as the policy library's
 * (policies/word.ts): titles in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 with a two-character
 * first-line indent, headings 一、二、 in 黑体, page numbers "— n —" at the foot, amounts in 万元.
 *
 * - the 立项公示 of a call: the applications put on public notice together (one batch of
 *   publishNotice: the latest unless asked), with the notice period and how to object;
 * - the acceptance opinion (验收意见) of a project: contract targets, result, the panel's comment;
 * - the application itself, printable: basic information, members (ID numbers masked), partners,
 *   the budget table by category and the call's form, field by field.
 *
 * Scope is the modules' own: the notice is the call's bureau's (callManageScope: another region's
 * staff get 404), the acceptance opinion and the print follow getApplication (applicationScope:
 * an applicant its own organisation's applications only, experts none).
 */
import { AlignmentType, Paragraph, Table, TextRun } from 'docx';
import { todayInChina } from '../../../domain/dates';
import { wanText } from '../../../domain/money';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import { blank, body, fmtDate, font, heading, HEADING_FONT, INDENT_2_CHARS, infoTable, KAITI, render, right, subtitle, table, title } from '../../documents/gongwen';
import { BUDGET_CATEGORIES, getApplication } from './applications';
import { callManageScope } from './calls';
import type { ApplicationStatus } from './workflow';

type Words = readonly [zh: string, en: string];
const pick = (w: Words, lang: Lang) => (lang === 'en' ? w[1] : w[0]);

/** An application's status in words (exports, documents). */
export const APPLICATION_STATUS_NAMES: Record<ApplicationStatus, Words> = {
  draft: ['草稿', 'Draft'], submitted: ['已提交', 'Submitted'], recommended: ['已推荐', 'Recommended'], returned: ['退回修改', 'Returned for changes'],
  withdrawn: ['已撤回', 'Withdrawn'], formal_passed: ['形式审查通过', 'Passed formal check'], formal_failed: ['形式审查未通过', 'Failed formal check'],
  under_review: ['专家评审中', 'Under review'], reviewed: ['评审完成', 'Reviewed'], approved: ['拟立项', 'Approved'], not_approved: ['未立项', 'Not approved'],
  publicized: ['立项公示中', 'On public notice'], contracted: ['已签订任务书', 'Contract signed'], midterm_passed: ['中期检查通过', 'Passed the mid-term check'],
  accepted: ['已验收', 'Accepted'], acceptance_failed: ['验收未通过', 'Failed acceptance'], closed: ['已结题', 'Closed'], terminated: ['已终止', 'Terminated'],
};
export const statusName = (status: string, lang: Lang) => (status in APPLICATION_STATUS_NAMES ? pick(APPLICATION_STATUS_NAMES[status as ApplicationStatus], lang) : status);

/** 经费预算科目 (the usual cost categories of a city's S&T programme). */
export const BUDGET_CATEGORY_NAMES: Record<(typeof BUDGET_CATEGORIES)[number], Words> = {
  equipment: ['设备费', 'Equipment'], materials: ['材料费', 'Materials'], testing: ['测试化验加工费', 'Testing and processing'],
  fuel: ['燃料动力费', 'Fuel and power'], travel: ['差旅费/会议费/国际合作与交流费', 'Travel, meetings and international co-operation'],
  publication: ['出版/文献/信息传播/知识产权事务费', 'Publication, literature and IP'], labour: ['劳务费', 'Labour'],
  consultation: ['专家咨询费', 'Expert consultation'], indirect: ['间接费用', 'Indirect costs'],
};

/** 验收 outcomes (the acceptance route's `result`). */
export const ACCEPTANCE_NAMES: Record<string, Words> = {
  passed: ['通过验收', 'Passed'], passed_after_fix: ['整改后通过验收（须在 3 个月内完成一次整改）', 'Passed after one fix (within 3 months)'], failed: ['未通过验收', 'Failed'],
};


const bureauOf = (regionName: string) => `${regionName}科学技术局`;
const wan = (yuan: number | null | undefined) => (yuan == null ? '' : wanText(yuan));
/** An instant as the day and minute in China: 2026年1月5日 10:20. */
const fmtInstant = (at: Date | string | null | undefined) => {
  if (!at) return '';
  const china = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString();
  return `${fmtDate(china.slice(0, 10))} ${china.slice(11, 16)}`;
};
const stripBookTitle = (s: string) => s.replace(/^《(.*)》$/, '$1');

// ── 立项公示

export interface NoticeModel {
  bureau: string; callTitle: string; programmeName: string; year: number; noticeDays: number; noticeFrom: string; noticeUntil: string;
  items: { title: string; orgName: string; regionName: string; amount: number }[];
}

/** The applications of a call put on notice together (one batch of publishNotice; the latest unless `noticeFrom` names another). */
export async function noticeModel(db: Queryable, actor: Actor, callId: number, noticeFrom?: string): Promise<NoticeModel> {
  const where = callManageScope(actor, new Where()).add('c.id = $?', callId);
  const { rows: [c] } = await db.query(
    `SELECT c.*, p.name AS programme_name, r.name AS region_name FROM call c JOIN programme p ON p.id = c.programme_id JOIN region r ON r.code = c.region_code ${where}`,
    where.params);
  if (!c) throw errors.notFound();
  const { rows } = await db.query(
    `SELECT a.title, o.name AS org_name, rg.name AS region_name, a.approved_amount, a.notice_from, a.notice_until
       FROM application a JOIN organization o ON o.id = a.org_id JOIN region rg ON rg.code = a.region_code
      WHERE a.call_id = $1 AND a.notice_from IS NOT NULL
        AND a.notice_from = coalesce($2::date, (SELECT max(x.notice_from) FROM application x WHERE x.call_id = $1))
      ORDER BY a.approved_amount DESC NULLS LAST, a.id`, [callId, noticeFrom ?? null]);
  if (!rows.length) throw new AppError(409, 'NOTICE_NOT_PUBLISHED');
  return {
    bureau: bureauOf(c.region_name), callTitle: stripBookTitle(c.title), programmeName: c.programme_name, year: c.year, noticeDays: c.notice_days,
    noticeFrom: rows[0].notice_from, noticeUntil: rows.reduce((m, r) => (r.notice_until > m ? r.notice_until : m), rows[0].notice_until),
    items: rows.map((r) => ({ title: r.title, orgName: r.org_name, regionName: r.region_name, amount: Number(r.approved_amount ?? 0) })),
  };
}

export async function noticeDocx(m: NoticeModel): Promise<Buffer> {
  const total = m.items.reduce((s, i) => s + i.amount, 0);
  const docTitle = `${m.bureau}关于${m.year}年度${m.programmeName}拟立项项目的公示`;
  return render(docTitle, [
    title(docTitle),
    ...body(`根据《${m.callTitle}》，经形式审查、专家评审等程序，拟对${m.items.length}个项目予以立项支持，拟支持经费合计${wanText(total)}万元。现将拟立项项目名单予以公示（见附件）。`),
    ...body(`公示期为${m.noticeDays}个工作日：${fmtDate(m.noticeFrom)}至${fmtDate(m.noticeUntil)}。`),
    ...body(`公示期间，任何单位或个人对公示项目有异议的，请于公示期内以书面形式向${m.bureau}提出，并提供必要的证明材料。`
      + '以单位名义提出异议的，须在异议材料上加盖本单位公章，并注明联系人和联系电话；以个人名义提出异议的，须在异议材料上签署真实姓名，并注明联系电话和通讯地址。'
      + '匿名异议、逾期提出或无正当理由的异议，不予受理。'),
    ...body('附件：拟立项项目名单'),
    right(m.bureau, { before: 1120, keepNext: true }),
    right(fmtDate(m.noticeFrom)),
    new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: '附件', font: font(HEADING_FONT) })] }),
    title('拟立项项目名单'),
    table(['序号', '项目名称', '承担单位', '所在地区', '拟支持经费（万元）'],
      [...m.items.map((i, n) => [String(n + 1), i.title, i.orgName, i.regionName, wanText(i.amount)]), ['合计', '', '', '', wanText(total)]],
      [8, 36, 28, 12, 16], ['center', 'left', 'left', 'center', 'right']),
  ]);
}

// ── 验收意见

type ApplicationDetail = Awaited<ReturnType<typeof getApplication>>;

async function callOf(db: Queryable, callId: number) {
  const { rows: [c] } = await db.query(
    `SELECT c.title, c.year, c.form, c.region_code, p.name AS programme_name, r.name AS region_name
       FROM call c JOIN programme p ON p.id = c.programme_id JOIN region r ON r.code = c.region_code WHERE c.id = $1`, [callId]);
  return c as { title: string; year: number; form: FormField[]; region_code: string; programme_name: string; region_name: string };
}

export interface AcceptanceModel { application: ApplicationDetail; call: Awaited<ReturnType<typeof callOf>>; comment: string; on: string }

/** The project's acceptance as getApplication shows it (scope included); 409 ACCEPTANCE_PENDING before the 验收. */
export async function acceptanceModel(db: Queryable, actor: Actor, id: number): Promise<AcceptanceModel> {
  const application = await getApplication(db, actor, id);
  const event = [...application.timeline].reverse().find((e) => e.action === 'accept_pass' || e.action === 'accept_fail');
  if (!application.acceptance || !event) throw new AppError(409, 'ACCEPTANCE_PENDING');
  return { application, call: await callOf(db, application.callId), comment: event.comment ?? '', on: todayInChina(new Date(event.at)) };
}

export async function acceptanceDocx(m: AcceptanceModel): Promise<Buffer> {
  const a = m.application;
  const contract = (a.contract ?? {}) as { targets?: string; startOn?: string; endOn?: string };
  const result = ACCEPTANCE_NAMES[a.acceptance!]?.[0] ?? a.acceptance!;
  const bureau = bureauOf(m.call.region_name);
  return render(`${a.title}验收意见`, [
    title('科技计划项目验收意见'),
    subtitle(`${m.call.programme_name}　${m.call.year}年度`),
    infoTable([
      ['项目名称', a.title], ['承担单位', a.orgName], ['申报指南', stripBookTitle(m.call.title)], ['项目编号', String(a.id)],
      ['执行期限', contract.startOn ? `${fmtDate(contract.startOn)}至${fmtDate(contract.endOn)}` : ''],
      ['立项经费', `${wan(a.approvedAmount)}万元`], ['已拨付经费', `${wan(a.paid)}万元`], ['验收结论', result],
    ]),
    blank(),
    heading('一、任务书约定的考核指标'),
    ...(contract.targets?.trim() ? body(contract.targets) : body('（任务书未载明考核指标）')),
    heading('二、验收结论'),
    ...body(`经验收专家组评议，该项目${result}。`),
    heading('三、验收专家组意见'),
    ...(m.comment.trim() ? body(m.comment) : body('（无）')),
    // the signatures stay together on one page
    new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, spacing: { before: 280 }, keepNext: true, keepLines: true, children: [new TextRun('验收专家组组长（签字）：')] }),
    right(bureau, { before: 560, keepNext: true }),
    right(fmtDate(m.on)),
  ]);
}

// ── 申报书 (printable)

interface FormField { key: string; label: string; type: string; options?: string[]; columns?: string[] }

export interface PrintModel { application: ApplicationDetail; call: Awaited<ReturnType<typeof callOf>> }

export async function printModel(db: Queryable, actor: Actor, id: number): Promise<PrintModel> {
  const application = await getApplication(db, actor, id);
  return { application, call: await callOf(db, application.callId) };
}

const text = (v: unknown): string => {
  if (v == null) return '';
  if (Array.isArray(v)) return v.map(text).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}：${text(x)}`).join('；');
  return String(v);
};

/** One field of the call's form with its value: a table for a table field, paragraphs otherwise. */
function formValue(f: FormField, v: unknown): (Paragraph | Table)[] {
  if (v == null || v === '' || (Array.isArray(v) && !v.length)) return body('（未填写）');
  if (f.type === 'table' && Array.isArray(v)) {
    const columns = f.columns?.length ? f.columns
      : [...new Set(v.flatMap((r) => (r && typeof r === 'object' && !Array.isArray(r) ? Object.keys(r) : [])))];
    const rows = v.map((r) => (Array.isArray(r) ? r.map(text) : columns.map((c) => text((r as Record<string, unknown>)?.[c]))));
    const width = Math.max(columns.length, ...rows.map((r) => r.length));
    if (!width) return body('（未填写）');
    return [table(columns.length ? columns : Array.from({ length: width }, (_, i) => `第${i + 1}列`), rows.map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')]))];
  }
  if (f.type === 'money' && typeof v === 'number') return body(`${wanText(v)}万元`);
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return body(fmtDate(v));
  return body(text(v));
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const nth = (i: number) => CHINESE_NUMBERS[i] ?? String(i + 1);

export async function printDocx(m: PrintModel): Promise<Buffer> {
  const a = m.application;
  const budget = (Array.isArray(a.budget) ? a.budget : []) as { category: string; own: number; requested: number }[];
  const byCategory = new Map(budget.map((b) => [b.category, b]));
  const budgetRows = BUDGET_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => {
    const b = byCategory.get(c)!;
    return [BUDGET_CATEGORY_NAMES[c][0], wanText(b.own), wanText(b.requested), wanText(b.own + b.requested)];
  });
  const own = budget.reduce((s, b) => s + b.own, 0);
  const requested = budget.reduce((s, b) => s + b.requested, 0);
  const form = (Array.isArray(m.call.form) ? m.call.form : []) as FormField[];
  const data = (a.formData ?? {}) as Record<string, unknown>;
  const extra = Object.keys(data).filter((k) => !form.some((f) => f.key === k));
  const fields: FormField[] = [...form, ...extra.map((k) => ({ key: k, label: k, type: 'text' }))];
  return render(`${a.title}申报书`, [
    title('科技计划项目申报书'),
    subtitle(`${stripBookTitle(m.call.title)}`),
    heading('一、基本信息'),
    infoTable([
      ['项目名称', a.title], ['申报单位', a.orgName], ['所在地区', a.regionName], ['计划类别', m.call.programme_name],
      ['申报指南', stripBookTitle(m.call.title)], ['技术领域', a.field], ['申请经费', `${wanText(a.requestedAmount)}万元`], ['自筹经费', `${wanText(a.ownFunds)}万元`],
      ['申报编号', String(a.id)], ['当前状态', statusName(a.status, 'zh-CN')], ['提交时间', a.submittedAt ? fmtInstant(a.submittedAt) : '未提交'],
    ]),
    heading('二、项目摘要'),
    ...(a.summary?.trim() ? body(a.summary) : body('（未填写）')),
    heading('三、项目组成员'),
    ...(a.members.length
      ? [table(['序号', '姓名', '工作单位', '项目分工', '身份证号'], a.members.map((x, i) => [String(i + 1), x.name, x.orgName, x.role, x.idNumber ?? '']),
        [9, 12, 28, 16, 35], ['center', 'left', 'left', 'left', 'center'])]
      : body('（未填写）')),
    heading('四、合作单位'),
    ...(a.partners.length ? a.partners.map((p, i) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, children: [new TextRun(`${i + 1}. ${p.name}`)] })) : body('无')),
    heading('五、经费预算（万元）'),
    ...(budgetRows.length
      ? [table(['预算科目', '自筹经费', '申请经费', '合计'], [...budgetRows, ['合计', wanText(own), wanText(requested), wanText(own + requested)]],
        [40, 20, 20, 20], ['left', 'right', 'right', 'right'])]
      : body('（未填写）')),
    heading('六、申报内容'),
    ...(fields.length
      ? fields.flatMap((f, i) => [
        new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, keepNext: true, children: [new TextRun({ text: `（${nth(i)}）${f.label}`, font: font(KAITI) })] }),
        ...formValue(f, data[f.key]),
      ])
      : body('（本指南无附加申报内容）')),
  ]);
}

/**
 * Excel in and out of the talent registry, as every import here: the whole file is read and
 * checked first; any bad row imports nothing and every bad row is listed (row, column, value,
 * reason in the reader's language); a preview writes nothing; a clean file goes in one transaction.
 *
 * A row names the person by 姓名 + 手机号 (an ID number is not taken: it is not stored). A mobile
 * already in the expert registry is that person (the name must agree); a new mobile adds the person
 * to the registry through its own insert (so 工作单位 … 所在地区代码 are needed then). The host is
 * named by its unified social credit code. The export writes TALENT_COLUMNS first, in this order.
 */
import type { Readable } from 'node:stream';
import { isValidMobile } from '../../../domain/phone';
import { categoryFromText, categoryText, FLEXIBLE_WORDS, CATEGORY_WORDS, STATUS_WORDS, type FlexibleKind, type TalentCategory, type TalentStatus } from '../../../domain/talent';
import { normalizeUscc } from '../../../domain/uscc';
import type { Database, Queryable } from '../../db/database';
import ExcelJS from '../../exceljs';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { ExcelColumn } from '../../http/excel';
import { cellDate, cellInteger, cellText, readSheet } from '../../http/excel-read';
import { headerAliases, ImportProblems, templateSheets, type ImportColumn, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import type { Lang } from '../../http/messages';
import { Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { expertReadScope, insertExpert, TITLE_RANKS, type TitleRank } from '../experts/service';
import type { TalentView } from './records';

export const MAX_TALENT_IMPORT_ROWS = 5_000;
const REGION_CODE = /^[1-9]\d{5}$/;
const LIST_SEPARATORS = /[、,，;；\n]/;
const CATEGORY_CHOICES = ['领军人才', '创新创业团队', '候鸟型专家', '周末工程师', '科技副总', '三区人才', '本土人才'];

export const TALENT_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'name', zh: '姓名', en: 'Name', required: true, example: '王立新' },
  { key: 'phone', zh: '手机号', en: 'Mobile', required: true, note: '11 位；专家库中已有该手机号的即为该人员（姓名须一致）', example: '13919000001' },
  { key: 'orgName', zh: '工作单位', en: 'Organisation', note: '新人员必填（写入专家库）', example: '兰州大学' },
  { key: 'title', zh: '职称', en: 'Title', note: '新人员必填', example: '教授' },
  { key: 'titleRank', zh: '职称级别', en: 'Title rank', note: `新人员必填：${TITLE_RANKS.join(' / ')}`, example: '正高' },
  { key: 'fields', zh: '专业领域', en: 'Fields', note: '新人员必填，多个用、分隔', example: '现代农业、生物与新医药' },
  { key: 'personRegionCode', zh: '人员所在地区代码', en: 'Person region code', note: '新人员必填，6 位代码，须在您的辖区内', example: '621022' },
  { key: 'category', zh: '人才类别', en: 'Category', required: true, note: CATEGORY_CHOICES.join(' / '), example: '候鸟型专家' },
  { key: 'hostUscc', zh: '用人单位统一社会信用代码', en: 'Host USCC', required: true, note: '18 位，须为辖区内已审核单位', example: '91621022MA71QY0036' },
  { key: 'agreementNo', zh: '协议编号', en: 'Agreement no.', example: 'HX-RC-2026-01' },
  { key: 'from', zh: '协议开始日期', en: 'Agreement from', required: true, example: '2026-01-01' },
  { key: 'to', zh: '协议结束日期', en: 'Agreement to', required: true, example: '2028-12-31' },
  { key: 'daysPerYear', zh: '每年服务天数', en: 'Days a year', required: true, note: '0–366 的整数', example: 60 },
  { key: 'outcomes', zh: '工作成效', en: 'Outcomes', note: '多项用、分隔', example: '引进黄芪新品种 2 个、培训农民 120 人次' },
  { key: 'status', zh: '状态', en: 'Status', note: '服务中 / 已结束，空为服务中', example: '服务中' },
];

interface ParsedRow {
  row: number; name: string; phone: string; orgName: string; title: string; titleRank: TitleRank; fields: string[]; personRegionCode: string;
  category: TalentCategory; flexibleKind: FlexibleKind | null; hostUscc: string; hostOrgId: number | null; agreementNo: string;
  from: string; to: string; daysPerYear: number; outcomes: string[]; status: TalentStatus; expertId: number | null;
}

/** The export's columns: the import's, in its order (the mobile masked, as the registry shows it), then read-only figures. */
export function talentExportColumns(lang: Lang): ExcelColumn<TalentView>[] {
  const en = lang === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  const cell: Record<string, (x: TalentView) => string | number | null> = {
    name: (x) => x.name, phone: (x) => x.phone, orgName: (x) => x.personOrg, title: (x) => x.title, titleRank: (x) => x.titleRank, fields: (x) => x.fields.join('、'),
    personRegionCode: (x) => x.personRegionCode,
    category: (x) => (x.flexibleKind ? FLEXIBLE_WORDS[x.flexibleKind][en ? 1 : 0] : CATEGORY_WORDS[x.category][en ? 1 : 0]),
    hostUscc: (x) => x.hostUscc, agreementNo: (x) => x.agreementNo, from: (x) => x.from, to: (x) => x.to, daysPerYear: (x) => x.daysPerYear,
    outcomes: (x) => x.outcomes.join('、'), status: (x) => STATUS_WORDS[x.status][en ? 1 : 0],
  };
  const widths: Record<string, number> = { orgName: 24, fields: 24, hostUscc: 22, outcomes: 40 };
  return [
    ...TALENT_COLUMNS.map((c) => ({ header: en ? c.en : c.zh, width: widths[c.key], value: cell[c.key] })),
    { header: h('用人单位', 'Host'), width: 30, value: (x) => x.hostName },
    { header: h('所在地区', 'Region'), value: (x) => x.regionName },
    { header: h('类别（全称）', 'Category (full)'), width: 24, value: (x) => categoryText(x.category, x.flexibleKind, lang) },
    { header: h('本年应服务天数', 'Days promised this year'), value: (x) => x.promised },
    { header: h('本年已服务天数', 'Days done this year'), value: (x) => x.done },
    { header: h('累计补贴（元）', 'Subsidy paid (yuan)'), value: (x) => x.paid },
  ];
}

const STATUS_FROM_TEXT: Record<string, TalentStatus> = { '': 'active', 服务中: 'active', active: 'active', Active: 'active', 已结束: 'ended', ended: 'ended', Ended: 'ended' };

export async function importTalent(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; rows: number; people: number } | ImportPreview> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new AppError(403, 'FORBIDDEN');
  const problems = new ImportProblems(lang, TALENT_COLUMNS);
  const parsed: ParsedRow[] = [];
  for await (const r of readSheet(input, headerAliases(TALENT_COLUMNS), problems.skipped)) {
    if (parsed.length >= MAX_TALENT_IMPORT_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_TALENT_IMPORT_ROWS });
    const text = (k: string) => cellText(r.get(k));
    for (const c of TALENT_COLUMNS) if (c.required && !text(c.key)) problems.add(r.row, c.key, r.get(c.key), 'field.required');
    const name = text('name');
    if (name.length > 40) problems.add(r.row, 'name', name, 'field.invalid');
    const phone = text('phone').replace(/\s/g, '');
    if (phone && !isValidMobile(phone)) problems.add(r.row, 'phone', phone, 'field.phone');
    const category = text('category') ? categoryFromText(text('category')) : null;
    if (text('category') && !category) problems.add(r.row, 'category', text('category'), 'field.invalid_option');
    const from = cellDate(r.get('from'));
    const to = cellDate(r.get('to'));
    if (from === undefined) problems.add(r.row, 'from', r.get('from'), 'field.date');
    if (to === undefined) problems.add(r.row, 'to', r.get('to'), 'field.date');
    if (from && to && to < from) problems.add(r.row, 'to', to, 'field.date_order');
    const days = cellInteger(r.get('daysPerYear'));
    if (days !== undefined && (Number.isNaN(days) || days < 0 || days > 366)) problems.add(r.row, 'daysPerYear', r.get('daysPerYear'), 'field.invalid');
    const status = STATUS_FROM_TEXT[text('status')];
    if (!status) problems.add(r.row, 'status', text('status'), 'field.invalid_option');
    const titleRank = text('titleRank');
    if (titleRank && !(TITLE_RANKS as readonly string[]).includes(titleRank)) problems.add(r.row, 'titleRank', titleRank, 'field.invalid_option');
    const personRegionCode = text('personRegionCode');
    if (personRegionCode && !REGION_CODE.test(personRegionCode)) problems.add(r.row, 'personRegionCode', personRegionCode, 'field.region_code');
    const split = (k: string) => [...new Set(text(k).split(LIST_SEPARATORS).map((f) => f.trim()).filter(Boolean))];
    parsed.push({
      row: r.row, name, phone, orgName: text('orgName'), title: text('title'), titleRank: titleRank as TitleRank, fields: split('fields'), personRegionCode,
      category: category?.category ?? 'local', flexibleKind: category?.kind ?? null, hostUscc: normalizeUscc(text('hostUscc')), hostOrgId: null,
      agreementNo: text('agreementNo'), from: from ?? '', to: to ?? '', daysPerYear: days ?? 0, outcomes: split('outcomes'), status: status ?? 'active', expertId: null,
    });
  }

  await resolve(db, actor, parsed, problems);

  const newPeople = new Set(parsed.filter((p) => p.expertId == null).map((p) => p.phone)).size;
  if (options.dryRun) return problems.preview({ rows: parsed.length, create: parsed.length, update: 0 });
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);
  await db.transaction(async (tx) => {
    const created = new Map<string, number>();
    for (const p of parsed) {
      let expertId = p.expertId ?? created.get(p.phone);
      if (expertId == null) {
        expertId = await insertExpert(tx, actor, audit, { name: p.name, orgName: p.orgName, title: p.title, titleRank: p.titleRank, fields: p.fields,
          regionCode: p.personRegionCode, phone: p.phone });
        created.set(p.phone, expertId);
      }
      const { rows: [t] } = await tx.query(
        `INSERT INTO talent (expert_id, category, flexible_kind, host_org_id, agreement_no, agreement_from, agreement_to, days_per_year, outcomes, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [expertId, p.category, p.flexibleKind, p.hostOrgId, p.agreementNo, p.from, p.to, p.daysPerYear, p.outcomes, p.status]);
      await recordAudit(tx, audit, { action: 'talent.import', targetType: 'talent', targetId: t.id,
        changes: diff(null, { expertId, category: p.category, flexibleKind: p.flexibleKind, hostOrgId: p.hostOrgId, from: p.from, to: p.to, daysPerYear: p.daysPerYear }) });
    }
    await options.onCommit?.(tx, { rows: parsed.length, created: parsed.length, updated: 0 });
  });
  return { created: parsed.length, rows: parsed.length, people: newPeople };
}

/** Checks the rows against the database: people by mobile, hosts by code, regions, engagements already kept. */
async function resolve(db: Queryable, actor: Actor, parsed: ParsedRow[], problems: ImportProblems) {
  const phones = [...new Set(parsed.map((p) => p.phone).filter(isValidMobile))];
  const where = expertReadScope(actor, new Where()).add('x.phone = ANY($?::text[])', phones);
  const { rows: people } = await db.query(`SELECT DISTINCT ON (x.phone) x.id, x.name, x.phone FROM expert x ${where} ORDER BY x.phone, x.id`, where.params);
  const byPhone = new Map(people.map((x) => [x.phone as string, { id: Number(x.id), name: x.name as string }]));
  const usccs = [...new Set(parsed.map((p) => p.hostUscc).filter(Boolean))];
  const { rows: hosts } = await db.query(
    `SELECT id, uscc, ($2::text IS NULL OR region_code IN (SELECT region_subtree($2))) AS allowed FROM organization WHERE status = 'approved' AND uscc = ANY($1::text[])`,
    [usccs, actor.role === 'staff' ? actor.regionCode : null]);
  const hostByUscc = new Map(hosts.map((o) => [o.uscc as string, { id: Number(o.id), allowed: o.allowed as boolean }]));
  const codes = [...new Set(parsed.map((p) => p.personRegionCode).filter((c) => REGION_CODE.test(c)))];
  const { rows: regionRows } = await db.query(
    `SELECT code, ($2::text IS NULL OR code IN (SELECT region_subtree($2))) AS allowed FROM region WHERE code = ANY($1::text[])`,
    [codes, actor.role === 'staff' ? actor.regionCode : null]);
  const regions = new Map(regionRows.map((r) => [r.code as string, r.allowed as boolean]));

  const namesInFile = new Map<string, string>();
  const engagements = new Set<string>();
  for (const p of parsed) {
    const known = byPhone.get(p.phone);
    if (known) {
      p.expertId = known.id;
      if (p.name && known.name !== p.name) problems.add(p.row, 'name', p.name, 'field.talent.person_differs', { name: known.name });
    } else if (isValidMobile(p.phone)) {
      // a new person: what the registry needs, and one name per mobile across the file
      for (const k of ['orgName', 'title', 'titleRank', 'fields', 'personRegionCode'] as const) {
        const v = p[k];
        if (!v || (Array.isArray(v) && !v.length)) problems.add(p.row, k, '', 'field.required');
      }
      if (p.fields.length > 10 || p.fields.some((f) => f.length > 40)) problems.add(p.row, 'fields', p.fields.join('、'), 'field.invalid');
      if (REGION_CODE.test(p.personRegionCode)) {
        if (!regions.has(p.personRegionCode)) problems.add(p.row, 'personRegionCode', p.personRegionCode, 'field.region');
        else if (!regions.get(p.personRegionCode)) problems.add(p.row, 'personRegionCode', p.personRegionCode, 'field.region.out_of_scope');
      }
      const first = namesInFile.get(p.phone);
      if (first !== undefined && first !== p.name) problems.add(p.row, 'name', p.name, 'field.talent.person_differs', { name: first });
      if (first === undefined) namesInFile.set(p.phone, p.name);
    }
    if (p.hostUscc) {
      const host = hostByUscc.get(p.hostUscc);
      if (!host) problems.add(p.row, 'hostUscc', p.hostUscc, 'field.talent.host_uscc');
      else if (!host.allowed) problems.add(p.row, 'hostUscc', p.hostUscc, 'field.talent.host');
      else p.hostOrgId = host.id;
    }
    const key = `${p.phone}|${p.hostUscc}|${p.from}`;
    if (p.phone && p.hostUscc && p.from && engagements.has(key)) problems.add(p.row, 'from', p.from, 'field.duplicate_row');
    engagements.add(key);
  }
  // engagements already in the registry (same person, host and first day)
  const known = parsed.filter((p) => p.expertId != null && p.hostOrgId != null && p.from);
  if (known.length) {
    const { rows } = await db.query(
      `SELECT t.expert_id, t.host_org_id, t.agreement_from::text AS from FROM talent t
        JOIN unnest($1::bigint[], $2::bigint[], $3::date[]) AS k(expert_id, host_org_id, agreement_from)
          ON k.expert_id = t.expert_id AND k.host_org_id = t.host_org_id AND k.agreement_from = t.agreement_from`,
      [known.map((p) => p.expertId), known.map((p) => p.hostOrgId), known.map((p) => p.from)]);
    const taken = new Set(rows.map((r) => `${r.expert_id}|${r.host_org_id}|${r.from}`));
    for (const p of known) if (taken.has(`${p.expertId}|${p.hostOrgId}|${p.from}`)) problems.add(p.row, 'from', p.from, 'field.talent.exists');
  }
}

/** Headers with notes and examples (the 填写说明 sheet), 人才类别 and 职称级别 as drop-downs, text cells for codes and mobiles. */
export async function talentImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kechuang';
  const sheet = templateSheets(workbook, '人才', TALENT_COLUMNS, (c) => (['工作单位', '用人单位统一社会信用代码', '工作成效'].includes(c.zh) ? 26 : 14));
  const col = (key: string) => TALENT_COLUMNS.findIndex((c) => c.key === key) + 1;
  for (const key of ['phone', 'hostUscc', 'personRegionCode']) sheet.getColumn(col(key)).numFmt = '@';
  for (let r = 2; r <= 1000; r++) {
    sheet.getCell(r, col('category')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${CATEGORY_CHOICES.join(',')}"`] };
    sheet.getCell(r, col('titleRank')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${TITLE_RANKS.join(',')}"`] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

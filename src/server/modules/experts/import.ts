/**
 * Excel import of experts (专家库), as every import here: the whole file is read and validated
 * first; a file with any bad row imports nothing and lists every bad row (row, column, value,
 * reason, in the reader's language); a preview (`dryRun`) answers counts and problems and writes
 * nothing; a clean file is added in one transaction, in batches, with an audit row per expert.
 *
 * Experts are only ever added (an exported file carries masked mobiles and ID numbers, so it
 * cannot be taken for an update). The ID number is never stored in full — its hash and its last
 * four characters, as createExpert keeps them — and one already in the registry, or twice in the
 * file, is refused. A 工作单位 that names exactly one approved organisation is linked to it, so
 * that the 回避 rules (same organisation, partner) see the expert's organisation.
 *
 * The export of the registry writes EXPERT_COLUMNS first, in order (expertExportColumns).
 */
import type { Readable } from 'node:stream';
import { isValidMobile } from '../../../domain/phone';
import type { Database, Queryable } from '../../db/database';
import ExcelJS from '../../exceljs';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, fieldError } from '../../http/errors';
import type { ExcelColumn } from '../../http/excel';
import { cellText, readSheet } from '../../http/excel-read';
import { uniqueViolation } from '../../http/fields';
import { headerAliases, ImportProblems, templateSheets, type ImportColumn, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import type { Lang } from '../../http/messages';
import { diff } from '../audit/record';
import { hashIdNumber, TITLE_RANKS, type ExpertView, type TitleRank } from './service';

export const MAX_EXPERT_IMPORT_ROWS = 20_000;
const BATCH = 1000;
/** 居民身份证号 (GB 11643): 17 digits and a check character, as the expert form takes it. */
const ID_NUMBER = /^\d{17}[\dX]$/;
const REGION_CODE = /^[1-9]\d{5}$/;
/** 专业领域 are separated by 、 (also accepted: , ， ; ；). */
const FIELD_SEPARATORS = /[、,，;；]/;

/** The import template's columns, in order; the registry export writes the same ones first. */
export const EXPERT_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'name', zh: '姓名', en: 'Name', required: true, example: '王建国' },
  { key: 'orgName', zh: '工作单位', en: 'Organisation', required: true, note: '与已注册单位名称完全一致时自动关联该单位（用于回避）', example: '陇东学院' },
  { key: 'title', zh: '职称', en: 'Title', required: true, example: '教授' },
  { key: 'titleRank', zh: '职称级别', en: 'Title rank', required: true, note: `${TITLE_RANKS.join(' / ')}（下拉选择）`, example: '正高' },
  { key: 'fields', zh: '专业领域', en: 'Fields', required: true, note: '多个用、分隔，最多 10 个', example: '电子信息、先进制造与自动化' },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', required: true, note: '6 位 GB/T 2260 代码，须在您的辖区内', example: '621000' },
  { key: 'phone', zh: '手机号', en: 'Mobile', required: true, note: '11 位手机号（请设为文本格式）', example: '13900000000' },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', note: '18 位，选填（请设为文本格式）；只保存其摘要和后四位', example: '62100219800101123X' },
];

interface ParsedExpert {
  row: number; name: string; orgName: string; title: string; titleRank: TitleRank; fields: string[]; regionCode: string; phone: string;
  idNumber: string | null; orgId: number | null;
}

/**
 * The columns of the registry export: the import template's, in its order (the mobile and the ID
 * number masked), then read-only columns the import ignores.
 */
export function expertExportColumns(lang: Lang): ExcelColumn<ExpertView>[] {
  const en = lang === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  const cell: Record<string, (x: ExpertView) => string | number | null> = {
    name: (x) => x.name, orgName: (x) => x.orgName, title: (x) => x.title, titleRank: (x) => x.titleRank, fields: (x) => x.fields.join('、'),
    regionCode: (x) => x.regionCode, phone: (x) => x.phone, idNumber: (x) => x.idNumber,
  };
  const widths: Record<string, number> = { orgName: 30, fields: 30, idNumber: 22 };
  return [
    ...EXPERT_COLUMNS.map((c) => ({ header: en ? c.en : c.zh, width: widths[c.key], value: cell[c.key] })),
    { header: h('所在地区', 'Region name'), value: (x) => x.regionName },
    { header: h('状态', 'Status'), value: (x) => (x.status === 'active' ? h('在库', 'Active') : h('暂停', 'Suspended')) },
    { header: h('评审任务数', 'Reviews'), value: (x) => x.reviews ?? 0 },
  ];
}

/** Approved organisations by exact name, for the names in the file: a name shared by two is not linked. */
async function organisationsByName(db: Queryable, names: string[]): Promise<Map<string, number>> {
  if (!names.length) return new Map();
  const { rows } = await db.query(
    `SELECT name, min(id) AS id FROM organization WHERE status = 'approved' AND name = ANY($1::text[]) GROUP BY name HAVING count(*) = 1`, [names]);
  return new Map(rows.map((r) => [r.name as string, Number(r.id)]));
}

export async function importExperts(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; rows: number } | ImportPreview> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new AppError(403, 'FORBIDDEN');
  const problems = new ImportProblems(lang, EXPERT_COLUMNS);
  const parsed: ParsedExpert[] = [];
  const seenIds = new Set<string>();
  for await (const r of readSheet(input, headerAliases(EXPERT_COLUMNS), problems.skipped)) {
    if (parsed.length >= MAX_EXPERT_IMPORT_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_EXPERT_IMPORT_ROWS });
    const text = (k: string) => cellText(r.get(k));
    for (const c of EXPERT_COLUMNS) if (c.required && !text(c.key)) problems.add(r.row, c.key, r.get(c.key), 'field.required');
    const name = text('name');
    if (name.length > 40) problems.add(r.row, 'name', name, 'field.invalid');
    const orgName = text('orgName');
    if (orgName.length > 100) problems.add(r.row, 'orgName', orgName, 'field.invalid');
    const title = text('title');
    if (title.length > 40) problems.add(r.row, 'title', title, 'field.invalid');
    const titleRank = text('titleRank');
    if (titleRank && !(TITLE_RANKS as readonly string[]).includes(titleRank)) problems.add(r.row, 'titleRank', titleRank, 'field.invalid_option');
    const fields = [...new Set(text('fields').split(FIELD_SEPARATORS).map((f) => f.trim()).filter(Boolean))];
    if (text('fields') && (!fields.length || fields.length > 10 || fields.some((f) => f.length > 40))) problems.add(r.row, 'fields', text('fields'), 'field.invalid');
    const regionCode = text('regionCode');
    if (regionCode && !REGION_CODE.test(regionCode)) problems.add(r.row, 'regionCode', regionCode, 'field.region_code');
    const phone = text('phone').replace(/\s/g, '');
    if (phone && !isValidMobile(phone)) problems.add(r.row, 'phone', phone, 'field.phone');
    const idNumber = text('idNumber').replace(/\s/g, '').toUpperCase() || null;
    if (idNumber) {
      if (!ID_NUMBER.test(idNumber)) problems.add(r.row, 'idNumber', maskId(idNumber), 'field.id_number');
      else if (seenIds.has(idNumber)) problems.add(r.row, 'idNumber', maskId(idNumber), 'field.duplicate_row');
      seenIds.add(idNumber);
    }
    parsed.push({ row: r.row, name, orgName, title, titleRank: titleRank as TitleRank, fields, regionCode, phone, idNumber, orgId: null });
  }

  // regions: known, and inside the staff member's subtree
  const codes = [...new Set(parsed.map((p) => p.regionCode).filter((c) => REGION_CODE.test(c)))];
  const { rows: regionRows } = await db.query(
    `SELECT code, ($2::text IS NULL OR code IN (SELECT region_subtree($2))) AS allowed FROM region WHERE code = ANY($1::text[])`,
    [codes, actor.role === 'admin' ? null : actor.regionCode]);
  const regions = new Map(regionRows.map((r) => [r.code as string, r.allowed as boolean]));
  // ID numbers already in the registry (compared by their hash, as stored)
  const hashes = [...seenIds].filter((x) => ID_NUMBER.test(x)).map(hashIdNumber);
  const { rows: taken } = hashes.length
    ? await db.query('SELECT id_number_hash FROM expert WHERE id_number_hash = ANY($1::text[])', [hashes]) : { rows: [] as Record<string, any>[] };
  const takenHashes = new Set(taken.map((t) => t.id_number_hash as string));
  const orgs = await organisationsByName(db, [...new Set(parsed.map((p) => p.orgName).filter(Boolean))]);
  for (const p of parsed) {
    if (REGION_CODE.test(p.regionCode)) {
      if (!regions.has(p.regionCode)) problems.add(p.row, 'regionCode', p.regionCode, 'field.region');
      else if (!regions.get(p.regionCode)) problems.add(p.row, 'regionCode', p.regionCode, 'field.region.out_of_scope');
    }
    if (p.idNumber && ID_NUMBER.test(p.idNumber) && takenHashes.has(hashIdNumber(p.idNumber))) {
      problems.add(p.row, 'idNumber', maskId(p.idNumber), 'field.expert.id_number_taken');
    }
    p.orgId = orgs.get(p.orgName) ?? null;
  }

  if (options.dryRun) return problems.preview({ rows: parsed.length, create: parsed.length, update: 0 });
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < parsed.length; i += BATCH) await insertBatch(tx, audit, parsed.slice(i, i + BATCH));
      await options.onCommit?.(tx, { rows: parsed.length, created: parsed.length, updated: 0 });
    });
  } catch (e) {
    // the same ID number registered by someone else between the check and the insert
    if (uniqueViolation(e) === 'expert_id_number_key') throw fieldError('idNumber', 'field.expert.id_number_taken');
    throw e;
  }
  return { created: parsed.length, rows: parsed.length };
}

/**
 * One statement for the experts of a batch and one for their audit rows (as recordAudit writes
 * them, action expert.import): row by row, 5,000 experts took 37 s on PGlite. The ids are drawn
 * first, so that each audit row names its own expert.
 */
async function insertBatch(tx: Queryable, audit: AuditActor, part: ParsedExpert[]) {
  const { rows: ids } = await tx.query(`SELECT nextval(pg_get_serial_sequence('expert', 'id')) AS id FROM generate_series(1, $1)`, [part.length]);
  const rows = part.map((p, i) => ({
    id: Number(ids[i].id), name: p.name, org_id: p.orgId, org_name: p.orgName, title: p.title, title_rank: p.titleRank, fields: p.fields,
    region_code: p.regionCode, phone: p.phone, id_number_hash: p.idNumber ? hashIdNumber(p.idNumber) : null, id_number_tail: p.idNumber ? p.idNumber.slice(-4) : null,
  }));
  await tx.query(
    `INSERT INTO expert (id, name, org_id, org_name, title, title_rank, fields, region_code, phone, id_number_hash, id_number_tail) OVERRIDING SYSTEM VALUE
     SELECT r.id, r.name, r.org_id, r.org_name, r.title, r.title_rank, ARRAY(SELECT jsonb_array_elements_text(r.fields)), r.region_code, r.phone, r.id_number_hash, r.id_number_tail
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, name text, org_id bigint, org_name text, title text, title_rank text, fields jsonb, region_code text,
                                              phone text, id_number_hash text, id_number_tail text)`,
    [JSON.stringify(rows)]);
  const changes = part.map((p) => JSON.stringify(diff(null, { name: p.name, orgName: p.orgName, titleRank: p.titleRank, fields: p.fields, regionCode: p.regionCode })));
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, ip, action, target_type, target_id, changes)
     SELECT $1, $2, $3, $4, 'expert.import', 'expert', t.id, t.changes::jsonb FROM unnest($5::text[], $6::text[]) AS t(id, changes)`,
    [audit.id, audit.username, audit.role, audit.ip, rows.map((r) => String(r.id)), changes]);
}

/** A problem report shows an ID number as the registry does: its last four characters only. */
function maskId(idNumber: string): string {
  return idNumber.length > 4 ? `${'*'.repeat(idNumber.length - 4)}${idNumber.slice(-4)}` : idNumber;
}

/** Headers only (their notes and the 填写说明 sheet show examples), 职称级别 as a drop-down, mobile and ID number as text. */
export async function expertImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kechuang';
  const sheet = templateSheets(workbook, '专家', EXPERT_COLUMNS, (c) => (c.zh === '工作单位' || c.zh === '专业领域' ? 30 : c.zh === '身份证号' ? 22 : 14));
  const col = (key: string) => EXPERT_COLUMNS.findIndex((c) => c.key === key) + 1;
  // typed as numbers, an 18-digit ID number loses its last digits (Excel keeps 15)
  for (const key of ['phone', 'idNumber', 'regionCode']) sheet.getColumn(col(key)).numFmt = '@';
  for (let r = 2; r <= 2000; r++) {
    sheet.getCell(r, col('titleRank')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${TITLE_RANKS.join(',')}"`] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Excel bulk import of policies (metadata + text), as the enterprise import: the whole file is
 * validated first; any bad row imports nothing and every bad row is listed (row, column, value,
 * reason). A clean file imports in one transaction with an audit row per policy.
 */
import type { Readable } from 'node:stream';
import ExcelJS from '../../exceljs';
import type { Database } from '../../db/database';
import { LEVEL_NAMES, POLICY_LEVELS, STATUS_NAMES, STORED_STATUSES } from '../../../domain/policies/types';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { cellDate, cellText, readSheet } from '../../http/excel-read';
import { translate, type Lang, type MessageKey } from '../../http/messages';
import { headerAliases, ImportProblems, templateSheets, type ImportColumn, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import { canonicalDocNumber, parseDocNumber, docNumberKey } from '../../search/index';
import { diff, recordAudit } from '../audit/record';
import type { PolicyInput } from './schema';
import { insertPolicy, listCategories } from './service';

export const MAX_POLICY_IMPORT_ROWS = 20_000;

export const POLICY_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'title', zh: '标题', en: 'Title', required: true, example: '庆阳市科技创新券管理办法' },
  { key: 'docNumber', zh: '文号', en: 'Document number', example: '庆科发〔2025〕1号' },
  { key: 'issuer', zh: '发文机关', en: 'Issuer', required: true, example: '庆阳市科学技术局' },
  { key: 'level', zh: '层级', en: 'Level', required: true, note: '国家级 / 省级 / 市级 / 县级（下拉选择）', example: '市级' },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', note: '非国家级必填', example: '621000' },
  { key: 'categories', zh: '分类', en: 'Categories', note: '多个用、分隔', example: '科技金融与财税' },
  { key: 'issuedOn', zh: '发布日期', en: 'Issued on', note: 'YYYY-MM-DD', example: '2025-03-01' },
  { key: 'effectiveOn', zh: '施行日期', en: 'Effective on', note: 'YYYY-MM-DD', example: '2025-04-01' },
  { key: 'expiresOn', zh: '失效日期', en: 'Expires on', note: 'YYYY-MM-DD', example: '2027-12-31' },
  { key: 'status', zh: '状态', en: 'Status', note: '默认现行有效', example: '现行有效' },
  { key: 'summary', zh: '摘要', en: 'Summary' },
  { key: 'text', zh: '正文', en: 'Text', example: '第一条 为……制定本办法。' },
  { key: 'interpretation', zh: '政策解读', en: 'Interpretation' },
];



const byName = <T extends string>(values: readonly T[], names: Record<T, { zh: string; en: string }>) => {
  const map = new Map<string, T>();
  for (const v of values) { map.set(v, v); map.set(names[v].zh, v); map.set(names[v].en.toLowerCase(), v); }
  return (text: string) => map.get(text) ?? map.get(text.toLowerCase());
};
const levelOf = byName(POLICY_LEVELS, LEVEL_NAMES);
const statusOf = byName(STORED_STATUSES, STATUS_NAMES as any);

export async function importPolicies(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; rows: number } | ImportPreview> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new AppError(403, 'FORBIDDEN');
  const problems = new ImportProblems(lang, POLICY_COLUMNS);
  const add = (row: number, column: string, value: unknown, key: MessageKey) => problems.add(row, column, value, key);
  const categories = await listCategories(db);
  const categoryOf = new Map<string, string>();
  for (const c of categories) { categoryOf.set(c.code, c.code); categoryOf.set(c.name, c.code); if (c.nameEn) categoryOf.set(c.nameEn.toLowerCase(), c.code); }
  const parsed: { row: number; p: PolicyInput }[] = [];
  const seenNumbers = new Map<string, number>();
  for await (const r of readSheet(input, headerAliases(POLICY_COLUMNS), problems.skipped)) {
    if (parsed.length >= MAX_POLICY_IMPORT_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_POLICY_IMPORT_ROWS });
    const text = (k: string) => cellText(r.get(k));
    const v: Record<string, any> = {};
    for (const c of POLICY_COLUMNS) if (c.required && !text(c.key)) add(r.row, c.key, r.get(c.key), 'field.required');
    v.title = text('title');
    if (v.title.length > 200) add(r.row, 'title', v.title, 'field.invalid');
    v.docNumber = text('docNumber') || null;
    if (v.docNumber) {
      const d = parseDocNumber(v.docNumber);
      if (d) {
        const key = docNumberKey(d);
        if (seenNumbers.has(key)) add(r.row, 'docNumber', v.docNumber, 'field.duplicate_row');
        seenNumbers.set(key, r.row);
        v.docNumber = canonicalDocNumber(v.docNumber) ?? v.docNumber;
      }
    }
    v.issuer = text('issuer');
    const level = text('level') ? levelOf(text('level')) : undefined;
    if (text('level') && !level) add(r.row, 'level', r.get('level'), 'field.invalid_option');
    v.level = level ?? 'national';
    v.regionCode = text('regionCode') || null;
    if (level && level !== 'national' && !v.regionCode) add(r.row, 'regionCode', '', 'field.required');
    if (v.regionCode && !/^[1-9]\d{5}$/.test(v.regionCode)) add(r.row, 'regionCode', v.regionCode, 'field.region_code');
    if (level === 'national') v.regionCode = null;
    v.categories = [];
    for (const name of text('categories').split(/[,，;；、|]/).map((s) => s.trim()).filter(Boolean)) {
      const code = categoryOf.get(name) ?? categoryOf.get(name.toLowerCase());
      if (!code) add(r.row, 'categories', name, 'field.invalid_option'); else v.categories.push(code);
    }
    for (const k of ['issuedOn', 'effectiveOn', 'expiresOn']) {
      const d = cellDate(r.get(k));
      if (d === undefined) add(r.row, k, r.get(k), 'field.date');
      v[k] = d ?? null;
    }
    if (v.effectiveOn && v.expiresOn && v.expiresOn < v.effectiveOn) add(r.row, 'expiresOn', r.get('expiresOn'), 'field.policy.expiry_before_effective');
    const status = text('status') ? statusOf(text('status')) : 'in_force';
    if (!status) add(r.row, 'status', r.get('status'), 'field.invalid_option');
    v.status = status ?? 'in_force';
    v.summary = text('summary').slice(0, 2000);
    v.text = text('text');
    v.interpretation = text('interpretation');
    v.benefits = [];
    v.conditions = null;
    parsed.push({ row: r.row, p: v as PolicyInput });
  }
  // regions: known, and the importer's own, below or above it
  const codes = [...new Set(parsed.map((x) => x.p.regionCode).filter(Boolean))] as string[];
  const { rows: regionRows } = await db.query(
    `SELECT code, ($2::text IS NULL OR code IN (SELECT region_subtree($2)) OR $2 IN (SELECT region_subtree(code))) AS allowed FROM region WHERE code = ANY($1)`,
    [codes, actor.role === 'admin' ? null : actor.regionCode]);
  const regions = new Map(regionRows.map((r) => [r.code as string, r.allowed as boolean]));
  // numbers already in the library
  const keys = [...seenNumbers.keys()];
  const { rows: existing } = keys.length ? await db.query('SELECT doc_keys FROM policy WHERE doc_keys && $1::text[]', [keys]) : { rows: [] as any[] };
  const taken = new Set(existing.flatMap((r) => r.doc_keys as string[]));
  for (const { row, p } of parsed) {
    if (p.regionCode && /^\d{6}$/.test(p.regionCode)) {
      if (!regions.has(p.regionCode)) add(row, 'regionCode', p.regionCode, 'field.region');
      else if (!regions.get(p.regionCode)) add(row, 'regionCode', p.regionCode, 'field.region.out_of_scope');
    }
    const d = p.docNumber ? parseDocNumber(p.docNumber) : null;
    if (d && taken.has(docNumberKey(d))) add(row, 'docNumber', p.docNumber, 'field.policy.doc_number_exists');
  }
  // policies are only ever added: an existing 文号 is a problem above, never an update
  if (options.dryRun) return problems.preview({ rows: parsed.length, create: parsed.length, update: 0 });
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);
  await db.transaction(async (tx) => {
    for (const { p } of parsed) {
      const id = await insertPolicy(tx, { ...p, maintainerRegion: actor.role === 'admin' ? null : actor.regionCode }, actor.id);
      await recordAudit(tx, audit, { action: 'policy.import', targetType: 'policy', targetId: id,
        changes: diff(null, { title: p.title, docNumber: p.docNumber, level: p.level, regionCode: p.regionCode, status: p.status }) });
    }
    await options.onCommit?.(tx, { rows: parsed.length, created: parsed.length, updated: 0 });
  });
  return { created: parsed.length, rows: parsed.length };
}

export async function policyImportTemplate(): Promise<Buffer> {
  // no example row: the header notes and the 填写说明 sheet show one
  const workbook = new ExcelJS.Workbook();
  const sheet = templateSheets(workbook, '政策', POLICY_COLUMNS, (c) => (c.zh === '标题' ? 40 : c.zh === '正文' ? 60 : 16));
  for (let r = 2; r <= 1000; r++) {
    sheet.getCell(r, 4).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${POLICY_LEVELS.map((l) => LEVEL_NAMES[l].zh).join(',')}"`] };
    sheet.getCell(r, 10).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${STORED_STATUSES.map((s) => STATUS_NAMES[s].zh).join(',')}"`] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

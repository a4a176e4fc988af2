/**
 * Excel import of enterprises and of yearly statistics. The whole file is read and validated
 * first; a file with any bad row imports nothing and lists every bad row (row, column, value,
 * reason). A clean file imports in one transaction, in batches, with an audit row per record.
 * A preview (`dryRun`) stops before the transaction and answers counts and problems instead.
 */
import type { Readable } from 'node:stream';
import ExcelJS from '../../exceljs';
import type { Database, Queryable } from '../../db/database';
import { HIGHTECH_FIELDS } from '../../../domain/eligibility/types';
import { industryDivision } from '../../../domain/industries';
import { isValidMobile, maskPhone } from '../../../domain/phone';
import { normalizeUscc, usccProblem } from '../../../domain/uscc';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { cellBoolean, cellDate, cellInteger, cellText, readSheet } from '../../http/excel-read';
import { headerAliases, ImportProblems, templateSheets, type ImportColumn, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import type { Lang, MessageKey } from '../../http/messages';
import { diff } from '../audit/record';
import { STAT_FIELDS, statFromRow, statProblems } from './stat-fields';

export const MAX_IMPORT_ROWS = 300_000;
const BATCH = 2000;

export interface ImportResult { created: number; updated: number; rows: number }

/** The import template's columns, in order; the registry export writes the same ones first. */
export const ENTERPRISE_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'name', zh: '企业名称', en: 'Name', required: true, example: '庆阳市某某科技有限公司' },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', required: true, note: '18 位，含校验位', example: '91621002MA71XXXXXX' },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', required: true, note: '6 位 GB/T 2260 代码，须在您的辖区内', example: '621002' },
  { key: 'address', zh: '地址', en: 'Address' },
  { key: 'legalRep', zh: '法定代表人', en: 'Legal representative' },
  { key: 'foundedOn', zh: '成立日期', en: 'Founded on', note: 'YYYY-MM-DD', example: '2018-05-01' },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code', note: 'GB/T 4754-2017', example: 'C3990' },
  { key: 'hightechField', zh: '高新技术领域', en: 'High-tech field', note: '八大领域之一（下拉选择）', example: '电子信息' },
  { key: 'aboveScale', zh: '规上企业', en: 'Above designated size', note: '是 / 否', example: '是' },
  { key: 'contactName', zh: '联系人', en: 'Contact', required: true },
  { key: 'contactPhone', zh: '联系电话', en: 'Mobile', required: true, note: '11 位手机号；导出文件中的打码号码（138****1234）表示保持原号码不变', example: '13900000000' },
  { key: 'tags', zh: '标签', en: 'Tags', note: '多个用、分隔', example: '专精特新' },
];

export const STAT_IMPORT_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', required: true, note: '已登记企业的代码', example: '91621002MA71XXXXXX' },
  { key: 'year', zh: '年度', en: 'Year', required: true, example: 2025 },
  ...STAT_FIELDS.map((f) => ({ key: f.key, zh: f.zh, en: f.en, required: f.kind !== 'flag',
    note: f.kind === 'money' ? '整数，单位：元' : f.kind === 'count' ? '整数' : '是 / 否' })),
];

const MASKED = /^1[3-9]\d\*{4}\d{4}$/;

/** USCC → {id, region} of the enterprises the actor may write, for the codes in the file. */
async function knownEnterprises(db: Queryable, actor: Actor, usccs: string[]) {
  const scope = actor.role === 'admin' ? 'TRUE' : `o.region_code IN (SELECT region_subtree($2))`;
  const { rows } = await db.query(`SELECT o.id, o.uscc, o.kind, o.contact_phone, ${scope} AS writable FROM organization o WHERE o.uscc = ANY($1)`,
    actor.role === 'admin' ? [usccs] : [usccs, actor.regionCode]);
  return new Map(rows.map((r) => [r.uscc as string, r as { id: number; kind: string; writable: boolean; contact_phone: string | null }]));
}

function assertImporter(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new AppError(403, 'FORBIDDEN');
}

function checkRowCount(n: number) {
  if (n > MAX_IMPORT_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_IMPORT_ROWS });
}

/** One INSERT … SELECT FROM unnest per batch: 10,000 rows are a handful of statements. */
async function insertAuditBatch(tx: Queryable, audit: AuditActor, action: string, targetType: string, entries: { id: string; changes: unknown }[]) {
  for (let i = 0; i < entries.length; i += BATCH) {
    const part = entries.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_name, actor_role, ip, action, target_type, target_id, changes)
       SELECT $1, $2, $3, $4, $5, $6, t.id, t.changes::jsonb FROM unnest($7::text[], $8::text[]) AS t(id, changes)`,
      [audit.id, audit.username, audit.role, audit.ip, action, targetType, part.map((e) => e.id), part.map((e) => JSON.stringify(e.changes))]);
  }
}

export async function importStatistics(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}): Promise<ImportResult | ImportPreview> {
  assertImporter(actor);
  const problems = new ImportProblems(lang, STAT_IMPORT_COLUMNS);
  const parsed: { row: number; uscc: string; year: number; values: Record<string, number | boolean> }[] = [];
  const seen = new Map<string, number>();
  const thisYear = new Date().getUTCFullYear();
  for await (const r of readSheet(input, headerAliases(STAT_IMPORT_COLUMNS), problems.skipped)) {
    checkRowCount(parsed.length + 1);
    const uscc = normalizeUscc(cellText(r.get('uscc')));
    const usccIssue = usccProblem(uscc);
    if (usccIssue) problems.add(r.row, 'uscc', r.get('uscc'), `field.uscc.${usccIssue}` as MessageKey);
    const year = cellInteger(r.get('year'));
    if (year === undefined || Number.isNaN(year) || year < 2000 || year > thisYear) problems.add(r.row, 'year', r.get('year'), 'field.invalid');
    const values: Record<string, number | boolean> = {};
    let cellProblem = false;
    for (const f of STAT_FIELDS) {
      const raw = r.get(f.key);
      if (f.kind === 'flag') {
        const b = cellBoolean(raw);
        if (b === undefined) { problems.add(r.row, f.key, raw, 'field.stat.flag'); cellProblem = true; } else values[f.key] = b;
      } else {
        const n = cellInteger(raw);
        if (n === undefined) { problems.add(r.row, f.key, raw, 'field.required'); cellProblem = true; }
        else if (Number.isNaN(n) || n < 0) { problems.add(r.row, f.key, raw, 'field.stat.integer'); cellProblem = true; }
        else values[f.key] = n;
      }
    }
    if (!cellProblem) for (const p of statProblems(values)) problems.add(r.row, p.field, r.get(p.field), p.key);
    const key = `${uscc}/${year}`;
    if (!usccIssue && year && seen.has(key)) problems.add(r.row, 'uscc', r.get('uscc'), 'field.duplicate_row');
    seen.set(key, r.row);
    parsed.push({ row: r.row, uscc, year: year ?? 0, values });
  }
  const known = await knownEnterprises(db, actor, [...new Set(parsed.map((p) => p.uscc))]);
  for (const p of parsed) {
    const k = known.get(p.uscc);
    if (!usccProblem(p.uscc) && (!k || !k.writable || k.kind !== 'enterprise')) problems.add(p.row, 'uscc', p.uscc, 'field.uscc.unknown');
  }
  if (options.dryRun) {
    // only rows with a readable year are counted (a NaN year is a problem above, not a query parameter)
    const pairs = parsed.filter((p) => known.get(p.uscc)?.writable && Number.isSafeInteger(p.year));
    const { rows: [c] } = pairs.length ? await db.query(
      `SELECT count(*)::int AS n FROM enterprise_stat s JOIN unnest($1::bigint[], $2::int[]) AS k(org_id, year) USING (org_id, year)`,
      [pairs.map((p) => known.get(p.uscc)!.id), pairs.map((p) => p.year)]) : { rows: [{ n: 0 }] };
    return problems.preview({ rows: parsed.length, create: parsed.length - c.n, update: c.n });
  }
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < parsed.length; i += BATCH) {
      const part = parsed.slice(i, i + BATCH);
      const ids = part.map((p) => known.get(p.uscc)!.id);
      const years = part.map((p) => p.year);
      const before = await tx.query(
        `SELECT s.* FROM enterprise_stat s JOIN unnest($1::bigint[], $2::int[]) AS k(org_id, year) USING (org_id, year) FOR UPDATE OF s`, [ids, years]);
      const existing = new Map(before.rows.map((row) => [`${row.org_id}/${row.year}`, statFromRow(row)]));
      const columns = STAT_FIELDS.map((f) => f.column);
      const arrays = STAT_FIELDS.map((f) => part.map((p) => p.values[f.key]));
      const types = STAT_FIELDS.map((f) => (f.kind === 'flag' ? 'boolean[]' : f.kind === 'money' ? 'bigint[]' : 'int[]'));
      await tx.query(
        `INSERT INTO enterprise_stat (org_id, year, ${columns.join(', ')}, status)
         SELECT *, 'confirmed' FROM unnest($1::bigint[], $2::int[], ${types.map((t, j) => `$${j + 3}::${t}`).join(', ')})
         ON CONFLICT (org_id, year) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
           status = 'confirmed', updated_at = now(), version = enterprise_stat.version + 1`,
        [ids, years, ...arrays]);
      const entries = part.map((p, j) => {
        const key = `${ids[j]}/${p.year}`;
        const old = existing.get(key) ?? null;
        if (old) updated++; else created++;
        return { id: key, changes: diff(old, p.values) };
      });
      await insertAuditBatch(tx, audit, 'enterprise.stats.import', 'enterprise_stat', entries);
    }
    await options.onCommit?.(tx, { rows: parsed.length, created, updated });
  });
  return { created, updated, rows: parsed.length };
}

export async function importEnterprises(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}): Promise<ImportResult | ImportPreview> {
  assertImporter(actor);
  const problems = new ImportProblems(lang, ENTERPRISE_COLUMNS);
  const parsed: { row: number; v: Record<string, any> }[] = [];
  const seen = new Set<string>();
  for await (const r of readSheet(input, headerAliases(ENTERPRISE_COLUMNS), problems.skipped)) {
    checkRowCount(parsed.length + 1);
    const v: Record<string, any> = {};
    for (const c of ENTERPRISE_COLUMNS) {
      const raw = r.get(c.key);
      const text = cellText(raw);
      if (c.required && !text) { problems.add(r.row, c.key, raw, 'field.required'); continue; }
      v[c.key] = text || null;
    }
    if (v.uscc) {
      v.uscc = normalizeUscc(v.uscc);
      const issue = usccProblem(v.uscc);
      if (issue) problems.add(r.row, 'uscc', v.uscc, `field.uscc.${issue}` as MessageKey);
      else if (seen.has(v.uscc)) problems.add(r.row, 'uscc', v.uscc, 'field.duplicate_row');
      seen.add(v.uscc);
    }
    if (v.name && v.name.length > 100) problems.add(r.row, 'name', v.name, 'field.invalid');
    if (v.regionCode && !/^[1-9]\d{5}$/.test(v.regionCode)) problems.add(r.row, 'regionCode', v.regionCode, 'field.region_code');
    // a masked number (138****1234, as staff export it) is checked against the stored one below
    if (v.contactPhone && !isValidMobile(v.contactPhone) && !MASKED.test(v.contactPhone)) problems.add(r.row, 'contactPhone', v.contactPhone, 'field.phone');
    if (v.industryCode && !industryDivision(v.industryCode)) problems.add(r.row, 'industryCode', v.industryCode, 'field.industry');
    if (v.hightechField && !(HIGHTECH_FIELDS as readonly string[]).includes(v.hightechField)) problems.add(r.row, 'hightechField', v.hightechField, 'field.invalid_option');
    const founded = cellDate(r.get('foundedOn'));
    if (founded === undefined) problems.add(r.row, 'foundedOn', r.get('foundedOn'), 'field.date');
    v.foundedOn = founded ?? null;
    const scale = cellBoolean(r.get('aboveScale'));
    if (scale === undefined) problems.add(r.row, 'aboveScale', r.get('aboveScale'), 'field.stat.flag');
    v.aboveScale = scale ?? false;
    v.tags = v.tags ? String(v.tags).split(/[,，;；、]/).map((t: string) => t.trim()).filter(Boolean) : [];
    parsed.push({ row: r.row, v });
  }
  const regionCodes = [...new Set(parsed.map((p) => p.v.regionCode).filter(Boolean))];
  const { rows: regionRows } = await db.query(
    `SELECT code, ${actor.role === 'admin' ? 'TRUE' : 'code IN (SELECT region_subtree($2))'} AS in_scope FROM region WHERE code = ANY($1)`,
    actor.role === 'admin' ? [regionCodes] : [regionCodes, actor.regionCode]);
  const regions = new Map(regionRows.map((r) => [r.code as string, r.in_scope as boolean]));
  const known = await knownEnterprises(db, actor, parsed.map((p) => p.v.uscc).filter(Boolean));
  for (const p of parsed) {
    if (p.v.regionCode && /^\d{6}$/.test(p.v.regionCode)) {
      if (!regions.has(p.v.regionCode)) problems.add(p.row, 'regionCode', p.v.regionCode, 'field.region');
      else if (!regions.get(p.v.regionCode)) problems.add(p.row, 'regionCode', p.v.regionCode, 'field.region.out_of_scope');
    }
    const k = p.v.uscc && known.get(p.v.uscc);
    if (k && (!k.writable || k.kind !== 'enterprise')) problems.add(p.row, 'uscc', p.v.uscc, 'field.uscc.taken');
    if (p.v.contactPhone && MASKED.test(p.v.contactPhone)) {
      // an exported, masked number keeps the stored one; any other masked text is a mistake
      if (k && k.contact_phone && maskPhone(k.contact_phone) === p.v.contactPhone) p.v.contactPhone = k.contact_phone;
      else problems.add(p.row, 'contactPhone', p.v.contactPhone, 'field.phone');
    }
  }
  if (options.dryRun) {
    const update = parsed.filter((p) => p.v.uscc && known.has(p.v.uscc)).length;
    return problems.preview({ rows: parsed.length, create: parsed.length - update, update });
  }
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < parsed.length; i += BATCH) {
      const part = parsed.slice(i, i + BATCH).map((p) => p.v);
      const col = (key: string) => part.map((v) => v[key]);
      const { rows: orgs } = await tx.query(
        `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_by, reviewed_at)
         SELECT 'enterprise', t.name, t.uscc, t.region, t.contact, t.phone, 'approved', $6::bigint, now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(name, uscc, region, contact, phone)
         ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, contact_name = EXCLUDED.contact_name,
           contact_phone = EXCLUDED.contact_phone, updated_at = now(), version = organization.version + 1
         RETURNING id, uscc, (xmax = 0) AS inserted`,
        [col('name'), col('uscc'), col('regionCode'), col('contactName'), col('contactPhone'), actor.id]);
      const idOf = new Map(orgs.map((o) => [o.uscc as string, o]));
      await tx.query(
        `INSERT INTO enterprise_profile (org_id, address, legal_rep, founded_on, industry_code, hightech_field, above_scale, tags)
         SELECT t.id, t.address, t.legal, t.founded, t.industry, t.field, t.scale, coalesce(string_to_array(t.tags, '|'), '{}')
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::boolean[], $8::text[])
             AS t(id, address, legal, founded, industry, field, scale, tags)
         ON CONFLICT (org_id) DO UPDATE SET address = EXCLUDED.address, legal_rep = EXCLUDED.legal_rep, founded_on = EXCLUDED.founded_on,
           industry_code = EXCLUDED.industry_code, hightech_field = EXCLUDED.hightech_field, above_scale = EXCLUDED.above_scale,
           tags = EXCLUDED.tags, updated_at = now(), version = enterprise_profile.version + 1`,
        [part.map((v) => idOf.get(v.uscc).id), col('address'), col('legalRep'), col('foundedOn'), col('industryCode'), col('hightechField'),
          col('aboveScale'), part.map((v) => (v.tags.length ? v.tags.join('|') : null))]);
      const entries = part.map((v) => {
        const o = idOf.get(v.uscc);
        if (o.inserted) created++; else updated++;
        return { id: String(o.id), changes: diff(null, { name: v.name, uscc: v.uscc, regionCode: v.regionCode, industryCode: v.industryCode,
          hightechField: v.hightechField, aboveScale: v.aboveScale, foundedOn: v.foundedOn }) };
      });
      await insertAuditBatch(tx, audit, 'enterprise.import', 'enterprise', entries);
    }
    await options.onCommit?.(tx, { rows: parsed.length, created, updated });
  });
  return { created, updated, rows: parsed.length };
}

/** Template with Chinese headers (their notes and the 填写说明 sheet show examples) and drop-down lists; no data rows. */
export async function importTemplate(kind: 'enterprises' | 'statistics'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const columns = kind === 'enterprises' ? ENTERPRISE_COLUMNS : STAT_IMPORT_COLUMNS;
  const sheet = templateSheets(workbook, kind === 'enterprises' ? '企业' : '年度统计', columns);
  const list = (col: number, values: string[]) => {
    for (let r = 2; r <= 2000; r++) {
      sheet.getCell(r, col).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] };
    }
  };
  if (kind === 'enterprises') {
    list(columns.findIndex((c) => c.key === 'hightechField') + 1, [...HIGHTECH_FIELDS]);
    list(columns.findIndex((c) => c.key === 'aboveScale') + 1, ['是', '否']);
  } else {
    STAT_FIELDS.forEach((f, i) => { if (f.kind === 'flag') list(i + 3, ['是', '否']); });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

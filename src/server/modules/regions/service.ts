/**
 * The region tree (GB/T 2260): read by everyone, changed by admins one at a time or by Excel
 * import — an import with any bad row changes nothing and says what is wrong row by row.
 */
import ExcelJS from '../../exceljs';
import type { Database, Queryable } from '../../db/database';
import { canBeChildOf, isValidRegionCode, regionLevel } from '../../../domain/regions';
import type { AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { isExampleRow } from '../../http/excel-read';
import { templateSheets, type ImportOptions, type ImportPreview } from '../../http/import-problems';
import { translate, type Lang, type MessageKey } from '../../http/messages';
import { recordAudit } from '../audit/record';

export interface Region { code: string; name: string; parentCode: string | null; level: number; version: number }

const toRegion = (row: any): Region => ({ code: row.code, name: row.name, parentCode: row.parent_code, level: row.level, version: row.version });

export async function listRegions(db: Queryable): Promise<Region[]> {
  const { rows } = await db.query('SELECT code, name, parent_code, level, version FROM region ORDER BY code');
  return rows.map(toRegion);
}

async function regionByCode(db: Queryable, code: string): Promise<Region | null> {
  const { rows } = await db.query('SELECT code, name, parent_code, level, version FROM region WHERE code = $1', [code]);
  return rows[0] ? toRegion(rows[0]) : null;
}

async function insertRegion(tx: Queryable, audit: AuditActor, code: string, name: string, parentCode: string | null, action: string) {
  await tx.query('INSERT INTO region (code, name, parent_code, level) VALUES ($1, $2, $3, $4)', [code, name, parentCode, regionLevel(code)]);
  await recordAudit(tx, audit, { action, targetType: 'region', targetId: code,
    changes: { name: { before: null, after: name }, parentCode: { before: null, after: parentCode } } });
}

async function renameRegion(tx: Queryable, audit: AuditActor, code: string, before: string, name: string, action: string) {
  await tx.query('UPDATE region SET name = $2, updated_at = now(), version = version + 1 WHERE code = $1', [code, name]);
  await recordAudit(tx, audit, { action, targetType: 'region', targetId: code, changes: { name: { before, after: name } } });
}

export async function createRegion(db: Database, audit: AuditActor, code: string, name: string, parentCode: string | null): Promise<Region> {
  if (!canBeChildOf(code, parentCode)) throw fieldError('parentCode', 'field.region_parent');
  await db.transaction(async (tx) => {
    if (await regionByCode(tx, code)) throw new AppError(409, 'REGION_EXISTS', {}, { code: { key: 'REGION_EXISTS' } });
    if (parentCode && !(await regionByCode(tx, parentCode))) throw fieldError('parentCode', 'field.region');
    await insertRegion(tx, audit, code, name, parentCode, 'region.create');
  });
  return (await regionByCode(db, code))!;
}

export async function updateRegionName(db: Database, audit: AuditActor, code: string, name: string, version?: number): Promise<Region> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('SELECT name, version FROM region WHERE code = $1 FOR UPDATE', [code]);
    if (!rows[0]) throw errors.notFound();
    if (version !== undefined && rows[0].version !== version) throw errors.staleVersion();
    if (rows[0].name !== name) await renameRegion(tx, audit, code, rows[0].name, name, 'region.rename');
  });
  return (await regionByCode(db, code))!;
}

export const IMPORT_HEADERS = { code: ['代码', '区划代码', 'code'], name: ['名称', '区划名称', 'name'], parentCode: ['上级代码', '上级区划代码', 'parent', 'parentcode'] };

/** The same shape as every other import's problems: row, column header, the value found, the reason. */
export interface ImportRowError { row: number; column: string; value: string; message: string }

function cellText(value: import('exceljs').CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

/** Reads rows {row, code, name, parentCode} from the first sheet, locating columns by header. */
export async function readRegionSheet(buffer: Buffer, skipped: number[] = []): Promise<{ row: number; code: string; name: string; parentCode: string }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as any);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const header = sheet.getRow(1);
  const columns: Record<string, number> = {};
  header.eachCell((cell, col) => {
    const text = cellText(cell.value).toLowerCase().replace(/\s/g, '');
    for (const [field, names] of Object.entries(IMPORT_HEADERS)) if (names.includes(text)) columns[field] = col;
  });
  const rows: { row: number; code: string; name: string; parentCode: string }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    if (isExampleRow(row.values as import('exceljs').CellValue[])) { skipped.push(number); return; }
    const get = (field: string) => (columns[field] ? cellText(row.getCell(columns[field]).value) : '');
    const entry = { row: number, code: get('code'), name: get('name'), parentCode: get('parentCode') };
    if (entry.code || entry.name || entry.parentCode) rows.push(entry);
  });
  return rows;
}

export async function importRegions(db: Database, audit: AuditActor, buffer: Buffer, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; updated: number } | ImportPreview> {
  let rows;
  const skipped: number[] = [];
  try {
    rows = await readRegionSheet(buffer, skipped);
  } catch {
    throw new AppError(400, 'IMPORT_INVALID', { count: 1 }, undefined, { rows: [{ row: 0, column: '', value: '', message: translate(lang, 'field.invalid') }] });
  }
  const existing = new Map((await listRegions(db)).map((r) => [r.code, r]));
  const inFile = new Set<string>();
  const problems: ImportRowError[] = [];
  const headers: Record<string, [string, string]> = { code: ['代码', 'Code'], name: ['名称', 'Name'], parentCode: ['上级代码', 'Parent code'] };
  const problem = (row: number, field: 'code' | 'name' | 'parentCode', key: MessageKey) => problems.push({
    row, column: headers[field][lang === 'en' ? 1 : 0], value: rows.find((r) => r.row === row)?.[field] ?? '', message: translate(lang, key) });
  for (const r of rows) {
    if (!isValidRegionCode(r.code)) problem(r.row, 'code', 'field.region_code');
    else if (inFile.has(r.code)) problem(r.row, 'code', 'REGION_EXISTS');
    if (!r.name) problem(r.row, 'name', 'field.required');
    else if (r.name.length > 50) problem(r.row, 'name', 'field.invalid');
    const parent = r.parentCode || null;
    if (isValidRegionCode(r.code)) {
      if (!canBeChildOf(r.code, parent)) problem(r.row, 'parentCode', 'field.region_parent');
      else if (parent && !existing.has(parent) && !inFile.has(parent)) problem(r.row, 'parentCode', 'field.region');
      const known = existing.get(r.code);
      if (known && known.parentCode !== parent) problem(r.row, 'parentCode', 'field.region_parent');
      inFile.add(r.code);
    }
  }
  if (options.dryRun) {
    const update = rows.filter((r) => existing.has(r.code) && existing.get(r.code)!.name !== r.name).length;
    return { rows: rows.length, create: rows.filter((r) => !existing.has(r.code)).length, update,
      skipped: skipped.map((row) => ({ row, reason: 'example' as const })), problems, problemCount: problems.length };
  }
  if (rows.length === 0) throw new AppError(400, 'IMPORT_EMPTY', { skipped: skipped.length });
  if (problems.length) throw new AppError(400, 'IMPORT_INVALID', { count: problems.length }, undefined, { rows: problems });

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (const r of rows) {
      const known = existing.get(r.code);
      if (!known) {
        await insertRegion(tx, audit, r.code, r.name, r.parentCode || null, 'region.import');
        created++;
      } else if (known.name !== r.name) {
        await renameRegion(tx, audit, r.code, known.name, r.name, 'region.import');
        updated++;
      }
    }
    await options.onCommit?.(tx, { rows: rows.length, created, updated });
  });
  return { created, updated };
}

export async function regionTemplate(): Promise<Buffer> {
  // no example row (it was a real region): the header notes and 填写说明 show one
  const workbook = new ExcelJS.Workbook();
  templateSheets(workbook, '区划', [
    { zh: '代码', required: true, note: '6 位 GB/T 2260 代码', example: '621002' },
    { zh: '名称', required: true, example: '西峰区' },
    { zh: '上级代码', note: '省级留空', example: '621000' }]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

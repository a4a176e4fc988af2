/**
 * The region tree (GB/T 2260): read by everyone, changed by admins one at a time or by Excel
 * import — an import with any bad row changes nothing and says what is wrong row by row.
 */
import ExcelJS from '../../exceljs';
import type { Database, Queryable } from '../../db/database';
import { canBeChildOf, defaultParentCode, isUrbanRuralClass, isValidLocalityCode, isValidRegionCode, normalizeStatsCode, regionLevel } from '../../../domain/regions';
import type { AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { isExampleRow } from '../../http/excel-read';
import { templateSheets, type ImportOptions, type ImportPreview } from '../../http/import-problems';
import { translate, type Lang, type MessageKey } from '../../http/messages';
import { recordAudit } from '../audit/record';
import { localitiesByCodes } from './localities';
import { localityParent, writeLocalities } from './locality-write';

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

export const IMPORT_HEADERS = {
  code: ['代码', '区划代码', '统计用区划代码', 'code'],
  name: ['名称', '区划名称', 'name'],
  parentCode: ['上级代码', '上级区划代码', 'parent', 'parentcode'],
  urbanRuralClass: ['城乡分类代码', '城乡分类', 'urbanruralclass', 'class'],
};

/** The same shape as every other import's problems: row, column header, the value found, the reason. */
export interface ImportRowError { row: number; column: string; value: string; message: string }

/** One data row of the sheet; `code` as written (the bureau's 12-digit padding is undone later). */
export interface RegionSheetRow { row: number; code: string; name: string; parentCode: string; urbanRuralClass: string }

function cellText(value: import('exceljs').CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

/** Reads the rows from the first sheet, locating columns by header (ours or the statistics bureau's). */
export async function readRegionSheet(buffer: Buffer, skipped: number[] = []): Promise<RegionSheetRow[]> {
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
  const rows: RegionSheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    if (isExampleRow(row.values as import('exceljs').CellValue[])) { skipped.push(number); return; }
    const get = (field: string) => (columns[field] ? cellText(row.getCell(columns[field]).value) : '');
    const entry = { row: number, code: get('code'), name: get('name'), parentCode: get('parentCode'), urbanRuralClass: get('urbanRuralClass') };
    if (entry.code || entry.name || entry.parentCode || entry.urbanRuralClass) rows.push(entry);
  });
  return rows;
}

type ImportField = 'code' | 'name' | 'parentCode' | 'urbanRuralClass';
const IMPORT_COLUMN_NAMES: Record<ImportField, [string, string]> = {
  code: ['代码', 'Code'], name: ['名称', 'Name'], parentCode: ['上级代码', 'Parent code'], urbanRuralClass: ['城乡分类代码', 'Urban-rural class'],
};

/**
 * Regions (6 digits), townships (9) and villages (12) from one sheet: ours (代码 | 名称 | 上级代码 |
 * 城乡分类代码) or the statistics bureau's (统计用区划代码 | 城乡分类代码 | 名称, every code padded to
 * 12 digits). A township's county and a village's township come from the code; they must exist or be
 * in the same file. Known codes are renamed (and a village's class updated); nothing is deleted.
 */
export async function importRegions(db: Database, audit: AuditActor, buffer: Buffer, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; updated: number } | ImportPreview> {
  let rows: RegionSheetRow[];
  const skipped: number[] = [];
  try {
    rows = await readRegionSheet(buffer, skipped);
  } catch {
    throw new AppError(400, 'IMPORT_INVALID', { count: 1 }, undefined, { rows: [{ row: 0, column: '', value: '', message: translate(lang, 'field.invalid') }] });
  }
  rows = rows.map((r) => ({ ...r, code: normalizeStatsCode(r.code), parentCode: normalizeStatsCode(r.parentCode) }));
  const existing = new Map((await listRegions(db)).map((r) => [r.code, r]));
  const localityRows = rows.filter((r) => r.code.length > 6 && isValidLocalityCode(r.code));
  const knownLocalities = await localitiesByCodes(db, [...localityRows.map((r) => r.code), ...localityRows.map((r) => r.code.slice(0, 9))]);
  const inFile = new Set<string>();
  // a locality's county or township may stand anywhere in the file (they are written in code order)
  const fileCodes = new Set(rows.map((r) => r.code));
  const problems: ImportRowError[] = [];
  const problem = (r: RegionSheetRow, field: ImportField, key: MessageKey) => problems.push({
    row: r.row, column: IMPORT_COLUMN_NAMES[field][lang === 'en' ? 1 : 0], value: r[field], message: translate(lang, key) });
  for (const r of rows) {
    if (isValidRegionCode(r.code)) {
      if (inFile.has(r.code)) problem(r, 'code', 'REGION_EXISTS');
      // the bureau's sheet has no parent column: a city's or county's parent follows from its code
      const known = existing.get(r.code);
      const parent = r.parentCode || (known ? known.parentCode : regionLevel(r.code) > 1 ? defaultParentCode(r.code) : null);
      if (!canBeChildOf(r.code, parent)) problem(r, 'parentCode', 'field.region_parent');
      else if (parent && !existing.has(parent) && !inFile.has(parent)) problem(r, 'parentCode', 'field.region');
      if (known && known.parentCode !== parent) problem(r, 'parentCode', 'field.region_parent');
      r.parentCode = parent ?? '';
      inFile.add(r.code);
    } else if (isValidLocalityCode(r.code)) {
      if (inFile.has(r.code)) problem(r, 'code', 'REGION_EXISTS');
      const parent = localityParent(r.code);
      if (r.parentCode && r.parentCode !== parent) problem(r, 'parentCode', 'field.region_parent');
      else if (r.code.length === 9 && !existing.has(parent) && !fileCodes.has(parent)) problem(r, 'code', 'field.locality_county');
      else if (r.code.length === 12 && !knownLocalities.has(parent) && !fileCodes.has(parent)) problem(r, 'code', 'field.locality_township');
      if (r.urbanRuralClass && r.code.length === 9) problem(r, 'urbanRuralClass', 'field.urban_rural_class.township');
      else if (r.urbanRuralClass && !isUrbanRuralClass(r.urbanRuralClass)) problem(r, 'urbanRuralClass', 'field.urban_rural_class');
      inFile.add(r.code);
    } else {
      problem(r, 'code', r.code.length === 6 || !r.code ? 'field.region_code' : 'field.locality_code');
    }
    if (!r.name) problem(r, 'name', 'field.required');
    else if (r.name.length > 50) problem(r, 'name', 'field.invalid');
  }
  const regionRows = rows.filter((r) => isValidRegionCode(r.code));
  const changedLocality = (r: RegionSheetRow) => {
    const known = knownLocalities.get(r.code)!;
    return known.name !== r.name || (!!r.urbanRuralClass && known.urbanRuralClass !== r.urbanRuralClass);
  };
  if (options.dryRun) {
    const create = regionRows.filter((r) => !existing.has(r.code)).length + localityRows.filter((r) => !knownLocalities.has(r.code)).length;
    const update = regionRows.filter((r) => existing.has(r.code) && existing.get(r.code)!.name !== r.name).length
      + localityRows.filter((r) => knownLocalities.has(r.code) && changedLocality(r)).length;
    return { rows: rows.length, create, update,
      skipped: skipped.map((row) => ({ row, reason: 'example' as const })), problems, problemCount: problems.length };
  }
  if (rows.length === 0) throw new AppError(400, 'IMPORT_EMPTY', { skipped: skipped.length });
  if (problems.length) throw new AppError(400, 'IMPORT_INVALID', { count: problems.length }, undefined, { rows: problems });

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    // regions first (a township's county may be in the file), then townships, then villages
    for (const r of regionRows) {
      const known = existing.get(r.code);
      if (!known) {
        await insertRegion(tx, audit, r.code, r.name, r.parentCode || null, 'region.import');
        created++;
      } else if (known.name !== r.name) {
        await renameRegion(tx, audit, r.code, known.name, r.name, 'region.import');
        updated++;
      }
    }
    const sorted = [...localityRows].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
    const counts = await writeLocalities(tx, audit, sorted.map((r) => ({ code: r.code, name: r.name, urbanRuralClass: r.urbanRuralClass || null })), knownLocalities);
    created += counts.created;
    updated += counts.updated;
    await options.onCommit?.(tx, { rows: rows.length, created, updated });
  });
  return { created, updated };
}

export async function regionTemplate(): Promise<Buffer> {
  // no example row (it was a real region): the header notes and 填写说明 show one
  const workbook = new ExcelJS.Workbook();
  templateSheets(workbook, '区划', [
    { zh: '代码', required: true, note: '6 位 GB/T 2260 区划代码；乡镇 9 位、村 12 位统计用区划代码', example: '621002' },
    { zh: '名称', required: true, example: '西峰区' },
    { zh: '上级代码', note: '省级留空；市、县可留空（按代码推出）；乡镇、村不填（按代码推出）', example: '621000' },
    { zh: '城乡分类代码', note: '仅村级填写：111 主城区、112 城乡结合区、121 镇中心区、122 镇乡结合区、123 特殊区域、210 乡中心区、220 村庄',
      example: '220' }]);
  // 填写说明: a township and a village row as the statistics bureau publishes them
  const help = workbook.getWorksheet('填写说明')!;
  help.addRow([]);
  help.addRow(['乡镇与村：代码填 9 位乡镇或 12 位村级统计用区划代码（也可直接粘贴国家统计局发布的“统计用区划代码 | 城乡分类代码 | 名称”三列，12 位代码末尾补零的乡镇、县级代码会自动识别）。']);
  help.addRow(['示例（第一张表的四列）', '代码', '名称', '上级代码', '城乡分类代码']);
  help.addRow(['乡镇', '621022100', '环城镇']);
  help.addRow(['村', '621022100200', '五里屯村委会', '', '220']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

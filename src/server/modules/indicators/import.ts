/**
 * Excel import of statistics-bureau figures (GDP, value added, growth rates, technology contract
 * turnover …): one row per region, indicator, year and period. The whole file is validated first;
 * a file with any bad row imports nothing and lists every bad row. A clean file is written in one
 * transaction with an audit row per figure.
 */
import type { Readable } from 'node:stream';
import ExcelJS from '../../exceljs';
import type { Database } from '../../db/database';
import { isPeriod, type Period } from '../../../domain/indicators/rules';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { cellInteger, cellText, readSheet } from '../../http/excel-read';
import { translate, type Lang, type MessageKey } from '../../http/messages';
import { headerAliases, ImportProblems, templateSheets, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import { diff, recordAudit } from '../audit/record';
import { loadCatalogue } from './compute';

export const VALUE_COLUMNS: ({ key: string; en: string } & TemplateColumn)[] = [
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', required: true, note: '6 位 GB/T 2260 代码', example: '621002' },
  { key: 'indicator', zh: '指标', en: 'Indicator', required: true, note: '指标代码或名称（见“指标代码”表）', example: 'gdp' },
  { key: 'year', zh: '年度', en: 'Year', required: true, example: 2026 },
  { key: 'period', zh: '期间', en: 'Period', note: '全年、Q1–Q4（一季度…）或 1-6月；空为全年', example: 'Q3' },
  { key: 'value', zh: '数值', en: 'Value', required: true, note: '按指标目录的单位', example: 215.6 },
  { key: 'note', zh: '备注', en: 'Note', example: '统计局 1-9 月快报' },
];
const MAX_ROWS = 50_000;

/** Periods as people write them: 全年 / 年, 一季度 / 1季度 / Q1, 1-6月 / 6月 / M06. */
export function readPeriod(text: string): Period | null {
  const t = text.replace(/\s/g, '').toUpperCase();
  if (isPeriod(t)) return t;
  if (['全年', '年', '年度', 'YEAR'].includes(t)) return 'Y';
  const q = /^(?:第)?([1-4一二三四])季度?$/.exec(t) ?? /^Q([1-4])$/.exec(t);
  if (q) return `Q${'一二三四'.includes(q[1]) ? '一二三四'.indexOf(q[1]) + 1 : q[1]}` as Period;
  const m = /^(?:1-|1–|1—|1~)?(\d{1,2})月?$/.exec(t) ?? /^M(\d{1,2})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `M${m[1].padStart(2, '0')}` as Period;
  return null;
}

function readNumber(value: unknown): number | undefined {
  const text = cellText(value as any).replace(/[,，\s%]/g, '');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

export async function valueTemplate(db: Database): Promise<Buffer> {
  // no example rows (they looked like real figures and were imported as such): notes and 填写说明 show them
  const wb = new ExcelJS.Workbook();
  templateSheets(wb, '指标数据', VALUE_COLUMNS, (c) => (c.zh === '指标' ? 36 : 16));
  const codes = wb.addWorksheet('指标代码');
  codes.columns = [{ header: '指标代码', width: 36 }, { header: '指标名称', width: 40 }, { header: '单位', width: 10 }, { header: '取得方式', width: 12 }];
  for (const d of (await loadCatalogue(db)).filter((x) => x.source !== 'computed')) codes.addRow([d.code, d.nameZh, d.unitZh, d.source === 'entered' ? '录入' : '导入']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importValues(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}):
  Promise<{ rows: number; created: number; updated: number } | ImportPreview> {
  const catalogue = await loadCatalogue(db);
  const byKey = new Map<string, (typeof catalogue)[number]>();
  for (const d of catalogue) { byKey.set(d.code, d); byKey.set(d.nameZh, d); byKey.set(d.nameEn.toLowerCase(), d); }
  const { rows: scope } = await db.query(actor.role === 'admin' ? 'SELECT code FROM region' : 'SELECT region_subtree($1) AS code', actor.role === 'admin' ? [] : [actor.regionCode]);
  const allowed = new Set(scope.map((r) => r.code));
  const problems = new ImportProblems(lang, VALUE_COLUMNS);
  const bad = (row: number, key: string, value: unknown, message: MessageKey, params?: Record<string, unknown>) => problems.add(row, key, value, message, params);
  const good: { region: string; code: string; year: number; period: Period; value: number; note: string | null }[] = [];
  const seen = new Set<string>();
  const headers = headerAliases(VALUE_COLUMNS);
  headers.indicator.push('指标代码', '指标名称', 'Indicator code');
  let count = 0;
  for await (const row of readSheet(input, headers, problems.skipped)) {
    if (++count > MAX_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_ROWS });
    const before = problems.count;
    const region = cellText(row.get('regionCode'));
    if (!/^\d{6}$/.test(region)) bad(row.row, 'regionCode', region, 'field.region_code');
    else if (!allowed.has(region)) bad(row.row, 'regionCode', region, 'field.region.out_of_scope');
    const indicatorText = cellText(row.get('indicator'));
    const def = byKey.get(indicatorText) ?? byKey.get(indicatorText.toLowerCase());
    if (!def) bad(row.row, 'indicator', indicatorText, 'field.indicator');
    else if (def.source === 'computed') bad(row.row, 'indicator', indicatorText, 'INDICATOR_COMPUTED', { code: def.code });
    const year = cellInteger(row.get('year'));
    if (year === undefined || Number.isNaN(year) || year < 2000 || year > 2100) bad(row.row, 'year', row.get('year'), 'field.year');
    const period = readPeriod(cellText(row.get('period')) || '全年');
    if (!period) bad(row.row, 'period', row.get('period'), 'field.period');
    const value = readNumber(row.get('value'));
    if (value === undefined) bad(row.row, 'value', '', 'field.required');
    else if (Number.isNaN(value)) bad(row.row, 'value', row.get('value'), 'field.number');
    if (problems.count > before) continue;
    const key = `${region}|${def!.code}|${year}|${period}`;
    if (seen.has(key)) { bad(row.row, 'indicator', indicatorText, 'field.duplicate_row'); continue; }
    seen.add(key);
    good.push({ region, code: def!.code, year: year!, period: period!, value: value!, note: cellText(row.get('note')) || null });
  }
  if (options.dryRun) {
    const { rows: [c] } = good.length ? await db.query(
      `SELECT count(*)::int AS n FROM indicator_value v JOIN unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS k(region_code, indicator_code, year, period)
         USING (region_code, indicator_code, year, period)`,
      [good.map((g) => g.region), good.map((g) => g.code), good.map((g) => g.year), good.map((g) => g.period)]) : { rows: [{ n: 0 }] };
    return problems.preview({ rows: good.length, create: good.length - c.n, update: c.n });
  }
  problems.throwIfAny(1000);
  problems.throwIfEmpty(good.length);
  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (const g of good) {
      const key = [g.region, g.code, g.year, g.period];
      const { rows: [current] } = await tx.query(
        'SELECT value::float8 AS value FROM indicator_value WHERE region_code = $1 AND indicator_code = $2 AND year = $3 AND period = $4 FOR UPDATE', key);
      await tx.query(
        `INSERT INTO indicator_value (region_code, indicator_code, year, period, value, source, note, updated_by) VALUES ($1, $2, $3, $4, $5, 'imported', $6, $7)
         ON CONFLICT (region_code, indicator_code, year, period) DO UPDATE SET value = EXCLUDED.value, source = 'imported', note = EXCLUDED.note,
           updated_by = EXCLUDED.updated_by, updated_at = now(), version = indicator_value.version + 1`,
        [...key, g.value, g.note, actor.id]);
      if (current) updated++; else created++;
      await recordAudit(tx, audit, { action: current ? 'indicator.value.import_update' : 'indicator.value.import', targetType: 'indicator_value',
        targetId: key.join('/'), changes: diff(current ? { value: current.value } : null, { value: g.value }) });
    }
    await options.onCommit?.(tx, { rows: good.length, created, updated });
  });
  return { rows: good.length, created, updated };
}

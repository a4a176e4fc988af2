/**
 * What every Excel import reports: each bad cell as row, column header (in the user's language),
 * the value found and the reason. A file with any problem imports nothing.
 *
 * Every import runs twice over the same file: first as a preview (`dryRun`: counts of rows to add
 * and to update, rows skipped as examples, every problem; nothing written), then, when the person
 * confirms, for real (import-run.ts adds the content hash and the already-imported check).
 */
import type ExcelJS from 'exceljs';
import type { Queryable } from '../db/database';
import { AppError } from './errors';
import { cellText } from './excel-read';
import { translate, type Lang, type MessageKey } from './messages';

export interface ImportColumn { key: string; zh: string; en: string; required?: boolean }
export interface ImportProblem { row: number; column: string; value: string; message: string }
export interface SkippedRow { row: number; reason: 'example' }

/** How a route runs an import: a preview writes nothing; `onCommit` runs inside the import's transaction. */
export interface ImportOptions {
  dryRun?: boolean;
  onCommit?: (tx: Queryable, counts: { rows: number; created: number; updated: number }) => Promise<void>;
}

/** What a preview answers (the route adds dryRun, hash and alreadyImported). */
export interface ImportPreview { rows: number; create: number; update: number; skipped: SkippedRow[]; problems: ImportProblem[]; problemCount: number }

/** Header texts that name each column: Chinese, English, the key, and the Chinese without its unit. */
export function headerAliases(columns: ImportColumn[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((c) => [c.key, [c.zh, c.en, c.key, c.zh.replace(/（.*）$/, '')]]));
}

export class ImportProblems {
  readonly list: ImportProblem[] = [];
  /** Row numbers readSheet skipped as template examples. */
  readonly skipped: number[] = [];
  constructor(readonly lang: Lang, readonly columns: ImportColumn[]) {}

  get count(): number {
    return this.list.length;
  }

  add(row: number, column: string, value: unknown, key: MessageKey, params?: Record<string, unknown>): void {
    const c = this.columns.find((x) => x.key === column);
    this.list.push({
      row, column: c ? (this.lang === 'en' ? c.en : c.zh) : column,
      value: cellText(value as ExcelJS.CellValue).slice(0, 100), message: translate(this.lang, key, params),
    });
  }

  private sorted(limit: number) {
    return [...this.list].sort((a, b) => a.row - b.row).slice(0, limit);
  }

  /** 400 IMPORT_INVALID listing the problems in row order (at most `limit` of them). */
  throwIfAny(limit = 100_000): void {
    if (!this.list.length) return;
    throw new AppError(400, 'IMPORT_INVALID', { count: this.list.length }, undefined, { rows: this.sorted(limit) });
  }

  /** A file whose every row was an example (the untouched template) or empty imports nothing. */
  throwIfEmpty(rows: number): void {
    if (rows === 0) throw new AppError(400, 'IMPORT_EMPTY', { skipped: this.skipped.length });
  }

  preview(counts: { rows: number; create: number; update: number }, limit = 1000): ImportPreview {
    return { ...counts, skipped: this.skipped.map((row) => ({ row, reason: 'example' as const })), problems: this.sorted(limit), problemCount: this.list.length };
  }
}

export interface TemplateColumn { zh: string; en?: string; required?: boolean; note?: string; example?: string | number }

/**
 * The first sheet of every import template: headers only, no example data (an example row was
 * once imported as a real firm). Each header carries a note with its format and an example, and a
 * second sheet 填写说明 lists them; readSheet reads the first sheet only.
 */
export function templateSheets(workbook: ExcelJS.Workbook, sheetName: string, columns: TemplateColumn[], widths?: (c: TemplateColumn) => number) {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.zh, width: widths?.(c) ?? Math.max(12, c.zh.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const lines = [c.required ? '必填' : '选填', c.note, c.example !== undefined ? `例：${c.example}` : undefined].filter(Boolean);
    sheet.getCell(1, i + 1).note = lines.join('\n');
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 24 }, { header: '是否必填', width: 10 }, { header: '说明', width: 48 }, { header: '示例（仅供参考，请勿填入第一张表）', width: 40 }];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.zh, c.required ? '必填' : '选填', c.note ?? '', c.example ?? '']);
  help.addRow([]);
  help.addRow(['只导入第一张表的数据行；导入前会先预览新增、更新的条数和问题，确认后才写入。']);
  return sheet;
}

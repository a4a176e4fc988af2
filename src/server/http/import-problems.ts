/**
 * What every Excel import reports: each bad cell as row, column header (in the user's language),
 * the value found and the reason. A file with any problem imports nothing.
 */
import type ExcelJS from 'exceljs';
import { AppError } from './errors';
import { cellText } from './excel-read';
import { translate, type Lang, type MessageKey } from './messages';

export interface ImportColumn { key: string; zh: string; en: string; required?: boolean }
export interface ImportProblem { row: number; column: string; value: string; message: string }

/** Header texts that name each column: Chinese, English, the key, and the Chinese without its unit. */
export function headerAliases(columns: ImportColumn[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((c) => [c.key, [c.zh, c.en, c.key, c.zh.replace(/（.*）$/, '')]]));
}

export class ImportProblems {
  readonly list: ImportProblem[] = [];
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

  /** 400 IMPORT_INVALID listing the problems in row order (at most `limit` of them). */
  throwIfAny(limit = 100_000): void {
    if (!this.list.length) return;
    const rows = [...this.list].sort((a, b) => a.row - b.row).slice(0, limit);
    throw new AppError(400, 'IMPORT_INVALID', { count: this.list.length }, undefined, { rows });
  }
}

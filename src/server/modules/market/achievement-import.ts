/**
 * Excel import of achievements (科技成果), as every import here: the whole file is read and
 * validated first; a file with any bad row imports nothing and lists every bad row (row, column,
 * value, reason, in the reader's language); a preview (`dryRun`) writes nothing; a clean file is
 * added in one transaction with an audit row per achievement (achievement.import).
 *
 * An enterprise or institution imports its own achievements as drafts (完成单位 may be left empty
 * or must be its own name). Staff import for the approved organisations of their subtree, named
 * exactly in 完成单位; theirs arrive submitted, so that they see them and publish them as they do
 * one entered by hand. A title already held by the same organisation, or twice in the file, is
 * refused: importing a file twice must not double the library.
 */
import type { Readable } from 'node:stream';
import { FIELDS, fieldCodeOf } from '../../../domain/fields';
import { wanToYuan } from '../../../domain/money';
import type { Database, Queryable } from '../../db/database';
import ExcelJS from '../../exceljs';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { cellInteger, cellText, readSheet } from '../../http/excel-read';
import { headerAliases, ImportProblems, templateSheets, type ImportColumn, type ImportOptions, type ImportPreview, type TemplateColumn } from '../../http/import-problems';
import type { Lang } from '../../http/messages';
import { diff } from '../audit/record';
import { ACHIEVEMENT_TYPES, TRANSFER_MODES } from './kinds';

export const MAX_ACHIEVEMENT_IMPORT_ROWS = 5_000;
const SEPARATORS = /[、,，;；]/;

export const TYPE_NAMES: Record<(typeof ACHIEVEMENT_TYPES)[number], string> = {
  patent: '专利', software: '软件著作权', plant_variety: '植物新品种', technology: '技术/工艺', product: '产品', standard: '标准', other: '其他',
};
export const TRANSFER_MODE_NAMES: Record<(typeof TRANSFER_MODES)[number], string> = {
  transfer: '转让', licence: '许可', equity: '作价入股', co_development: '合作开发', service: '技术服务',
};
const codeOf = <K extends string>(names: Record<K, string>, text: string): K | null =>
  (Object.entries(names) as [K, string][]).find(([code, zh]) => zh === text || code === text)?.[0] ?? null;

export const ACHIEVEMENT_COLUMNS: (ImportColumn & TemplateColumn)[] = [
  { key: 'title', zh: '成果名称', en: 'Title', required: true, note: '不超过 120 字', example: '马铃薯脱毒种薯快繁技术' },
  { key: 'orgName', zh: '完成单位', en: 'Organisation', note: '科技局导入时必填，须与已注册单位名称完全一致；单位导入本单位成果时可不填', example: '陇东学院' },
  { key: 'type', zh: '成果类型', en: 'Type', required: true, note: `${Object.values(TYPE_NAMES).join(' / ')}（下拉选择）`, example: '技术/工艺' },
  { key: 'field', zh: '所属领域', en: 'Field', required: true, note: `${FIELDS.map((f) => f.zh).join(' / ')}（下拉选择）`, example: '现代农业' },
  { key: 'maturity', zh: '技术成熟度（TRL）', en: 'Maturity (TRL)', required: true, note: '1–9 的整数', example: 7 },
  { key: 'ip', zh: '知识产权', en: 'IP', note: '专利号、登记号及状态', example: 'ZL202310000000.0（已授权）' },
  { key: 'inventors', zh: '完成人', en: 'Inventors', note: '多人用、分隔', example: '王建国、李明' },
  { key: 'summary', zh: '成果简介', en: 'Summary', note: '不超过 5000 字', example: '组培快繁与雾培结合，原原种生产成本降低 30%。' },
  { key: 'transferModes', zh: '转化方式', en: 'Transfer modes', note: `${Object.values(TRANSFER_MODE_NAMES).join('、')}，多个用、分隔`, example: '许可、技术服务' },
  { key: 'priceMin', zh: '价格下限（万元）', en: 'Price from (10k yuan)', note: '最多两位小数', example: 20 },
  { key: 'priceMax', zh: '价格上限（万元）', en: 'Price to (10k yuan)', note: '不小于价格下限', example: 80 },
  { key: 'contact', zh: '联系方式', en: 'Contact', note: '联系人及电话', example: '王老师 0934-8632000' },
];

interface ParsedAchievement {
  row: number; title: string; orgName: string; orgId: number | null; regionCode: string | null; type: string; field: string; maturity: number; ip: string; inventors: string;
  summary: string; transferModes: string[]; priceMin: number | null; priceMax: number | null; contact: string;
}

/** 万元 with up to two decimals → yuan; undefined when empty, NaN when unreadable. */
function wanCell(text: string): number | undefined {
  if (!text) return undefined;
  const clean = text.replace(/[,，\s]/g, '');
  return /^\d{1,9}(\.\d{1,2})?$/.test(clean) ? wanToYuan(Number(clean)) : NaN;
}

/** The organisations a file may name: the actor's own, or (staff) approved ones of the subtree, by exact name (a name two share is not taken). */
async function owners(db: Queryable, actor: Actor, names: string[]): Promise<{ own: { id: number; name: string; region: string } | null; byName: Map<string, { id: number; region: string }> }> {
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    const { rows: [o] } = await db.query('SELECT id, name, region_code FROM organization WHERE id = $1', [actor.orgId]);
    return { own: { id: Number(o.id), name: o.name, region: o.region_code }, byName: new Map() };
  }
  if (!names.length) return { own: null, byName: new Map() };
  const { rows } = await db.query(
    `SELECT name, min(id) AS id, min(region_code) AS region_code FROM organization
      WHERE status = 'approved' AND name = ANY($1::text[]) AND ($2::text IS NULL OR region_code IN (SELECT region_subtree($2)))
      GROUP BY name HAVING count(*) = 1`, [names, actor.role === 'staff' ? actor.regionCode : null]);
  return { own: null, byName: new Map(rows.map((r) => [r.name as string, { id: Number(r.id), region: r.region_code as string }])) };
}

export async function importAchievements(db: Database, actor: Actor, audit: AuditActor, input: Readable, lang: Lang, options: ImportOptions = {}):
  Promise<{ created: number; rows: number } | ImportPreview> {
  if (!['admin', 'staff', 'enterprise', 'institution'].includes(actor.role)) throw new AppError(403, 'FORBIDDEN');
  const problems = new ImportProblems(lang, ACHIEVEMENT_COLUMNS);
  const parsed: ParsedAchievement[] = [];
  for await (const r of readSheet(input, headerAliases(ACHIEVEMENT_COLUMNS), problems.skipped)) {
    if (parsed.length >= MAX_ACHIEVEMENT_IMPORT_ROWS) throw new AppError(400, 'IMPORT_TOO_LARGE', { max: MAX_ACHIEVEMENT_IMPORT_ROWS });
    const text = (k: string) => cellText(r.get(k));
    for (const c of ACHIEVEMENT_COLUMNS) if (c.required && !text(c.key)) problems.add(r.row, c.key, r.get(c.key), 'field.required');
    const title = text('title');
    if (title.length > 120) problems.add(r.row, 'title', title, 'field.invalid');
    const type = codeOf(TYPE_NAMES, text('type'));
    if (text('type') && !type) problems.add(r.row, 'type', text('type'), 'field.invalid_option');
    const field = text('field') ? fieldCodeOf(text('field')) : null;
    if (text('field') && !field) problems.add(r.row, 'field', text('field'), 'field.invalid_option');
    const maturity = cellInteger(r.get('maturity'));
    if (maturity !== undefined && !(maturity >= 1 && maturity <= 9)) problems.add(r.row, 'maturity', r.get('maturity'), 'field.invalid');
    const modes = text('transferModes').split(SEPARATORS).map((m) => m.trim()).filter(Boolean);
    const transferModes = [...new Set(modes.map((m) => codeOf(TRANSFER_MODE_NAMES, m)))];
    if (transferModes.includes(null)) problems.add(r.row, 'transferModes', text('transferModes'), 'field.invalid_option');
    const priceMin = wanCell(text('priceMin'));
    const priceMax = wanCell(text('priceMax'));
    if (Number.isNaN(priceMin)) problems.add(r.row, 'priceMin', text('priceMin'), 'field.number');
    if (Number.isNaN(priceMax)) problems.add(r.row, 'priceMax', text('priceMax'), 'field.number');
    else if (priceMin != null && priceMax != null && priceMax < priceMin) problems.add(r.row, 'priceMax', text('priceMax'), 'field.invalid');
    const summary = text('summary');
    if (summary.length > 5000) problems.add(r.row, 'summary', summary.slice(0, 20), 'field.invalid');
    for (const k of ['ip', 'inventors'] as const) if (text(k).length > 500) problems.add(r.row, k, text(k).slice(0, 20), 'field.invalid');
    if (text('contact').length > 100) problems.add(r.row, 'contact', text('contact'), 'field.invalid');
    parsed.push({ row: r.row, title, orgName: text('orgName'), orgId: null, regionCode: null, type: type ?? '', field: field ?? '', maturity: maturity ?? 0,
      ip: text('ip'), inventors: text('inventors'), summary, transferModes: transferModes.filter((m) => m != null) as string[],
      priceMin: priceMin ?? null, priceMax: priceMax ?? null, contact: text('contact') });
  }

  // the owning organisation of each row
  const { own, byName } = await owners(db, actor, [...new Set(parsed.map((p) => p.orgName).filter(Boolean))]);
  for (const p of parsed) {
    const o = own ? (!p.orgName || p.orgName === own.name ? own : null) : byName.get(p.orgName);
    if (o) { p.orgId = o.id; p.regionCode = o.region; } else if (own || p.orgName) problems.add(p.row, 'orgName', p.orgName, 'field.achievement.org_name');
    else problems.add(p.row, 'orgName', '', 'field.required');
  }
  // the same title twice for one organisation: in the file, or already in the library
  const seen = new Set<string>();
  for (const p of parsed) {
    if (!p.orgId || !p.title) continue;
    const key = `${p.orgId}\u0000${p.title}`;
    if (seen.has(key)) problems.add(p.row, 'title', p.title, 'field.duplicate_row');
    seen.add(key);
  }
  const keyed = parsed.filter((p) => p.orgId && p.title);
  if (keyed.length) {
    const { rows: taken } = await db.query(
      `SELECT a.org_id, a.title FROM achievement a JOIN unnest($1::bigint[], $2::text[]) AS t(o, title) ON a.org_id = t.o AND a.title = t.title`,
      [keyed.map((p) => p.orgId), keyed.map((p) => p.title)]);
    const exists = new Set(taken.map((t) => `${t.org_id}\u0000${t.title}`));
    for (const p of keyed) if (exists.has(`${p.orgId}\u0000${p.title}`)) problems.add(p.row, 'title', p.title, 'field.achievement.exists');
  }

  if (options.dryRun) return problems.preview({ rows: parsed.length, create: parsed.length, update: 0 });
  problems.throwIfAny();
  problems.throwIfEmpty(parsed.length);
  const status = actor.role === 'staff' || actor.role === 'admin' ? 'submitted' : 'draft';
  await db.transaction(async (tx) => {
    await insertAll(tx, actor, audit, parsed, status);
    await options.onCommit?.(tx, { rows: parsed.length, created: parsed.length, updated: 0 });
  });
  return { created: parsed.length, rows: parsed.length };
}

/** One statement for the achievements and one for their audit rows (ids drawn first, so each audit row names its own). */
async function insertAll(tx: Queryable, actor: Actor, audit: AuditActor, parsed: ParsedAchievement[], status: string) {
  const { rows: ids } = await tx.query(`SELECT nextval(pg_get_serial_sequence('achievement', 'id')) AS id FROM generate_series(1, $1)`, [parsed.length]);
  const rows = parsed.map((p, i) => ({
    id: Number(ids[i].id), org_id: p.orgId, region_code: p.regionCode, title: p.title, type: p.type, field: p.field, maturity: p.maturity, ip: p.ip,
    inventors: p.inventors, summary: p.summary, transfer_modes: p.transferModes, price_min: p.priceMin, price_max: p.priceMax, contact: p.contact,
  }));
  await tx.query(
    `INSERT INTO achievement (id, org_id, region_code, title, type, field, maturity, ip, inventors, summary, transfer_modes, price_min, price_max, contact, status, created_by)
     OVERRIDING SYSTEM VALUE
     SELECT r.id, r.org_id, r.region_code, r.title, r.type, r.field, r.maturity, r.ip, r.inventors, r.summary,
            ARRAY(SELECT jsonb_array_elements_text(r.transfer_modes)), r.price_min, r.price_max, r.contact, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, org_id bigint, region_code text, title text, type text, field text, maturity smallint, ip text,
                                              inventors text, summary text, transfer_modes jsonb, price_min bigint, price_max bigint, contact text)`,
    [JSON.stringify(rows), status, actor.id]);
  const changes = parsed.map((p) => JSON.stringify(diff(null, { title: p.title, type: p.type, field: p.field, maturity: p.maturity, status })));
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, ip, action, target_type, target_id, changes)
     SELECT $1, $2, $3, $4, 'achievement.import', 'achievement', t.id, t.changes::jsonb FROM unnest($5::text[], $6::text[]) AS t(id, changes)`,
    [audit.id, audit.username, audit.role, audit.ip, rows.map((r) => String(r.id)), changes]);
}

/** Headers only (notes and the 填写说明 sheet show examples); 成果类型 and 所属领域 as drop-downs. */
export async function achievementImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kechuang';
  const wide = new Set(['成果名称', '完成单位', '成果简介', '知识产权']);
  const sheet = templateSheets(workbook, '科技成果', ACHIEVEMENT_COLUMNS, (c) => (wide.has(c.zh) ? 30 : 16));
  const col = (key: string) => ACHIEVEMENT_COLUMNS.findIndex((c) => c.key === key) + 1;
  for (let r = 2; r <= 2000; r++) {
    sheet.getCell(r, col('type')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(TYPE_NAMES).join(',')}"`] };
    sheet.getCell(r, col('field')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${FIELDS.map((f) => f.zh).join(',')}"`] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

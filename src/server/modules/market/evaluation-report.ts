/**
 * 科技成果评价报告 (Word, 公文 style of documents/gongwen.ts): the achievement, the class and how it
 * was evaluated, the criteria with their weights, maxima and the panel's mean per criterion, each
 * expert's total and opinion (names kept off: the owner reads this report too), the weighted mean
 * and the conclusion, signed by the bureau of the achievement's region. Only a concluded
 * evaluation has a report (409 EVALUATION_NOT_CONCLUDED); scope is getEvaluation's.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { todayInChina } from '../../../domain/dates';
import { fieldName } from '../../../domain/fields';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { BODY_FONT, font, fmtDate, HEADING_FONT, INDENT_2_CHARS, MARGINS, pageFooter, styles } from '../../documents/gongwen';
import { EVALUATION_CLASS_NAMES, EVALUATOR_TYPE_NAMES } from './evaluation-criteria';
import { getEvaluation } from './evaluations';

const TYPE_NAMES: Record<string, string> = {
  patent: '专利', software: '软件著作权', plant_variety: '植物新品种', technology: '技术/工艺', product: '产品', standard: '标准', other: '其他',
};

export interface ReportModel {
  title: string; orgName: string; regionName: string; type: string; field: string; maturity: number; className: string; evaluatorName: string;
  criteria: { name: string; weight: number; max: number; mean: number | null }[];
  reviews: { total: number; comment: string }[];
  score: number; levelName: string; opinion: string; concludedOn: string;
}

export async function reportModel(db: Queryable, actor: Actor, id: number): Promise<ReportModel> {
  const e = await getEvaluation(db, actor, id);
  if (e.status !== 'concluded') throw new AppError(409, 'EVALUATION_NOT_CONCLUDED');
  const { rows } = await db.query(`SELECT total, comment FROM evaluation_assignment WHERE evaluation_id = $1 AND status = 'submitted' ORDER BY submitted_at, id`, [id]);
  const { rows: [region] } = await db.query('SELECT name FROM region WHERE code = $1', [e.regionCode.slice(0, 4) + '00']);
  return {
    title: e.achievementTitle, orgName: e.orgName, regionName: region?.name ?? e.regionName, type: TYPE_NAMES[e.achievementType] ?? e.achievementType,
    field: fieldName(e.field), maturity: e.maturity, className: EVALUATION_CLASS_NAMES[e.class][0],
    evaluatorName: EVALUATOR_TYPE_NAMES[e.evaluatorType as keyof typeof EVALUATOR_TYPE_NAMES]?.[0] ?? e.evaluatorType,
    criteria: e.criterionMeans.map((c) => ({ name: c.name, weight: c.weight, max: c.max, mean: c.mean })),
    reviews: rows.map((r) => ({ total: Number(r.total), comment: r.comment })),
    score: e.score!, levelName: e.levelName ?? e.level, opinion: e.opinion, concludedOn: todayInChina(new Date(e.concludedAt)),
  };
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
const cell = (text: string, opts: { bold?: boolean; width?: number; align?: 'left' | 'center' } = {}) => new TableCell({
  width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined, verticalAlign: VerticalAlign.CENTER,
  children: String(text).split('\n').map((line) => new Paragraph({ alignment: opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 360, lineRule: 'auto' }, children: [new TextRun({ text: line, bold: opts.bold, size: 24, font: font(opts.bold ? HEADING_FONT : BODY_FONT) })] })),
});
const table = (head: string[], rows: string[][], widths: number[]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE }, borders,
  rows: [new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, width: widths[i], align: 'center' })) }),
    ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { width: widths[i], align: i === 0 ? 'center' : 'left' })) }))],
});
const heading = (text: string) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text, font: font(HEADING_FONT) })] });
const body = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  .map((line) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun(line)] }));
const right = (text: string, before?: number) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS * 2 },
  spacing: before ? { before } : undefined, children: [new TextRun(text)] });
const fixed = (x: number | null) => (x == null ? '—' : x.toFixed(2));

export async function reportDocx(m: ReportModel): Promise<Buffer> {
  const bureau = `${m.regionName}科学技术局`;
  const children = [
    new Paragraph({ heading: 'Heading1', children: [new TextRun('科技成果评价报告')] }),
    table(['项目', '内容'], [
      ['成果名称', m.title], ['完成单位', m.orgName], ['成果类型', m.type], ['所属领域', m.field], ['技术成熟度', `TRL ${m.maturity}`],
      ['评价类别', m.className], ['评价方式', m.evaluatorName], ['评价日期', fmtDate(m.concludedOn)],
    ], [26, 74]),
    heading('一、评价指标与得分'),
    table(['评价指标', '权重', '满分', '专家平均分'], m.criteria.map((c) => [c.name, String(c.weight), String(c.max), fixed(c.mean)]), [40, 16, 16, 28]),
    heading('二、专家评价意见'),
    table(['专家', '加权得分', '评价意见'], m.reviews.map((r, i) => [`专家${i + 1}`, fixed(r.total), r.comment]), [14, 16, 70]),
    heading('三、评价结论'),
    ...body(`经${m.reviews.length}位专家评价，该成果加权平均得分为${fixed(m.score)}分，评价结论为：${m.levelName}。`),
    ...body(m.opinion),
    right(bureau, 1120),
    right(fmtDate(m.concludedOn)),
  ];
  const doc = new Document({ creator: 'kechuang', title: `${m.title}评价报告`, styles,
    sections: [{ properties: { page: { margin: MARGINS } }, footers: { default: pageFooter() }, children }] });
  return Packer.toBuffer(doc);
}

/**
 * The 公文 style (GB/T 9704) every Word document of the platform is set in: titles in 方正小标宋简体
 * 二号, body in 仿宋_GB2312 三号 with a two-character first-line indent and exact 28 pt lines, headings
 * in 黑体, page margins 37 / 35 / 28 / 26 mm, page numbers "— n —" at the foot, dates as 2026年5月1日.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';

export const TITLE_FONT = '方正小标宋简体';
export const BODY_FONT = '仿宋_GB2312';
export const HEADING_FONT = '黑体';
export const KAITI = '楷体_GB2312';
export const font = (name: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: name, cs: name });
export const SIZE_2 = 44; // 二号 22pt, in half-points
export const SIZE_3 = 32; // 三号 16pt
export const SIZE_4 = 28; // 四号 14pt
export const INDENT_2_CHARS = 640; // twips: two 16pt characters
export const MARGINS = { top: 2098, bottom: 1984, left: 1587, right: 1474 }; // 37 / 35 / 28 / 26 mm

export const styles = {
  default: { document: { run: { font: font(BODY_FONT), size: SIZE_3 }, paragraph: { spacing: { line: 560, lineRule: 'exact' as const } } } },
  paragraphStyles: [
    { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true,
      run: { font: font(TITLE_FONT), size: SIZE_2, bold: false },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 640, lineRule: 'exact' as const }, outlineLevel: 0 } },
  ],
};

export const pageFooter = () => new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER,
  children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE_4 })] })] });

export const fmtDate = (d: string | null | undefined) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');

// ── the parts documents are built of

export const title = (text: string) => new Paragraph({ heading: 'Heading1', children: [new TextRun(text)] });
export const subtitle = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 },
  children: [new TextRun({ text, font: font(KAITI), size: SIZE_3 })] });
/** 一级标题: 黑体 三号, indented as the body. */
export const heading = (text: string) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, keepNext: true, children: [new TextRun({ text, font: font(HEADING_FONT) })] });
export const body = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  .map((line) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun(line)] }));
export const right = (text: string, opts: { before?: number; keepNext?: boolean } = {}) => new Paragraph({ alignment: AlignmentType.RIGHT,
  indent: { right: INDENT_2_CHARS * 2 }, keepNext: opts.keepNext, spacing: opts.before ? { before: opts.before } : undefined, children: [new TextRun(text)] });
export const blank = () => new Paragraph({ children: [] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
/** A table cell in 仿宋 小四 (黑体 for headers), single-spaced so that tables stay compact. */
export const cell = (text: string, opts: { bold?: boolean; width?: number; span?: number; align?: 'left' | 'center' | 'right' } = {}) => new TableCell({
  width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined, columnSpan: opts.span, verticalAlign: VerticalAlign.CENTER,
  children: String(text).split('\n').map((line) => new Paragraph({
    alignment: opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { line: 360, lineRule: 'auto' }, children: [new TextRun({ text: line, bold: opts.bold, size: 24, font: font(opts.bold ? HEADING_FONT : BODY_FONT) })] })),
});
export function table(head: string[], rows: string[][], widths?: number[], align?: ('left' | 'center' | 'right')[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders,
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, width: widths?.[i], align: 'center' })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { align: align?.[i] })) })),
    ],
  });
}
/** Label / value rows (the 基本信息 of a form). */
export function infoTable(pairs: [string, string][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders,
    rows: pairs.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell(label, { bold: true, width: 26, align: 'center' }), cell(value, { width: 74 })] })),
  });
}

export async function render(docTitle: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'kechuang', title: docTitle, styles,
    sections: [{ properties: { page: { margin: MARGINS } }, footers: { default: pageFooter() }, children }],
  });
  return Packer.toBuffer(doc);
}

/**
 * Word documents of the policy library (docx): the booklet 汇编 and the 立改废 review report, in
 * 公文 style (GB/T 9704): titles in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 with a two-character
 * first-line indent, page numbers "— n —" at the foot. Text is printed in simplified characters.
 */
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableOfContents,
  TableRow, TextRun, WidthType,
} from 'docx';
import { DECISION_NAMES, LEVEL_NAMES, type PolicyLevel, type ReviewDecision } from '../../../domain/policies/types';
import { toSimplified } from '../../search/index';
import { BODY_FONT, font, fmtDate, HEADING_FONT, INDENT_2_CHARS, MARGINS, pageFooter, SIZE_2, SIZE_3, SIZE_4, styles, TITLE_FONT } from '../../documents/gongwen';

export { BODY_FONT, HEADING_FONT, TITLE_FONT } from '../../documents/gongwen';

const body = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  .map((line) => new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun(toSimplified(line))] }));

export interface BookletPolicy { title: string; docNumber: string | null; issuer: string; level: PolicyLevel; issuedOn: string | null; effectiveOn: string | null; text: string }

export async function bookletDocx(o: { title: string; compiler: string; date: string; policies: BookletPolicy[] }): Promise<Buffer> {
  const cover = [
    new Paragraph({ spacing: { before: 3600 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 900, lineRule: 'exact' }, children: [new TextRun({ text: toSimplified(o.title), font: font(TITLE_FONT), size: 60 })] }),
    new Paragraph({ spacing: { before: 4800 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: toSimplified(o.compiler), font: font(BODY_FONT), size: SIZE_3 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: fmtDate(o.date), font: font(BODY_FONT), size: SIZE_3 })] }),
  ];
  const toc = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '目　　录', font: font(HEADING_FONT), size: SIZE_2 })] }),
    new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
  const sections = o.policies.flatMap((p, i) => {
    const meta = [
      p.docNumber ? `文号：${toSimplified(p.docNumber)}` : null,
      p.issuer ? `发文机关：${toSimplified(p.issuer)}` : null,
      p.issuedOn ? `发布日期：${fmtDate(p.issuedOn)}` : null,
      p.effectiveOn ? `施行日期：${fmtDate(p.effectiveOn)}` : null,
      `层级：${LEVEL_NAMES[p.level].zh}`,
    ].filter(Boolean) as string[];
    return [
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: i > 0, children: [new TextRun(toSimplified(p.title))] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: meta.join('　'), font: font('楷体_GB2312'), size: SIZE_4 })] }),
      ...body(p.text),
    ];
  });
  const margins = MARGINS;
  const doc = new Document({
    creator: 'kechuang', title: o.title, features: { updateFields: true }, styles,
    sections: [
      { properties: { page: { margin: margins } }, children: cover },
      { properties: { page: { margin: margins, pageNumbers: { start: 1 } } }, footers: { default: pageFooter() }, children: toc },
      { properties: { page: { margin: margins, pageNumbers: { start: 1 } } }, footers: { default: pageFooter() }, children: sections },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface ReportRow { title: string; docNumber: string | null; issuer: string; decision: ReviewDecision | null; reason: string; replacement: string | null }

const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) => new TableCell({
  width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
  children: [new Paragraph({ spacing: { line: 360, lineRule: 'auto' }, children: [new TextRun({ text, bold: opts.bold, size: 24, font: font(opts.bold ? HEADING_FONT : BODY_FONT) })] })],
});

export async function reviewReportDocx(o: { title: string; regionName: string; note: string; date: string; rows: ReportRow[] }): Promise<Buffer> {
  const count = (d: ReviewDecision) => o.rows.filter((r) => r.decision === d).length;
  const pending = o.rows.filter((r) => !r.decision).length;
  const summary = `本轮共审查政策文件 ${o.rows.length} 件，其中保留 ${count('keep')} 件、修改 ${count('amend')} 件、废止 ${count('repeal')} 件${pending ? `，尚未作出结论 ${pending} 件` : ''}。`;
  const header = new TableRow({ tableHeader: true, children: ['序号', '文件名称', '文号', '发文机关', '审查结论', '理由', '替代文件'].map((h, i) => cell(h, { bold: true, width: [6, 24, 14, 14, 8, 20, 14][i] })) });
  const rows = o.rows.map((r, i) => new TableRow({ children: [
    cell(String(i + 1)), cell(toSimplified(r.title)), cell(r.docNumber ?? ''), cell(toSimplified(r.issuer)),
    cell(r.decision ? DECISION_NAMES[r.decision].zh : '待定'), cell(r.reason), cell(r.replacement ? toSimplified(r.replacement) : ''),
  ] }));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const doc = new Document({
    creator: 'kechuang', title: o.title, styles,
    sections: [{
      properties: { page: { margin: MARGINS } },
      footers: { default: pageFooter() },
      children: [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${o.title}审查结果报告`)] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `${o.regionName}　${fmtDate(o.date)}`, font: font('楷体_GB2312'), size: SIZE_3 })] }),
        ...body(o.note),
        new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, children: [new TextRun(summary)] }),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows],
          borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border } }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

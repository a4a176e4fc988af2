/**
 * The 公文 style (GB/T 9704) every Word document of the platform is set in: titles in 方正小标宋简体
 * 二号, body in 仿宋_GB2312 三号 with a two-character first-line indent and exact 28 pt lines, headings
 * in 黑体, page margins 37 / 35 / 28 / 26 mm, page numbers "— n —" at the foot, dates as 2026年5月1日.
 */
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';

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

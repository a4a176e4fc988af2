/**
 * The indicator report of a region (monthly / quarterly / year): .xlsx and .docx built from the
 * very numbers the dashboard shows (regionValues → reportModel, rounded by the indicator's
 * decimals and progress to 0.1 %), so the two can never disagree.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from '../../exceljs';
import type { Lang } from '../../http/messages';
import { displayProgress, type LocalizedItem, type Summary } from './service';
import { roundFor } from '../../../domain/indicators/catalogue';

type Values = {
  region: { code: string; name: string }; year: number; period: string | null; asOf: string; items: LocalizedItem[]; summary: Summary; rule: string;
  children?: { regionCode: string; regionName: string; items: LocalizedItem[]; summary: Summary }[];
};
type Tasks = { tasks: number; done: number; averageProgress: number; overdue: number };
type Overdue = { kind: string; taskTitle: string; title: string; owner: string; dueOn: string; daysOverdue: number; regionName: string }[];

const STATE = { 'zh-CN': { green: '绿', amber: '黄', red: '红', none: '—' }, en: { green: 'green', amber: 'amber', red: 'red', none: '—' } };
const SOURCE = { 'zh-CN': { computed: '系统计算', entered: '录入', imported: '统计局导入', registry: '技术合同登记' }, en: { computed: 'computed', entered: 'entered', imported: 'imported', registry: 'contract registry' } };

export interface ReportRow { code: string; name: string; unit: string; value: number | null; target: number | null; progressPct: number | null; state: string; yoy: number | null; source: string }

/** The rows of the report, one per indicator: what the dashboard cards and table show. */
export function reportRows(values: Values, lang: Lang): ReportRow[] {
  return values.items.map((i) => ({
    code: i.code, name: i.name, unit: i.unit, value: roundFor(i, i.value), target: roundFor(i, i.target), progressPct: displayProgress(i.progress),
    state: STATE[lang][i.state], yoy: i.yoy, source: SOURCE[lang][i.source],
  }));
}

const periodLabel = (period: string | null, lang: Lang) => {
  if (!period) return lang === 'en' ? 'to date' : '截至目前';
  if (period === 'Y') return lang === 'en' ? 'full year' : '全年';
  if (period.startsWith('Q')) return lang === 'en' ? period : `第${'一二三四'[Number(period[1]) - 1]}季度`;
  return lang === 'en' ? `Jan–${period.slice(1)}` : `1-${Number(period.slice(1))}月`;
};

export function reportTitle(values: Values, lang: Lang) {
  return lang === 'en'
    ? `${values.region.name} S&T indicators report, ${values.year} (${periodLabel(values.period, lang)})`
    : `${values.region.name}${values.year}年科技创新指标监测报告（${periodLabel(values.period, lang)}）`;
}

function headers(lang: Lang) {
  return lang === 'en'
    ? ['Indicator', 'Unit', 'Value', 'Target', 'Progress %', 'State', 'YoY %', 'Source']
    : ['指标', '单位', '完成值', '目标值', '完成进度(%)', '状态', '同比(%)', '来源'];
}

function summaryLines(values: Values, tasks: Tasks, lang: Lang): string[] {
  const s = values.summary;
  const en = lang === 'en';
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
  return [
    en ? `As of ${values.asOf}; time elapsed ${pct(s.elapsed)}; overall completion ${pct(s.completion)}.` : `数据截至 ${values.asOf}；时间进度 ${pct(s.elapsed)}；综合完成度 ${pct(s.completion)}。`,
    en ? `双过半 (half-and-half): ${s.doubleHalf.reached ? 'reached' : 'not reached'}; 全年红: ${s.fullYearRed.reached ? 'reached' : 'not reached'}; green ${s.states.green}, amber ${s.states.amber}, red ${s.states.red}.`
      : `双过半：${s.doubleHalf.reached ? '已实现' : '未实现'}；全年红：${s.fullYearRed.reached ? '已实现' : '未实现'}；绿灯 ${s.states.green} 项、黄灯 ${s.states.amber} 项、红灯 ${s.states.red} 项。`,
    en ? `Key tasks: ${tasks.tasks}, done ${tasks.done}, average progress ${tasks.averageProgress}%, overdue ${tasks.overdue}.`
      : `重点任务 ${tasks.tasks} 项，已完成 ${tasks.done} 项，平均进度 ${tasks.averageProgress}%，逾期 ${tasks.overdue} 项。`,
  ];
}

function childRows(values: Values) {
  return (values.children ?? []).map((c) => ({ name: c.regionName, completion: c.summary.completion === null ? null : Math.round(c.summary.completion * 1000) / 10,
    green: c.summary.states.green, amber: c.summary.states.amber, red: c.summary.states.red }))
    .sort((a, b) => (b.completion ?? -1) - (a.completion ?? -1));
}

export async function reportXlsx(values: Values, tasks: Tasks, overdue: Overdue, lang: Lang): Promise<Buffer> {
  const en = lang === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kechuang';
  const ws = wb.addWorksheet(en ? 'Indicators' : '指标完成情况');
  ws.addRow([reportTitle(values, lang)]).font = { bold: true, size: 14 };
  for (const line of summaryLines(values, tasks, lang)) ws.addRow([line]);
  ws.addRow([]);
  const head = ws.addRow(headers(lang));
  head.font = { bold: true };
  for (const r of reportRows(values, lang)) ws.addRow([r.name, r.unit, r.value, r.target, r.progressPct, r.state, r.yoy, r.source]);
  ws.addRow([]);
  ws.addRow([values.rule]);
  ws.columns.forEach((c, i) => { c.width = i === 0 ? 40 : 14; });
  if (values.children?.length) {
    const cs = wb.addWorksheet(en ? 'Sub-regions' : '下级对标');
    cs.addRow(en ? ['Rank', 'Region', 'Overall completion %', 'Green', 'Amber', 'Red'] : ['排名', '地区', '综合完成度(%)', '绿', '黄', '红']).font = { bold: true };
    childRows(values).forEach((c, i) => cs.addRow([i + 1, c.name, c.completion, c.green, c.amber, c.red]));
    cs.columns.forEach((c, i) => { c.width = i === 1 ? 24 : 14; });
  }
  const os = wb.addWorksheet(en ? 'Overdue' : '逾期事项');
  os.addRow(en ? ['Region', 'Task', 'Milestone', 'Owner', 'Due', 'Days overdue'] : ['地区', '任务', '节点', '责任人', '截止日期', '逾期天数']).font = { bold: true };
  for (const o of overdue) os.addRow([o.regionName, o.taskTitle, o.kind === 'task' ? '—' : o.title, o.owner, o.dueOn, o.daysOverdue]);
  os.columns.forEach((c, i) => { c.width = i === 1 || i === 2 ? 36 : 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun', size: 20 })] })] });
const fmt = (x: number | null) => (x === null ? '—' : String(x));

function table(head: string[], rows: string[][]) {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))] });
}

export async function reportDocx(values: Values, tasks: Tasks, overdue: Overdue, lang: Lang): Promise<Buffer> {
  const en = lang === 'en';
  const p = (text: string) => new Paragraph({ children: [new TextRun({ text, font: 'SimSun', size: 22 })], spacing: { after: 120 } });
  const h = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: 'SimHei' })] });
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: reportTitle(values, lang), font: 'SimHei' })] }),
    ...summaryLines(values, tasks, lang).map(p),
    h(en ? '1. Indicators against targets' : '一、指标完成情况'),
    table(headers(lang), reportRows(values, lang).map((r) => [r.name, r.unit, fmt(r.value), fmt(r.target), fmt(r.progressPct), r.state, fmt(r.yoy), r.source])),
    p(values.rule),
  ];
  if (values.children?.length) {
    children.push(h(en ? '2. Sub-regions (对标对表)' : '二、下级地区对标对表'),
      table(en ? ['Rank', 'Region', 'Overall completion %', 'Green', 'Amber', 'Red'] : ['排名', '地区', '综合完成度(%)', '绿', '黄', '红'],
        childRows(values).map((c, i) => [String(i + 1), c.name, fmt(c.completion), String(c.green), String(c.amber), String(c.red)])));
  }
  children.push(h(en ? '3. Overdue items' : '三、逾期事项'));
  if (overdue.length) {
    children.push(table(en ? ['Region', 'Task', 'Milestone', 'Owner', 'Due', 'Days overdue'] : ['地区', '任务', '节点', '责任人', '截止日期', '逾期天数'],
      overdue.map((o) => [o.regionName, o.taskTitle, o.kind === 'task' ? '—' : o.title, o.owner, o.dueOn, String(o.daysOverdue)])));
  } else children.push(p(en ? 'None.' : '无。'));
  const doc = new Document({ creator: 'kechuang', title: reportTitle(values, lang), sections: [{ children }] });
  return Packer.toBuffer(doc);
}

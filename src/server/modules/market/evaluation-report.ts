/**
 * 科技成果评价报告 (Word, 公文 style of documents/gongwen.ts): the achievement, the class and how it
 * was evaluated, the criteria with their weights, maxima and the panel's mean per criterion, each
 * expert's total and opinion (names kept off: the owner reads this report too), the weighted mean
 * and the conclusion, signed by the bureau of the achievement's region. Only a concluded
 * evaluation has a report (409 EVALUATION_NOT_CONCLUDED); scope is getEvaluation's.
 */
import { todayInChina } from '../../../domain/dates';
import { fieldName } from '../../../domain/fields';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { blank, body, fmtDate, heading, infoTable, render, right, table, title } from '../../documents/gongwen';
import { TYPE_NAMES } from './achievement-import';
import { EVALUATION_CLASS_NAMES, EVALUATOR_TYPE_NAMES } from './evaluation-criteria';
import { getEvaluation } from './evaluations';

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
    title: e.achievementTitle, orgName: e.orgName, regionName: region?.name ?? e.regionName, type: TYPE_NAMES[e.achievementType as keyof typeof TYPE_NAMES] ?? e.achievementType,
    field: fieldName(e.field), maturity: e.maturity, className: EVALUATION_CLASS_NAMES[e.class][0],
    evaluatorName: EVALUATOR_TYPE_NAMES[e.evaluatorType as keyof typeof EVALUATOR_TYPE_NAMES]?.[0] ?? e.evaluatorType,
    criteria: e.criterionMeans.map((c) => ({ name: c.name, weight: c.weight, max: c.max, mean: c.mean })),
    reviews: rows.map((r) => ({ total: Number(r.total), comment: r.comment })),
    score: e.score!, levelName: e.levelName ?? e.level, opinion: e.opinion, concludedOn: todayInChina(new Date(e.concludedAt)),
  };
}

const fixed = (x: number | null) => (x == null ? '—' : x.toFixed(2));

export async function reportDocx(m: ReportModel): Promise<Buffer> {
  const bureau = `${m.regionName}科学技术局`;
  return render(`${m.title}评价报告`, [
    title('科技成果评价报告'),
    infoTable([
      ['成果名称', m.title], ['完成单位', m.orgName], ['成果类型', m.type], ['所属领域', m.field], ['技术成熟度', `TRL ${m.maturity}`],
      ['评价类别', m.className], ['评价方式', m.evaluatorName], ['评价日期', fmtDate(m.concludedOn)],
    ]),
    blank(),
    heading('一、评价指标与得分'),
    table(['评价指标', '权重', '满分', '专家平均分'], m.criteria.map((c) => [c.name, String(c.weight), String(c.max), fixed(c.mean)]), [40, 16, 16, 28],
      ['left', 'center', 'center', 'center']),
    blank(),
    heading('二、专家评价意见'),
    // experts by number only: the owner reads this report too
    table(['专家', '加权得分', '评价意见'], m.reviews.map((r, i) => [`专家${i + 1}`, fixed(r.total), r.comment]), [14, 16, 70], ['center', 'center', 'left']),
    blank(),
    heading('三、评价结论'),
    ...body(`经${m.reviews.length}位专家评价，该成果加权平均得分为${fixed(m.score)}分，评价结论为：${m.levelName}。`),
    ...body(m.opinion),
    right(bureau, { before: 1120, keepNext: true }),
    right(fmtDate(m.concludedOn)),
  ]);
}

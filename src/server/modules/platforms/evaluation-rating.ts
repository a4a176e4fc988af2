/**
 * Rating a submitted report, once: the score is the mean of the experts' submitted totals, or the
 * staff's own scores on the rubric when they score it themselves; the rating follows from the
 * type's thresholds. A 不合格 puts a certified platform on 整改 (audited, host told); a 不合格 after
 * the year before's proposes revocation. A second rating answers 409 and changes nothing.
 */
import { weightedTotal } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { CERTIFIED, setStatusByEvaluation, RECTIFYING } from './evaluation-platforms';
import { getReport, loadReport } from './evaluation-reports';
import { checkScores } from './evaluation-reviews';
import { failsTwiceInARow, ratingLabel, ratingOf, type Rating } from './evaluation-rules';
import { schemeFor } from './evaluation-schemes';

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function rateReport(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores?: Record<string, number>; comment?: string; opinion: string }) {
  return db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (actor.role !== 'staff' && actor.role !== 'admin') throw new AppError(403, 'FORBIDDEN');
    if (r.status === 'rated') throw new AppError(409, 'PLATFORM_REPORT_RATED');
    if (r.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: r.status });
    let score: number;
    if (b.scores) {
      checkScores(r.criteria, b.scores);
      score = weightedTotal(r.criteria, b.scores);
    } else {
      const { rows: reviews } = await tx.query(`SELECT status, total FROM platform_report_review WHERE report_id = $1 AND status <> 'declined'`, [id]);
      const totals = reviews.filter((v) => v.status === 'submitted').map((v) => Number(v.total));
      if (!totals.length || reviews.some((v) => v.status === 'assigned')) throw new AppError(409, 'PLATFORM_REVIEWS_PENDING');
      score = round2(totals.reduce((s, x) => s + x, 0) / totals.length);
    }
    const scheme = await schemeFor(tx, r.platform_type);
    const rating = ratingOf(score, scheme.thresholds);
    const { rowCount } = await tx.query(
      `UPDATE platform_report SET status = 'rated', score = $2, rating = $3, opinion = $4, staff_scores = $5, staff_comment = $6, rated_by = $7, rated_at = now(),
              updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'submitted'`,
      [id, score, rating, b.opinion, b.scores ? JSON.stringify(b.scores) : null, b.comment ?? '', actor.id]);
    if (!rowCount) throw new AppError(409, 'PLATFORM_REPORT_RATED');
    await recordAudit(tx, audit, { action: 'platform.report.rate', targetType: 'platform_report', targetId: id,
      changes: { status: { before: 'submitted', after: 'rated' }, score: { before: null, after: score }, rating: { before: null, after: rating } } });
    const [zh, en] = [ratingLabel(rating, scheme.grades, 'zh'), ratingLabel(rating, scheme.grades, 'en')];
    const link = `/platforms/evaluation?report=${id}`;
    const hostOrg = r.host_org_id == null ? undefined : Number(r.host_org_id);
    await notify(tx, { orgId: hostOrg, kind: 'platform.report.rated', link,
      title: [`${r.platform_name} ${r.year} 年度绩效评价结果：${zh}`, `${r.platform_name}: ${r.year} performance rating ${en}`],
      body: [`得分 ${score}。${b.opinion}`, `Score ${score}. ${b.opinion}`] });
    await applyConsequences(tx, actor, audit, { id: Number(r.platform_id), name: r.platform_name, regionCode: r.region_code, hostOrgId: hostOrg }, r.year, rating);
    return getReport(tx, actor, id);
  });
}

/** 不合格: 认定 → 整改 (audited, host told); twice in a row: a revocation proposal for staff. */
async function applyConsequences(tx: Queryable, actor: Actor, audit: AuditActor,
  p: { id: number; name: string; regionCode: string; hostOrgId?: number }, year: number, rating: Rating) {
  if (rating !== 'fail') return;
  if (await setStatusByEvaluation(tx, actor, p.id, CERTIFIED, RECTIFYING, 'rectify', `${year} 年度绩效评价不合格`)) {
    await recordAudit(tx, audit, { action: 'platform.evaluation.rectify', targetType: 'platform', targetId: p.id,
      changes: { status: { before: CERTIFIED, after: RECTIFYING }, reason: { before: null, after: `${year} 年度绩效评价不合格` } } });
    await notify(tx, { orgId: p.hostOrgId, kind: 'platform.rectify', link: '/platforms/evaluation',
      title: [`${p.name} 因 ${year} 年度绩效评价不合格，进入整改期`, `${p.name} is on probation (整改) after failing its ${year} evaluation`] });
  }
  const { rows: earlier } = await tx.query(`SELECT year, rating FROM platform_report WHERE platform_id = $1 AND status = 'rated' AND year < $2`, [p.id, year]);
  if (!failsTwiceInARow(year, rating, new Map(earlier.map((e) => [Number(e.year), e.rating as Rating])))) return;
  const { rows: [proposal] } = await tx.query(
    `INSERT INTO platform_revocation_proposal (platform_id, year, region_code, reason) VALUES ($1, $2, $3, 'two_failures')
     ON CONFLICT (platform_id, year) DO NOTHING RETURNING id`, [p.id, year, p.regionCode]);
  if (proposal) {
    await recordAudit(tx, audit, { action: 'platform.revocation.propose', targetType: 'platform_revocation_proposal', targetId: proposal.id,
      changes: { platform: { before: null, after: p.id }, reason: { before: null, after: 'two_failures' } } });
  }
}

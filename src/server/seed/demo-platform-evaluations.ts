/**
 * Two years of yearly performance evaluation (绩效评价) for the demo platforms: a closed round of
 * the year before last and the round of last year, still open until the end of this year, for
 * each demo city with platforms. Mostly 良好 and 合格, a few 优秀; one platform failed last year and
 * is on 整改; one failed both years and is proposed for revocation; a couple have not reported in
 * the current round; two reports wait for a rating (expert1 scores one of them).
 */
import type { Queryable } from '../db/database';
import { CERTIFIED_STATUSES } from '../modules/platforms/evaluation-platforms';
import { ratingOf, type Rating } from '../modules/platforms/evaluation-rules';
import { schemesFor } from '../modules/platforms/evaluation-schemes';

/** Ratings of the ordinary platforms, in turn: mostly 良好 / 合格, now and then 优秀. */
const CYCLE: Rating[] = ['good', 'pass', 'good', 'excellent', 'good', 'pass', 'good', 'pass'];
const SCORE: Record<Rating, number[]> = { excellent: [93, 91, 95], good: [86, 83, 88, 81], pass: [72, 66, 76, 69], fail: [54, 51] };

const OPINIONS: Record<Rating, string> = {
  excellent: '运行管理规范，研发投入持续增长，成果转化和开放服务成效突出，评为优秀。',
  good: '运行总体良好，研发条件和服务能力稳步提升，建议进一步加强成果转化。',
  pass: '基本完成年度目标，创新产出偏少，需加强研发投入和开放共享。',
  fail: '年度主要指标明显下滑，运行管理不规范，评为不合格，限期整改。',
};

export async function seedDemoPlatformEvaluations(tx: Queryable, now = new Date()): Promise<void> {
  const thisYear = now.getUTCFullYear();
  const [before, last] = [thisYear - 2, thisYear - 1];
  const { rows: platforms } = await tx.query(
    `SELECT p.id, p.name, p.type_code, p.region_code, p.host_org_id, p.certified_on::text AS certified_on
       FROM platform p WHERE p.status = ANY($1::text[]) AND (p.region_code LIKE '6210%' OR p.region_code LIKE '6207%') ORDER BY p.id`, [CERTIFIED_STATUSES]);
  if (!platforms.length) return;
  const schemes = await schemesFor(tx, [...new Set(platforms.map((p) => p.type_code as string))]);
  const { rows: staff } = await tx.query(`SELECT id, region_code FROM app_user WHERE username IN ('qingyang', 'zhangye')`);
  const staffOf = (city: string) => staff.find((s) => s.region_code === city)?.id ?? null;
  const { rows: [expert] } = await tx.query(`SELECT x.id, x.org_id FROM expert x JOIN app_user u ON u.id = x.user_id WHERE u.username = 'expert1'`);

  const cities = [...new Set(platforms.map((p) => `${String(p.region_code).slice(0, 4)}00`))];
  const rounds = new Map<string, number>();
  for (const city of cities) {
    for (const [year, deadline, status] of [[before, `${before + 1}-03-31`, 'closed'], [last, `${thisYear}-12-31`, 'open']] as const) {
      const { rows: [r] } = await tx.query(
        `INSERT INTO platform_evaluation_round (region_code, year, deadline, status, note, opened_by, opened_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [city, year, deadline, status, `${year} 年度创新平台绩效评价，请各平台按时提交年度报告。`, staffOf(city), `${year + 1}-01-10T09:00:00+08:00`,
          status === 'closed' ? `${year + 1}-05-20T17:00:00+08:00` : null]);
      rounds.set(`${city}:${year}`, Number(r.id));
    }
  }

  // the story's roles, among the Qingyang platforms certified before the year before last
  const qingyang = platforms.filter((p) => String(p.region_code).startsWith('6210') && p.certified_on <= `${before}-12-31`);
  const pick = (i: number) => qingyang[i]?.id as number | undefined;
  const role = new Map<number, 'twice' | 'once' | 'missing' | 'waiting'>();
  const assign = (i: number, r: 'twice' | 'once' | 'missing' | 'waiting') => { const id = pick(i); if (id != null) role.set(id, r); };
  assign(2, 'twice'); assign(5, 'once'); assign(8, 'missing'); assign(11, 'missing'); assign(1, 'waiting'); assign(14, 'waiting');

  let expertGiven = false;
  for (const [pi, p] of platforms.entries()) {
    const scheme = schemes.get(p.type_code)!;
    const city = `${String(p.region_code).slice(0, 4)}00`;
    const { rows: figureRows } = await tx.query('SELECT year, figures FROM platform_year_figures WHERE platform_id = $1', [p.id]);
    for (const year of [before, last]) {
      if (p.certified_on > `${year}-12-31`) continue;
      const r = role.get(Number(p.id));
      if (year === last && r === 'missing') continue;
      // each platform walks the cycle from its own place, a different one each year
      const rating: Rating = r === 'twice' ? 'fail' : r === 'once' && year === last ? 'fail' : CYCLE[(pi * 3 + (year - before) * 5) % CYCLE.length];
      const score = SCORE[rating][(pi + year) % SCORE[rating].length];
      // the year's figures: the registry's when it has them, otherwise grown from a base by the platform's id
      const known = figureRows.find((f) => f.year === year)?.figures ?? {};
      const figures: Record<string, number> = {};
      for (const [i, m] of scheme.metrics.entries()) {
        const base = ((Number(p.id) * 7 + i * 13) % 17) + 3;
        const factor = (rating === 'fail' ? 0.6 : 1) * (year === last ? 1.12 : 1);
        figures[m.code] = known[m.code] ?? Math.round((m.kind === 'money' ? base * 400_000 : m.kind === 'hours' ? base * 90 : base * 2) * factor);
      }
      const waiting = year === last && r === 'waiting';
      const scores = Object.fromEntries(scheme.criteria.map((c) => [c.code, score]));
      const { rows: [report] } = await tx.query(
        `INSERT INTO platform_report (platform_id, round_id, year, region_code, host_org_id, platform_type, figures, narrative, criteria, status,
           submitted_at, staff_scores, score, rating, opinion, rated_by, rated_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $11, $11) RETURNING id`,
        [p.id, rounds.get(`${city}:${year}`), year, p.region_code, p.host_org_id, p.type_code, JSON.stringify(figures),
          `${p.name} ${year} 年度运行情况：围绕主导产业开展技术研发与服务，全年承担科研项目 ${figures.projects ?? 0} 项。${rating === 'fail' ? '受主要依托单位经营困难影响，部分指标下降。' : ''}`,
          JSON.stringify(scheme.criteria), waiting ? 'submitted' : 'rated', `${year + 1}-03-${String(10 + (Number(p.id) % 15)).padStart(2, '0')}T10:00:00+08:00`,
          waiting ? null : JSON.stringify(scores), waiting ? null : score, waiting ? null : ratingOf(score, scheme.thresholds), waiting ? '' : OPINIONS[rating],
          waiting ? null : staffOf(city), waiting ? null : `${year + 1}-05-${String(6 + (Number(p.id) % 12)).padStart(2, '0')}T15:00:00+08:00`]);
      // expert1 scores one of the reports waiting (never one of their own organisation's: 回避)
      if (waiting && expert && Number(expert.org_id) !== Number(p.host_org_id) && !expertGiven) {
        expertGiven = true;
        await tx.query('INSERT INTO platform_report_review (report_id, expert_id, assigned_by) VALUES ($1, $2, $3)', [report.id, expert.id, staffOf(city)]);
      }
    }
    const r = role.get(Number(p.id));
    if (r === 'twice' || r === 'once') {
      const reason = `${last} 年度绩效评价不合格`;
      await tx.query(`UPDATE platform SET status = 'rectifying', status_reason = $2 WHERE id = $1 AND status = 'certified'`, [p.id, reason]);
      await tx.query(`INSERT INTO platform_event (platform_id, action, from_status, to_status, on_date, comment, actor_name)
                      SELECT id, 'rectify', 'certified', 'rectifying', $2, $3, '庆阳市科技局 李明' FROM platform WHERE id = $1`, [p.id, `${thisYear}-05-10`, reason]);
    }
    if (r === 'twice') {
      await tx.query(`INSERT INTO platform_revocation_proposal (platform_id, year, region_code, reason, proposed_at) VALUES ($1, $2, $3, 'two_failures', $4)`,
        [p.id, last, p.region_code, `${thisYear}-05-10T15:00:00+08:00`]);
    }
  }
}

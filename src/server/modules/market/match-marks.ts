/**
 * What users make of the matches: a mark (useful / dismissed) per user and pair, kept with the
 * rank and score shown so precision can be measured on real use; and staff pushing a match to
 * both sides (a notification to the demand's enterprise and the achievement's owner, once).
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { demandFor } from './matching';

export interface MarkInput { demandId: number; achievementId?: number | null; expertId?: number | null; mark: 'useful' | 'dismissed' | null; rank?: number | null; score?: number | null }

export async function markMatch(db: Database, actor: Actor, m: MarkInput) {
  if ((m.achievementId == null) === (m.expertId == null)) throw fieldError('achievementId', 'field.required');
  await demandFor(db, actor, m.demandId);
  const column = m.achievementId != null ? 'achievement_id' : 'expert_id';
  const target = m.achievementId ?? m.expertId!;
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM match_mark WHERE user_id = $1 AND demand_id = $2 AND ${column} = $3`, [actor.id, m.demandId, target]);
    if (m.mark) {
      await tx.query(`INSERT INTO match_mark (user_id, demand_id, ${column}, mark, rank, score) VALUES ($1, $2, $3, $4, $5, $6)`,
        [actor.id, m.demandId, target, m.mark, m.rank ?? null, m.score ?? null]);
    }
  });
  return { mark: m.mark };
}

/** Precision of what users marked: among marked matches shown in the first three, the share marked useful. */
export async function markSummary(db: Queryable, actor: Actor) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const { rows: [r] } = await db.query(
    `SELECT count(*) FILTER (WHERE m.mark = 'useful')::int AS useful, count(*) FILTER (WHERE m.mark = 'dismissed')::int AS dismissed,
            count(*) FILTER (WHERE m.mark = 'useful' AND m.rank <= 3)::int AS useful3, count(*) FILTER (WHERE m.rank <= 3)::int AS marked3
       FROM match_mark m JOIN demand d ON d.id = m.demand_id
      WHERE ($1::text IS NULL OR d.region_code IN (SELECT region_subtree($1)))`, [actor.role === 'staff' ? actor.regionCode : null]);
  return { useful: r.useful, dismissed: r.dismissed, precisionAt3: r.marked3 ? Math.round((r.useful3 / r.marked3) * 1000) / 1000 : null };
}

/** Staff push a match: both sides are told, once per pair. */
export async function pushMatch(db: Database, actor: Actor, audit: AuditActor, p: { demandId: number; achievementId: number; score?: number | null }) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const d = await demandFor(db, actor, p.demandId);
  if (d.status !== 'published') throw new AppError(409, 'INVALID_TRANSITION', { from: d.status });
  const { rows: [a] } = await db.query(`SELECT a.id, a.title, a.org_id, o.name AS org_name FROM achievement a JOIN organization o ON o.id = a.org_id
                                         WHERE a.id = $1 AND a.status = 'published'`, [p.achievementId]);
  if (!a) throw fieldError('achievementId', 'field.invalid_option');
  const { rows: [dOrg] } = await db.query('SELECT name FROM organization WHERE id = $1', [d.org_id]);
  return db.transaction(async (tx) => {
    const { rows: [row] } = await tx.query(
      `INSERT INTO match_push (demand_id, achievement_id, score, pushed_by) VALUES ($1, $2, $3, $4) ON CONFLICT (demand_id, achievement_id) DO NOTHING RETURNING id`,
      [p.demandId, p.achievementId, p.score ?? null, actor.id]);
    if (!row) throw new AppError(409, 'MATCH_ALREADY_PUSHED');
    await recordAudit(tx, audit, { action: 'demand.match_push', targetType: 'demand', targetId: p.demandId,
      changes: { achievement: { before: null, after: a.title } } });
    await notify(tx, { orgId: Number(d.org_id), kind: 'market.match.pushed', link: `/market/matching?demand=${p.demandId}`,
      title: [`为您的需求推荐科技成果：${a.title}`, `An achievement for your demand: ${a.title}`],
      body: [`科技局将「${a.org_name}」的成果「${a.title}」推荐给您的需求「${d.title}」。`, `The bureau recommends "${a.title}" (${a.org_name}) for your demand "${d.title}".`] });
    await notify(tx, { orgId: Number(a.org_id), kind: 'market.match.pushed', link: `/market/demands?demand=${p.demandId}`,
      title: [`您的成果匹配到一项技术需求：${d.title}`, `Your achievement matches a demand: ${d.title}`],
      body: [`「${dOrg?.name ?? ''}」的需求「${d.title}」与您的成果「${a.title}」匹配，科技局已推送给双方。`,
        `The demand "${d.title}" (${dOrg?.name ?? ''}) matches your achievement "${a.title}"; the bureau told both sides.`] });
    return { id: Number(row.id) };
  });
}

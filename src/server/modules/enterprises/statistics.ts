/**
 * Yearly statistics: filled by the enterprise (or by staff for it), submitted, then confirmed or
 * returned with a comment by staff of its region. Edits carry the version they were based on;
 * a stale edit answers 409 and changes nothing.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { transition, type Workflow } from '../../workflow';
import { assertCanEdit, enterpriseScope } from './registry';
import { STAT_COLUMNS, STAT_FIELDS, statFromRow, statProblems, type StatValues } from './stat-fields';

export type StatStatus = 'draft' | 'submitted' | 'confirmed' | 'returned';

export const STAT_WORKFLOW: Workflow<StatStatus, 'submit' | 'confirm' | 'return'> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['enterprise', 'staff', 'admin'] },
  confirm: { from: ['submitted'], to: 'confirmed', roles: ['staff', 'admin'] },
  return: { from: ['submitted', 'confirmed'], to: 'returned', roles: ['staff', 'admin'], comment: true },
};

export interface StatYear extends StatValues { year: number }
export interface StatView { year: number; values: StatValues; status: StatStatus; reviewComment: string | null; updatedAt: string; version: number }

const toView = (row: any): StatView => ({
  year: row.year, values: statFromRow(row), status: row.status, reviewComment: row.review_comment,
  updatedAt: new Date(row.updated_at).toISOString(), version: row.version,
});

async function assertVisible(db: Queryable, actor: Actor, orgId: number) {
  const where = enterpriseScope(actor);
  where.add('o.id = $?', orgId);
  const { rowCount } = await db.query(`SELECT 1 FROM organization o ${where}`, where.params);
  if (!rowCount) throw errors.notFound();
}

export async function listStats(db: Queryable, actor: Actor, orgId: number): Promise<StatView[]> {
  await assertVisible(db, actor, orgId);
  const { rows } = await db.query('SELECT * FROM enterprise_stat WHERE org_id = $1 ORDER BY year', [orgId]);
  return rows.map(toView);
}

export function assertValidStats(values: Record<string, unknown>): void {
  const problems = statProblems(values);
  if (problems.length) {
    const fields: Record<string, FieldProblem> = {};
    for (const p of problems) fields[p.field] ??= { key: p.key };
    throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
  }
}

/** Writes one year's figures. `version` 0 creates the year; otherwise it must match the stored one. */
export async function saveStats(db: Database, actor: Actor, audit: AuditActor, orgId: number, year: number, values: StatValues, version: number): Promise<StatView> {
  assertValidStats(values);
  await assertCanEdit(db, actor, orgId);
  return db.transaction(async (tx) => {
    const { rows: [current] } = await tx.query('SELECT * FROM enterprise_stat WHERE org_id = $1 AND year = $2 FOR UPDATE', [orgId, year]);
    if ((current?.version ?? 0) !== version) throw errors.staleVersion();
    if (current?.status === 'confirmed' && actor.role === 'enterprise') throw new AppError(409, 'STAT_LOCKED');
    if (current?.status === 'submitted' && actor.role === 'enterprise') throw new AppError(409, 'INVALID_TRANSITION', { from: 'submitted' });
    const ordered = STAT_FIELDS.map((f) => values[f.key]);
    const { rows: [row] } = await tx.query(
      `INSERT INTO enterprise_stat (org_id, year, ${STAT_COLUMNS.join(', ')})
       VALUES ($1, $2, ${STAT_COLUMNS.map((_, i) => `$${i + 3}`).join(', ')})
       ON CONFLICT (org_id, year) DO UPDATE SET ${STAT_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         status = CASE WHEN enterprise_stat.status = 'returned' THEN 'draft' ELSE enterprise_stat.status END,
         updated_at = now(), version = enterprise_stat.version + 1
       RETURNING *`,
      [orgId, year, ...ordered],
    );
    await recordAudit(tx, audit, { action: current ? 'enterprise.stats.update' : 'enterprise.stats.create', targetType: 'enterprise_stat',
      targetId: `${orgId}/${year}`, changes: diff(current ? statFromRow(current) : null, statFromRow(row)) });
    return toView(row);
  });
}

/** submit / confirm / return: one conditional state change, so a second click answers 409. */
export async function reviewStats(db: Database, actor: Actor, audit: AuditActor, orgId: number, year: number,
  action: 'submit' | 'confirm' | 'return', version: number, comment?: string): Promise<StatView> {
  await assertVisible(db, actor, orgId);
  return db.transaction(async (tx) => {
    const { rows: [current] } = await tx.query('SELECT * FROM enterprise_stat WHERE org_id = $1 AND year = $2 FOR UPDATE', [orgId, year]);
    if (!current) throw errors.notFound();
    if (current.version !== version) throw errors.staleVersion();
    const next = transition(STAT_WORKFLOW, action, current.status, actor.role, comment);
    const { rows: [row] } = await tx.query(
      `UPDATE enterprise_stat SET status = $3, review_comment = $4, updated_at = now(), version = version + 1
        WHERE org_id = $1 AND year = $2 RETURNING *`,
      [orgId, year, next, action === 'return' ? comment : action === 'submit' ? null : current.review_comment]);
    await recordAudit(tx, audit, { action: `enterprise.stats.${action}`, targetType: 'enterprise_stat', targetId: `${orgId}/${year}`,
      changes: { status: { before: current.status, after: next }, ...(comment ? { reviewComment: { before: current.review_comment, after: comment } } : {}) } });
    // the enterprise hears of the bureau's decision; a returned year also by SMS, since it has to act
    if (action === 'confirm' || action === 'return') {
      const { rows: [org] } = await tx.query<{ name: string }>('SELECT name FROM organization WHERE id = $1', [orgId]);
      await notify(tx, action === 'confirm'
        ? { orgId, kind: 'stat.confirmed', link: '/my-enterprise?tab=stats',
          title: [`${year} 年统计数据已确认`, `The ${year} statistics were confirmed`],
          body: [`${org.name} 的 ${year} 年统计数据已由科技局确认。`, `The ${year} statistics of ${org.name} were confirmed by the bureau.`] }
        : { orgId, kind: 'stat.returned', link: '/my-enterprise?tab=stats', sms: true,
          title: [`${year} 年统计数据被退回`, `The ${year} statistics were returned`],
          body: [`${org.name} 的 ${year} 年统计数据被退回，请修改后重新提交。退回意见：${comment ?? ''}`,
            `The ${year} statistics of ${org.name} were returned for correction; please correct and submit them again. Comment: ${comment ?? ''}`] });
    }
    return toView(row);
  });
}

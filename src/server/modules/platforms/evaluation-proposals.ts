/**
 * Revocation proposals (撤销建议) the evaluation makes — two 不合格 in a row, or no report by the
 * round's deadline — and the staff's decision, once: revoke (through the registry's 撤销) or keep it
 * with a note.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { REVOKED } from './evaluation-platforms';
import { changePlatformStatus } from './platforms';

const PROPOSAL = `SELECT pr.*, p.name AS platform_name, p.type_code, p.level, p.status AS platform_status, p.host_org_id, o.name AS host_name, rg.name AS region_name
  FROM platform_revocation_proposal pr JOIN platform p ON p.id = pr.platform_id JOIN region rg ON rg.code = pr.region_code
  LEFT JOIN organization o ON o.id = p.host_org_id`;

const proposalOf = (r: Record<string, any>) => ({
  id: Number(r.id), platformId: Number(r.platform_id), platformName: r.platform_name, platformType: r.type_code, platformLevel: r.level, platformStatus: r.platform_status,
  hostName: r.host_name, regionCode: r.region_code, regionName: r.region_name, year: r.year, reason: r.reason as 'two_failures' | 'not_reported',
  status: r.status as 'proposed' | 'revoked' | 'kept', note: r.note, proposedAt: r.proposed_at, decidedAt: r.decided_at, version: r.version,
});

export async function listProposals(db: Queryable, actor: Actor, f: { status?: string; year?: number } = {}) {
  const where = new Where();
  limitToRegionScope(actor, where, 'pr.region_code');
  if (f.status) where.add('pr.status = $?', f.status);
  if (f.year) where.add('pr.year = $?', f.year);
  const { rows } = await db.query(`${PROPOSAL} ${where} ORDER BY (pr.status = 'proposed') DESC, pr.year DESC, pr.id`, where.params);
  return { items: rows.map(proposalOf) };
}

/**
 * A decision, once. Revoking goes through the registry's own 撤销 (its certifying-level authority:
 * a city's staff revoke city platforms, the province's the provincial and national ones; its
 * timeline row, audit and notice to the hosts); a platform already revoked meanwhile counts as
 * done. Then the proposal is closed by a conditional update: of many simultaneous decisions, one.
 */
export async function decideProposal(db: Database, actor: Actor, audit: AuditActor, id: number, b: { decision: 'revoke' | 'keep'; note: string }) {
  const where = new Where();
  limitToRegionScope(actor, where, 'pr.region_code');
  where.add('pr.id = $?', id);
  const { rows: [pr] } = await db.query(`${PROPOSAL} ${where}`, where.params);
  if (!pr) throw errors.notFound();
  if (pr.status !== 'proposed') throw new AppError(409, 'PLATFORM_PROPOSAL_DECIDED');
  if (b.decision === 'revoke') {
    const reason = `${pr.year} 年度绩效评价：${pr.reason === 'two_failures' ? '连续两年不合格' : '未按期提交年度报告'}。${b.note}`;
    try {
      await changePlatformStatus(db, actor, audit, Number(pr.platform_id), 'revoke', { reason });
    } catch (error) {
      const revoked = (await db.query('SELECT status FROM platform WHERE id = $1', [pr.platform_id])).rows[0]?.status === REVOKED;
      if (!(error instanceof AppError && error.code === 'INVALID_TRANSITION' && revoked)) throw error;
    }
  }
  return db.transaction(async (tx) => {
    const to = b.decision === 'revoke' ? 'revoked' : 'kept';
    const { rowCount } = await tx.query(
      `UPDATE platform_revocation_proposal SET status = $2, note = $3, decided_by = $4, decided_at = now(), version = version + 1 WHERE id = $1 AND status = 'proposed'`,
      [id, to, b.note, actor.id]);
    if (!rowCount) throw new AppError(409, 'PLATFORM_PROPOSAL_DECIDED');
    await recordAudit(tx, audit, { action: `platform.revocation.${b.decision}`, targetType: 'platform_revocation_proposal', targetId: id,
      changes: { status: { before: 'proposed', after: to }, note: { before: null, after: b.note } } });
    return { id, status: to };
  });
}

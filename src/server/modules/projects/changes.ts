/**
 * Change requests after approval (项目变更): the project's organisation asks to change its members,
 * its dates or its budget lines, with a reason; the call's bureau approves (the change is applied
 * in the same transaction) or rejects with a comment. One pending request per kind at a time.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { callIdOf, lockManaged, recordEvent, type MemberInput } from './applications';
import { lockManagedCall } from './calls';

export const CHANGE_KINDS = ['members', 'dates', 'budget'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** States in which a project can be changed. */
const CHANGEABLE = ['approved', 'publicized', 'contracted', 'midterm_passed'];

export interface ChangeInput {
  kind: ChangeKind; reason: string;
  members?: MemberInput[]; startOn?: string; endOn?: string;
  budget?: { category: string; own: number; requested: number }[];
}

export async function requestChange(db: Database, actor: Actor, audit: AuditActor, id: number, b: ChangeInput): Promise<number> {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const detail = b.kind === 'members' ? { members: b.members } : b.kind === 'dates' ? { startOn: b.startOn, endOn: b.endOn } : { budget: b.budget };
  if (b.kind === 'members' && !b.members?.length) throw fieldError('members', 'field.required');
  if (b.kind === 'dates' && (!b.startOn || !b.endOn)) throw fieldError('endOn', 'field.required');
  if (b.kind === 'dates' && b.endOn! < b.startOn!) throw fieldError('endOn', 'field.date_order');
  if (b.kind === 'budget' && !b.budget?.length) throw fieldError('budget', 'field.required');
  return db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query('SELECT * FROM application WHERE id = $1 AND org_id = $2 FOR UPDATE', [id, actor.orgId]);
    if (!a) throw errors.notFound();
    if (!CHANGEABLE.includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    if (b.kind === 'budget' && b.budget!.reduce((s, x) => s + x.requested, 0) > Number(a.approved_amount)) throw fieldError('budget', 'field.amount.over_approved');
    const pending = await tx.query(`SELECT 1 FROM application_change WHERE application_id = $1 AND kind = $2 AND status = 'pending'`, [id, b.kind]);
    if (pending.rowCount) throw new AppError(409, 'CHANGE_PENDING');
    const { rows: [c] } = await tx.query('INSERT INTO application_change (application_id, kind, detail, reason, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [id, b.kind, JSON.stringify(detail), b.reason.trim(), actor.id]);
    await recordEvent(tx, actor, id, 'change_request', a.status, a.status, `${b.kind}: ${b.reason.trim()}`);
    await recordAudit(tx, audit, { action: 'application.change.request', targetType: 'application', targetId: id, changes: { [b.kind]: { before: null, after: detail } } });
    return Number(c.id);
  });
}

export async function decideChange(db: Database, actor: Actor, audit: AuditActor, id: number, changeId: number, b: { approved: boolean; comment?: string }) {
  if (!b.approved && !b.comment?.trim()) throw fieldError('comment', 'field.reason');
  return db.transaction(async (tx) => {
    await lockManagedCall(tx, actor, await callIdOf(tx, id));
    const a = await lockManaged(tx, actor, id);
    const { rows: [c] } = await tx.query('SELECT * FROM application_change WHERE id = $1 AND application_id = $2 FOR UPDATE', [changeId, id]);
    if (!c) throw errors.notFound();
    if (c.status !== 'pending') throw new AppError(409, 'ALREADY_REVIEWED');
    if (b.approved) {
      if (c.kind === 'members') {
        await tx.query('DELETE FROM application_member WHERE application_id = $1', [id]);
        for (const [i, m] of (c.detail.members as MemberInput[]).entries()) {
          await tx.query('INSERT INTO application_member (application_id, seq, name, org_name, role, expert_id, id_number_tail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [id, i + 1, m.name, m.orgName ?? '', m.role ?? '', m.expertId ?? null, m.idNumber ? String(m.idNumber).slice(-4).toUpperCase() : null]);
        }
      } else if (c.kind === 'dates') {
        await tx.query(`UPDATE application SET contract = coalesce(contract, '{}'::jsonb) || jsonb_build_object('startOn', $2::text, 'endOn', $3::text) WHERE id = $1`,
          [id, c.detail.startOn, c.detail.endOn]);
      } else {
        await tx.query('UPDATE application SET budget = $2 WHERE id = $1', [id, JSON.stringify(c.detail.budget)]);
      }
      await tx.query('UPDATE application SET updated_at = now(), version = version + 1 WHERE id = $1', [id]);
    }
    await tx.query('UPDATE application_change SET status = $2, comment = $3, decided_by = $4, decided_at = now() WHERE id = $1',
      [changeId, b.approved ? 'approved' : 'rejected', b.comment?.trim() || null, actor.id]);
    await recordEvent(tx, actor, id, b.approved ? 'change_approve' : 'change_reject', a.status, a.status, b.comment?.trim() || null);
    await recordAudit(tx, audit, { action: b.approved ? 'application.change.approve' : 'application.change.reject', targetType: 'application', targetId: id,
      changes: { [c.kind]: { before: null, after: b.approved ? c.detail : null }, ...(b.comment ? { comment: { before: null, after: b.comment } } : {}) } });
    await notify(tx, { orgId: Number(a.org_id), kind: b.approved ? 'project.change_approved' : 'project.change_rejected', link: `/projects/mine?application=${id}`,
      title: b.approved ? [`项目变更已批准：${a.title}`, `Change approved: ${a.title}`] : [`项目变更未获批准：${a.title}`, `Change rejected: ${a.title}`],
      body: [b.comment ?? '', b.comment ?? ''] });
    return b.approved ? 'approved' : 'rejected';
  });
}

export async function listChanges(db: Queryable, applicationId: number) {
  const { rows } = await db.query('SELECT * FROM application_change WHERE application_id = $1 ORDER BY id', [applicationId]);
  return rows.map((c) => ({ id: Number(c.id), kind: c.kind as ChangeKind, detail: c.detail, reason: c.reason, status: c.status, comment: c.comment, createdAt: c.created_at, decidedAt: c.decided_at }));
}

/**
 * 查看完整号码: lists, details and exports show staff a masked mobile (138****1234); a staff member
 * of the firm's region (or an admin) who needs to phone it asks for the number explicitly, and
 * that request is audited — who saw whose number — in the same transaction as the read.
 */
import type { Database } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { enterpriseScope } from './registry';

export async function revealContactPhone(db: Database, actor: Actor, audit: AuditActor, id: number): Promise<{ contactName: string; contactPhone: string | null }> {
  // the firm itself already sees its own number; other roles never do
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  return db.transaction(async (tx) => {
    const where = enterpriseScope(actor);
    where.add('o.id = $?', id);
    const { rows: [row] } = await tx.query(`SELECT o.contact_name, o.contact_phone FROM organization o ${where}`, where.params);
    if (!row) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'enterprise.phone.reveal', targetType: 'enterprise', targetId: id });
    return { contactName: row.contact_name, contactPhone: row.contact_phone };
  });
}

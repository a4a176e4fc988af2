/**
 * What the 回避 rules judge, read from the registry in a few set-based queries: the experts of a
 * pool (organisation, region, declared relations, the organisations they co-operated with on a
 * project in the last three years) and the review items (applicant, partners, members).
 */
import type { ExpertFacts, ItemFacts } from '../../../domain/review/avoidance';
import type { Queryable } from '../../db/database';
import { FUNDED_STATUSES } from '../projects/workflow';

export interface PoolExpert extends ExpertFacts { fields: string[]; titleRank: string; status: string }

/** The experts of `expertIds` (or, without it, every expert of the province of `regionCode`), with their facts. */
export async function expertFacts(db: Queryable, opts: { expertIds?: number[]; provinceOf?: string }): Promise<Map<number, PoolExpert>> {
  const byIds = opts.expertIds != null;
  const { rows } = await db.query(
    byIds ? 'SELECT id, org_id, region_code, fields, title_rank, status FROM expert WHERE id = ANY($1::bigint[])'
      : `SELECT id, org_id, region_code, fields, title_rank, status FROM expert WHERE region_code IN (SELECT region_subtree($1)) ORDER BY id`,
    [byIds ? opts.expertIds : `${opts.provinceOf!.slice(0, 2)}0000`]);
  const experts = new Map<number, PoolExpert>();
  for (const x of rows) {
    experts.set(Number(x.id), { id: Number(x.id), orgId: x.org_id == null ? null : Number(x.org_id), regionCode: x.region_code, fields: x.fields,
      titleRank: x.title_rank, status: x.status, relations: [], cooperatedOrgIds: new Set() });
  }
  const ids = [...experts.keys()];
  if (!ids.length) return experts;
  const { rows: relations } = await db.query(
    `SELECT expert_id, org_id, person_name, valid_from::text AS valid_from, valid_to::text AS valid_to FROM expert_relation WHERE expert_id = ANY($1::bigint[])`, [ids]);
  for (const r of relations) {
    experts.get(Number(r.expert_id))!.relations.push({ orgId: r.org_id == null ? null : Number(r.org_id), personName: r.person_name, from: r.valid_from, to: r.valid_to });
  }
  // projects (approved and after) of the last three years the expert worked on or whose partner employed them
  const { rows: cooperation } = await db.query(
    `SELECT m.expert_id, a.org_id
       FROM application_member m JOIN application a ON a.id = m.application_id
      WHERE m.expert_id = ANY($1::bigint[]) AND a.status = ANY($2::text[]) AND a.created_at > now() - interval '3 years'
     UNION
     SELECT x.id, a.org_id
       FROM expert x JOIN application_partner p ON p.org_id = x.org_id JOIN application a ON a.id = p.application_id
      WHERE x.id = ANY($1::bigint[]) AND a.status = ANY($2::text[]) AND a.created_at > now() - interval '3 years'`,
    [ids, [...FUNDED_STATUSES, 'terminated']]);
  for (const c of cooperation) (experts.get(Number(c.expert_id))!.cooperatedOrgIds as Set<number>).add(Number(c.org_id));
  return experts;
}

export interface ReviewItem extends ItemFacts {
  id: number;
  field: string;
  status: string;
  /** experts on it now (not declined) */
  active: number[];
  /** every expert ever on it, declined ones included */
  everAssigned: number[];
}

/** The applications of a call in `statuses` (or `applicationIds`), with what the rules judge. */
export async function reviewItems(db: Queryable, callId: number, opts: { statuses?: string[]; applicationIds?: number[]; on: string }): Promise<ReviewItem[]> {
  const { rows } = await db.query(
    `SELECT a.id, a.org_id, a.region_code, a.field, a.status,
            coalesce((SELECT array_agg(p.org_id) FROM application_partner p WHERE p.application_id = a.id), '{}') AS partners,
            coalesce((SELECT array_agg(m.expert_id) FROM application_member m WHERE m.application_id = a.id AND m.expert_id IS NOT NULL), '{}') AS member_experts,
            coalesce((SELECT array_agg(m.name) FROM application_member m WHERE m.application_id = a.id), '{}') AS member_names,
            coalesce((SELECT array_agg(r.expert_id) FILTER (WHERE r.status <> 'declined') FROM review_assignment r WHERE r.application_id = a.id), '{}') AS active,
            coalesce((SELECT array_agg(r.expert_id) FROM review_assignment r WHERE r.application_id = a.id), '{}') AS ever
       FROM application a
      WHERE a.call_id = $1 AND ($2::text[] IS NULL OR a.status = ANY($2::text[])) AND ($3::bigint[] IS NULL OR a.id = ANY($3::bigint[]))
      ORDER BY a.id`,
    [callId, opts.statuses ?? null, opts.applicationIds ?? null]);
  const nums = (xs: unknown[]) => xs.filter((x) => x != null).map(Number);
  return rows.map((a) => ({
    id: Number(a.id), applicantOrgId: Number(a.org_id), regionCode: a.region_code, field: a.field, status: a.status,
    partnerOrgIds: nums(a.partners), memberExpertIds: nums(a.member_experts), memberNames: a.member_names, on: opts.on,
    active: nums(a.active), everAssigned: nums(a.ever),
  }));
}

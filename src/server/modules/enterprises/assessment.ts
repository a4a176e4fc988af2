/**
 * The eligibility assessment of stored enterprises: their profile, tier records and yearly
 * statistics turned into the engine's input (src/domain/eligibility), one or many at a time.
 */
import { assess } from '../../../domain/eligibility/assess';
import type { Assessment, AssessmentInput, DirectQualification, HightechField } from '../../../domain/eligibility/types';
import type { Queryable } from '../../db/database';
import type { Where } from '../../http/list-query';
import { statFromRow } from './stat-fields';

export interface StoredAssessment { id: number; name: string; regionCode: string; input: AssessmentInput; assessment: Assessment }

/**
 * Assessment inputs for every enterprise matched by `where` (built on `enterpriseScope`),
 * in two queries however many enterprises: profiles, then the statistics of the three years
 * before `asOf` and of its own year.
 */
export async function loadAssessmentInputs(db: Queryable, where: Where, asOf: string, limit = 200_000) {
  const dateParam = where.param(asOf);
  const { rows } = await db.query(
    `SELECT o.id, o.name, o.region_code, p.founded_on, p.industry_code, p.hightech_field, coalesce(p.owns_core_ip, false) AS owns_core_ip,
            coalesce(p.prohibited_industry, false) AS prohibited_industry, coalesce(p.direct_qualifications, '{}') AS direct_qualifications,
            EXISTS (SELECT 1 FROM enterprise_tier t WHERE t.org_id = o.id AND t.tier = 'high_tech'
                      AND t.issued_on <= ${dateParam}::date AND t.valid_until >= ${dateParam}::date) AS valid_high_tech
       FROM organization o LEFT JOIN enterprise_profile p ON p.org_id = o.id ${where} ORDER BY o.id LIMIT ${limit}`,
    where.params);
  const year = Number(asOf.slice(0, 4));
  const stats = await db.query(
    `SELECT * FROM enterprise_stat WHERE org_id = ANY($1::bigint[]) AND year BETWEEN $2 AND $3 ORDER BY org_id, year`,
    [rows.map((r) => r.id), year - 3, year]);
  const byOrg = new Map<number, any[]>();
  for (const s of stats.rows) {
    if (!byOrg.has(s.org_id)) byOrg.set(s.org_id, []);
    byOrg.get(s.org_id)!.push(s);
  }
  return rows.map((r) => {
    const years = byOrg.get(r.id) ?? [];
    const recent = years.filter((s) => s.year >= year - 1);
    const direct = new Set<DirectQualification>(r.direct_qualifications);
    if (r.valid_high_tech) direct.add('validHighTech');
    const input: AssessmentInput = {
      asOf,
      enterprise: {
        foundedOn: r.founded_on ?? asOf,
        industryCode: r.industry_code ?? '',
        hightechField: (r.hightech_field as HightechField) ?? null,
        ownsCoreIp: r.owns_core_ip,
        // 32号 and 115号 look at this year and the one before
        seriousIncident: recent.some((s) => s.serious_incident),
        abnormalListed: recent.some((s) => s.abnormal_listed),
        prohibitedIndustry: r.prohibited_industry,
        directQualifications: [...direct],
        years: years.filter((s) => s.year < year).map((s) => ({ year: s.year, ...(statFromRow(s) as any) })),
      },
    };
    return { id: r.id as number, name: r.name as string, regionCode: r.region_code as string, input };
  });
}

export async function assessStored(db: Queryable, where: Where, asOf: string, limit?: number): Promise<StoredAssessment[]> {
  const inputs = await loadAssessmentInputs(db, where, asOf, limit);
  return inputs.map((i) => ({ ...i, assessment: assess(i.input) }));
}

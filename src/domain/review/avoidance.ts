/**
 * 回避: the rules that keep an expert off an item they are too close to, as switchable data.
 * Pure: the facts are gathered by whoever assigns (SQL), the judgement is here, so that a hand
 * assignment, a bulk one and a random draw all judge alike. Used by project review and, as
 * they land, achievement evaluation, platform certification and competition judging.
 */
export const AVOIDANCE_RULES = ['same_org', 'partner_org', 'member', 'declared_relation', 'recent_cooperation', 'same_county'] as const;
export type AvoidanceRule = (typeof AVOIDANCE_RULES)[number];

/** When a call does not say: every rule but same_county, which only small regions want. */
export const DEFAULT_AVOIDANCE: AvoidanceRule[] = AVOIDANCE_RULES.filter((r) => r !== 'same_county');

export const AVOIDANCE_RULE_NAMES: Record<AvoidanceRule, readonly [zh: string, en: string]> = {
  same_org: ['专家与申报单位为同一单位', "The expert works for the applicant's organisation"],
  partner_org: ['专家来自合作单位', "The expert works for a partner organisation"],
  member: ['专家是项目组成员', 'The expert is a member of the application'],
  declared_relation: ['专家申报的回避关系', 'A relation the expert declared'],
  recent_cooperation: ['近三年与申报单位有项目合作', "Co-operated on a project of the applicant's organisation in the last three years"],
  same_county: ['专家与申报单位在同一县区', 'The expert and the applicant are in the same county'],
};

export interface DeclaredRelation { orgId: number | null; personName: string | null; from: string | null; to: string | null }

export interface ExpertFacts {
  id: number;
  orgId: number | null;
  regionCode: string;
  relations: DeclaredRelation[];
  /** Organisations whose projects of the last three years the expert was a member of, or came from a partner of. */
  cooperatedOrgIds: ReadonlySet<number>;
}

export interface ItemFacts {
  applicantOrgId: number;
  partnerOrgIds: readonly number[];
  memberExpertIds: readonly number[];
  memberNames: readonly string[];
  regionCode: string;
  /** The day the judgement is made (YYYY-MM-DD), for the date range of declared relations. */
  on: string;
}

/** The county of a region code (6 digits), or null for a province or a city. */
export function countyOf(code: string): string | null {
  return code.endsWith('00') ? null : code;
}

const normalName = (s: string) => s.replace(/\s+/g, '');

/** The first rule (in the order of AVOIDANCE_RULES) the assignment would break, or null. */
export function breachedRule(rules: readonly AvoidanceRule[], expert: ExpertFacts, item: ItemFacts): AvoidanceRule | null {
  const on = new Set(rules);
  const orgs = [item.applicantOrgId, ...item.partnerOrgIds];
  if (on.has('same_org') && expert.orgId != null && expert.orgId === item.applicantOrgId) return 'same_org';
  if (on.has('partner_org') && expert.orgId != null && item.partnerOrgIds.includes(expert.orgId)) return 'partner_org';
  if (on.has('member') && item.memberExpertIds.includes(expert.id)) return 'member';
  if (on.has('declared_relation')) {
    const names = new Set(item.memberNames.map(normalName));
    for (const r of expert.relations) {
      if ((r.from && item.on < r.from) || (r.to && item.on > r.to)) continue;
      if (r.orgId != null && orgs.includes(r.orgId)) return 'declared_relation';
      if (r.personName && names.has(normalName(r.personName))) return 'declared_relation';
    }
  }
  if (on.has('recent_cooperation') && expert.cooperatedOrgIds.has(item.applicantOrgId)) return 'recent_cooperation';
  if (on.has('same_county')) {
    const county = countyOf(item.regionCode);
    if (county && countyOf(expert.regionCode) === county) return 'same_county';
  }
  return null;
}

/**
 * Innovation platforms (创新平台, M4): the types, levels and statuses with their names, the
 * certification checklist's verdict, the suggested term of a certification and the rule by which a
 * platform counts in the indicators on a date. The types, checklists and yearly figures are data
 * (migration 020: platform_type, platform_condition, platform_metric); the codes here are the
 * same, for the web and the tests.
 */

export const PLATFORM_TYPES = [
  { code: 'key_lab', zh: '重点实验室', en: 'Key laboratory' },
  { code: 'engineering_center', zh: '工程技术研究中心', en: 'Engineering technology research centre' },
  { code: 'new_rd_institution', zh: '新型研发机构', en: 'New R&D institution' },
  { code: 'innovation_center', zh: '技术创新中心', en: 'Technology innovation centre' },
  { code: 'enterprise_tech_center', zh: '企业技术中心', en: 'Enterprise technology centre' },
  { code: 'incubator', zh: '科技企业孵化器', en: 'Technology business incubator' },
  { code: 'maker_space', zh: '众创空间', en: 'Maker space' },
  { code: 'star_space', zh: '星创天地', en: 'Rural maker space (星创天地)' },
  { code: 'agri_park', zh: '农业科技园区', en: 'Agricultural S&T park' },
  { code: 'hightech_zone', zh: '高新技术产业开发区', en: 'High-tech industrial development zone' },
  { code: 'transfer_demo_zone', zh: '科技成果转移转化示范区', en: 'Technology transfer demonstration zone' },
  { code: 'instrument_sharing', zh: '分析测试/科研仪器共享平台', en: 'Analysis, testing and instrument sharing platform' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type PlatformType = (typeof PLATFORM_TYPES)[number]['code'];
export const PLATFORM_TYPE_CODES = PLATFORM_TYPES.map((t) => t.code) as [PlatformType, ...PlatformType[]];

export const PLATFORM_LEVELS = ['national', 'provincial', 'city'] as const;
export type PlatformLevel = (typeof PLATFORM_LEVELS)[number];
export const LEVEL_NAMES: Record<PlatformLevel, [string, string]> = {
  national: ['国家级', 'National'], provincial: ['省级', 'Provincial'], city: ['市级', 'City'],
};

/** 筹建 / 认定 / 整改 / 撤销 */
export const PLATFORM_STATUSES = ['preparing', 'certified', 'rectifying', 'revoked'] as const;
export type PlatformStatus = (typeof PLATFORM_STATUSES)[number];
export const PLATFORM_STATUS_NAMES: Record<PlatformStatus, [string, string]> = {
  preparing: ['筹建', 'Preparing'], certified: ['认定', 'Certified'], rectifying: ['整改', 'Rectifying'], revoked: ['撤销', 'Revoked'],
};

export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'returned', 'recommended', 'formal_passed', 'under_review', 'reviewed', 'certified', 'refused', 'withdrawn',
] as const;
export type PlatformApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_NAMES: Record<PlatformApplicationStatus, [string, string]> = {
  draft: ['草稿', 'Draft'], submitted: ['待推荐', 'Awaiting recommendation'], returned: ['退回修改', 'Returned'],
  recommended: ['待形式审查', 'Awaiting formal check'], formal_passed: ['待专家评审', 'Awaiting expert review'],
  under_review: ['专家评审中', 'Under review'], reviewed: ['待认定', 'Awaiting decision'], certified: ['已认定', 'Certified'],
  refused: ['不予认定', 'Refused'], withdrawn: ['已撤回', 'Withdrawn'],
};

export function typeName(code: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const t = PLATFORM_TYPES.find((x) => x.code === code);
  return t ? (lang === 'en' ? t.en : t.zh) : code;
}

/**
 * Who decides a certification at a level: the city's bureau certifies city-level platforms; the
 * province's bureau provincial ones and recommends national ones upward (recording the result).
 * The region level (1 province, 2 city) a deciding staff member must be at or above.
 */
export function decidingRegionLevel(level: PlatformLevel): 1 | 2 {
  return level === 'city' ? 2 : 1;
}

/** One condition of a checklist as an application carries it, with the applicant's answer. */
export interface ChecklistItem {
  code: string; textZh: string; textEn: string; answer: 'yes_no' | 'number'; min: number | null;
  unitZh: string; unitEn: string; required: boolean; value: boolean | number | null; note?: string;
}

/** Why an item is not met: 'missing' (no answer), 'not_met' (a required tick absent or a figure below min). */
export type ChecklistProblem = { code: string; problem: 'missing' | 'not_met' };

/**
 * The checklist's verdict: every required item answered, every required tick given, every
 * figure at or above its minimum (a figure without a minimum only needs to be given).
 */
export function checklistProblems(items: ChecklistItem[]): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  for (const it of items) {
    if (it.answer === 'yes_no') {
      if (it.value == null) { if (it.required) out.push({ code: it.code, problem: 'missing' }); continue; }
      if (it.required && it.value !== true) out.push({ code: it.code, problem: 'not_met' });
      continue;
    }
    if (it.value == null || typeof it.value !== 'number' || !Number.isFinite(it.value)) {
      if (it.required) out.push({ code: it.code, problem: 'missing' });
      continue;
    }
    if (it.required && it.min != null && it.value < it.min) out.push({ code: it.code, problem: 'not_met' });
  }
  return out;
}

/** The suggested end of a certification's term: the day before the anniversary, `years` on. */
export function validUntil(certifiedOn: string, years: number | null): string | null {
  if (!years) return null;
  const [y, m, d] = certifiedOn.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years lands on 1 March: step back one day either way
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** A platform as the indicators see it. */
export interface PlatformStanding { status: PlatformStatus; level: PlatformLevel; type: string; certifiedOn: string | null; revokedOn: string | null }

/** Certified on or before `date` and not revoked by then (a 筹建 platform never counts). */
export function standingOn(p: PlatformStanding, date: string): boolean {
  if (p.status === 'preparing' || !p.certifiedOn) return false;
  return p.certifiedOn <= date && (p.revokedOn == null || p.revokedOn > date);
}

/** Counts in platforms_provincial_or_above on `date`. */
export const countsProvincialOrAbove = (p: PlatformStanding, date: string) => (p.level === 'provincial' || p.level === 'national') && standingOn(p, date);
/** Counts in new_rd_institutions on `date`. */
export const countsNewRdInstitution = (p: PlatformStanding, date: string) => p.type === 'new_rd_institution' && standingOn(p, date);

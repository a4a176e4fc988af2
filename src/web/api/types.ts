// Types of the /api/v1 contract, as the web app uses them.

export type Role = 'admin' | 'staff' | 'enterprise' | 'institution' | 'expert' | 'commissioner';
export const ROLES: Role[] = ['admin', 'staff', 'enterprise', 'institution', 'expert', 'commissioner'];

export type UserStatus = 'active' | 'pending' | 'rejected' | 'disabled';
export const USER_STATUSES: UserStatus[] = ['active', 'pending', 'rejected', 'disabled'];

export type OrgKind = 'enterprise' | 'institution';
export type OrgStatus = 'pending' | 'approved' | 'rejected';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  regionName: string | null;
  orgId: string | null;
  orgName: string | null;
  phone: string | null;
  mustChangePassword: boolean;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  regionCode: string | null;
  regionName: string | null;
  orgId: string | null;
  orgName: string | null;
  phone: string | null;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Organization {
  id: string;
  kind: OrgKind;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  contactName: string;
  contactPhone: string | null;
  status: OrgStatus;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: 1 | 2 | 3;
}

export interface AuditChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: Record<string, AuditChange> | null;
  /** the row in words, in the request's language, and the record's page */
  actionLabel: string;
  targetLabel: string | null;
  targetLink: string | null;
  changeList: { field: string; label: string; before: string; after: string }[];
}

export interface AuditVocabulary {
  actions: { value: string; label: string; group: string }[];
  targetTypes: { value: string; label: string }[];
  roles: { value: string; label: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Query of any list endpoint: paging, sort (`field` / `-field`), free text and filters. */
export type ListQuery = Record<string, string | number | undefined | null>;

export interface ImportRowError {
  row: number;
  /** The column header as the file has it (localised). */
  column: string;
  value: string;
  message: string;
}

// ─── Enterprises (M3) ────────────────────────────────────────────────────────

export type Tier = 'tech_sme' | 'provincial_innovative' | 'high_tech' | 'candidate';
export const TIERS: Tier[] = ['tech_sme', 'provincial_innovative', 'high_tech', 'candidate'];

export interface TierRecord {
  id: number;
  tier: Tier;
  year: number;
  registrationNo: string | null;
  certificateNo: string | null;
  issuedOn: string | null;
  validUntil: string | null;
}

export interface Enterprise {
  id: number;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  status: OrgStatus;
  address: string | null;
  legalRep: string | null;
  foundedOn: string | null;
  industryCode: string | null;
  industryName: string | null;
  hightechField: string | null;
  aboveScale: boolean;
  ownsCoreIp: boolean;
  prohibitedIndustry: boolean;
  directQualifications: string[];
  tags: string[];
  contactName: string;
  contactPhone: string | null;
  currentTiers: Tier[];
  tiers: TierRecord[];
  latestStatYear: number | null;
  version: number;
}

export interface EnterpriseProfileInput {
  address?: string | null;
  legalRep?: string | null;
  foundedOn?: string | null;
  industryCode?: string | null;
  hightechField?: string | null;
  aboveScale?: boolean;
  ownsCoreIp?: boolean;
  prohibitedIndustry?: boolean;
  directQualifications?: string[];
  tags?: string[];
}

export interface CreateEnterpriseInput extends EnterpriseProfileInput {
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  contactPhone: string;
}

export type StatStatus = 'draft' | 'submitted' | 'confirmed' | 'returned';

export interface StatValues {
  salesRevenue: number;
  totalRevenue: number;
  hightechRevenue: number;
  rdExpense: number;
  rdExpenseDomestic: number;
  totalCostExpense: number;
  staff: number;
  scienceStaff: number;
  rdStaff: number;
  totalAssets: number;
  totalLiabilities: number;
  ipClass1: number;
  ipClass2: number;
  transformations: number;
  hasRdInstitution: boolean;
  hasRdStaff: boolean;
  hasRdFunds: boolean;
  hasRdProjects: boolean;
  seriousIncident: boolean;
  abnormalListed: boolean;
}

export interface StatYear {
  year: number;
  values: StatValues;
  status: StatStatus;
  reviewComment: string | null;
  updatedAt: string;
  version: number;
}

export type ConditionStatus = 'met' | 'failed' | 'uncertain';

/** One eligibility condition, its message already in the request language. */
export interface AssessedCondition {
  code: string;
  status: ConditionStatus;
  value: number | string | boolean | null;
  threshold: number | string | boolean | null;
  message: string;
}

export interface ScoreRange {
  min: number;
  max: number;
}

export interface EnterpriseAssessment {
  enterpriseId: number;
  asOf: string;
  ruleSets: string[];
  highTech: {
    eligible: 'yes' | 'no' | 'uncertain';
    conditions: AssessedCondition[];
    score: ScoreRange & { parts: Record<string, ScoreRange> };
  };
  techSme: {
    eligible: 'yes' | 'no';
    path: 'score' | 'direct' | null;
    score: number;
    parts: { scienceStaff: number; rd: number; achievements: number };
    conditions: AssessedCondition[];
  };
  rdDeduction: {
    eligible: boolean;
    year: number | null;
    rdExpense: number;
    extraDeduction: number;
    taxRate: number;
    taxSaved: number;
    ruleSet: string;
    message: string;
  };
}

export interface TierCounts {
  year: number;
  techSme: number;
  provincialInnovative: number;
  highTech: number;
  candidate: number;
}

export interface Cultivation {
  year: number;
  /** the date the counts are as of (today, or the year's end once it is over); growth compares with previousAsOf */
  asOf: string;
  previousAsOf: string;
  counts: (TierCounts & { asOf: string })[];
  doubling: Record<'techSme' | 'highTech', { last: number; current: number; growthPct: number | null }>;
  fourHas: { year: number; basis: 'confirmed'; firms: number; institution: number; staff: number; funds: number; projects: number; allFour: number };
  /** which records the figures count, in words */
  basis: string;
  expiring: { id: number; name: string; regionCode?: string; regionName: string | null; certificateNo: string | null; issuedOn: string; validUntil: string }[];
  candidates: { id: number; name: string; regionCode: string; target: string; failed: number; uncertain: string[]; blocking: string[]; eligible: string }[];
}

export type EnterpriseImportKind = 'enterprises' | 'statistics';

export interface ImportResult {
  created: number;
  updated: number;
  rows: number;
}

/** One bad cell of an enterprise / statistics import. */
/** Problems of an enterprise import: the same shape as every import's. */
export type ImportProblem = ImportRowError;

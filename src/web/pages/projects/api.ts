// Typed endpoints of 项目管理 (M5): programmes and calls, applications, review assignments and the
// experts' reviews, the call board, the expert registry and the three-level reserve.
import { api, download } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';
import type { AvoidanceRule } from '../../../domain/review/avoidance';
import type { Criterion } from '../../../domain/review/ranking';
// type-only: the server's list of states, so that the one below cannot drift from it unnoticed
import type { ApplicationStatus as ServerStatus } from '../../../server/modules/projects/workflow';

export type { AvoidanceRule, Criterion };

/** Every state of an application, in the order of its life (src/server/modules/projects/workflow.ts). */
export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'recommended', 'returned', 'withdrawn', 'formal_passed', 'formal_failed', 'under_review', 'reviewed',
  'approved', 'not_approved', 'publicized', 'contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed', 'terminated',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
// compile-time check: the same states as the server's workflow, both ways
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameStatuses: Same<ApplicationStatus, ServerStatus> = true;
void _sameStatuses;

export const PROGRAMME_LEVELS = ['central', 'provincial', 'city', 'county'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];
export const CALL_STATES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type CallState = (typeof CALL_STATES)[number];
export const BUDGET_CATEGORIES = ['equipment', 'materials', 'testing', 'fuel', 'travel', 'publication', 'labour', 'consultation', 'indirect'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];
export const TITLE_RANKS = ['正高', '副高', '中级', '其他'] as const;
export type TitleRank = (typeof TITLE_RANKS)[number];
export const RESERVE_LEVELS = ['central', 'provincial', 'city'] as const;
export type ReserveLevel = (typeof RESERVE_LEVELS)[number];
export const RESERVE_STATUSES = ['reserve', 'arguing', 'applied', 'approved', 'dropped'] as const;
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];
export type OrgKind = 'enterprise' | 'institution';

export interface Programme {
  id: number; name: string; level: ProgrammeLevel; regionCode: string; regionName: string; description: string; calls: number;
}

export interface CallInput {
  programmeId: number; title: string; year: number; guide?: string; opensAt: string; closesAt: string; budget: number;
  eligibleKinds?: OrgKind[]; rubric: Criterion[]; reviewersPerApplication: number; blind: boolean; avoidance?: AvoidanceRule[];
  dropExtremes?: boolean; requiresRecommendation?: boolean; maxPerOrg?: number | null; noticeDays?: number; pledge?: string;
}

export interface Call extends Required<Omit<CallInput, 'maxPerOrg'>> {
  id: number; programmeName: string; programmeLevel: ProgrammeLevel; regionCode: string; regionName: string;
  maxPerOrg: number | null; status: 'draft' | 'published' | 'closed'; state: CallState; publishedAt: string | null; resultsOut: boolean;
  version: number; applications?: number;
}

export interface Member { name: string; orgName: string; role: string; expertId?: number | null; idNumber?: string | null }
export interface BudgetLine { category: BudgetCategory; own: number; requested: number }

export interface ApplicationInput {
  title: string; field: string; summary: string; requestedAmount: number; ownFunds?: number;
  members: Member[]; partnerOrgIds: number[]; budget?: BudgetLine[]; reserveItemId?: number | null;
}

export interface ApplicationSummary {
  id: number; callId: number; callTitle: string; callYear: number; orgId: number; orgName: string; regionCode: string; regionName: string;
  title: string; field: string; summary: string; requestedAmount: number; ownFunds: number; status: ApplicationStatus;
  needsRecommendation: boolean; submittedAt: string | null; approvedAmount: number | null; noticeFrom: string | null; noticeUntil: string | null;
  acceptance: string | null; createdAt: string; updatedAt: string; version: number; callState: CallState; paid: number;
  meanScore: number | null; reviewsSubmitted: number | null; reviewsAssigned: number | null;
}

export type TimelineAction = 'create' | 'submit' | 'withdraw' | 'recommend' | 'recommend_return' | 'formal_pass' | 'formal_return' | 'formal_fail'
  | 'start_review' | 'finish_review' | 'approve' | 'reject' | 'publicize' | 'contract' | 'midterm_pass' | 'midterm_fail'
  | 'accept_pass' | 'accept_fail' | 'close' | 'terminate' | 'objection' | 'tranche' | 'notice';
export interface TimelineEvent { action: TimelineAction; from: ApplicationStatus | null; to: ApplicationStatus; comment: string | null; at: string; actor: string | null }

export interface ApplicationDetail extends ApplicationSummary {
  formData: Record<string, unknown>; budget: BudgetLine[]; contract: { targets: string; startOn: string; endOn: string } | null;
  members: Member[]; partners: { id: number; name: string }[]; timeline: TimelineEvent[];
  tranches: { id: number; amount: number; paidOn: string; note: string }[];
}

export type AssignmentStatus = 'assigned' | 'declared' | 'submitted' | 'declined';
export interface Assignment {
  id: number; applicationId: number; expertId: number; expertName: string; expertOrg: string | null; status: AssignmentStatus;
  method: 'manual' | 'draw'; conflictReason: string | null; total: number | null; submittedAt: string | null; assignedAt: string;
}
export interface RankingItem {
  applicationId: number; rank: number | null; score: number | null; reviews: number; dropped: number[]; title: string; orgName: string; field: string;
  status: ApplicationStatus; requestedAmount: number; approvedAmount: number | null;
}
export interface Ranking { dropExtremes: boolean; budget: number; items: RankingItem[] }
export interface FundingPlan {
  budget: number; approved: number; planned: number; minScore: number;
  items: { applicationId: number; rank: number | null; score: number | null; title: string; orgName: string; requestedAmount: number; amount: number }[];
}
export interface Board {
  call: { id: number; title: string; budget: number; reviewersPerApplication: number };
  byStatus: Partial<Record<ApplicationStatus, number>>;
  reviews: Partial<Record<AssignmentStatus, number>>;
  distribution: { from: number; to: number; count: number }[];
  matrix: { assignmentId: number; applicationId: number; expertId: number; expertName: string; status: AssignmentStatus; total: number | null; outlier: boolean }[];
}

export interface MyReviewRow {
  id: number; applicationId: number; status: AssignmentStatus; callId: number; callTitle: string; title: string; field: string; orgName: string | null;
  blind: boolean; pledged: boolean; total: number | null; assignedAt: string; submittedAt: string | null;
}
export interface MyReview {
  id: number; applicationId: number; status: AssignmentStatus; scores: Record<string, number>; comment: string | null; total: number | null;
  submittedAt: string | null; callTitle: string; rubric: Criterion[]; blind: boolean; pledge: string; pledged: boolean;
  application: {
    title: string; field: string; orgName: string | null; regionName: string | null; summary: string | null; requestedAmount: number | null;
    ownFunds: number | null; formData: Record<string, unknown> | null; budget: BudgetLine[] | null;
    members: { name: string; orgName: string | null; role: string }[]; partners: string[];
  };
}

export interface ExpertInput {
  name: string; orgId?: number | null; orgName?: string | null; title: string; titleRank: TitleRank; fields: string[]; regionCode: string; phone: string;
  idNumber?: string | null;
}
export interface ExpertRelation { id: number; orgId: number | null; orgName: string | null; personName: string | null; reason: string; from: string | null; to: string | null }
export interface Expert {
  id: number; name: string; orgId: number | null; orgName: string; title: string; titleRank: TitleRank; fields: string[]; regionCode: string;
  regionName: string | null; phone: string; idNumber: string | null; status: 'active' | 'suspended'; username: string | null; reviews?: number;
  version: number; relations: ExpertRelation[];
}

export interface ReserveInput {
  level: ReserveLevel; regionCode: string; title: string; field: string; leadOrgId?: number | null; leadOrgName: string;
  estimatedInvestment: number; maturity: string; notes: string; status?: ReserveStatus;
}
export interface ReserveItem extends Required<Omit<ReserveInput, 'leadOrgId'>> {
  id: number; leadOrgId: number | null; regionName: string; applicationId: number | null; version: number; createdAt: string;
}

type StatusAnswer = { id: number; status: ApplicationStatus };

export const projectApi = {
  programmes: () => api.get<{ items: Programme[] }>('/programmes'),
  createProgramme: (body: { name: string; level: ProgrammeLevel; regionCode: string; description?: string }) => api.post<{ id: number }>('/programmes', body),

  calls: (query: ListQuery = {}) => api.get<{ items: Call[] }>('/calls', query),
  call: (id: number) => api.get<Call>(`/calls/${id}`),
  createCall: (body: CallInput) => api.post<{ id: number }>('/calls', body),
  updateCall: (id: number, body: CallInput & { version: number }) => api.put<Call>(`/calls/${id}`, body),
  publishCall: (id: number) => api.post<Call>(`/calls/${id}/publish`),
  closeCall: (id: number) => api.post<Call>(`/calls/${id}/close`),
  publishNotice: (id: number) => api.post<{ count: number; noticeFrom: string; noticeUntil: string }>(`/calls/${id}/notice`),

  applications: (query: ListQuery) => api.get<Page<ApplicationSummary>>('/applications', query),
  /** The call's downloads: applications with scores, the score matrix, the funded projects (Excel), the 立项公示 (Word). */
  callFile: (id: number, what: 'applications.xlsx' | 'reviews.xlsx' | 'funding.xlsx' | 'notice.docx') => download(`/calls/${id}/${what}`, undefined, what),
  /** The application, printable, or its 验收意见 (Word). */
  document: (id: number, what: 'print' | 'acceptance') => download(`/applications/${id}/${what}.docx`, undefined, `${what}.docx`),
  application: (id: number) => api.get<ApplicationDetail>(`/applications/${id}`),
  createApplication: (body: ApplicationInput & { callId: number }) => api.post<{ id: number }>('/applications', body),
  updateApplication: (id: number, body: ApplicationInput & { version: number }) => api.put<ApplicationDetail>(`/applications/${id}`, body),
  submit: (id: number) => api.post<StatusAnswer>(`/applications/${id}/submit`),
  withdraw: (id: number, comment?: string) => api.post<StatusAnswer>(`/applications/${id}/withdraw`, { comment }),
  recommend: (id: number, body: { result: 'recommend' | 'return'; comment?: string }) => api.post<StatusAnswer>(`/applications/${id}/recommend`, body),
  formalCheck: (id: number, body: { result: 'pass' | 'return' | 'fail'; comment?: string }) => api.post<StatusAnswer>(`/applications/${id}/formal-check`, body),
  decide: (id: number, body: { approved: boolean; amount?: number; comment?: string }) => api.post<StatusAnswer>(`/applications/${id}/decision`, body),
  objection: (id: number, comment: string) => api.post<void>(`/applications/${id}/objections`, { comment }),
  contract: (id: number, body: { targets: string; startOn: string; endOn: string }) => api.post<StatusAnswer>(`/applications/${id}/contract`, body),
  tranche: (id: number, body: { amount: number; paidOn: string; note?: string }) => api.post<{ id: number }>(`/applications/${id}/tranches`, body),
  midterm: (id: number, body: { result: 'pass' | 'fail'; comment?: string }) => api.post<StatusAnswer>(`/applications/${id}/midterm`, body),
  acceptance: (id: number, body: { result: 'passed' | 'passed_after_fix' | 'failed'; comment?: string }) => api.post<StatusAnswer>(`/applications/${id}/acceptance`, body),
  closeProject: (id: number) => api.post<StatusAnswer>(`/applications/${id}/close`),
  terminate: (id: number, comment: string) => api.post<StatusAnswer>(`/applications/${id}/terminate`, { comment }),

  autoAssign: (callId: number, seed?: string) =>
    api.post<{ assigned: number; unfilled: { applicationId: number; missing: number }[]; seed: string; drawId: number }>(`/calls/${callId}/assignments/auto`, seed ? { seed } : {}),
  assignments: (callId: number) => api.get<{ items: Assignment[] }>(`/calls/${callId}/assignments`),
  assign: (applicationId: number, expertIds: number[]) => api.post<{ assigned: number }>(`/applications/${applicationId}/assignments`, { expertIds }),
  unassign: (assignmentId: number, reason: string) => api.delete<void>(`/assignments/${assignmentId}?reason=${encodeURIComponent(reason)}`),
  ranking: (callId: number, dropExtremes?: boolean) => api.get<Ranking>(`/calls/${callId}/ranking`, { dropExtremes: dropExtremes == null ? undefined : String(dropExtremes) }),
  fundingPlan: (callId: number, minScore?: number) => api.get<FundingPlan>(`/calls/${callId}/funding-plan`, { minScore }),
  board: (callId: number) => api.get<Board>(`/calls/${callId}/board`),

  myReviews: (status?: string) => api.get<{ items: MyReviewRow[] }>('/reviews', { status }),
  myReview: (id: number) => api.get<MyReview>(`/reviews/${id}`),
  declare: (id: number, body: { conflict: boolean; pledge?: boolean; reason?: string }) => api.post<{ status: 'declared' | 'declined' }>(`/reviews/${id}/declare`, body),
  saveReview: (id: number, body: { scores: Record<string, number>; comment?: string }) => api.put<MyReview>(`/reviews/${id}`, body),
  submitReview: (id: number, body: { scores: Record<string, number>; comment?: string }) => api.post<{ id: number; status: 'submitted'; total: number }>(`/reviews/${id}/submit`, body),
};

export const expertApi = {
  list: (query: ListQuery) => api.get<Page<Expert>>('/experts', query),
  export: (query: ListQuery) => download('/experts/export', query, 'experts.xlsx'),
  template: () => download('/experts/template', undefined, 'experts-template.xlsx'),
  /** The Excel import: `dryRun=1` previews, `hash=…` imports what was previewed (components/ImportPreview). */
  import: (file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<Record<string, number>>(`/experts/import${query ? `?${query}` : ''}`, form);
  },
  get: (id: number) => api.get<Expert>(`/experts/${id}`),
  me: () => api.get<Expert>('/experts/me'),
  create: (body: ExpertInput) => api.post<{ id: number }>('/experts', body),
  update: (id: number, body: ExpertInput & { version: number }) => api.put<Expert>(`/experts/${id}`, body),
  suspend: (id: number) => api.post<Expert>(`/experts/${id}/suspend`),
  activate: (id: number) => api.post<Expert>(`/experts/${id}/activate`),
  addRelation: (id: number, body: { orgId?: number | null; personName?: string | null; reason: string; from?: string | null; to?: string | null }) =>
    api.post<{ id: number }>(`/experts/${id}/relations`, body),
  removeRelation: (id: number, relationId: number) => api.delete<void>(`/experts/${id}/relations/${relationId}`),
  createAccount: (id: number, body: { username: string; password: string }) => api.post<{ userId: number }>(`/experts/${id}/account`, body),
};

export const reserveApi = {
  list: (query: ListQuery) => api.get<Page<ReserveItem>>('/reserve', query),
  export: (query: ListQuery) => download('/reserve/export', query, 'reserve.xlsx'),
  create: (body: ReserveInput) => api.post<{ id: number }>('/reserve', body),
  update: (id: number, body: ReserveInput & { version: number }) => api.put<void>(`/reserve/${id}`, body),
};

// Typed endpoints of 科技大市场 (issue 13): achievements and demands, answers to demands, evaluations
// and good-achievement lists, matching, docking events and technology contract registration.
import { api, download } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';
import type { ContractType } from '../../../domain/tech-contracts';
import type { Criterion } from '../../../domain/review/ranking';

export type { ContractType, Criterion };

export const ACHIEVEMENT_TYPES = ['patent', 'software', 'plant_variety', 'technology', 'product', 'standard', 'other'] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number];
export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'co_development', 'service'] as const;
export const COOPERATION_MODES = [...TRANSFER_MODES, 'commissioned'] as const;
export const LISTING_STATUSES = ['draft', 'submitted', 'published', 'transferred', 'withdrawn', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const DEMAND_OUTCOMES = ['agreement', 'contract', 'failed'] as const;
export const ANSWER_STATUSES = ['submitted', 'shortlisted', 'rejected', 'picked', 'withdrawn'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const EVALUATION_CLASSES = ['basic_research', 'applied_research', 'technology_development'] as const;
export type EvaluationClass = (typeof EVALUATION_CLASSES)[number];
export const EVALUATION_STATUSES = ['requested', 'experts_assigned', 'scored', 'concluded', 'withdrawn'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVENT_STATUSES = ['draft', 'open', 'held', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const PAIRING_OUTCOMES = ['met', 'intent', 'agreement', 'contract'] as const;
export type PairingOutcome = (typeof PAIRING_OUTCOMES)[number];
export const CONTRACT_STATUSES = ['submitted', 'returned', 'accepted', 'refused'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

interface Listing {
  id: number; orgId: number; orgName: string; orgKind: 'enterprise' | 'institution'; regionCode: string; regionName: string;
  title: string; field: string; status: ListingStatus; publishedAt: string | null; createdAt: string; updatedAt: string; version: number;
}

export interface AchievementInput {
  title: string; type: AchievementType; field: string; maturity: number; ip?: string; inventors?: string; summary: string; text: string;
  transferModes: string[]; priceMin?: number | null; priceMax?: number | null; contact?: string; orgId?: number | null;
}
export interface Achievement extends Listing, Required<Omit<AchievementInput, 'orgId' | 'priceMin' | 'priceMax'>> {
  priceMin: number | null; priceMax: number | null;
}

export interface DemandInput {
  title: string; description: string; field: string; budgetMin?: number | null; budgetMax?: number | null; deadline?: string | null;
  cooperationModes: string[]; openTo: 'everyone' | 'invited'; invitedOrgIds: number[]; openCall: boolean; prize?: number | null; orgId?: number | null;
}
export interface Demand extends Listing, Omit<DemandInput, 'orgId'> {
  budgetMin: number | null; budgetMax: number | null; deadline: string | null; prize: number | null;
  pickedAnswerId: number | null; outcome: string | null; outcomeNote: string | null; outcomeAt: string | null;
}

export interface AnswerInput { proposal: string; plan?: string; price?: number | null; durationMonths?: number | null }
export interface Answer {
  id: number; demandId: number; demandTitle: string; demandOrgId: number; demandOrgName: string; demandStatus: string; openCall: boolean; prize: number | null;
  answerer: { kind: 'enterprise' | 'institution' | 'expert'; orgId: number | null; expertId: number | null; name: string; orgName: string };
  proposal: string; plan: string; price: number | null; durationMonths: number | null; status: AnswerStatus; decisionNote: string | null; decidedAt: string | null;
  attachments: { id: number; fileName: string; contentType: string; size: number }[]; createdAt: string; updatedAt: string; version: number;
}

export interface Evaluation {
  id: number; achievementId: number; achievementTitle: string; achievementType: AchievementType; field: string; maturity: number;
  orgId: number; orgName: string; regionCode: string; regionName: string; class: EvaluationClass; evaluatorType: string; criteria: Criterion[];
  expertsRequired: number; note: string | null; status: EvaluationStatus; requestedAt: string; score: number | null; level: string | null;
  levelName: string | null; levelNameEn: string | null; opinion: string | null; concludedAt: string | null; updatedAt: string; version: number;
  experts: { active: number; submitted: number };
}
export interface EvaluationAssignment {
  id: number; expertId: number; expertName: string; expertOrg: string | null; expertTitle: string | null; status: 'assigned' | 'declared' | 'submitted' | 'declined';
  method: 'manual' | 'draw'; conflictReason: string | null; scores: Record<string, number> | null; comment: string | null; total: number | null;
  assignedAt: string; submittedAt: string | null;
}
export interface EvaluationDetail extends Evaluation {
  panelScore: number | null; criterionMeans: { code: string; name: string; weight: number; max: number; mean: number | null }[];
  assignments: EvaluationAssignment[]; opinions?: string[];
}
export interface CriteriaSet { class: EvaluationClass; evaluatorType: string; criteria: Criterion[]; expertsPerEvaluation: number; version: number }
export interface Level { code: string; nameZh: string; nameEn: string; sort: number }
export interface EvaluationReviewRow {
  id: number; evaluationId: number; status: 'assigned' | 'declared' | 'submitted'; class: EvaluationClass; title: string; field: string; orgName: string;
  total: number | null; assignedAt: string; submittedAt: string | null;
}
export interface EvaluationReview {
  id: number; evaluationId: number; status: 'assigned' | 'declared' | 'submitted'; class: EvaluationClass; criteria: Criterion[];
  scores: Record<string, number> | null; comment: string | null; total: number | null; submittedAt: string | null;
  achievement: { id: number; title: string; type: AchievementType; field: string; maturity: number; orgName: string; inventors: string | null;
    summary: string | null; text: string | null; ip: string | null };
}

export interface GoodBatch {
  id: number; regionCode: string; regionName: string; title: string; period: 'monthly' | 'quarterly'; periodOf: string; intro: string | null;
  status: 'draft' | 'published'; publishedAt: string | null; updatedAt: string; version: number; itemCount: number;
}
export interface GoodBatchItem {
  evaluationId: number; seq: number; note: string | null; achievementId: number; title: string; field: string; orgName: string; regionName: string;
  class: EvaluationClass; score: number | null; level: string | null; levelName: string | null; levelNameEn: string | null; achievementStatus?: string;
}
export interface GoodCandidate {
  evaluationId: number; achievementId: number; title: string; field: string; orgName: string; class: EvaluationClass; score: number; level: string;
  levelName: string | null; concludedAt: string;
}
export interface GoodBatchInput { title: string; period: 'monthly' | 'quarterly'; periodOf: string; intro?: string; items: { evaluationId: number; note?: string }[] }

// ---- matching

export interface MatchReasons { terms: string[]; field: 'same' | 'other'; region: 'same_region' | 'same_province' | 'elsewhere'; maturity?: 'fits' | 'early' }
export type Mark = 'useful' | 'dismissed' | null;
export interface AchievementMatch {
  id: number; score: number; reasons: MatchReasons; title: string; orgName: string; regionName: string; field: string; maturity: number; type: AchievementType;
  summary?: string | null; mark: Mark; pushed?: boolean;
}
export interface ExpertMatch {
  id: number; score: number; reasons: MatchReasons; name: string; orgName: string | null; title: string | null; regionName: string; fields: string[];
  expertise?: string | null; mark: Mark;
}
export interface DemandMatches { demand?: { id: number; title: string; terms: string[] }; achievements: AchievementMatch[]; experts: ExpertMatch[] }
export interface DemandMatch { id: number; score: number; reasons: MatchReasons; title: string; orgName: string; regionName: string; field: string; deadline?: string | null }
export interface AchievementMatches { achievement?: { id: number; title: string; terms: string[] }; demands: DemandMatch[] }

// ---- docking events

export interface EventInput {
  title: string; theme?: string; field?: string | null; startsAt: string; endsAt?: string | null; place?: string; organiser?: string;
  regionCode?: string | null; capacity?: number | null;
}
export interface DockingEvent extends Required<Omit<EventInput, 'field' | 'endsAt' | 'regionCode' | 'capacity'>> {
  id: number; field: string | null; endsAt: string | null; regionCode: string; regionName: string; capacity: number | null; status: EventStatus;
  counts: { registrations: number; pending: number; pairings: number; outcomes: Record<PairingOutcome, number> };
  myRegistration: { id: number; status: string } | null; version: number;
}
export interface Registration {
  id: number; eventId: number; orgId: number; orgName: string; orgKind: string; regionName: string; demands: { id: number; title: string }[];
  achievements: { id: number; title: string }[]; attendees: number; note: string; status: 'pending' | 'confirmed' | 'declined' | 'withdrawn';
  decisionNote: string | null; createdAt: string;
}
export interface Pairing {
  id: number; eventId: number; demand: { id: number; title: string; orgId: number; orgName: string }; achievement: { id: number; title: string } | null;
  supplier: { orgId: number; name: string; kind: string }; note: string; outcome: PairingOutcome | null; contractNo: string | null; outcomeNote: string | null;
  version: number;
}

// ---- technology contracts

export interface ContractInput {
  number: string; name: string; type: ContractType; subType?: string | null; sellerOrgId?: number | null; buyerName: string; buyerUscc?: string | null;
  buyerRegionCode: string; signedOn: string; termFrom?: string | null; termTo?: string | null; field: string; amount: number; nonTechnicalAmount: number;
  paymentPlan?: string; disputed?: boolean;
}
export interface Contract extends Omit<ContractInput, 'sellerOrgId'> {
  id: number; sellerOrgId: number; sellerName: string; regionCode: string; regionName: string; technicalAmount: number; status: ContractStatus;
  filedOn: string; ruleSet: string; dueOn: string | null; registrationNo: string | null; decidedOn: string | null; reason: string | null; attachments: number;
  createdAt: string; updatedAt: string; version: number;
}
interface Sums { count: number; amount: number; technicalAmount: number }
export interface ContractStats extends Sums {
  region: { code: string; name: string }; year: number; previous: Sums;
  growth: { count: number | null; amount: number | null; technicalAmount: number | null };
  byMonth: (Sums & { month: number; previousAmount: number })[];
  byType: (Sums & { key: ContractType })[];
  byField: (Sums & { key: string })[];
  byBuyerPlace: (Sums & { key: 'local' | 'province' | 'outside' })[];
  byRegion: (Sums & { code: string; name: string })[];
  flows: (Sums & { from: string; fromName: string; to: 'local' | 'province' | 'outside' })[];
}

const upload = <T>(path: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<T>(path, form);
};
type Moved = { id: number; status: string };

function listingApi<T, I>(base: '/achievements' | '/demands') {
  return {
    list: (query: ListQuery) => api.get<Page<T>>(base, query),
    get: (id: number) => api.get<T>(`${base}/${id}`),
    create: (body: I) => api.post<{ id: number }>(base, body),
    update: (id: number, body: I & { version: number }) => api.put<T>(`${base}/${id}`, body),
    submit: (id: number) => api.post<Moved>(`${base}/${id}/submit`),
    publish: (id: number, comment?: string) => api.post<Moved>(`${base}/${id}/publish`, { comment }),
    return: (id: number, comment: string) => api.post<Moved>(`${base}/${id}/return`, { comment }),
    end: (id: number, status: string, comment?: string) => api.post<Moved>(`${base}/${id}/end`, { status, comment }),
  };
}

export const achievementApi = {
  ...listingApi<Achievement, AchievementInput>('/achievements'),
  template: () => download('/achievements/template', undefined, 'achievements-template.xlsx'),
  import: (file: File, query = '') => upload<Record<string, number>>(`/achievements/import${query ? `?${query}` : ''}`, file),
  matches: (id: number) => api.get<AchievementMatches>(`/achievements/${id}/matches`),
};

export const demandApi = {
  ...listingApi<Demand, DemandInput>('/demands'),
  answers: (id: number, status?: string) => api.get<Page<Answer>>(`/demands/${id}/answers`, { status, pageSize: 100 }),
  answer: (id: number, body: AnswerInput) => api.post<{ id: number }>(`/demands/${id}/answers`, body),
  outcome: (id: number, body: { outcome: string; note?: string; version?: number }) => api.post<unknown>(`/demands/${id}/outcome`, body),
  matches: (id: number) => api.get<DemandMatches>(`/demands/${id}/matches`),
};

export const answerApi = {
  list: (query: ListQuery) => api.get<Page<Answer>>('/answers', query),
  get: (id: number) => api.get<Answer>(`/answers/${id}`),
  update: (id: number, body: AnswerInput & { version: number }) => api.put<Answer>(`/answers/${id}`, body),
  withdraw: (id: number) => api.post<Moved>(`/answers/${id}/withdraw`),
  decide: (id: number, action: 'shortlist' | 'reject' | 'pick', note?: string) => api.post<Moved>(`/answers/${id}/${action}`, { note }),
  attach: (id: number, file: File) => upload<unknown>(`/answers/${id}/attachments`, file),
  file: (id: number, fileId: number, name: string) => download(`/answers/${id}/attachments/${fileId}`, undefined, name),
};

export const matchApi = {
  mark: (body: { demandId: number; achievementId?: number; expertId?: number; mark: Mark; rank?: number; score?: number }) => api.post<unknown>('/matches/mark', body),
  push: (body: { demandId: number; achievementId: number; score?: number }) => api.post<unknown>('/matches/push', body),
};

export const evaluationApi = {
  criteria: () => api.get<{ sets: CriteriaSet[]; levels: Level[] }>('/evaluation-criteria'),
  request: (achievementId: number, body: { class: EvaluationClass; note?: string; expertsRequired?: number }) =>
    api.post<{ id: number }>(`/achievements/${achievementId}/evaluations`, body),
  list: (query: ListQuery) => api.get<Page<Evaluation>>('/evaluations', query),
  get: (id: number) => api.get<EvaluationDetail>(`/evaluations/${id}`),
  assign: (id: number, expertIds: number[]) => api.post<unknown>(`/evaluations/${id}/assignments`, { expertIds }),
  draw: (id: number) => api.post<{ assigned: number; unfilled: number; seed: string }>(`/evaluations/${id}/assignments/auto`, {}),
  conclude: (id: number, body: { level: string; opinion: string }) => api.post<unknown>(`/evaluations/${id}/conclude`, body),
  withdraw: (id: number, reason?: string) => api.post<unknown>(`/evaluations/${id}/withdraw`, { reason }),
  report: (id: number) => download(`/evaluations/${id}/report.docx`, undefined, 'evaluation.docx'),
  myReviews: (status?: string) => api.get<{ items: EvaluationReviewRow[] }>('/evaluation-reviews', { status }),
  myReview: (id: number) => api.get<EvaluationReview>(`/evaluation-reviews/${id}`),
  declare: (id: number, body: { conflict: boolean; pledge?: boolean; reason?: string }) => api.post<unknown>(`/evaluation-reviews/${id}/declare`, body),
  save: (id: number, body: { scores: Record<string, number>; comment?: string }) => api.put<unknown>(`/evaluation-reviews/${id}`, body),
  submitReview: (id: number, body: { scores: Record<string, number>; comment?: string }) => api.post<unknown>(`/evaluation-reviews/${id}/submit`, body),
};

export const goodBatchApi = {
  list: (query: ListQuery) => api.get<Page<GoodBatch>>('/good-batches', query),
  get: (id: number) => api.get<GoodBatch & { items: GoodBatchItem[] }>(`/good-batches/${id}`),
  candidates: () => api.get<{ items: GoodCandidate[] }>('/good-batches/candidates'),
  create: (body: GoodBatchInput) => api.post<{ id: number }>('/good-batches', body),
  update: (id: number, body: GoodBatchInput & { version: number }) => api.put<unknown>(`/good-batches/${id}`, body),
  remove: (id: number) => api.delete<void>(`/good-batches/${id}`),
  publish: (id: number) => api.post<unknown>(`/good-batches/${id}/publish`),
};

export const dockingApi = {
  list: (query: ListQuery) => api.get<Page<DockingEvent>>('/docking-events', query),
  get: (id: number) => api.get<DockingEvent>(`/docking-events/${id}`),
  create: (body: EventInput) => api.post<{ id: number }>('/docking-events', body),
  update: (id: number, body: EventInput & { version: number }) => api.put<DockingEvent>(`/docking-events/${id}`, body),
  remove: (id: number) => api.delete<void>(`/docking-events/${id}`),
  move: (id: number, step: 'open' | 'held' | 'close') => api.post<Moved>(`/docking-events/${id}/${step}`),
  registrations: (id: number) => api.get<{ items: Registration[] }>(`/docking-events/${id}/registrations`),
  register: (id: number, body: { demandIds: number[]; achievementIds: number[]; attendees?: number; note?: string }) =>
    api.post<{ id: number }>(`/docking-events/${id}/registrations`, body),
  decide: (id: number, rid: number, action: 'confirm' | 'decline' | 'withdraw', reason?: string) =>
    api.post<Moved>(`/docking-events/${id}/registrations/${rid}/${action}`, action === 'decline' ? { reason } : {}),
  pairings: (id: number) => api.get<{ items: Pairing[] }>(`/docking-events/${id}/pairings`),
  pair: (id: number, body: { demandId: number; achievementId?: number | null; supplierOrgId?: number | null; note?: string }) =>
    api.post<{ id: number }>(`/docking-events/${id}/pairings`, body),
  unpair: (id: number, pid: number) => api.delete<void>(`/docking-events/${id}/pairings/${pid}`),
  outcome: (id: number, pid: number, body: { outcome: PairingOutcome; contractNo?: string | null; note?: string | null; version: number }) =>
    api.post<Pairing>(`/docking-events/${id}/pairings/${pid}/outcome`, body),
  pairingsFile: (id: number) => download(`/docking-events/${id}/pairings.xlsx`, undefined, 'pairings.xlsx'),
};

export const contractApi = {
  list: (query: ListQuery) => api.get<Page<Contract>>('/tech-contracts', query),
  export: (query: ListQuery) => download('/tech-contracts/export.xlsx', query, 'technology-contracts.xlsx'),
  get: (id: number) => api.get<Contract>(`/tech-contracts/${id}`),
  file: (body: ContractInput) => api.post<{ id: number }>('/tech-contracts', body),
  refile: (id: number, body: ContractInput & { version: number }) => api.put<Contract>(`/tech-contracts/${id}`, body),
  return: (id: number, reason: string) => api.post<Moved>(`/tech-contracts/${id}/return`, { reason }),
  decide: (id: number, body: { accepted: boolean; reason?: string | null }) => api.post<Moved & { registrationNo?: string }>(`/tech-contracts/${id}/decision`, body),
  certificate: (id: number) => download(`/tech-contracts/${id}/certificate.docx`, undefined, 'certificate.docx'),
  attachments: (id: number) => api.get<{ items: { id: number; fileName: string; contentType: string; size: number; createdAt?: string }[] }>(`/tech-contracts/${id}/attachments`),
  attach: (id: number, file: File) => upload<unknown>(`/tech-contracts/${id}/attachments`, file),
  attachment: (id: number, fileId: number, name: string) => download(`/tech-contracts/${id}/attachments/${fileId}`, undefined, name),
  stats: (query: { region?: string; year: number }) => api.get<ContractStats>('/tech-contracts/stats', query),
};

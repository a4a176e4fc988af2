// Typed endpoints of 创新平台 (issue 14 items 6, 7): the registry, the catalogue (types, checklists,
// figures), certification applications and the experts' certification reviews.
import { api, download } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';
import type { Criterion } from '../../../domain/review/ranking';
import type { ChecklistItem, PlatformApplicationStatus, PlatformLevel, PlatformStatus } from '../../../domain/platforms';

export type { ChecklistItem, PlatformApplicationStatus, PlatformLevel, PlatformStatus };

export interface Platform {
  id: number; name: string; type: string; level: PlatformLevel; status: PlatformStatus; hostOrgId: number; hostName: string; regionCode: string; regionName: string;
  field: string; intro: string; address: string; authority: string; certifiedOn: string | null; certificateNo: string | null; validUntil: string | null;
  statusReason: string | null; revokedOn: string | null; source: 'workflow' | 'entered'; coHosts: string[]; createdAt: string; updatedAt: string; version: number;
}
export interface Metric { code: string; nameZh: string; nameEn: string; unitZh: string; unitEn: string; kind: 'count' | 'money' | 'hours' }
export interface PlatformDetail extends Platform {
  hosts: { orgId: number; name: string; lead: boolean }[];
  figures: { year: number; figures: Record<string, number>; version: number; updatedAt: string }[];
  metrics: Metric[];
  events: { id: number; action: string; fromStatus: string | null; toStatus: string; level: string; onDate: string; comment: string | null; actorName: string | null; at: string }[];
  applications: { id: number; level: PlatformLevel; status: PlatformApplicationStatus; submittedAt: string | null; certifiedOn: string | null }[];
}
export interface PlatformInput {
  name: string; type: string; level: PlatformLevel; hostOrgId: number; regionCode: string; status: PlatformStatus; field?: string; intro?: string;
  address?: string; authority?: string; certifiedOn?: string | null; certificateNo?: string | null; validUntil?: string | null; coHostOrgIds?: number[];
}
export interface Condition {
  id: number; type: string; level: PlatformLevel | null; code: string; seq: number; textZh: string; textEn: string; answer: 'yes_no' | 'number'; min: number | null;
  unitZh: string; unitEn: string; required: boolean; active: boolean; version: number;
}
export interface Catalogue {
  types: { code: string; nameZh: string; nameEn: string; incubation: boolean; validityYears: number | null; expertsPerReview: number; conditions: Condition[]; metrics: string[] }[];
  metrics: Metric[];
}

export interface Application {
  id: number; orgId: number; orgName: string; regionCode: string; regionName: string; platformId: number | null; name: string; type: string; level: PlatformLevel;
  field: string; intro: string; coHostOrgIds: number[]; checklist: ChecklistItem[]; criteria: Criterion[]; expertsRequired: number; status: PlatformApplicationStatus;
  submittedAt: string | null; score: number | null; decisionReason: string | null; certificateNo: string | null; certifiedOn: string | null; validUntil: string | null;
  attachments: number; experts: { active: number; submitted: number }; createdAt: string; updatedAt: string; version: number;
}
export interface ApplicationDetail extends Application {
  coHosts: { id: number; name: string }[];
  events: { id: number; action: string; fromStatus: string | null; toStatus: string; comment: string | null; actorName: string | null; at: string }[];
  panelScore: number | null;
  assignments: { id: number; expertId: number; expertName: string; expertOrg: string; expertTitle: string; status: string; method: string; conflictReason: string | null;
    scores: Record<string, number>; comment: string; total: number | null; submittedAt: string | null }[];
  opinions: string[];
}
export interface ApplicationInput {
  name: string; type: string; level: PlatformLevel; field?: string; intro?: string; coHostOrgIds?: number[]; platformId?: number | null;
  checklist?: { code: string; value: boolean | number | null; note?: string }[];
}
export interface CertReview {
  id: number; applicationId: number; status: 'assigned' | 'declared' | 'submitted'; criteria: Criterion[]; scores: Record<string, number>; comment: string;
  total: number | null; submittedAt: string | null;
  application: { name: string; type: string; level: PlatformLevel; field: string; orgName: string; intro: string | null; checklist: ChecklistItem[] | null };
}
export interface CertReviewItem {
  id: number; applicationId: number; status: string; name: string; type: string; level: PlatformLevel; field: string; orgName: string; total: number | null;
  assignedAt: string; submittedAt: string | null;
}

type Moved = { id: number; status: string };
const upload = <T>(path: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<T>(path, form);
};

export const platformApi = {
  list: (query: ListQuery) => api.get<Page<Platform>>('/platforms', query),
  export: (query: ListQuery) => download('/platforms/export.xlsx', query, 'platforms.xlsx'),
  get: (id: number) => api.get<PlatformDetail>(`/platforms/${id}`),
  create: (body: PlatformInput) => api.post<{ id: number }>('/platforms', body),
  update: (id: number, body: Partial<PlatformInput> & { version: number }) => api.put<PlatformDetail>(`/platforms/${id}`, body),
  status: (id: number, action: 'revoke' | 'rectify' | 'restore', reason?: string) => api.post<Moved>(`/platforms/${id}/${action}`, { reason: reason ?? null }),
  figures: (id: number, year: number, body: { figures: Record<string, number | null>; version?: number | null }) =>
    api.put<{ year: number; figures: Record<string, number>; version: number }>(`/platforms/${id}/figures/${year}`, body),
  catalogue: () => api.get<Catalogue>('/platforms/catalogue'),
  updateCondition: (id: number, body: Omit<Condition, 'id' | 'type'>) => api.put<Condition>(`/platforms/catalogue/conditions/${id}`, body),
};

export const applicationApi = {
  list: (query: ListQuery) => api.get<Page<Application>>('/platform-applications', query),
  get: (id: number) => api.get<ApplicationDetail>(`/platform-applications/${id}`),
  create: (body: ApplicationInput & { submit?: boolean }) => api.post<{ id: number }>('/platform-applications', body),
  update: (id: number, body: ApplicationInput & { version: number }) => api.put<ApplicationDetail>(`/platform-applications/${id}`, body),
  submit: (id: number, version?: number) => api.post<Moved>(`/platform-applications/${id}/submit`, { version }),
  withdraw: (id: number) => api.post<Moved>(`/platform-applications/${id}/withdraw`),
  act: (id: number, action: 'recommend' | 'return' | 'formal-pass' | 'formal-fail' | 'refuse', comment?: string) =>
    api.post<Moved>(`/platform-applications/${id}/${action}`, { comment: comment ?? null }),
  assign: (id: number, expertIds: number[]) => api.post<{ assigned: number }>(`/platform-applications/${id}/experts`, { expertIds }),
  draw: (id: number) => api.post<{ assigned: number; unfilled: number; seed: string }>(`/platform-applications/${id}/draw`, {}),
  certify: (id: number, body: { certificateNo: string; certifiedOn?: string | null; validUntil?: string | null; comment?: string | null }) =>
    api.post<Moved & { platformId: number; validUntil: string | null }>(`/platform-applications/${id}/certify`, body),
  attachments: (id: number) => api.get<{ items: { id: number; fileName: string; contentType: string; size: number }[] }>(`/platform-applications/${id}/attachments`),
  attach: (id: number, file: File) => upload<unknown>(`/platform-applications/${id}/attachments`, file),
  attachment: (id: number, fileId: number, name: string) => download(`/platform-applications/${id}/attachments/${fileId}`, undefined, name),
};

export const certReviewApi = {
  mine: () => api.get<{ items: CertReviewItem[] }>('/platform-certification-reviews'),
  get: (id: number) => api.get<CertReview>(`/platform-certification-reviews/${id}`),
  declare: (id: number, body: { conflict: boolean; pledge?: boolean; reason?: string }) => api.post<{ status: string }>(`/platform-certification-reviews/${id}/declare`, body),
  save: (id: number, body: { scores: Record<string, number>; comment?: string }) => api.put<CertReview>(`/platform-certification-reviews/${id}`, body),
  submit: (id: number, body: { scores?: Record<string, number>; comment?: string }) => api.post<{ status: string; total: number }>(`/platform-certification-reviews/${id}/submit`, body),
};

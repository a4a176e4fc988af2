// Typed endpoints of /api/v1/policies and /api/v1/portal used by the policy and portal pages.
import { api, download, readCookie, uiLanguage, API_BASE, ApiError } from '../../api/client';
import type { ListQuery } from '../../api/types';

export type PolicyLevel = 'national' | 'provincial' | 'city' | 'county';
export type PolicyStatus = 'draft' | 'in_force' | 'amended' | 'repealed' | 'expired';
export const LEVELS: PolicyLevel[] = ['national', 'provincial', 'city', 'county'];
export const STATUSES: PolicyStatus[] = ['draft', 'in_force', 'amended', 'repealed', 'expired'];
export const BENEFIT_KINDS = ['subsidy', 'tax', 'finance', 'talent', 'platform'] as const;

export interface Facet { value: string; count: number }
export interface PolicyItem {
  id: number; title: string; docNumber: string | null; issuer: string; level: PolicyLevel; regionCode: string | null; regionName: string | null;
  categories: string[]; status: PolicyStatus; issuedOn: string | null; effectiveOn: string | null; expiresOn: string | null; summary: string;
  highlight: string; titleHighlight: string;
}
export interface PolicySearch {
  items: PolicyItem[]; total: number; page: number; pageSize: number; fuzzy: boolean;
  /** no policy had every word: these have some, the most first */
  relaxed?: boolean;
  facets: { level: Facet[]; status: Facet[]; issuer: Facet[]; category: Facet[]; year: Facet[] };
}
export const TIERS = ['tech_sme', 'provincial_innovative', 'high_tech', 'candidate'] as const;
export type Tier = (typeof TIERS)[number];
/** requires: the statuses a firm must hold to enjoy it (absent: what the conditions say it must not yet hold) */
export interface Benefit { kind: (typeof BENEFIT_KINDS)[number]; description: string; amount?: string | null; requires?: Tier[] }
export interface PolicyInput {
  title: string; docNumber?: string | null; issuer: string; level: PolicyLevel; regionCode?: string | null; categories: string[];
  issuedOn?: string | null; effectiveOn?: string | null; expiresOn?: string | null; status: Exclude<PolicyStatus, 'expired'>;
  summary: string; text: string; interpretation: string; benefits: Benefit[]; conditions?: Record<string, unknown> | null;
}
export interface PolicyDetail extends PolicyInput {
  id: number; effectiveStatus: PolicyStatus; regionName: string | null; canEdit?: boolean; version: number; updatedAt: string;
  relations: { kind: 'amends' | 'replaces' | 'repeals'; direction: 'in' | 'out'; id: number; title: string; docNumber: string | null; status: PolicyStatus }[];
  attachments: { id: number; fileName: string; contentType: string; size: number }[];
}
export interface Category { code: string; name: string; nameEn: string; sort: number; active: boolean; version?: number }
export interface Check { key: string; met: boolean; required: string; actual: string }
export interface MatchedPolicy {
  policy: { id: number; title: string; docNumber: string | null; issuer: string; level: PolicyLevel; issuedOn: string | null; benefits: Benefit[] }; met: Check[]; missing: Check[];
  /** the firm holds what these need */
  enjoyNow: Benefit[];
  /** these follow a status it does not hold yet: `after` says which (认定为高新技术企业后可享受) */
  applyFor: (Benefit & { requires: Tier[]; after: string })[];
}
export interface SynonymGroup { id: number; terms: string[]; note: string; active: boolean; version: number; updatedAt: string }
export interface MatchedEnterprise { id: number; name: string; uscc: string; regionName: string; contactName: string; contactPhone: string | null; currentTiers: string[]; missing: Check[] }
export interface Review {
  id: number; title: string; regionCode: string; regionName: string; status: 'open' | 'closed'; note: string; createdAt: string; closedAt: string | null; version: number;
  total?: number; decided?: number;
  items?: { policyId: number; title: string; docNumber: string | null; issuer: string; policyStatus: string; issuedOn: string | null; decision: 'keep' | 'amend' | 'repeal' | null;
    reason: string; replacementId: number | null; replacementTitle: string | null; version: number }[];
}
export interface Notice { id: number; title: string; body: string; regionCode: string | null; regionName: string | null; publishedOn: string }

/** POSTs JSON and saves the file the server answers with (booklet). */
async function postDownload(path: string, body: unknown, fallbackName: string) {
  const response = await fetch(`${API_BASE}${path}`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': uiLanguage(), 'X-XSRF-TOKEN': readCookie('XSRF-TOKEN') ?? '' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const json = await response.json().catch(() => null);
    throw new ApiError(response.status, json?.error?.code ?? 'ERROR', json?.error?.message ?? response.statusText, json?.error?.fields);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = star ? decodeURIComponent(star[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const policyApi = {
  search: (query: ListQuery) => api.get<PolicySearch>('/policies', query),
  export: (query: ListQuery) => download('/policies/export', query, 'policies.xlsx'),
  get: (id: number) => api.get<PolicyDetail>(`/policies/${id}`),
  create: (body: PolicyInput) => api.post<PolicyDetail>('/policies', body),
  update: (id: number, body: Partial<PolicyInput> & { version: number }) => api.patch<PolicyDetail>(`/policies/${id}`, body),
  remove: (id: number) => api.delete<void>(`/policies/${id}`),
  categories: () => api.get<{ items: Category[] }>('/policies/categories'),
  /** adds a category (no version) or changes one (the version read) */
  saveCategory: (c: Category) => api.put<{ items: Category[] }>(`/policies/categories/${encodeURIComponent(c.code)}`, c),
  addAttachment: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<PolicyDetail>(`/policies/${id}/attachments`, form);
  },
  removeAttachment: (id: number, attachmentId: number) => api.delete<PolicyDetail>(`/policies/${id}/attachments/${attachmentId}`),
  extract: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ text: string; title: string | null; docNumber: string | null; issuedOn: string | null }>('/policies/extract', form);
  },
  import: (file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ created: number; rows: number }>(`/policies/import${query ? `?${query}` : ''}`, form);
  },
  template: () => download('/policies/template', undefined, 'policy-template.xlsx'),
  addRelation: (id: number, kind: string, targetId: number) => api.post<PolicyDetail>(`/policies/${id}/relations`, { kind, targetId }),
  booklet: (body: { ids?: number[]; search?: ListQuery; title: string; compiler?: string }) => postDownload('/policies/booklet', body, 'booklet.docx'),
  enterprises: (id: number) => api.get<{ matchable: boolean; qualifies: MatchedEnterprise[]; near: MatchedEnterprise[] }>(`/policies/${id}/enterprises`),
  pushList: (id: number) => download(`/policies/${id}/enterprises/export`, undefined, 'push-list.xlsx'),
  forEnterprise: (orgId: number | string) => api.get<{ enterpriseName: string; statYear: number | null; qualifies: MatchedPolicy[]; near: MatchedPolicy[] }>(`/enterprises/${orgId}/policies`),
  synonyms: () => api.get<{ items: SynonymGroup[] }>('/policies/synonyms'),
  addSynonym: (body: { terms: string[]; note: string; active: boolean }) => api.post<{ id: number; items: SynonymGroup[] }>('/policies/synonyms', body),
  saveSynonym: (id: number, body: { terms: string[]; note: string; active: boolean; version: number }) => api.put<{ items: SynonymGroup[] }>(`/policies/synonyms/${id}`, body),
  reviews: () => api.get<{ items: Review[] }>('/policies/reviews'),
  review: (id: number) => api.get<Review>(`/policies/reviews/${id}`),
  createReview: (body: { title: string; note: string; policyIds: number[] }) => api.post<Review>('/policies/reviews', body),
  decide: (id: number, policyId: number, body: { decision: string; reason: string; replacementId?: number | null; version: number }) =>
    api.put<Review>(`/policies/reviews/${id}/items/${policyId}`, body),
  closeReview: (id: number, version: number) => api.post<Review>(`/policies/reviews/${id}/close`, { version }),
  reviewReport: (id: number) => download(`/policies/reviews/${id}/report`, undefined, 'review.docx'),
};

export const portalApi = {
  search: (query: ListQuery) => api.get<PolicySearch>('/portal/policies', query),
  get: (id: number) => api.get<PolicyDetail>(`/portal/policies/${id}`),
  notices: (query: ListQuery) => api.get<{ items: Notice[]; total: number }>('/portal/notices', query),
  publishNotice: (body: { title: string; body: string; regionCode?: string | null; publishedOn?: string }) => api.post<{ id: number }>('/portal/notices', body),
};

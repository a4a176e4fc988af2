// Typed endpoints of /api/v1/enterprises used by the enterprise pages.
import { api, download } from '../../api/client';
import type {
  Cultivation,
  CreateEnterpriseInput,
  Enterprise,
  EnterpriseAssessment,
  EnterpriseImportKind,
  EnterpriseProfileInput,
  ImportResult,
  ListQuery,
  Page,
  StatValues,
  StatYear,
  Tier,
} from '../../api/types';

export interface NewTierInput {
  tier: Tier;
  year: number;
  registrationNo?: string | null;
  certificateNo?: string | null;
  issuedOn?: string | null;
}

export const enterpriseApi = {
  list: (query: ListQuery) => api.get<Page<Enterprise>>('/enterprises', query),
  export: (query: ListQuery) => download('/enterprises/export', query, 'enterprises.xlsx'),
  create: (body: CreateEnterpriseInput) => api.post<Enterprise>('/enterprises', body),
  get: (id: number) => api.get<Enterprise>(`/enterprises/${id}`),
  update: (id: number, body: EnterpriseProfileInput & { version: number }) => api.patch<Enterprise>(`/enterprises/${id}`, body),
  stats: (id: number) => api.get<{ items: StatYear[] }>(`/enterprises/${id}/stats`),
  saveStats: (id: number, year: number, values: StatValues, version: number) =>
    api.put<StatYear>(`/enterprises/${id}/stats/${year}`, { values, version }),
  review: (id: number, year: number, action: 'submit' | 'confirm' | 'return', version: number, comment?: string) =>
    api.post<StatYear>(`/enterprises/${id}/stats/${year}/${action}`, { version, ...(comment ? { comment } : {}) }),
  addTier: (id: number, body: NewTierInput) => api.post<Enterprise>(`/enterprises/${id}/tiers`, body),
  removeTier: (id: number, tierId: number) => api.delete<Enterprise>(`/enterprises/${id}/tiers/${tierId}`),
  /** The full contact mobile (staff of the region, admins); the server audits the request. */
  revealPhone: (id: number) => api.post<{ contactName: string; contactPhone: string | null }>(`/enterprises/${id}/contact-phone`),
  assessment: (id: number, asOf?: string) => api.get<EnterpriseAssessment>(`/enterprises/${id}/assessment`, { asOf }),
  cultivation: (query: { regionCode?: string; year?: number }) => api.get<Cultivation>('/enterprises/cultivation', query),
  template: (kind: EnterpriseImportKind) => download('/enterprises/template', { kind }, `${kind}-template.xlsx`),
  /** `query`: dryRun=1 for the preview, hash=… (and again=1) to confirm. */
  import: (kind: EnterpriseImportKind, file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<ImportResult>(`/enterprises/import?kind=${kind}${query ? `&${query}` : ''}`, form);
  },
};

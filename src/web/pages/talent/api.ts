// Typed endpoints of 人才库 (issue 14, M8): talent records with their service rows and payments,
// 创新创业团队 and 引才引智基地.
import { api, download } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';
import type { BaseLevel, FlexibleKind, TalentCategory, TalentStatus } from '../../../domain/talent';

export type { BaseLevel, FlexibleKind, TalentCategory, TalentStatus };

export interface Talent {
  id: number; expertId: number; name: string; personOrg: string; title: string; titleRank: string; fields: string[]; phone: string | null;
  personRegionCode: string; category: TalentCategory; flexibleKind: FlexibleKind | null; hostOrgId: number; hostName: string; hostUscc: string;
  regionCode: string; regionName: string; agreementNo: string; from: string; to: string; daysPerYear: number; year: number;
  promised: number; done: number; paid: number; outcomes: string[]; status: TalentStatus; version: number;
}
export interface ServiceRow { id: number; date: string; days: number; content: string; version: number }
export interface Payment { id: number; date: string; amount: number; note: string }
export interface TalentDetail extends Talent { services: ServiceRow[]; payments: Payment[] }

export interface PersonInput { name: string; orgName: string; title: string; titleRank: string; fields: string[]; regionCode: string; phone: string }
export interface TalentTerms {
  category: TalentCategory; flexibleKind?: FlexibleKind | null; hostOrgId: number; agreementNo?: string; from: string; to: string;
  daysPerYear: number; outcomes?: string[]; status?: TalentStatus;
}

export interface Team {
  id: number; name: string; hostOrgId: number; hostName: string; regionCode: string; regionName: string; field: string; agreementNo: string;
  from: string; to: string; outcomes: string[]; status: TalentStatus; leaderName: string | null; memberCount: number; paid: number; version: number;
}
export interface TeamDetail extends Team {
  members: { expertId: number; name: string; org: string; title: string; phone: string | null; leader: boolean }[];
  payments: Payment[];
}
export interface TeamInput {
  name: string; hostOrgId: number; field: string; agreementNo?: string; from: string; to: string; outcomes?: string[]; leaderId: number; memberIds: number[];
  status?: TalentStatus;
}

export interface Base {
  id: number; orgId: number; orgName: string; orgKind: string; regionCode: string; regionName: string; level: BaseLevel; designatedOn: string;
  documentNo: string; field: string; status: 'active' | 'revoked'; activeTalent: number; allTalent: number; version: number;
}
export interface BaseInput { level: BaseLevel; designatedOn: string; documentNo?: string; field?: string; status?: 'active' | 'revoked' }

export const talentApi = {
  list: (query: ListQuery) => api.get<Page<Talent> & { year: number }>('/talent', query),
  export: (query: ListQuery) => download('/talent/export', query, 'talent.xlsx'),
  template: () => download('/talent/template', undefined, 'talent-template.xlsx'),
  /** dryRun=1 previews, hash=… imports what was previewed (components/ImportPreview) */
  import: (file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<Record<string, number>>(`/talent/import${query ? `?${query}` : ''}`, form);
  },
  get: (id: number, year?: number) => api.get<TalentDetail>(`/talent/${id}`, { year }),
  create: (body: TalentTerms & { expertId?: number | null; person?: PersonInput | null }) => api.post<{ id: number; expertId: number }>('/talent', body),
  update: (id: number, body: TalentTerms & { version: number }) => api.put<TalentDetail>(`/talent/${id}`, body),
  addService: (id: number, body: { date: string; days: number; content: string }) => api.post<{ id: number }>(`/talent/${id}/services`, body),
  updateService: (id: number, serviceId: number, body: { date: string; days: number; content: string; version: number }) =>
    api.put<TalentDetail>(`/talent/${id}/services/${serviceId}`, body),
  removeService: (id: number, serviceId: number) => api.delete<void>(`/talent/${id}/services/${serviceId}`),
  addPayment: (id: number, body: { date: string; amount: number; note?: string }) => api.post<{ id: number }>(`/talent/${id}/payments`, body),
  removePayment: (id: number, paymentId: number) => api.delete<void>(`/talent/${id}/payments/${paymentId}`),
};

export const teamApi = {
  list: (query: ListQuery) => api.get<Page<Team>>('/talent-teams', query),
  get: (id: number) => api.get<TeamDetail>(`/talent-teams/${id}`),
  create: (body: TeamInput) => api.post<{ id: number }>('/talent-teams', body),
  update: (id: number, body: TeamInput & { version: number }) => api.put<TeamDetail>(`/talent-teams/${id}`, body),
  addPayment: (id: number, body: { date: string; amount: number; note?: string }) => api.post<{ id: number }>(`/talent-teams/${id}/payments`, body),
};

export const baseApi = {
  list: (query: ListQuery) => api.get<Page<Base>>('/talent-bases', query),
  get: (id: number) => api.get<Base & { talent: Talent[] }>(`/talent-bases/${id}`),
  create: (body: BaseInput & { orgId: number }) => api.post<{ id: number }>('/talent-bases', body),
  update: (id: number, body: BaseInput & { version: number }) => api.put<Base & { talent: Talent[] }>(`/talent-bases/${id}`, body),
};

// Typed endpoints of /api/v1 used by the pages.
import { api, download } from './client';
import type {
  AuditEntry,
  AuditVocabulary,
  CurrentUser,
  ListQuery,
  Organization,
  OrgKind,
  Page,
  Region,
  Role,
  UserRow,
} from './types';

export * from './client';
export * from './types';
export * from './inbox';

export interface RegisterInput {
  kind: OrgKind;
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  phone: string;
  username: string;
  password: string;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  regionCode?: string;
  phone?: string;
  password: string;
}

export const authApi = {
  health: () => api.get<{ status: string; database: string }>('/health'),
  login: (body: { username: string; password: string } | { phone: string; password: string }) =>
    api.post<{ user: CurrentUser }>('/auth/login', body),
  logout: () => api.post<void>('/auth/logout'),
  me: () => api.get<{ user: CurrentUser }>('/auth/me'),
  changePassword: (body: { oldPassword: string; newPassword: string }) => api.post<void>('/auth/password', body),
  register: (body: RegisterInput) => api.post<{ id: string; status: 'pending' }>('/auth/register', body),
};

export const regionApi = {
  list: () => api.get<{ items: Region[] }>('/regions'),
  create: (body: { code: string; name: string; parentCode: string | null }) => api.post<Region>('/regions', body),
  rename: (code: string, name: string) => api.patch<Region>(`/regions/${encodeURIComponent(code)}`, { name }),
  import: (file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ created: number; updated: number }>(`/regions/import${query ? `?${query}` : ''}`, form);
  },
  template: () => download('/regions/template', undefined, 'regions-template.xlsx'),
};

export const userApi = {
  list: (query: ListQuery) => api.get<Page<UserRow>>('/users', query),
  export: (query: ListQuery) => download('/users/export', query, 'users.xlsx'),
  create: (body: CreateUserInput) => api.post<UserRow>('/users', body),
  disable: (id: string) => api.post<UserRow>(`/users/${id}/disable`),
  enable: (id: string) => api.post<UserRow>(`/users/${id}/enable`),
  resetPassword: (id: string) => api.post<{ temporaryPassword: string }>(`/users/${id}/reset-password`, {}),
};

export const orgApi = {
  list: (query: ListQuery) => api.get<Page<Organization>>('/organizations', query),
  get: (id: string | number) => api.get<Organization>(`/organizations/${id}`),
  export: (query: ListQuery) => download('/organizations/export', query, 'organizations.xlsx'),
  approve: (id: string) => api.post<Organization>(`/organizations/${id}/approve`),
  reject: (id: string, reason: string) => api.post<Organization>(`/organizations/${id}/reject`, { reason }),
};

export const auditApi = {
  list: (query: ListQuery) => api.get<Page<AuditEntry>>('/audit', query),
  export: (query: ListQuery) => download('/audit/export', query, 'audit.xlsx'),
  vocabulary: () => api.get<AuditVocabulary>('/audit/vocabulary'),
};

// 科技特派员 (M8): the web's types and calls of the server's API (src/server/modules/commissioners).
import { api, download, type ListQuery } from '../../api';

export type CommissionerKind = 'individual' | 'legal' | 'team';
export type EmployerKind = 'university' | 'institute' | 'enterprise' | 'public_institution' | 'cooperative' | 'other';
export type ServiceType = 'promotion' | 'training' | 'consultation' | 'demonstration' | 'entrepreneurship';
export type DispatchStatus = 'proposed' | 'active' | 'ended' | 'cancelled';
export type LogStatus = 'submitted' | 'confirmed';
export type Rating = 'excellent' | 'good' | 'pass' | 'fail';

export const KINDS: CommissionerKind[] = ['individual', 'legal', 'team'];
export const EMPLOYER_KINDS: EmployerKind[] = ['university', 'institute', 'enterprise', 'public_institution', 'cooperative', 'other'];
export const SERVICE_TYPES: ServiceType[] = ['promotion', 'training', 'consultation', 'demonstration', 'entrepreneurship'];
export const DISPATCH_STATUSES: DispatchStatus[] = ['proposed', 'active', 'ended', 'cancelled'];
export const RATINGS: Rating[] = ['excellent', 'good', 'pass', 'fail'];

export interface Commissioner {
  id: number; kind: CommissionerKind; name: string; orgId: number | null; orgName: string; employerKind: EmployerKind; title: string;
  phone: string; fields: string[]; regionCode: string; regionName: string; leaderId: number | null; leaderName: string | null;
  memberCount: number; userId: string | number | null; username: string | null; status: string; activeDispatches: number;
  daysThisYear: number; version: number;
}
export interface CommissionerDetail extends Commissioner { members: { id: number; name: string }[]; dispatches: Dispatch[] }

export interface DispatchTarget {
  id: number; villageCode: string | null; villageName: string | null; townshipName: string | null;
  orgId: number | null; orgName: string | null; confirmedAt: string | null;
}
export interface Dispatch {
  id: number; commissionerId: number; commissionerName: string; commissionerKind: CommissionerKind; regionCode: string;
  from: string; to: string; endedOn: string | null; status: DispatchStatus; agreementNo: string; tasks: string;
  commissionerConfirmedAt: string | null; targets: DispatchTarget[]; version: number;
}

export interface LogPhoto { id: number; fileName: string; contentType: string; size: number }
export interface ServiceLog {
  id: number; clientId: string; dispatchId: number; commissionerId: number; commissionerName: string; authorId: string | number;
  date: string; villageCode: string | null; villageName: string | null; townshipName: string | null; orgId: number | null; orgName: string | null;
  days: number; serviceType: ServiceType; content: string; technologies: string; varieties: string; problemsSolved: number; trained: number;
  orgsFounded: number; orgsServed: number; jobsCreated: number; incomeRaised: number; latitude: number | null; longitude: number | null;
  status: LogStatus; confirmedAt: string | null; feedbackScore: number | null; feedback: string | null; photos: LogPhoto[];
  canEdit: boolean; canConfirm: boolean; version: number;
}

export interface Coverage {
  region: string; regionName: string; date: string; villages: number; covered: number; share: number; percent: number;
  uncovered: { code: string; name: string; townshipCode: string; townshipName: string }[];
  byTownship: { code: string; name: string; villages: number; covered: number; share: number }[];
  byCounty: { code: string; name: string; villages: number; covered: number; share: number }[];
}
export interface Progress {
  date: string; expectedShare: number; behind: number;
  items: { commissionerId: number; name: string; kind: CommissionerKind; orgName: string; regionCode: string; days: number; visits: number;
    minDays: number; minVisits: number; expectedDays: number; expectedVisits: number; behind: boolean }[];
}
export interface RatingRow {
  commissionerId: number; name: string; kind: CommissionerKind; days: number; visits: number; feedbackAvg: number | null; score: number;
  computed: Rating; rating: Rating | null; note: string | null; decidedAt: string | null;
}

type Page<T> = { items: T[]; total: number };
export type CommissionerInput = {
  name: string; kind?: CommissionerKind; orgId?: number | null; orgName?: string; employerKind?: EmployerKind; title?: string; phone: string;
  fields: string[]; regionCode: string; leaderId?: number | null; memberIds?: number[]; version?: number;
};
export type LogInput = Omit<ServiceLog, 'id' | 'clientId' | 'commissionerId' | 'commissionerName' | 'authorId' | 'villageName' | 'townshipName' | 'orgName'
  | 'status' | 'confirmedAt' | 'feedbackScore' | 'feedback' | 'photos' | 'canEdit' | 'canConfirm' | 'version' | 'villageCode' | 'orgId'
  | 'latitude' | 'longitude'> & { villageCode?: string; orgId?: number; latitude?: number; longitude?: number };

export const commissionerApi = {
  list: (query: ListQuery) => api.get<Page<Commissioner>>('/commissioners', query),
  get: (id: number) => api.get<CommissionerDetail>(`/commissioners/${id}`),
  create: (body: CommissionerInput) => api.post<{ id: number }>('/commissioners', body),
  update: (id: number, body: CommissionerInput) => api.put<Commissioner>(`/commissioners/${id}`, body),
  account: (id: number, body: { username: string; password: string }) => api.post<{ userId: string }>(`/commissioners/${id}/account`, body),
  export: (query: ListQuery) => download('/commissioners/export', query, 'commissioners.xlsx'),
  me: () => api.get<{ commissioners: Commissioner[]; dispatches: Dispatch[] }>('/commissioners/me'),

  dispatches: (query: ListQuery) => api.get<Page<Dispatch>>('/dispatches', query),
  createDispatch: (body: { commissionerId: number; villageCodes: string[]; orgIds?: number[]; from: string; to: string; agreementNo?: string; tasks?: string }) =>
    api.post<{ id: number }>('/dispatches', body),
  confirmDispatch: (id: number) => api.post<Dispatch>(`/dispatches/${id}/confirm`),
  endDispatch: (id: number, body: { endedOn: string; reason: string }) => api.post<Dispatch>(`/dispatches/${id}/end`, body),

  logs: (query: ListQuery) => api.get<Page<ServiceLog>>('/service-logs', query),
  updateLog: (id: number, body: Partial<LogInput> & { version: number }) => api.put<ServiceLog>(`/service-logs/${id}`, body),
  confirmLog: (id: number, body: { feedbackScore?: number; feedback?: string }) => api.post<ServiceLog>(`/service-logs/${id}/confirm`, body),
  addPhoto: (id: number, file: File, clientId: string) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ id: number }>(`/service-logs/${id}/photos?clientId=${encodeURIComponent(clientId)}`, form);
  },
  deletePhoto: (id: number, photoId: number) => api.delete<void>(`/service-logs/${id}/photos/${photoId}`),
  photoUrl: (id: number, photoId: number) => `/api/v1/service-logs/${id}/photos/${photoId}`,

  coverage: (region: string, date: string) => api.get<Coverage>('/commissioner-coverage', { region, date }),
  progress: (region: string, date: string) => api.get<Progress>('/commissioner-progress', { region, date }),
  ratings: (year: number, region: string) => api.get<{ year: number; items: RatingRow[] }>('/commissioner-ratings', { year, region }),
  decideRating: (body: { commissionerId: number; year: number; rating: Rating; note?: string }) => api.post<unknown>('/commissioner-ratings', body),
};

export interface Locality { code: string; name: string; parentCode?: string | null; townshipCode?: string; townshipName?: string }

/**
 * A county's townships with their villages, for the dispatch form's village picker: one request to
 * GET /regions/:county/villages when the server has it, else the townships and each one's villages.
 */
export async function countyVillages(county: string): Promise<{ code: string; name: string; villages: { code: string; name: string }[] }[]> {
  try {
    const answer = await api.get<{ items: Locality[] } | Locality[]>(`/regions/${county}/villages`, { limit: 5000 });
    const items = Array.isArray(answer) ? answer : answer.items;
    const towns = new Map<string, { code: string; name: string; villages: { code: string; name: string }[] }>();
    for (const v of items) {
      const town = v.townshipCode ?? v.parentCode ?? v.code.slice(0, 9);
      if (!towns.has(town)) towns.set(town, { code: town, name: v.townshipName ?? town, villages: [] });
      towns.get(town)!.villages.push({ code: v.code, name: v.name });
    }
    if (towns.size) return [...towns.values()];
  } catch {
    // not there (yet): ask township by township
  }
  const townships = await api.get<{ items: Locality[] }>('/regions', { parent: county });
  return Promise.all(townships.items.map(async (t) => ({
    code: t.code, name: t.name,
    villages: (await api.get<{ items: Locality[] }>('/regions', { parent: t.code })).items.map((v) => ({ code: v.code, name: v.name })),
  })));
}

/** react-query keys shared by the commissioner's pages. */
export const ME_KEY = ['commissioners', 'me'] as const;
export const MY_LOGS_KEY = ['commissioners', 'my-logs'] as const;

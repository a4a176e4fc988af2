// Typed endpoints of the platform evaluation (绩效评价) and the platform dashboard.
import { api, download } from '../../api/client';

export const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_COLORS: Record<Rating, string> = { excellent: '#389e0d', good: '#1677ff', pass: '#faad14', fail: '#cf1322' };
export const LEVELS = ['national', 'provincial', 'city'] as const;
export type Level = (typeof LEVELS)[number];

export interface PlatformDashboard {
  region: { code: string; name: string }; year: number; asOf: string; total: number; provincialOrAbove: number;
  byType: { code: string; nameZh: string; nameEn: string; count: number; levels: Record<Level, number> }[];
  byLevel: { level: Level; count: number }[];
  byRegion: { code: string; name: string; own: boolean; count: number; provincialOrAbove: number }[];
  growth: { year: number; certified: number; revoked: number; total: number }[];
  ratings: ({ year: number } & Record<Rating, number>)[];
}

export interface Round { id: number; regionCode: string; regionName: string; year: number; deadline: string; status: 'open' | 'closed'; due: number; reported: number; rated: number }
export interface NonReporter { id: number; name: string; type: string; level: Level; regionName: string; hostName: string | null; draft: boolean }
export interface Report {
  id: number; platformId: number; platformName: string; platformType: string; typeNameZh: string; typeNameEn: string; platformLevel: Level; platformStatus: string;
  year: number; regionName: string; hostName: string | null; status: 'draft' | 'submitted' | 'rated'; score: number | null; rating: Rating | null;
  submittedAt: string | null; ratedAt: string | null; reviewers: number; reviewed: number;
}
export interface Proposal {
  id: number; platformId: number; platformName: string; platformLevel: Level; hostName: string | null; regionName: string; year: number;
  reason: 'two_failures' | 'not_reported'; status: 'proposed' | 'revoked' | 'kept'; note: string; proposedAt: string;
}

export interface Criterion { code: string; name: string; weight: number; max: number }
export interface Metric { code: string; nameZh: string; nameEn: string; unitZh: string; unitEn: string; kind: 'count' | 'money' | 'hours' }
export interface ReportDetail extends Report {
  figures: Record<string, number>; narrative: string; opinion: string; metrics: Metric[]; criteria: Criterion[]; deadline: string; roundStatus: string;
  grades: Partial<Record<Rating, string>> | null; version: number;
  attachments: { id: number; fileName: string; size: number }[];
  reviews: { id: number; expertId: number; expertName: string; expertOrg: string | null; status: string; total: number | null; comment: string; conflictReason: string | null }[];
}
export interface MyPlatform {
  id: number; name: string; type: string; level: Level; status: string;
  round: { id: number; year: number; deadline: string; status: string } | null;
  report: { id: number; status: 'draft' | 'submitted' | 'rated'; rating: Rating | null; score: number | null } | null;
}
export interface MyReview { id: number; reportId: number; status: 'assigned' | 'submitted'; total: number | null; year: number; platformName: string; hostName: string | null; assignedAt: string }
export interface MyReviewDetail {
  id: number; status: 'assigned' | 'submitted'; scores: Record<string, number>; comment: string; total: number | null; criteria: Criterion[];
  report: { year: number; platformName: string; hostName: string | null; figures: Record<string, number>; narrative: string; metrics: Metric[] };
}

export const platformEvaluationApi = {
  dashboard: (q: { region?: string; year?: number }) => api.get<PlatformDashboard>('/platforms/dashboard', q),
  rounds: (year?: number) => api.get<{ items: Round[] }>('/platform-evaluation/rounds', year ? { year } : undefined),
  openRound: (b: { regionCode: string; year: number; deadline: string }) => api.post<{ id: number }>('/platform-evaluation/rounds', b),
  nonReporters: (id: number) => api.get<{ items: NonReporter[] }>(`/platform-evaluation/rounds/${id}/non-reporters`),
  closeRound: (id: number) => api.post<{ proposed: number }>(`/platform-evaluation/rounds/${id}/close`),
  reports: (q: { year?: number; rating?: string; status?: string; page?: number; pageSize?: number }) =>
    api.get<{ items: Report[]; total: number; page: number; pageSize: number }>('/platform-reports', q),
  exportReports: (q: { year?: number }) => download('/platform-reports/export.xlsx', q.year ? { year: q.year } : undefined, `platform-evaluation-${q.year ?? 'all'}.xlsx`),
  proposals: () => api.get<{ items: Proposal[] }>('/platform-revocation-proposals'),
  report: (id: number) => api.get<ReportDetail>(`/platform-reports/${id}`),
  saveReport: (b: { platformId: number; year: number; figures: Record<string, number>; narrative: string; version?: number }) => api.post<ReportDetail>('/platform-reports', b),
  submitReport: (id: number) => api.post<ReportDetail>(`/platform-reports/${id}/submit`),
  attach: (id: number, file: File) => { const form = new FormData(); form.append('file', file); return api.upload(`/platform-reports/${id}/attachments`, form); },
  assign: (id: number, expertIds: number[]) => api.post(`/platform-reports/${id}/reviewers`, { expertIds }),
  rate: (id: number, b: { scores?: Record<string, number>; opinion: string }) => api.post<ReportDetail>(`/platform-reports/${id}/rate`, b),
  schemes: () => api.get<{ items: { type: string; metrics: Metric[]; criteria: Criterion[] }[] }>('/platform-evaluation/schemes'),
  mine: () => api.get<{ items: MyPlatform[] }>('/platform-reports/mine'),
  myReviews: () => api.get<{ items: MyReview[] }>('/platform-reviews'),
  myReview: (id: number) => api.get<MyReviewDetail>(`/platform-reviews/${id}`),
  submitReview: (id: number, b: { scores: Record<string, number>; comment: string }) => api.post(`/platform-reviews/${id}/submit`, b),
  declineReview: (id: number, reason: string) => api.post(`/platform-reviews/${id}/decline`, { reason }),
  decide: (id: number, b: { decision: 'revoke' | 'keep'; note: string }) => api.post(`/platform-revocation-proposals/${id}/decide`, b),
};

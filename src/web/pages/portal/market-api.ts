// The technology market as the public portal reads it, without sign-in (src/server/modules/market/portal.ts
// and good-batches-routes.ts): published achievements, open demands, published 好成果 lists.
import { api } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';
import type { AchievementType, EvaluationClass } from '../market/api';

export interface PortalAchievement {
  id: number; title: string; orgName: string; regionName: string; field: string; fieldName: string; type: AchievementType; maturity: number;
  summary: string | null; transferModes: string[]; priceMin: number | null; priceMax: number | null; publishedAt: string | null;
}
export interface PortalAchievementDetail extends PortalAchievement { text: string | null; ip: string | null; inventors: string | null; contact: string | null }

export interface PortalDemand {
  id: number; title: string; orgName: string; regionName: string; field: string; fieldName: string; description: string;
  budgetMin: number | null; budgetMax: number | null; deadline: string | null; openCall: boolean; prize: number | null; publishedAt: string | null;
}

export interface PortalGoodItem {
  evaluationId: number; seq: number; note: string | null; achievementId: number; title: string; type: AchievementType; field: string; maturity: number;
  summary: string | null; orgName: string; regionName: string; class: EvaluationClass; score: number | null; level: string | null;
  levelName: string | null; levelNameEn: string | null;
}
export interface PortalGoodList {
  id: number; regionCode: string; regionName: string; title: string; period: 'monthly' | 'quarterly'; periodOf: string; intro: string | null;
  publishedAt: string | null; itemCount: number; items: PortalGoodItem[];
}

export const portalMarketApi = {
  achievements: (query: ListQuery) => api.get<Page<PortalAchievement>>('/portal/achievements', query),
  achievement: (id: number) => api.get<PortalAchievementDetail>(`/portal/achievements/${id}`),
  demands: (query: ListQuery) => api.get<Page<PortalDemand>>('/portal/demands', query),
  demand: (id: number) => api.get<PortalDemand>(`/portal/demands/${id}`),
  goodLists: (query: ListQuery) => api.get<Page<PortalGoodList>>('/portal/good-achievements', query),
  goodList: (id: number) => api.get<PortalGoodList>(`/portal/good-achievements/${id}`),
};

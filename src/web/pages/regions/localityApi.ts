// The children of one node of the region tree (down to villages) and the villages of a region, as the
// regions module serves them (GET /regions?parent=, GET /regions/:region/villages).
import { api } from '../../api';

export interface RegionChild {
  code: string;
  name: string;
  parentCode: string | null;
  /** 1 province … 3 county, 4 township (9-digit), 5 village (12-digit) */
  level: number;
  version: number;
  urbanRuralClass?: string | null;
  childCount?: number;
}

export interface VillageOption {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  urbanRuralClass: string | null;
}

export const localityApi = {
  children: (parent: string) => api.get<{ items: RegionChild[] }>('/regions', { parent }),
  villages: (region: string, q?: string) =>
    api.get<{ items: VillageOption[]; total: number }>(`/regions/${encodeURIComponent(region)}/villages`, q ? { q } : undefined),
};

/** The two listings of the market: what each stores and how it reads. */
import type { ListingKind } from './listings';

const money = (x: unknown) => (x == null ? null : Number(x));

export const ACHIEVEMENT_TYPES = ['patent', 'software', 'plant_variety', 'technology', 'product', 'standard', 'other'] as const;
export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'co_development', 'service'] as const;

const achievementView = (x: Record<string, any>) => ({
  id: Number(x.id), orgId: Number(x.org_id), orgName: x.org_name, orgKind: x.org_kind, regionCode: x.region_code, regionName: x.region_name,
  title: x.title, type: x.type, field: x.field, maturity: x.maturity, ip: x.ip, inventors: x.inventors, summary: x.summary, text: x.text,
  transferModes: x.transfer_modes as string[], priceMin: money(x.price_min), priceMax: money(x.price_max), contact: x.contact,
  status: x.status, publishedAt: x.published_at, createdAt: x.created_at, updatedAt: x.updated_at, version: x.version,
});

const demandView = (x: Record<string, any>) => ({
  id: Number(x.id), orgId: Number(x.org_id), orgName: x.org_name, orgKind: x.org_kind, regionCode: x.region_code, regionName: x.region_name,
  title: x.title, description: x.description, field: x.field, budgetMin: money(x.budget_min), budgetMax: money(x.budget_max), deadline: x.deadline,
  status: x.status, publishedAt: x.published_at, createdAt: x.created_at, updatedAt: x.updated_at, version: x.version,
});

export const ACHIEVEMENT: ListingKind<ReturnType<typeof achievementView>> = {
  table: 'achievement',
  columns: { title: 'title', type: 'type', field: 'field', maturity: 'maturity', ip: 'ip', inventors: 'inventors', summary: 'summary', text: 'text',
    transferModes: 'transfer_modes', priceMin: 'price_min', priceMax: 'price_max', contact: 'contact' },
  arrays: ['transferModes'],
  endStates: ['withdrawn', 'transferred'],
  names: { one: ['科技成果', 'Achievement'] },
  view: achievementView,
  link: (id) => `/market/achievements?achievement=${id}`,
};

export const DEMAND: ListingKind<ReturnType<typeof demandView>> = {
  table: 'demand',
  columns: { title: 'title', description: 'description', field: 'field', budgetMin: 'budget_min', budgetMax: 'budget_max', deadline: 'deadline' },
  endStates: ['closed'],
  names: { one: ['技术需求', 'Demand'] },
  view: demandView,
  link: (id) => `/market/demands?demand=${id}`,
};

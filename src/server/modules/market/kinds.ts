/** The two listings of the market: what each stores and how it reads. */
import type { ListingKind } from './listings';

const money = (x: unknown) => (x == null ? null : Number(x));

export const ACHIEVEMENT_TYPES = ['patent', 'software', 'plant_variety', 'technology', 'product', 'standard', 'other'] as const;
export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'co_development', 'service'] as const;
/** What a demand's enterprise wants: the achievement's transfer modes (so matching compares like with like) plus 委托开发. */
export const COOPERATION_MODES = [...TRANSFER_MODES, 'commissioned'] as const;
export const DEMAND_OUTCOMES = ['agreement', 'contract', 'failed'] as const;

const achievementView = (x: Record<string, any>) => ({
  id: Number(x.id), orgId: Number(x.org_id), orgName: x.org_name, orgKind: x.org_kind, regionCode: x.region_code, regionName: x.region_name,
  title: x.title, type: x.type, field: x.field, maturity: x.maturity, ip: x.ip, inventors: x.inventors, summary: x.summary, text: x.text,
  transferModes: x.transfer_modes as string[], priceMin: money(x.price_min), priceMax: money(x.price_max), contact: x.contact,
  status: x.status, publishedAt: x.published_at, createdAt: x.created_at, updatedAt: x.updated_at, version: x.version,
});

const demandView = (x: Record<string, any>) => ({
  id: Number(x.id), orgId: Number(x.org_id), orgName: x.org_name, orgKind: x.org_kind, regionCode: x.region_code, regionName: x.region_name,
  title: x.title, description: x.description, field: x.field, budgetMin: money(x.budget_min), budgetMax: money(x.budget_max), deadline: x.deadline,
  cooperationModes: (x.cooperation_modes ?? []) as string[], openTo: x.open_to as 'everyone' | 'invited', invitedOrgIds: ((x.invited_org_ids ?? []) as unknown[]).map(Number),
  openCall: !!x.open_call, prize: money(x.prize), pickedAnswerId: money(x.picked_answer_id), outcome: x.outcome as string | null, outcomeNote: x.outcome_note as string | null, outcomeAt: x.outcome_at,
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
  columns: { title: 'title', description: 'description', field: 'field', budgetMin: 'budget_min', budgetMax: 'budget_max', deadline: 'deadline',
    cooperationModes: 'cooperation_modes', openTo: 'open_to', invitedOrgIds: 'invited_org_ids', openCall: 'open_call', prize: 'prize' },
  arrays: ['cooperationModes', 'invitedOrgIds'],
  endStates: ['closed'],
  names: { one: ['技术需求', 'Demand'] },
  view: demandView,
  link: (id) => `/market/demands?demand=${id}`,
};

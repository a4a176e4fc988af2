/**
 * 技术合同认定登记: the contract types and sub-types, the registry's time limit under the rule set
 * in force on the filing date, the registration number and where the buyer is. Pure; the rule
 * sets themselves are data (table tech_contract_rule_set, RULES.md "Technology contracts").
 */
import { addWorkingDays, nextDay, type CalendarExceptions } from './working-days';

export const CONTRACT_TYPES = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** Sub-types by type (the Civil Code's and the registration rules' division). */
export const CONTRACT_SUB_TYPES: Record<ContractType, readonly string[]> = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent_right', 'patent_application_right', 'technical_secret', 'other'],
  licence: ['patent_licence', 'technical_secret_licence'],
  consulting: [],
  service: ['general', 'training', 'intermediary'],
};

export const CONTRACT_TYPE_NAMES: Record<ContractType, readonly [zh: string, en: string]> = {
  development: ['技术开发', 'Development'],
  transfer: ['技术转让', 'Transfer'],
  licence: ['技术许可', 'Licence'],
  consulting: ['技术咨询', 'Consulting'],
  service: ['技术服务', 'Service'],
};

export const CONTRACT_SUB_TYPE_NAMES: Record<string, readonly [zh: string, en: string]> = {
  commissioned: ['委托开发', 'Commissioned'],
  cooperative: ['合作开发', 'Cooperative'],
  patent_right: ['专利权转让', 'Patent right'],
  patent_application_right: ['专利申请权转让', 'Patent application right'],
  technical_secret: ['技术秘密转让', 'Technical secret'],
  other: ['其他（集成电路布图设计、植物新品种、计算机软件等）', 'Other (IC layout, plant variety, software …)'],
  patent_licence: ['专利实施许可', 'Patent licence'],
  technical_secret_licence: ['技术秘密使用许可', 'Technical-secret licence'],
  general: ['技术服务', 'Technical service'],
  training: ['技术培训', 'Training'],
  intermediary: ['技术中介', 'Intermediary'],
};

export interface ContractRuleSet {
  code: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  limitDays: number;
  limitUnit: 'calendar' | 'working';
  largeAmount: number | null;
  largeLimitDays: number | null;
}

/** The rule set in force on a day (the latest that started on or before it and has not ended). */
export function ruleSetOn(sets: readonly ContractRuleSet[], day: string): ContractRuleSet | null {
  return [...sets].filter((s) => s.effectiveFrom <= day && (s.effectiveTo == null || day <= s.effectiveTo))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

/** How many days the registry has: the longer limit for a large 技术交易额 or a disputed contract. */
export function limitOf(set: ContractRuleSet, technicalAmount: number, disputed: boolean): number {
  const large = set.largeLimitDays != null && ((set.largeAmount != null && technicalAmount >= set.largeAmount) || disputed);
  return large ? set.largeLimitDays! : set.limitDays;
}

/** The last day the registry may decide on, counted from the filing (or completion) day. */
export function dueOn(set: ContractRuleSet, filedOn: string, technicalAmount: number, disputed: boolean, exceptions: CalendarExceptions): string {
  const days = limitOf(set, technicalAmount, disputed);
  return set.limitUnit === 'working' ? addWorkingDays(filedOn, days, exceptions) : nextDay(filedOn, days);
}

/**
 * 登记编号 of the national form's older layout, 14 digits: year (2) + the registry's region code
 * (province 2, city 2, registry 2 = its 6-digit code) + a serial of the year (6).
 */
export function registrationNumber(year: number, regionCode: string, serial: number): string {
  return `${String(year % 100).padStart(2, '0')}${regionCode}${String(serial).padStart(6, '0')}`;
}

export type BuyerPlace = 'local' | 'province' | 'outside';

/**
 * Where the buyer is seen from the seller's registry: in the same city (prefecture, first four
 * digits of the code), elsewhere in the province, or out of the province (技术输出).
 */
export function buyerPlace(sellerRegion: string, buyerRegion: string): BuyerPlace {
  if (buyerRegion.slice(0, 4) === sellerRegion.slice(0, 4)) return 'local';
  if (buyerRegion.slice(0, 2) === sellerRegion.slice(0, 2)) return 'province';
  return 'outside';
}

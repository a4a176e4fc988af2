/**
 * 人才库 words and arithmetic, shared by the server, the web pages and the import: the talent
 * categories (柔性引进 has three kinds), the levels of a 引才引智基地, and the promised days of a
 * year — an agreement that covers part of a year promises that share of its yearly days.
 */
export const TALENT_CATEGORIES = ['leading', 'team', 'flexible', 'three_regions', 'local'] as const;
export type TalentCategory = (typeof TALENT_CATEGORIES)[number];
export const FLEXIBLE_KINDS = ['migratory', 'weekend_engineer', 'vice_president'] as const;
export type FlexibleKind = (typeof FLEXIBLE_KINDS)[number];
export const BASE_LEVELS = ['national', 'provincial', 'city'] as const;
export type BaseLevel = (typeof BASE_LEVELS)[number];
export const TALENT_STATUSES = ['active', 'ended'] as const;
export type TalentStatus = (typeof TALENT_STATUSES)[number];

type Words = readonly [zh: string, en: string];
export const CATEGORY_WORDS: Record<TalentCategory, Words> = {
  leading: ['领军人才', 'Leading talent'], team: ['创新创业团队', 'Innovation team'], flexible: ['柔性引进', 'Flexibly engaged'],
  three_regions: ['三区人才', '"Three regions" talent'], local: ['本土人才', 'Local talent'],
};
export const FLEXIBLE_WORDS: Record<FlexibleKind, Words> = {
  migratory: ['候鸟型专家', 'Migratory expert'], weekend_engineer: ['周末工程师', 'Weekend engineer'], vice_president: ['科技副总', 'S&T vice-president'],
};
export const BASE_LEVEL_WORDS: Record<BaseLevel, Words> = { national: ['国家级', 'National'], provincial: ['省级', 'Provincial'], city: ['市级', 'City'] };
export const STATUS_WORDS: Record<TalentStatus, Words> = { active: ['服务中', 'Active'], ended: ['已结束', 'Ended'] };

const pick = (w: Words, lang: string) => w[lang === 'en' ? 1 : 0];

/** '柔性引进 · 候鸟型专家' / 'Flexibly engaged · Migratory expert'; a category without a kind is its own word. */
export function categoryText(category: TalentCategory, kind: FlexibleKind | null | undefined, lang = 'zh-CN'): string {
  const c = pick(CATEGORY_WORDS[category], lang);
  return kind ? `${c} · ${pick(FLEXIBLE_WORDS[kind], lang)}` : c;
}

/**
 * The one category rule: 柔性引进 names exactly one of its kinds, every other category none.
 * Answers the problem ('kind_required' | 'kind_not_allowed') or null.
 */
export function categoryProblem(category: TalentCategory, kind: FlexibleKind | null | undefined): 'kind_required' | 'kind_not_allowed' | null {
  if (category === 'flexible') return kind ? null : 'kind_required';
  return kind ? 'kind_not_allowed' : null;
}

/** A word of the import (Chinese or English, as the export writes it) → its code, or null. */
export function categoryFromText(text: string): { category: TalentCategory; kind: FlexibleKind | null } | null {
  const t = text.trim();
  for (const k of FLEXIBLE_KINDS) if (FLEXIBLE_WORDS[k].includes(t)) return { category: 'flexible', kind: k };
  for (const c of TALENT_CATEGORIES) if (CATEGORY_WORDS[c].includes(t) || c === t) return c === 'flexible' ? null : { category: c, kind: null };
  return null;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

/**
 * The days an agreement promises in `year`: its days per year times the share of that year's
 * days it covers, rounded to a whole day (an agreement from 1 July promises half a year's days).
 */
export function promisedDaysInYear(daysPerYear: number, from: string, to: string, year: number): number {
  const start = Math.max(dayNumber(from), dayNumber(`${year}-01-01`));
  const end = Math.min(dayNumber(to), dayNumber(`${year}-12-31`));
  if (end < start) return 0;
  const yearDays = dayNumber(`${year}-12-31`) - dayNumber(`${year}-01-01`) + 1;
  return Math.round((daysPerYear * (end - start + 1)) / yearDays);
}

/** Days done in `year`: the sum of the service rows dated in it (halves allowed). */
export function daysDoneInYear(services: { date: string; days: number }[], year: number): number {
  const sum = services.filter((s) => s.date.startsWith(`${year}-`)).reduce((n, s) => n + s.days, 0);
  return Math.round(sum * 10) / 10;
}

/** Done ÷ promised as a whole percent; null when nothing was promised. */
export function fulfilmentPercent(done: number, promised: number): number | null {
  return promised > 0 ? Math.round((done / promised) * 100) : null;
}

/**
 * Money as people read it, one way everywhere (tables, cards, messages, exports): stored in whole
 * yuan, shown in 万元 with two decimals, thousands grouped — 458589 → "45.86 万元". Exact integer
 * arithmetic (half-up on the fen), so no float noise such as 45.8589 or 45.859999.
 */
export type MoneyLang = 'zh-CN' | 'en';

/** 458589 → '45.86' (万元, two decimals, grouped). */
export function wanText(yuan: number): string {
  const negative = yuan < 0;
  const fen = Math.round(Math.abs(yuan)); // whole yuan; fractions of a yuan are rounded first
  const hundredths = Math.floor((fen + 50) / 100); // 万元 to two decimals = units of 100 yuan, half-up
  const whole = Math.floor(hundredths / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(hundredths % 100).padStart(2, '0');
  return `${negative && hundredths > 0 ? '-' : ''}${whole}.${cents}`;
}

/** 458589 → '45.86 万元' (zh-CN) / '45.86 × 10k yuan' (en); null → '—'. */
export function formatMoney(yuan: number | null | undefined, lang: MoneyLang = 'zh-CN'): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  return lang === 'en' ? `${wanText(yuan)} × 10k yuan` : `${wanText(yuan)} 万元`;
}

/** Stored yuan as the number a 万元 form field shows: 2345678 → 234.57 (half-up on 100 yuan, as wanText). */
export function yuanToWan(yuan: number): number {
  const sign = yuan < 0 ? -1 : 1;
  return (sign * Math.floor((Math.round(Math.abs(yuan)) + 50) / 100)) / 100;
}

/** A 万元 figure typed with up to two decimals as whole yuan: 6400.5 → 64005000. */
export function wanToYuan(wan: number): number {
  return Math.round(wan * 100) * 100;
}

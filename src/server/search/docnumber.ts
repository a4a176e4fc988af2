/**
 * 文号 (document numbers) in all their usual spellings: 国科发火〔2016〕32号, [2016], (2016),
 * （2016）, 【2016】, ［2016］, with or without 第 and 号, and the announcement form
 * 财政部 税务总局公告2023年第7号. All spellings of one number share a key.
 */
import { normalizeText } from './normalize';

export interface DocNumber {
  /** issuer code as written (simplified, no spaces), e.g. 国科发火; '' when only the year and number were given */
  prefix: string;
  year: number;
  number: number;
  /** 2016年第7号 style (announcements) rather than 〔2016〕7号 */
  announcement: boolean;
}

const OPEN = '〔\\[(【{［（⟦〖';
const CLOSE = '〕\\])】}］）⟧〗';
const BRACKETED = new RegExp(`([\\p{Script=Han}A-Za-z]*)\\s*[${OPEN}]\\s*((?:19|20)\\d{2})\\s*[${CLOSE}]\\s*第?\\s*(\\d{1,5})\\s*号?`, 'gu');
const ANNOUNCEMENT = new RegExp(`([\\p{Script=Han}A-Za-z ]*?)\\s*((?:19|20)\\d{2})\\s*年\\s*第\\s*(\\d{1,5})\\s*号`, 'gu');

export interface FoundDocNumber extends DocNumber { start: number; end: number }

/** Every document number in normalised text, with where it stands. */
export function findDocNumbers(normalised: string): FoundDocNumber[] {
  const found: FoundDocNumber[] = [];
  for (const [re, announcement] of [[BRACKETED, false], [ANNOUNCEMENT, true]] as const) {
    re.lastIndex = 0;
    for (const m of normalised.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ prefix: m[1].replace(/\s+/g, ''), year: Number(m[2]), number: Number(m[3]), announcement, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The document number a field holds, or null when it is not one. */
export function parseDocNumber(text: string): DocNumber | null {
  const normalised = normalizeText(text);
  const [first] = findDocNumbers(normalised);
  if (!first) return null;
  const { start: _s, end: _e, ...doc } = first;
  return doc;
}

/** The conventional spelling: 国科发火〔2016〕32号, or 财政部税务总局公告2023年第7号. */
export function formatDocNumber(d: DocNumber): string {
  return d.announcement ? `${d.prefix}${d.year}年第${d.number}号` : `${d.prefix}〔${d.year}〕${d.number}号`;
}

/** One key for every spelling: 国科发火|2016|32. */
export function docNumberKey(d: DocNumber): string {
  return `${d.prefix}|${d.year}|${d.number}`;
}

/**
 * Search tokens of a number: year-number alone, and with every tail of the prefix of two or more
 * characters — so 国科发火〔2016〕32号 is found by 发火〔2016〕32号 and by "根据国科发火〔2016〕32号",
 * where the words before the number run into its prefix.
 */
export function docNumberTokens(d: DocNumber): string[] {
  const chars = [...d.prefix];
  const tokens = [`wh:${d.year}-${d.number}`];
  for (let i = 0; i <= chars.length - 2 && i < 12; i++) tokens.push(`wh:${chars.slice(i).join('')}${d.year}-${d.number}`);
  return tokens;
}

/** Keys a query's number may equal, by the same tails (longest first). */
export function docNumberKeys(d: DocNumber): string[] {
  const chars = [...d.prefix];
  const keys: string[] = [];
  for (let i = 0; i <= chars.length - 2 && i < 12; i++) keys.push(`${chars.slice(i).join('')}|${d.year}|${d.number}`);
  if (!keys.length) keys.push(`|${d.year}|${d.number}`);
  return keys;
}

/**
 * The conventional spelling when the whole text is one document number, else null: brackets 〔〕,
 * no 第, the prefix and the digits as written, in the script written (國科發政字〔2000〕063號 stays so).
 */
export function canonicalDocNumber(text: string): string | null {
  const written = text.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
  const traditional = written.includes('號');
  const probe = written.replace(/號/g, '号');
  const found = findDocNumbers(probe);
  if (found.length !== 1 || found[0].start !== 0 || found[0].end !== probe.length) return null;
  const d = found[0];
  const digits = /(\d{1,5})\s*号?\s*$/.exec(probe)?.[1] ?? String(d.number);
  const mark = traditional ? '號' : '号';
  return d.announcement ? `${d.prefix}${d.year}年第${digits}${mark}` : `${d.prefix}〔${d.year}〕${digits}${mark}`;
}

/**
 * Word segmentation with jieba (@node-rs/jieba) and our S&T dictionary. Every text is normalised
 * first (normalize.ts), so simplified and traditional, full- and half-width segment alike.
 *
 * Index side: every dictionary word inside the text (jieba "cut all"), so that any word the query
 * side produces is found wherever it occurs as a substring, plus the single characters jieba's
 * precise cut leaves on their own (names, rare words). Query side: the precise cut.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { INDUSTRY_TERMS, SCIENCE_TERMS } from './dictionary';

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode([...SCIENCE_TERMS, ...INDUSTRY_TERMS].map((w) => `${w} 200000 n`).join('\n')));
  }
  return jieba;
}

/** Words that say nothing on their own: dropped from index and query alike. */
const STOP = new Set(['的', '了', '和', '与', '及', '或', '等', '在', '对', '为', '是', '之', '其', '以', '于', '由', '把', '被', '将',
  '关于', '有关', '进一步', '一', '个', '这', '那', '也', '并', '而', '又', '就', '都', '各', '年', '月', '日', '号', '第']);

/**
 * Words a question is made of that a policy does not have to contain (query side only, so the
 * index needs no rebuild): question and function words, and verbs every application uses
 * ("创新券怎么申请" asks for 创新券, not for a text that says 怎么 and 申请).
 */
const QUERY_STOP = new Set(['怎么', '怎样', '怎么样', '怎么办', '如何', '什么', '哪些', '哪个', '哪里', '哪儿', '多少', '是否', '能否', '能不能', '可不可以',
  '有没有', '可以', '可否', '能', '会', '该', '吗', '呢', '吧', '啊', '呀', '么', '咋', '请问', '请', '我', '我们', '我司', '本人', '你', '您', '想', '要',
  '需要', '应该', '应当', '去', '到', '给', '让', '有', '具体', '相关', '一下', '申请', '申报', '办理', '享受', '领取', '申领', '获得', '政策']);

/** Whether a query word only asks, and must not veto a match. */
export function isQueryStop(token: string): boolean {
  return QUERY_STOP.has(token);
}

const WORD = /[\p{L}\p{N}]/u;

export function isIndexable(token: string): boolean {
  return WORD.test(token) && !STOP.has(token);
}

export interface Token { term: string; offset: number }

/** Precise cut of normalised text, with each token's character offset. */
export function cut(text: string): Token[] {
  const out: Token[] = [];
  let offset = 0;
  for (const word of segmenter().cut(text, false)) {
    if (isIndexable(word)) out.push({ term: word.toLowerCase(), offset });
    offset += [...word].length;
  }
  return out;
}

/**
 * Index tokens of normalised text: every dictionary word of two or more characters anywhere in it
 * (cut all), and the tokens of the precise cut, each with its character offset.
 */
export function indexTokens(text: string): Token[] {
  const out: Token[] = cut(text);
  const seen = new Set(out.map((t) => `${t.offset}:${t.term}`));
  // cutAll reports words by non-decreasing start: each is found from the previous start on
  const chars = [...text];
  let lastStart = 0;
  for (const word of segmenter().cutAll(text)) {
    const at = indexOfFrom(chars, word, lastStart);
    if (at < 0) continue;
    lastStart = at;
    if ([...word].length < 2 || !isIndexable(word)) continue;
    const key = `${at}:${word.toLowerCase()}`;
    if (!seen.has(key)) { seen.add(key); out.push({ term: word.toLowerCase(), offset: at }); }
  }
  return out;
}

function indexOfFrom(chars: string[], word: string, from: number): number {
  const w = [...word];
  outer: for (let i = Math.max(0, from); i <= chars.length - w.length; i++) {
    for (let k = 0; k < w.length; k++) if (chars[i + k] !== w[k]) continue outer;
    return i;
  }
  return -1;
}

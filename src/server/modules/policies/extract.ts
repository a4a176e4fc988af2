/**
 * Text out of an uploaded .docx, .txt or .html, cleaned of web-page noise, with the metadata a
 * document usually states near its top (title, 文号, date) offered as suggestions for the form.
 */
import mammoth from 'mammoth';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../http/errors';
import { cleanPastedText, findDocNumbers, formatDocNumber, normalizeText } from '../../search/index';

export interface Extracted { text: string; title: string | null; docNumber: string | null; issuedOn: string | null }

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data); // older Chinese files
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', hellip: '…', middot: '·' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') { const n = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)); return Number.isFinite(n) ? String.fromCodePoint(n) : m; }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function htmlToText(html: string): string {
  const body = html.replace(/<(script|style|noscript|nav|header|footer|form|select|button)[\s\S]*?<\/\1>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|h[1-6]|li|tr|section|article|table|title)>/gi, '\n');
  const text = sanitizeHtml(body, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text);
}

export async function extractText(fileName: string, data: Buffer): Promise<Extracted> {
  const ext = fileName.toLowerCase().split('.').pop();
  let raw: string;
  if (ext === 'docx') {
    try {
      raw = (await mammoth.extractRawText({ buffer: data })).value;
    } catch {
      throw new AppError(400, 'FILE_UNREADABLE');
    }
  } else if (ext === 'txt') raw = decodeText(data);
  else if (ext === 'html' || ext === 'htm') raw = htmlToText(decodeText(data));
  else throw new AppError(400, 'FILE_TYPE', { types: '.docx, .txt, .html' });
  const text = cleanPastedText(raw);
  const head = text.split('\n').filter((l) => l.trim()).slice(0, 12);
  const normalisedHead = head.map((l) => normalizeText(l));
  const numberLine = normalisedHead.findIndex((l) => findDocNumbers(l).length > 0 && l.length < 40);
  const docNumber = numberLine >= 0 ? formatDocNumber(findDocNumbers(normalisedHead[numberLine])[0]) : null;
  const title = head.find((l, i) => i !== numberLine && l.length >= 6 && l.length <= 80 && /(办法|通知|规定|意见|细则|措施|公告|决定|方案|指引|条例|政策|规划|目录)/.test(normalizeText(l))) ?? head[0] ?? null;
  const dateMatch = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(normalizeText(text.slice(0, 3000)).replace(/〇/g, '0'));
  const issuedOn = dateMatch ? `${dateMatch[1]}-${dateMatch[2].padStart(2, '0')}-${dateMatch[3].padStart(2, '0')}` : null;
  return { text, title: title?.trim() ?? null, docNumber, issuedOn };
}

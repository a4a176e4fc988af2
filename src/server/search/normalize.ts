/**
 * Text normalisation for search and entry. Search compares simplified, half-width text:
 * traditional characters (OpenCC, Hong Kong and Taiwan variants) become simplified, full-width
 * letters, digits and brackets become half-width (NFKC). Entry cleans the noise that text copied
 * from government web pages carries: pinyin glosses inside the text (學(xué)習(xí)), font-size
 * pickers (12px …), 字体 大 中 小 bars, sign-in boxes, footers and disclaimers.
 *
 * This folder is the only place that knows OpenCC and jieba.
 */
import * as OpenCC from 'opencc-js/t2cn';

const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Traditional → simplified (both regional standards), leaving simplified text as it is. */
export function toSimplified(text: string): string {
  return fromTaiwan(fromHongKong(text));
}

/** NFKC (full-width → half-width), simplified characters, one space for any run of white space. */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC')).replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/**
 * The same characters one for one, for locating matches in stored text: per-character NFKC and
 * OpenCC, so that an index into the result is an index into the input.
 */
export function normalizeAligned(text: string): string {
  const whole = toSimplified(text);
  const chars = [...whole].length === [...text].length ? [...whole] : [...text].map((c) => toSimplified(c));
  return chars.map((c) => {
    const n = c.normalize('NFKC');
    return [...n].length === 1 ? n.toLowerCase() : c;
  }).join('');
}

const TONE_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ';
/** A pinyin gloss right after a Han character: 學(xué) 創（chuàng）. */
const PINYIN_GLOSS = new RegExp(`([\\u3400-\\u9fff])[(（]\\s*[${TONE_LETTERS}]{1,7}\\s*[)）]`, 'gu');

/** Lines that are page furniture, tested on the simplified, half-width line. */
const NOISE_LINES: RegExp[] = [
  /^[-–•·*]?\s*\d{1,3}\s*px$/i, // font-size pickers
  /^\[?\s*字号?体?\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小/, // 字体：大 中 小 bars (with date and source)
  /^\[?\s*字体\s*[:：]/,
  /^(账号|帐号|手机|手机号|用户名|邮箱)\s*\+\s*(密码|验证码)\s*登录$/,
  /^还没有账号[?？]?$/, /^(立即|免费)?注册$/, /^(登录|登 录|忘记密码[?？]?|退出|退出登录)$/,
  /^版权所有/, /ICP备\s*\d+/i, /公网安备/, /^(主办|承办|协办)(单位)?\s*[:：]/, /^技术支持\s*[:：]/, /^网站标识码/, /^网站地图$/,
  /^(联系我们|关于我们|返回顶部|打印本页|关闭窗口|打印|关闭|分享到[:：]?.*|扫一扫.*|【打印】.*|\[打印\].*)$/,
  /^免责声明/, /^(本网|本站)(转载|发布).*(不代表|版权)/,
  /^(首页|当前位置)\s*[>›»].*/,
];

const FOOTER_START = /^(版权所有|免责声明|主办单位|copyright)/i;
const restLength = (lines: string[], from: number) => lines.slice(from).join('').length;

export function isNoiseLine(line: string): boolean {
  const simple = normalizeText(line);
  if (!simple) return true;
  return NOISE_LINES.some((re) => re.test(simple));
}

/**
 * Cleans text pasted or extracted from a web page, keeping its own script (traditional text stays
 * traditional): drops pinyin glosses and noise lines, trims lines, collapses blank lines.
 */
export function cleanPastedText(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(PINYIN_GLOSS, '$1').replace(/[ \t\u3000]+$/g, '').replace(/^[ \t]+/, '');
    if (!text.trim()) {
      if (kept.length && kept[kept.length - 1] !== '') kept.push('');
      continue;
    }
    if (isNoiseLine(text)) {
      // 版权所有: / 免责声明 near the end: the rest of the page is footer
      if (FOOTER_START.test(normalizeText(text)) && restLength(lines, i + 1) < 400) break;
      continue;
    }
    kept.push(text);
  }
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildQuery, cleanPastedText, formatDocNumber, highlightAll, indexDocument, normalizeText, parseDocNumber, snippet, toSimplified } from './index';
import { docNumberKey } from './docnumber';
import { cut } from './segment';

/** The seed reports (copied from ../shared/seeds): real pasted web text, three of them traditional. */
const seed = (prefix: string) => {
  const dir = path.join(import.meta.dirname, 'fixtures');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(dir, file), 'utf8');
};

describe('normalisation', () => {
  it('makes traditional simplified and full-width half-width', () => {
    assert.equal(toSimplified('縣科技局召開黨組理論學習中心組擴大會議'), '县科技局召开党组理论学习中心组扩大会议');
    assert.equal(normalizeText('ＡＢＣ１２３　（試行）'), 'ABC123 (试行)');
    assert.equal(toSimplified('高新技术企业认定管理办法'), '高新技术企业认定管理办法', 'simplified text stays');
  });
});

describe('cleaning pasted web text (the seed reports)', () => {
  it('drops pinyin glosses inside traditional text, and the 字體 大 中 小 bar (seed 002)', () => {
    const raw = seed('002');
    assert.match(raw, /學\(xué\)習\(xí\)/);
    const clean = cleanPastedText(raw);
    assert.doesNotMatch(clean, /\((?:xué|xí|chuàng|qiáng|zhàn)\)/);
    assert.doesNotMatch(clean, /[a-zāáǎàēéěèīíǐìōóǒòūúǔù]{2,}/, 'no pinyin left');
    assert.doesNotMatch(clean, /字體/);
    assert.match(clean, /縣科技局召開黨組理論學習中心組擴大會議/, 'the text keeps its traditional characters');
    assert.match(clean, /創新/);
  });

  it('drops font-size pickers and the sign-in box (seed 000)', () => {
    const clean = cleanPastedText(seed('000'));
    assert.doesNotMatch(clean, /\d+px/);
    assert.doesNotMatch(clean, /密码登录|还没有账号|立即注册/);
    assert.match(clean.split('\n')[0], /^庆阳市科技局召开/);
    assert.match(clean, /科技特派员/);
    assert.ok(clean.endsWith('提供坚强的技术保障和人才支持。'));
  });

  it('drops copyright and ICP footers (seed 001) and disclaimers (seed 003)', () => {
    const a = cleanPastedText(seed('001'));
    assert.doesNotMatch(a, /版权所有|ICP备|公网安备|中共张掖市直机关工委$/);
    assert.ok(a.endsWith('贡献科技力量。'));
    const b = cleanPastedText(seed('003'));
    assert.doesNotMatch(b, /免責聲明|免责声明/);
    assert.match(b, /平頂山市科技工作會議/);
  });

  it('keeps ordinary brackets and numbers', () => {
    assert.equal(cleanPastedText('办法(试行)\n国科发火〔2016〕32号\n第(一)条 12px宽'), '办法(试行)\n国科发火〔2016〕32号\n第(一)条 12px宽');
  });
});

describe('segmentation with our dictionary', () => {
  it('keeps S&T terms whole', () => {
    const terms = cut('科技特派员创新券研发费用加计扣除科技型中小企业').map((t) => t.term);
    for (const w of ['科技特派员', '创新券', '研发费用', '加计扣除', '科技型中小企业']) assert.ok(terms.includes(w), `${w} in ${terms.join('|')}`);
  });
});

describe('文号', () => {
  const spellings = ['国科发火〔2016〕32号', '国科发火[2016]32号', '国科发火(2016)32号', '国科发火（2016）32号', '国科发火【2016】32号',
    '国科发火［2016］32号', '国科发火〔2016〕第32号', '国科发火〔2016〕32', '国科发火 [2016] 第 32 号', '國科發火〔2016〕32號'];
  it('reads every usual spelling as the same number', () => {
    for (const s of spellings) {
      const d = parseDocNumber(s);
      assert.ok(d, s);
      assert.equal(formatDocNumber(d), '国科发火〔2016〕32号', s);
      assert.equal(docNumberKey(d), '国科发火|2016|32', s);
    }
    assert.equal(formatDocNumber(parseDocNumber('财政部 税务总局公告2023年第7号')!), '财政部税务总局公告2023年第7号');
    assert.equal(parseDocNumber('高新技术企业认定管理办法'), null);
  });
  it('turns each spelling into a query on the number', () => {
    const doc = indexDocument({ title: '高新技术企业认定管理办法', docNumber: '国科发火〔2016〕32号' });
    for (const s of spellings) {
      const q = buildQuery(s);
      assert.ok(q.docKeys.some((k) => doc.docKeys.includes(k)), s);
      assert.match(q.tsquery!, /wh:国科发火2016-32/, s);
    }
    assert.ok(buildQuery('〔2016〕32号').docKeys.some((k) => doc.docKeys.includes(k)));
  });
});

describe('index and query agree', () => {
  const lexemes = (vector: string) => new Set([...vector.matchAll(/'((?:[^']|'')+)':/g)].map((m) => m[1]));
  it('a simplified query finds traditional text and the reverse', () => {
    const trad = indexDocument({ title: '縣科技局', text: cleanPastedText(seed('002')) });
    const simp = indexDocument({ title: '庆阳', text: cleanPastedText(seed('000')) });
    for (const [q, doc] of [['科技特派员 乡村振兴', trad], ['科技特派員 鄉村振興', simp], ['學習 党组', trad], ['潘学祥', trad]] as const) {
      const query = buildQuery(q);
      const have = lexemes(doc.vector);
      for (const term of query.tsquery!.matchAll(/'([^']+)'/g)) assert.ok(have.has(term[1]), `${q}: ${term[1]}`);
    }
  });
  it('highlights matches in the stored script', () => {
    const text = cleanPastedText(seed('002'));
    const s = snippet(text, buildQuery('科技特派员').terms);
    assert.match(s, /<em>科技特派員<\/em>/);
    assert.equal(highlightAll('<b>高新技術企業</b>', buildQuery('高新技术企业').terms), '&lt;b&gt;<em>高新技術企業</em>&lt;/b&gt;');
  });
});

describe('queries as people ask them', () => {
  const lexemes = (vector: string) => new Set([...vector.matchAll(/'((?:[^']|'')+)':/g)].map((m) => m[1]));
  const hits = (doc: ReturnType<typeof indexDocument>, tsquery: string) => {
    // a tiny evaluator of our own tsquery shape: ( a | b ) & c, phrases of single characters as AND
    const have = lexemes(doc.vector);
    const ands = tsquery.split(' & ');
    return ands.every((clause) => clause.replace(/^\(|\)$/g, '').split(' | ').some((alt) =>
      alt.replace(/^\(|\)$/g, '').split(/ & | <-> /).every((t) => have.has(t.replace(/^\(|\)$/g, '').slice(1, -1)))));
  };
  const voucher = indexDocument({ title: '庆阳市科技创新券管理办法（试行）', text: '第五条 申领对象为在本市注册、已入库科技型中小企业信息库的企业。' });
  const reward = indexDocument({ title: '庆阳市高新技术企业培育奖励办法', text: '第三条 对首次认定为高新技术企业的，一次性奖励30万元。' });

  it('lets question and function words not veto a match', () => {
    const q = buildQuery('創新券怎麼申請');
    assert.deepEqual(q.terms, ['创新券']);
    assert.ok(hits(voucher, q.tsquery!), q.tsquery!);
    for (const s of ['如何申请创新券', '创新券怎么办理？', '请问创新券在哪里申报']) assert.ok(hits(voucher, buildQuery(s).tsquery!), s);
  });

  it('expands abbreviations from the synonym dictionary, both ways', () => {
    const synonyms = [['高企', '高新技术企业'], ['科小', '科技型中小企业'], ['加计扣除', '研发费用加计扣除']];
    const q = buildQuery('高企培育奖励', synonyms);
    assert.ok(hits(reward, q.tsquery!), q.tsquery!);
    assert.ok(!hits(reward, buildQuery('高企培育奖励').tsquery!), 'without the dictionary it does not');
    assert.ok(q.terms.includes('高新技术企业'), 'the long form is highlighted too');
    assert.ok(hits(voucher, buildQuery('科小', synonyms).tsquery!));
    const back = indexDocument({ title: '高企认定', text: '' });
    assert.ok(hits(back, buildQuery('高新技术企业认定', synonyms).tsquery!));
    // the compound finds documents that only say 加计扣除
    const short = indexDocument({ title: '加计扣除比例', text: '' });
    assert.ok(hits(short, buildQuery('研发费用加计扣除', synonyms).tsquery!));
  });

  it('offers each clause for a relaxed query: any term, ranked by how many match', () => {
    const q = buildQuery('科技特派员 创新券 怎么申请');
    assert.deepEqual(q.clauses, ["'科技特派员'", "'创新券'"]);
    assert.equal(q.relaxed, "'科技特派员' | '创新券'");
  });
});

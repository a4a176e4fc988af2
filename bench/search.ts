/**
 * npm run bench:search [-- --policies 100000]
 *
 * On each target: the demo library plus N generated policies (titles, 文号, issuers and ~500-character
 * bodies drawn from the S&T vocabulary; one in ten stored in traditional characters), indexed by the
 * app's own path (src/server/search: OpenCC + jieba → weighted tsvector, GIN). Then p50/p95/p99 of
 * top-20 searches through the service the endpoint calls (ranked page + facets), beside an
 * in-memory MiniSearch index of the same texts with the same segmenter (the ceiling), and nDCG@10
 * of the judged queries in bench/search-judgements.json. Writes bench/RESULTS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Actor } from '../src/server/http/actor';
import { searchPolicies } from '../src/server/modules/policies/service';
import { buildQuery, indexDocument, normalizeText } from '../src/server/search/index';
import { docNumberTokens, findDocNumbers } from '../src/server/search/docnumber';
import { indexTokens } from '../src/server/search/segment';
import os from 'node:os';
import { openDatabase, type Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { seedDemo } from '../src/server/seed/demo';
import { benchTargets, machine, withPeakRss, writeResults } from './targets';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('policies', 100_000);
/** `--pglite-policies` runs a smaller corpus on PGlite (default: the same N). */
const PGLITE_N = Math.min(N, arg('pglite-policies', N));
const TODAY = '2026-06-30';
const ADMIN: Actor = { id: 1, username: 'admin', displayName: 'admin', role: 'admin', regionCode: null, orgId: null, mustChangePassword: false, sessionId: 'bench' };

// deterministic pseudo-random
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

const PLACES = ['庆阳市', '张掖市', '西峰区', '庆城县', '环县', '甘州区', '高台县', '临泽县', '平凉市', '天水市', '武威市', '酒泉市'];
const TOPICS = ['科技创新券', '高新技术企业培育', '科技型中小企业', '研发费用补助', '科技成果转化', '技术合同登记', '科技特派员', '农业科技园区',
  '重点实验室', '新型研发机构', '科技企业孵化器', '众创空间', '知识产权质押融资', '科技金融', '人才引进', '创新平台建设', '乡村振兴科技',
  '产学研合作', '技术转移机构', '首台套', '揭榜挂帅', '科技计划项目', '绩效评价', '科研诚信', '企业研发机构'];
const KINDS = ['管理办法', '实施细则', '若干措施', '实施意见', '暂行办法', '工作指引', '奖励办法', '支持政策', '行动方案', '补助办法'];
const ISSUERS = ['市科学技术局', '市财政局', '市人民政府办公室', '县科学技术局', '区人民政府', '省科学技术厅', '市发展和改革委员会', '市工业和信息化局'];
const PREFIXES = ['庆科发', '张科发', '甘科发', '庆政办发', '张政发', '西政发', '环科发', '甘财教', '平科发', '天科发'];
const SENTENCES = [
  '为深入实施创新驱动发展战略，加快培育壮大创新主体，结合本地实际，制定本办法。',
  '对首次认定的高新技术企业给予一次性奖励，重新认定的给予适当奖励。',
  '支持企业建设研发机构，开展关键核心技术攻关，提升自主创新能力。',
  '科技型中小企业可申领创新券，用于购买检验检测、研发设计等科技服务。',
  '鼓励高校院所与企业开展产学研合作，推动科技成果在本地转化落地。',
  '技术合同经认定登记后，可按规定享受税收优惠政策。',
  '选派科技特派员深入乡村和企业开展技术服务，助力乡村振兴。',
  '对新认定的省级以上重点实验室、工程技术研究中心给予建设经费支持。',
  '企业研发费用按规定享受税前加计扣除政策，财政按增量给予后补助。',
  '建立项目储备库，实行揭榜挂帅、赛马制等新型项目组织方式。',
  '加强知识产权创造、运用和保护，支持知识产权质押融资。',
  '引进高层次人才和创新创业团队，给予安家补贴和项目经费支持。',
  '对科技企业孵化器、众创空间的绩效评价优秀者给予奖励。',
  '本办法由市科学技术局负责解释，自发布之日起施行。',
  '申报单位应对材料的真实性负责，存在弄虚作假的取消资格并纳入科研诚信记录。',
];
const S2T: Record<string, string> = { 科: '科', 发: '發', 术: '術', 业: '業', 县: '縣', 区: '區', 门: '門', 实: '實', 验: '驗', 级: '級', 认: '認', 证: '證', 办: '辦',
  规: '規', 则: '則', 补: '補', 励: '勵', 计: '計', 划: '劃', 项: '項', 财: '財', 产: '產', 权: '權', 质: '質', 为: '為', 创: '創', 动: '動', 设: '設', 检: '檢',
  测: '測', 转: '轉', 农: '農', 乡: '鄉', 兴: '興', 领: '領', 导: '導', 优: '優', 惠: '惠', 务: '務', 关: '關', 键: '鍵', 强: '強', 号: '號', 员: '員', 机: '機', 构: '構' };
const toTraditional = (s: string) => [...s].map((c) => S2T[c] ?? c).join('');

interface Gen { title: string; docNumber: string; issuer: string; level: string; regionCode: string | null; categories: string[]; issuedOn: string; summary: string; text: string }
function generate(i: number): Gen {
  const place = pick(PLACES);
  const topic = pick(TOPICS);
  const year = 2010 + Math.floor(rnd() * 16);
  const body = Array.from({ length: 8 + Math.floor(rnd() * 8) }, () => pick(SENTENCES)).join('\n');
  const g: Gen = {
    title: `${place}${topic}${pick(KINDS)}`, docNumber: `${pick(PREFIXES)}〔${year}〕${1 + (i % 300)}号`, issuer: `${place}${pick(ISSUERS)}`,
    level: rnd() < 0.5 ? 'city' : 'county', regionCode: null, categories: [pick(['enterprise', 'platform', 'talent', 'finance', 'transfer', 'ip', 'agriculture', 'programme'])],
    issuedOn: `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
    summary: `${topic}相关支持政策。`, text: `第一条 ${body}`,
  };
  if (i % 10 === 0) { g.title = toTraditional(g.title); g.text = toTraditional(g.text); g.issuer = toTraditional(g.issuer); }
  return g;
}

const REGIONS = ['621000', '620700', '621002', '621021', '621022', '620702', '620724'];

type Indexed = Gen & { doc: ReturnType<typeof indexDocument> };
const SEP = '\u0001';
/** The same tokens the database gets, for the in-memory index. */
const tokensOf = (text: string) => {
  const n = normalizeText(text);
  return indexTokens(n).map((t) => t.term).concat(findDocNumbers(n).flatMap((d) => docNumberTokens(d))).join(SEP);
};

/**
 * Batches of 500 rows (~3 MB of parameters each), each in its own transaction. On the embedded
 * database that is not a formality: pglite-socket multiplexes every connection onto PGlite's one
 * session message by message and keeps a connection's turn only inside an explicit transaction
 * block. A Bind of several MB arrives in many socket reads; any other connection's query that
 * slips in after its Parse (the watchdog's 'SELECT 1' every 10 s is enough) discards the unnamed
 * statement and the Bind fails with "unnamed prepared statement does not exist".
 */
async function load(db: Database, docs: Indexed[]) {
  const B = 500;
  for (let i = 0; i < docs.length; i += B) {
    if (i % 10_000 === 0) console.log(`  ${i} inserted`);
    const part = docs.slice(i, i + B).map((g, j) => ({ ...g, regionCode: REGIONS[(i + j) % REGIONS.length] }));
    const col = <K extends keyof (typeof part)[number]>(k: K) => part.map((p) => p[k]);
    await db.transaction((tx) => tx.query(
      `INSERT INTO policy (title, doc_number, doc_keys, issuer, level, region_code, categories, issued_on, status, summary, text, search_vector, title_norm)
       SELECT t.title, t.dn, string_to_array(t.keys, '|', ''), t.issuer, t.level, t.region, string_to_array(t.cats, '|'), t.issued, 'in_force', t.summary, t.body, t.vec::tsvector, t.tnorm
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS t(title, dn, keys, issuer, level, region, cats, issued, summary, body, vec, tnorm)`,
      [col('title'), col('docNumber'), part.map((p) => p.doc.docKeys.map((k) => k.replace(/\|/g, '¦')).join('|')), col('issuer'), col('level'), col('regionCode'),
        part.map((p) => p.categories.join('|')), col('issuedOn'), col('summary'), col('text'), part.map((p) => p.doc.vector), part.map((p) => p.doc.titleNorm)]));
  }
  // doc keys were written with ¦ for | inside a key (string_to_array splits on |)
  await db.query(`UPDATE policy SET doc_keys = ARRAY(SELECT replace(k, '¦', '|') FROM unnest(doc_keys) k) WHERE created_by IS NULL AND doc_keys::text LIKE '%¦%'`);
}

const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function ndcg10(rankedNumbers: string[], relByNumber: Record<string, number>): number {
  // 文号 compared without spaces (财政部 税务总局公告… is stored as 财政部税务总局公告…)
  const key = (s: string) => s.replace(/\s+/g, '');
  const ranked = rankedNumbers.map(key);
  const rel = Object.fromEntries(Object.entries(relByNumber).map(([k, v]) => [key(k), v]));
  const dcg = ranked.slice(0, 10).reduce((s, id, i) => s + ((2 ** (rel[id] ?? 0) - 1) / Math.log2(i + 2)), 0);
  const ideal = Object.values(rel).sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + ((2 ** g - 1) / Math.log2(i + 2)), 0);
  return ideal ? dcg / ideal : 0;
}

async function main() {
  const judged: { q: string; rel: Record<string, number> }[] = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'search-judgements.json'), 'utf8')).queries;
  const extra = Array.from({ length: 65 }, (_, i) => (i % 3 === 0 ? `${pick(TOPICS)} ${pick(KINDS)}` : i % 3 === 1 ? pick(TOPICS) : `${pick(PREFIXES)}〔${2010 + (i % 16)}〕${1 + i}号`));
  const queries = [...judged.map((j) => j.q), ...extra];
  console.log(`generating ${N} policies…`);
  const t0 = performance.now();
  const docs: Indexed[] = Array.from({ length: N }, (_, i) => {
    const g = generate(i);
    return { ...g, doc: indexDocument({ title: g.title, docNumber: g.docNumber, issuer: g.issuer, categories: g.categories, interpretation: g.summary, text: g.text }) };
  });
  const indexSeconds = (performance.now() - t0) / 1000;
  console.log(`segmented and indexed in ${indexSeconds.toFixed(0)} s`);
  const rows: string[] = [];
  /** the machine's 1-minute load average as each target's searches start: other work on it lengthens every latency */
  const loads: string[] = [];
  let ceiling = '';

  // the in-memory ceiling: MiniSearch over the same texts, the same tokens
  const ceilings = new Map<number, number>();
  const ceilingLines: string[] = [];
  for (const n of [...new Set([PGLITE_N, N])]) {
    const subset = docs.slice(0, n);
    const { result: mini, seconds } = await withPeakRss(async () => {
      const m = new MiniSearch<{ id: number; title: string; body: string; dn: string }>({
        fields: ['title', 'body'], storeFields: ['dn'],
        tokenize: (text) => text.split(SEP),
        processTerm: (t) => t,
        searchOptions: { boost: { title: 4 }, combineWith: 'AND', tokenize: (q) => [...new Set((buildQuery(q).tsquery ?? '').match(/'([^']+)'/g)?.map((x) => x.slice(1, -1)) ?? [])] },
      });
      m.addAll(subset.map((d, id) => ({ id, title: tokensOf(`${d.title} ${d.docNumber}`), body: tokensOf(`${d.issuer}\n${d.summary}\n${d.text}`), dn: d.docNumber })));
      return m;
    });
    loads.push(`in-memory ${n.toLocaleString('en')} ${os.loadavg()[0].toFixed(1)}`);
    const times: number[] = [];
    for (let pass = 0; pass < 3; pass++) for (const q of queries) {
      const t0 = performance.now();
      mini.search(q).slice(0, 20);
      if (pass > 0) times.push(performance.now() - t0);
    }
    ceilings.set(n, percentile(times, 95));
    ceilingLines.push(`- MiniSearch in memory, same segmenter, ${n.toLocaleString('en')} policies: built in ${seconds.toFixed(0)} s; p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms, p99 ${ms(percentile(times, 99))} ms over ${times.length} searches`);
    console.log(ceilingLines[ceilingLines.length - 1]);
  }
  ceiling = ceilingLines.join('\n');

  const targets = benchTargets().map((t) => (t.name !== 'pglite' ? t : {
    name: t.name,
    async open() {
      // a bulk load keeps the embedded database busy for long stretches: give its watchdog room
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
      const db = await openDatabase({ databaseUrl: null, dataDir: dir, queryTimeoutMs: 1_800_000, hangMs: 1_800_000 });
      await migrate(db);
      return { db, async drop() { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  }));
  for (const target of targets) {
    console.log(`\n=== ${target.name} ===`);
    const { db, drop } = await target.open();
    try {
      await seedDemo(db, { enterprises: 0, namedFigures: false, indicators: false });
      // bulk load: build the two GIN indexes once at the end rather than row by row
      await db.query('DROP INDEX policy_search_idx');
      await db.query('DROP INDEX policy_title_trgm_idx');
      const n = target.name === 'pglite' ? PGLITE_N : N;
      const { seconds, peakMb } = await withPeakRss(() => load(db, docs.slice(0, n)));
      const ti = performance.now();
      await db.query('CREATE INDEX policy_search_idx ON policy USING gin (search_vector)');
      await db.query('CREATE INDEX policy_title_trgm_idx ON policy USING gin (title_norm gin_trgm_ops)');
      const indexBuild = (performance.now() - ti) / 1000;
      console.log(`loaded in ${seconds.toFixed(0)} s, GIN indexes built in ${indexBuild.toFixed(0)} s`);
      await db.query('ANALYZE policy');
      const { rows: [size] } = await db.query(`SELECT pg_size_pretty(pg_total_relation_size('policy')) AS total, pg_size_pretty(pg_relation_size('policy_search_idx')) AS gin`);
      loads.push(`${target.name} ${os.loadavg()[0].toFixed(1)}`);
      const times: number[] = [];
      for (let pass = 0; pass < 3; pass++) for (const q of queries) {
        const t0 = performance.now();
        await searchPolicies(db, null, { q, page: 1, pageSize: 20 } as any, TODAY);
        if (pass > 0) times.push(performance.now() - t0);
      }
      let sum = 0;
      const misses: string[] = [];
      for (const j of judged) {
        const r = await searchPolicies(db, ADMIN, { q: j.q, page: 1, pageSize: 10 } as any, TODAY);
        const score = ndcg10(r.items.map((i) => i.docNumber ?? ''), j.rel);
        sum += score;
        console.log(`  nDCG@10 ${score.toFixed(3)}  ${j.q}${r.relaxed ? ' (relaxed)' : r.fuzzy ? ' (fuzzy)' : ''}`);
        if (score < 0.7) misses.push(`${j.q} (${score.toFixed(2)})`);
      }
      const p95 = percentile(times, 95);
      rows.push(`| ${target.name} | ${n.toLocaleString('en')} + demo | ${seconds.toFixed(0)} s insert + ${indexBuild.toFixed(0)} s GIN (peak RSS ${peakMb} MB) | ${size.total} (GIN ${size.gin}) | ${ms(percentile(times, 50))} | ${ms(p95)} | ${ms(percentile(times, 99))} | ${(p95 / ceilings.get(n)!).toFixed(1)}× | ${(sum / judged.length).toFixed(3)} |`);
      if (misses.length) rows.push(`|  | below 0.7: ${misses.join('; ')} | | | | | | | |`);
      console.log(rows.slice(-2).join('\n'));
    } finally {
      await drop();
    }
  }

  writeResults('search', `## Policy search: ${N.toLocaleString('en')} policies, top-20 searches, nDCG@10

Command: \`npm run bench:search\` (with \`BENCH_DATABASE_URL\` or \`TEST_DATABASE_URL\` for PostgreSQL) · ${new Date().toISOString().slice(0, 10)} · ${machine()}.
Corpus: the demo library plus ${N.toLocaleString('en')} generated policies (~500-character bodies from the S&T vocabulary, one in ten in traditional characters), indexed by the app's own path (OpenCC + jieba → weighted tsvector with GIN). Latency: ${queries.length} queries (${judged.length} judged + ${extra.length} generated words and 文号) × 2 timed passes after a warm-up, through \`searchPolicies\` — what \`GET /api/v1/policies?q=\` runs: the ranked page of 20 and the facet counts. nDCG@10: the ${judged.length} judged queries of \`bench/search-judgements.json\` against the whole corpus (generated policies count as not relevant).
${ceiling}

Loading: batches of 500 policies (~3 MB of parameters), each in its own transaction.${PGLITE_N < N ? ` PGlite ran ${PGLITE_N.toLocaleString('en')} policies (\`--pglite-policies\`).` : ''} Earlier runs stopped PGlite at 40,000 policies because its load failed between 18,000 and 50,000 rows with "unnamed prepared statement does not exist". Measured cause: not PGlite's memory (the database process stayed at ~550 MB RSS), not a watchdog restart (same process, no restart), not the GIN build (the indexes were dropped for the load): pglite-socket runs the protocol messages of all connections on PGlite's one session in turn and holds one connection's turn only inside an explicit transaction block, so the watchdog's \`SELECT 1\` on its own connection, slipping in between the Parse and the multi-MB Bind that arrives over many socket reads, discarded the unnamed statement. Inside a transaction the load keeps its turn.

Load average (1 min, ${os.cpus().length} CPUs) as the timed searches began: ${loads.join(', ')}.

Segmenting and building the search documents of ${N.toLocaleString('en')} policies in the app (jieba + OpenCC, once, shared by both databases): ${indexSeconds.toFixed(0)} s.

| database | policies | load | table + indexes | p50 ms | p95 ms | p99 ms | p95 ÷ in-memory | nDCG@10 |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
}

await main();

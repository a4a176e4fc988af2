/**
 * npm run bench:indicators [-- --firms 100000 --counties 100]
 *
 * On each target: generates a province-sized data set in SQL (generate_series): 1 province, 10
 * cities, N counties, F enterprises with 3 years of confirmed statistics, tier records
 * (高企 certificates, 科小, 省级), statistics-bureau figures and targets for every region. Then
 * recomputes every indicator of every region (province, cities, counties; this year and the year
 * before for growth) and times the dashboard query of the province and of one city.
 * Writes bench/RESULTS.md.
 */
import type { Actor } from '../src/server/http/actor';
import type { Queryable } from '../src/server/db/database';
import { asOfFor, evaluateRegions, loadCatalogue } from '../src/server/modules/indicators/compute';
import { ranking, regionValues, trend } from '../src/server/modules/indicators/service';
import { listCounts, overdueItems, taskSummary } from '../src/server/modules/indicators/tasks/service';
import { benchTargets, machine, withPeakRss, writeResults } from './targets';

if (process.argv.includes('--help')) {
  console.log(`npm run bench:indicators [-- --firms N --counties N]

  --firms N     enterprises generated (default 100000), each with 3 years of statistics
  --counties N  counties under 10 cities of one province (default 100)

Runs on a fresh PGlite, and also on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
Writes the indicators section of bench/RESULTS.md.`);
  process.exit(0);
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FIRMS = arg('firms', 100_000);
const COUNTIES = arg('counties', 100);
const YEAR = 2025;
const YEARS = [YEAR - 2, YEAR - 1, YEAR];
const TODAY = `${YEAR}-12-31`;
const PROVINCE = '530000';
const CITIES = Array.from({ length: 10 }, (_, i) => `53${String(i + 1).padStart(2, '0')}00`);
const countiesOf = (n: number) => Array.from({ length: n }, (_, i) => `${CITIES[i % 10].slice(0, 4)}${String(Math.floor(i / 10) + 1).padStart(2, '0')}`);
const fmt = (n: number) => n.toLocaleString('en-US');

async function generate(db: Queryable) {
  const counties = countiesOf(COUNTIES);
  await db.query(`INSERT INTO region (code, name, parent_code, level) VALUES ($1, '基准省', NULL, 1)`, [PROVINCE]);
  await db.query(`INSERT INTO region (code, name, parent_code, level) SELECT c, '基准市' || c, $2, 2 FROM unnest($1::text[]) AS c`, [CITIES, PROVINCE]);
  await db.query(`INSERT INTO region (code, name, parent_code, level) SELECT c, '基准县' || c, substr(c, 1, 4) || '00', 3 FROM unnest($1::text[]) AS c`, [counties]);
  await db.query(
    `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status)
     SELECT 'enterprise', '基准企业' || i, '91' || lpad(i::text, 16, '0'), ($2::text[])[1 + i % $3], '联系人', '13800000000', 'approved'
       FROM generate_series(1, $1) AS i`, [FIRMS, counties, counties.length]);
  const codes = ['C3514', 'C2720', 'C3990', 'B0711', 'D4415', 'I6513', 'M7320', 'C3825', 'A0141', 'F5191'];
  await db.query(
    `INSERT INTO enterprise_profile (org_id, industry_code, above_scale, owns_core_ip)
     SELECT o.id, ($1::text[])[1 + o.id % 10], o.id % 3 = 0, o.id % 5 = 0 FROM organization o WHERE o.kind = 'enterprise'`, [codes]);
  await db.query(
    `INSERT INTO enterprise_stat (org_id, year, sales_revenue, total_revenue, rd_expense, rd_expense_domestic, staff, has_rd_institution, has_rd_staff, has_rd_funds, has_rd_projects, status)
     SELECT o.id, y, 2000000 + (o.id * 7919) % 150000000, 2100000 + (o.id * 7919) % 150000000, ((o.id * 7919) % 150000000) * (o.id % 9) / 100,
            ((o.id * 7919) % 150000000) * (o.id % 9) / 100, 10 + o.id % 400, o.id % 4 <> 0, o.id % 5 <> 0, o.id % 9 <> 0, (o.id + y) % 6 <> 0, 'confirmed'
       FROM organization o CROSS JOIN unnest($1::int[]) AS y WHERE o.kind = 'enterprise'`, [YEARS]);
  await db.query(
    `INSERT INTO enterprise_tier (org_id, tier, year, certificate_no, issued_on, valid_until)
     SELECT o.id, 'high_tech', (2021 + o.id % 5)::int, 'GR' || o.id, make_date((2021 + o.id % 5)::int, 11, (1 + o.id % 28)::int), make_date((2024 + o.id % 5)::int, 10, 31)
       FROM organization o WHERE o.kind = 'enterprise' AND o.id % 7 = 0`);
  await db.query(
    `INSERT INTO enterprise_tier (org_id, tier, year, registration_no)
     SELECT o.id, 'tech_sme', y, y || '-' || o.id FROM organization o CROSS JOIN unnest($1::int[]) AS y WHERE o.kind = 'enterprise' AND (o.id + y) % 4 = 0`, [YEARS]);
  await db.query(
    `INSERT INTO enterprise_tier (org_id, tier, year)
     SELECT o.id, 'provincial_innovative', y FROM organization o CROSS JOIN unnest($1::int[]) AS y WHERE o.kind = 'enterprise' AND (o.id + y) % 20 = 0`, [YEARS]);
  await db.query(
    `INSERT INTO indicator_value (region_code, indicator_code, year, period, value, source)
     SELECT c, code, y, p, (100 + length(c) * 10 + y % 7) * CASE p WHEN 'Y' THEN 1 WHEN 'Q1' THEN 0.25 WHEN 'Q2' THEN 0.5 ELSE 0.75 END, 'imported'
       FROM unnest($1::text[]) AS c CROSS JOIN unnest($2::int[]) AS y
       CROSS JOIN unnest(ARRAY['gdp', 'tech_contract_turnover', 'hightech_manufacturing_value_added', 'strategic_emerging_value_added',
                               'hightech_manufacturing_growth', 'strategic_emerging_growth']) AS code
       CROSS JOIN unnest(ARRAY['Q1', 'Q2', 'Q3', 'Y']) AS p`, [counties, YEARS]);
  await db.query(
    `INSERT INTO indicator_target (region_code, indicator_code, year, target)
     SELECT r.code, i.code, y, 10 + (hashtext(r.code || i.code) & 1023) FROM region r CROSS JOIN indicator i CROSS JOIN unnest($1::int[]) AS y
      WHERE r.code LIKE '53%'`, [YEARS]);
  const { rows: [{ n }] } = await db.query(`SELECT count(*)::int AS n FROM enterprise_stat`);
  await db.query('ANALYZE');
  return { counties, statRows: n as number };
}

const rows: string[] = [];
for (const target of benchTargets()) {
  console.log(`\n== ${target.name}`);
  const { db, drop } = await target.open();
  try {
    const gen = await withPeakRss(() => generate(db));
    console.log(`generated ${fmt(FIRMS)} enterprises, ${fmt(gen.result.statRows)} statistics rows in ${gen.seconds.toFixed(1)} s`);
    const admin: Actor = { id: 1, username: 'admin', displayName: 'admin', role: 'admin', regionCode: null, orgId: null, mustChangePassword: false, sessionId: '' };
    const catalogue = await loadCatalogue(db);
    const all = [PROVINCE, ...CITIES, ...gen.result.counties];
    const recompute = await withPeakRss(() => evaluateRegions(db, all, asOfFor(YEAR, null, TODAY), catalogue));
    const indicatorCount = [...recompute.result.values()].reduce((s, items) => s + items.length, 0);
    console.log(`recomputed ${fmt(indicatorCount)} region-indicators in ${recompute.seconds.toFixed(2)} s`);
    const dashboard = async (region: string) => {
      const v = await regionValues(db, admin, { region, year: YEAR, breakdown: 'children', today: TODAY }, 'zh-CN');
      await ranking(db, admin, { region, year: YEAR, indicator: 'overall', by: 'progress', today: TODAY }, 'zh-CN');
      await trend(db, admin, { region, year: YEAR, years: 3, today: TODAY }, 'zh-CN');
      await taskSummary(db, admin, region, YEAR, TODAY);
      await overdueItems(db, admin, region, YEAR, TODAY);
      await listCounts(db, admin, region, YEAR, TODAY);
      return v;
    };
    await dashboard(PROVINCE); // warm
    const times: number[] = [];
    for (let i = 0; i < 3; i++) { const s = performance.now(); await dashboard(PROVINCE); times.push(performance.now() - s); }
    const cityTimes: number[] = [];
    for (let i = 0; i < 3; i++) { const s = performance.now(); await dashboard(CITIES[0]); cityTimes.push(performance.now() - s); }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    console.log(`dashboard province ${median(times).toFixed(0)} ms, city ${median(cityTimes).toFixed(0)} ms`);
    rows.push(`| ${target.name} | ${gen.seconds.toFixed(1)} s (peak RSS ${gen.peakMb} MB) | ${fmt(indicatorCount)} in ${recompute.seconds.toFixed(2)} s (peak RSS ${recompute.peakMb} MB) | ${median(times).toFixed(0)} ms | ${median(cityTimes).toFixed(0)} ms |`);
  } finally {
    await drop();
  }
}

writeResults('indicators', `## Indicators: recompute everything, dashboard (${fmt(FIRMS)} enterprises × ${YEARS.length} years, ${COUNTIES} counties)

Command: \`npm run bench:indicators\` (with \`BENCH_DATABASE_URL\` or \`TEST_DATABASE_URL\` for PostgreSQL) · ${new Date().toISOString().slice(0, 10)} · ${machine()}.
Data generated in SQL: 1 province, 10 cities, ${COUNTIES} counties; ${fmt(FIRMS)} enterprises with ${YEARS.length} years of confirmed statistics, 高企 certificates, 科小 and 省级 records, quarterly statistics-bureau figures, targets for every region and indicator.
Recompute: every indicator of all ${11 + COUNTIES} regions as of the year end, with the year before (growth) — nothing is stored, every figure comes from the records.
Dashboard: what GET /api/v1/indicators/dashboard runs — the region and each sub-region against targets, the 对标对表 ranking now and one period before, three years of trend, tasks and lists (median of 3, after one warm-up).

| database | generate data | recompute every indicator of every region | dashboard of the province (10 cities) | dashboard of a city (10 counties) |
|---|---|---|---|---|
${rows.join('\n')}
`);

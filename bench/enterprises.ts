/**
 * npm run bench:enterprises [-- --firms 100000]
 *
 * On each target: generates N enterprises × 3 years as two .xlsx files, imports them through
 * the real import path (streamed, validated, one transaction), beside PostgreSQL COPY of the
 * same statistics rows into the same table (the ceiling); then assesses every enterprise and
 * times the cultivation dashboard of the province. Writes bench/RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import ExcelJS from '../src/server/exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { makeUscc, USCC_CHARSET } from '../src/domain/uscc';
import type { Actor } from '../src/server/http/actor';
import { assessStored } from '../src/server/modules/enterprises/assessment';
import { candidatePool, expiringCertificates, fourHasCoverage, tierCountsAt } from '../src/server/modules/enterprises/cultivation';
import { ENTERPRISE_COLUMNS, importEnterprises, importStatistics, STAT_IMPORT_COLUMNS } from '../src/server/modules/enterprises/import';
import { enterpriseScope } from '../src/server/modules/enterprises/registry';
import { STAT_FIELDS } from '../src/server/modules/enterprises/stat-fields';
import { seedDemo } from '../src/server/seed/demo';
import { benchTargets, machine, withPeakRss, writeResults } from './targets';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FIRMS = arg('firms', 100_000);
const YEARS = [2023, 2024, 2025];
const COUNTIES = ['621002', '621021', '621022', '621023', '621024', '621025', '621026', '621027', '620702', '620721', '620722', '620723', '620724', '620725'];

const code = (n: number, width: number) => {
  let s = '';
  for (let i = 0; i < width; i++) { s = USCC_CHARSET[n % 31] + s; n = Math.floor(n / 31); }
  return s;
};
const usccOf = (i: number) => makeUscc(`91${COUNTIES[i % COUNTIES.length]}MB${code(i, 7)}`);

function statRow(i: number, year: number): (string | number)[] {
  const sales = 2_000_000 + ((i * 7919) % 150_000_000) + (year - 2023) * 1_000_000;
  const staff = 10 + (i % 400);
  const rd = Math.round(sales * (((i % 9) + 1) / 100));
  return [usccOf(i), year, ...STAT_FIELDS.map((f) => {
    switch (f.key) {
      case 'salesRevenue': return sales;
      case 'totalRevenue': return sales + 100_000;
      case 'hightechRevenue': return Math.round(sales * ((i % 10) / 10));
      case 'rdExpense': return rd;
      case 'rdExpenseDomestic': return rd;
      case 'totalCostExpense': return Math.round(sales * 0.9);
      case 'staff': return staff;
      case 'scienceStaff': return Math.round(staff * ((i % 30) / 100));
      case 'rdStaff': return Math.round(staff * ((i % 20) / 100));
      case 'totalAssets': return sales * 2;
      case 'totalLiabilities': return sales;
      case 'ipClass1': return i % 3;
      case 'ipClass2': return i % 7;
      case 'transformations': return i % 5;
      default: return i % 4 === 0 ? '是' : '否';
    }
  })];
}

async function writeXlsx(file: string, header: string[], rows: (i: number) => Iterable<(string | number | null)[]>, count: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('data');
  ws.addRow(header).commit();
  for (let i = 0; i < count; i++) for (const r of rows(i)) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-ent-'));
  const entFile = path.join(dir, 'enterprises.xlsx');
  const statFile = path.join(dir, 'statistics.xlsx');
  console.log(`generating ${fmt(FIRMS)} enterprises × ${YEARS.length} years …`);
  await writeXlsx(entFile, ENTERPRISE_COLUMNS.map((c) => c.zh), (i) => [[`基准测试企业${i}有限公司`, usccOf(i), COUNTIES[i % COUNTIES.length], '', '',
    `${2005 + (i % 15)}-01-01`, ['C3990', 'C2720', 'I6513', 'C3514', 'C1310'][i % 5], i % 2 ? '电子信息' : null, i % 3 ? '是' : '否', '联系人', '13900000000', '']], FIRMS);
  await writeXlsx(statFile, STAT_IMPORT_COLUMNS.map((c) => c.zh), (i) => YEARS.map((y) => statRow(i, y)), FIRMS);
  const sizes = `${(fs.statSync(entFile).size / 2 ** 20).toFixed(1)} MB and ${(fs.statSync(statFile).size / 2 ** 20).toFixed(1)} MB`;

  const rows: string[] = [];
  for (const target of benchTargets()) {
    console.log(`== ${target.name}`);
    const { db, drop } = await target.open();
    try {
      await seedDemo(db, { enterprises: 0 });
      const admin: Actor = { id: 1, username: 'admin', displayName: 'admin', role: 'admin', regionCode: null, orgId: null, mustChangePassword: false, sessionId: '' };
      const audit = { id: 1, username: 'admin', role: 'admin', ip: '127.0.0.1' };
      const ent = await withPeakRss(() => importEnterprises(db, admin, audit, fs.createReadStream(entFile), 'zh-CN'));
      console.log(`enterprises: ${ent.result.rows} rows in ${ent.seconds.toFixed(1)} s, peak RSS ${ent.peakMb} MB`);
      const stat = await withPeakRss(() => importStatistics(db, admin, audit, fs.createReadStream(statFile), 'zh-CN'));
      console.log(`statistics: ${stat.result.rows} rows in ${stat.seconds.toFixed(1)} s, peak RSS ${stat.peakMb} MB`);

      // The ceiling: COPY of the same statistics rows into the same table (after emptying it).
      // Measured: pglite-socket 0.2.17 does not carry COPY FROM STDIN (the server answers
      // "protocol synchronization was lost"), so the ceiling exists on PostgreSQL only.
      let copyCell = 'n/a: pglite-socket does not carry COPY FROM STDIN';
      if (target.name === 'postgres') try {
        const { rows: ids } = await db.query(`SELECT id, uscc FROM organization WHERE kind = 'enterprise'`);
        const idOf = new Map(ids.map((r) => [r.uscc as string, r.id as number]));
        await db.query('DELETE FROM enterprise_stat');
        const client = new pg.Client(db.connection);
        client.on('error', () => {});
        await client.connect();
        const columns = ['org_id', 'year', ...STAT_FIELDS.map((f) => f.column)];
        const lines = function* () {
          for (let i = 0; i < FIRMS; i++) for (const y of YEARS) {
            const [uscc, year, ...values] = statRow(i, y);
            yield `${idOf.get(uscc as string)}\t${year}\t${values.map((v) => (v === '是' ? 't' : v === '否' ? 'f' : v)).join('\t')}\n`;
          }
        };
        const start = performance.now();
        await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY enterprise_stat (${columns.join(', ')}) FROM STDIN`)));
        const seconds = (performance.now() - start) / 1000;
        await client.end();
        copyCell = `${fmt((FIRMS * YEARS.length) / seconds)} rows/s (${seconds.toFixed(1)} s)`;
      } catch (error) {
        copyCell = `not supported here (${(error as Error).message.slice(0, 60)})`;
      }
      console.log(`COPY: ${copyCell}`);

      const assessAll = await withPeakRss(async () => {
        const where = enterpriseScope(admin);
        return (await assessStored(db, where, '2026-06-01')).length;
      });
      console.log(`assessment: ${assessAll.result} in ${assessAll.seconds.toFixed(1)} s`);
      const staff: Actor = { ...admin, role: 'staff', regionCode: '620000' };
      const dash = await withPeakRss(() => Promise.all([
        tierCountsAt(db, ['620000'], [2024, 2025, 2026].map((y) => ({ year: y, date: `${y}-06-01` }))), fourHasCoverage(db, ['620000'], 2025), expiringCertificates(db, staff, '2026-06-01'), candidatePool(db, staff, '2026-06-01'),
      ]));
      console.log(`cultivation dashboard: ${dash.seconds.toFixed(2)} s`);
      rows.push(`| ${target.name} | ${fmt(ent.result.rows / ent.seconds)} rows/s (${ent.seconds.toFixed(0)} s, peak RSS ${ent.peakMb} MB) | ${fmt(stat.result.rows / stat.seconds)} rows/s (${stat.seconds.toFixed(0)} s, peak RSS ${stat.peakMb} MB) | ${copyCell} | ${fmt(assessAll.result)} in ${assessAll.seconds.toFixed(1)} s (${fmt(assessAll.result / assessAll.seconds)}/s) | ${(dash.seconds * 1000).toFixed(0)} ms |`);
    } finally {
      await drop();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  writeResults('enterprises', `## Enterprises: import, assessment, cultivation (${fmt(FIRMS)} enterprises × ${YEARS.length} years)

Command: \`npm run bench:enterprises\` (with \`BENCH_DATABASE_URL\` or \`TEST_DATABASE_URL\` for PostgreSQL) · ${new Date().toISOString().slice(0, 10)} · ${machine()}.
Files: ${sizes} (.xlsx). Imports go through the real path: streamed read, whole-file validation, one transaction, an audit row per record.
COPY is the ceiling: the same statistics rows by \`COPY … FROM STDIN\` into the same table. Assessment: every enterprise against 高企 / 科小 / 加计扣除, loaded in two queries. Dashboard: tier counts for three years, 四有 coverage, expiring certificates and the ranked candidate pool of the province.

| database | enterprise import | statistics import | COPY (ceiling) | assessment of all | cultivation dashboard |
|---|---|---|---|---|---|
${rows.join('\n')}`);
  console.log('written to bench/RESULTS.md');
}

main().then(() => process.exit(0), (error) => { console.error(error, JSON.stringify(error?.detail?.rows?.slice(0, 10))); process.exit(1); });

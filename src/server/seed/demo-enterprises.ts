/**
 * About 2,000 demo enterprises across the demo counties with three years of statistics, spread
 * so that some are eligible for 高企 / 科小, some near and some far. Deterministic (seeded PRNG),
 * so every fresh start shows the same registry.
 */
import type { Queryable } from '../db/database';
import { makeUscc, USCC_CHARSET } from '../../domain/uscc';
import { todayInChina } from '../../domain/dates';
import { highTechValidUntil } from '../modules/enterprises/tiers';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    between: (min: number, max: number) => min + next() * (max - min),
  };
}

const COUNTIES: [code: string, prefix: string][] = [
  ['621002', '西峰'], ['621021', '庆城'], ['621022', '环县'], ['621023', '华池'], ['621024', '合水'], ['621025', '正宁'], ['621026', '宁县'],
  ['621027', '镇原'], ['620702', '甘州'], ['620721', '肃南'], ['620722', '民乐'], ['620723', '临泽'], ['620724', '高台'], ['620725', '山丹'],
];
const BRANDS = ['陇东', '岐黄', '周祖', '子午', '董志', '祁连', '丹霞', '黑河', '焉支', '河西', '金张掖', '北地', '黄土', '庆阳', '马莲', '蒲河', '天成', '华瑞', '恒信', '博远', '中科', '瑞丰', '长庆', '兴陇', '绿源', '金穗', '宏达', '新睿', '润泽', '丝路'];
const LINES: [industry: string, words: string, field: string | null][] = [
  ['C1310', '农产品加工', null], ['C1411', '食品', null], ['C1521', '酒业', null], ['C2614', '化工新材料', '新材料'],
  ['C2720', '中药制药', '生物与新医药'], ['C2740', '中药饮片', '生物与新医药'], ['C3021', '建材', null], ['C3311', '金属结构', null],
  ['C3441', '泵阀装备', '先进制造与自动化'], ['C3514', '石油装备', '先进制造与自动化'], ['C3576', '农牧机械', '先进制造与自动化'],
  ['C3825', '光伏设备', '新能源与节能'], ['C3831', '电线电缆', '新材料'], ['C3990', '电子', '电子信息'], ['C4011', '仪器仪表', '先进制造与自动化'],
  ['B0711', '油气技术服务', '资源与环境'], ['B0610', '煤炭', null], ['D4415', '新能源发电', '新能源与节能'], ['I6513', '软件', '电子信息'],
  ['I6540', '信息技术', '电子信息'], ['M7320', '检验检测', '高技术服务'], ['M7511', '农业科技', '高技术服务'], ['A0141', '种业', '生物与新医药'],
  ['A0311', '草畜', null], ['N7721', '环保科技', '资源与环境'], ['F5191', '商贸', null],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '建国秀兰海军伟芳强敏静磊洋艳勇杰娟涛明超霞平刚';

type Profile = 'strong' | 'near' | 'far';

const code7 = (n: number) => {
  let s = '';
  for (let i = 0; i < 7; i++) { s = USCC_CHARSET[n % 31] + s; n = Math.floor(n / 31); }
  return s;
};

export async function seedDemoEnterprises(tx: Queryable, count = 2000, seed = 20261121): Promise<number> {
  const rnd = prng(seed);
  const currentYear = Number(todayInChina().slice(0, 4));
  const years = [currentYear - 3, currentYear - 2, currentYear - 1];
  const orgs: any[] = [];
  const names = new Set<string>();
  for (let i = 0; orgs.length < count; i++) {
    const [region, prefix] = COUNTIES[i % COUNTIES.length];
    const [industry, words, field] = rnd.pick(LINES);
    const name = `${rnd.next() < 0.5 ? prefix : ''}${rnd.pick(BRANDS)}${words}${rnd.next() < 0.6 ? '科技' : ''}有限公司`;
    if (names.has(name)) continue;
    names.add(name);
    const kind: Profile = rnd.next() < 0.15 ? 'strong' : rnd.next() < 0.35 ? 'near' : 'far';
    const industrial = /^[BCD]/.test(industry);
    orgs.push({
      name, region, industry, field: kind === 'far' && rnd.next() < 0.5 ? null : field, kind,
      uscc: makeUscc(`91${region}MA${code7(i + 1000)}`.slice(0, 17)),
      contact: rnd.pick([...SURNAMES]) + rnd.pick([...GIVEN]) + (rnd.next() < 0.5 ? rnd.pick([...GIVEN]) : ''),
      phone: `1${rnd.pick(['33', '35', '38', '39', '77', '80', '89'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
      founded: `${rnd.int(2003, currentYear - 2)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      aboveScale: industrial ? rnd.next() < 0.45 : rnd.next() < 0.1,
      ownsCoreIp: kind !== 'far' || rnd.next() < 0.2,
      tags: kind === 'strong' && rnd.next() < 0.4 ? ['专精特新'] : rnd.next() < 0.05 ? ['瞪羚企业'] : [],
    });
  }
  const ids: number[] = [];
  for (let i = 0; i < orgs.length; i += 1000) {
    const part = orgs.slice(i, i + 1000);
    const col = (k: string) => part.map((o) => o[k]);
    const { rows } = await tx.query(
      `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_at)
       SELECT 'enterprise', * , 'approved', now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) RETURNING id`,
      [col('name'), col('uscc'), col('region'), col('contact'), col('phone')]);
    ids.push(...rows.map((r) => r.id));
    await tx.query(
      `INSERT INTO enterprise_profile (org_id, address, legal_rep, founded_on, industry_code, hightech_field, above_scale, owns_core_ip, tags)
       SELECT t.id, t.address, t.legal, t.founded, t.industry, t.field, t.scale, t.ip, coalesce(string_to_array(t.tags, '|'), '{}')
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::boolean[], $8::boolean[], $9::text[])
           AS t(id, address, legal, founded, industry, field, scale, ip, tags)`,
      [rows.map((r) => r.id), part.map((o) => `${o.region.startsWith('6210') ? '庆阳市' : '张掖市'}${o.name.slice(0, 2)}工业园区${rnd.int(1, 99)}号`),
        col('contact'), col('founded'), col('industry'), col('field'), col('aboveScale'), col('ownsCoreIp'), part.map((o) => o.tags.join('|') || null)]);
  }

  const stats: any[][] = [];
  const tiers: any[][] = [];
  orgs.forEach((o, idx) => {
    const id = ids[idx];
    const foundedYear = Number(o.founded.slice(0, 4));
    let sales = Math.round(Math.exp(rnd.between(Math.log(2_000_000), Math.log(o.kind === 'strong' ? 250_000_000 : 120_000_000))));
    let assets = Math.round(sales * rnd.between(0.6, 1.6));
    let staff = Math.max(8, Math.round(sales / rnd.between(250_000, 600_000)));
    const rdBand = o.kind === 'strong' ? [0.045, 0.09] : o.kind === 'near' ? [0.025, 0.05] : [0, 0.022];
    const sciBand = o.kind === 'strong' ? [0.14, 0.35] : o.kind === 'near' ? [0.08, 0.16] : [0.02, 0.1];
    const htBand = o.kind === 'strong' ? [0.64, 0.92] : o.kind === 'near' ? [0.5, 0.7] : [0, 0.4];
    for (const year of years) {
      if (year < foundedYear) continue;
      sales = Math.round(sales * rnd.between(0.92, o.kind === 'strong' ? 1.4 : 1.2));
      assets = Math.round(assets * rnd.between(0.95, 1.25));
      staff = Math.max(8, Math.round(staff * rnd.between(0.95, 1.12)));
      const total = Math.round(sales * rnd.between(1.0, 1.08));
      const rd = Math.round(sales * rnd.between(rdBand[0], rdBand[1]));
      const science = Math.min(staff, Math.round(staff * rnd.between(sciBand[0], sciBand[1])));
      const industrialAbove = o.aboveScale && /^[BCD]/.test(o.industry);
      const flag = (p: number) => (industrialAbove ? rnd.next() < p : false);
      const fourP = o.kind === 'strong' ? 0.97 : o.kind === 'near' ? 0.8 : 0.45;
      stats.push([id, year, sales, total, Math.round(total * rnd.between(htBand[0], htBand[1])), rd, Math.round(rd * rnd.between(0.85, 1)),
        Math.round(sales * rnd.between(0.8, 0.97)), staff, science, Math.min(science, Math.round(science * rnd.between(0.5, 0.9))), assets,
        Math.round(assets * rnd.between(0.2, 0.65)), o.kind === 'strong' ? rnd.int(1, 6) : o.kind === 'near' ? rnd.int(0, 2) : rnd.next() < 0.1 ? 1 : 0,
        o.kind === 'far' ? rnd.int(0, 3) : rnd.int(2, 15), o.kind === 'strong' ? rnd.int(3, 9) : o.kind === 'near' ? rnd.int(1, 4) : rnd.int(0, 1),
        flag(fourP), flag(fourP), flag(fourP), flag(fourP), rnd.next() < 0.01, rnd.next() < 0.01]);
    }
    if (o.kind === 'strong' && o.field && rnd.next() < 0.8) {
      // certificates of every recent batch, so some expire within six months and the count moves year to year
      const issuedYear = rnd.pick([currentYear - 3, currentYear - 2, currentYear - 1, currentYear]);
      const month = issuedYear === currentYear ? rnd.int(8, 10) : rnd.int(10, 12);
      const issued = `${issuedYear}-${String(month).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      tiers.push([id, 'high_tech', issuedYear, null, `GR${issuedYear}62${String(rnd.int(0, 999_999)).padStart(6, '0')}`, issued, highTechValidUntil(issued)]);
    }
    const smeYears = o.kind === 'strong' ? [currentYear - 2, currentYear - 1, currentYear] : o.kind === 'near' ? (rnd.next() < 0.5 ? [currentYear - 2, currentYear - 1, currentYear] : rnd.next() < 0.7 ? [currentYear - 1, currentYear] : [currentYear]) : rnd.next() < 0.12 ? [currentYear] : [];
    for (const y of smeYears) tiers.push([id, 'tech_sme', y, `${y}62${o.region.slice(2, 4)}07${String(rnd.int(0, 99_999)).padStart(5, '0')}`, null, null, null]);
    if (o.kind === 'near' || (o.kind === 'strong' && rnd.next() < 0.2)) tiers.push([id, 'candidate', currentYear, null, null, null, null]);
    if (o.kind === 'strong' && rnd.next() < 0.25) tiers.push([id, 'provincial_innovative', currentYear - 2, null, null, null, null]);
    if (o.kind === 'strong' && rnd.next() < 0.3) tiers.push([id, 'provincial_innovative', currentYear - 1, null, null, null, null]);
    if (o.kind === 'strong' && rnd.next() < 0.4) tiers.push([id, 'provincial_innovative', currentYear, null, null, null, null]);
  });
  const STAT_COLS = 'org_id, year, sales_revenue, total_revenue, hightech_revenue, rd_expense, rd_expense_domestic, total_cost_expense, staff, science_staff, rd_staff, total_assets, total_liabilities, ip_class1, ip_class2, transformations, has_rd_institution, has_rd_staff, has_rd_funds, has_rd_projects, serious_incident, abnormal_listed';
  const TYPES = ['bigint', 'int', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'int', 'int', 'int', 'bigint', 'bigint', 'int', 'int', 'int', 'boolean', 'boolean', 'boolean', 'boolean', 'boolean', 'boolean'];
  for (let i = 0; i < stats.length; i += 2000) {
    const part = stats.slice(i, i + 2000);
    await tx.query(`INSERT INTO enterprise_stat (${STAT_COLS}, status) SELECT *, 'confirmed' FROM unnest(${TYPES.map((t, j) => `$${j + 1}::${t}[]`).join(', ')})`,
      TYPES.map((_, j) => part.map((row) => row[j])));
  }
  await tx.query(
    `INSERT INTO enterprise_tier (org_id, tier, year, registration_no, certificate_no, issued_on, valid_until)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::date[], $7::date[])`,
    [0, 1, 2, 3, 4, 5, 6].map((j) => tiers.map((t) => t[j])));
  return orgs.length;
}

/**
 * Loads the demo region, accounts and organisations into an empty database, once. Every demo
 * account has the password DEMO_PASSWORD (README lists them).
 */
import type { Database, Queryable } from '../db/database';
import { makeUscc } from '../../domain/uscc';
import { regionLevel } from '../../domain/regions';
import { recordAudit } from '../modules/audit/record';
import { hashPassword } from '../modules/auth/password-hash';
import { seedDemoEnterprises } from './demo-enterprises';
import { seedDemoPolicies } from './demo-policies';
import { seedDemoIndicators } from './demo-indicators';
import { seedDemoNotifications } from './demo-notifications';
import { seedDemoMarket } from './demo-market';
import { seedDemoPlatforms } from './demo-platforms';
import { seedDemoProjects } from './demo-projects';
import { seedDemoTalent } from './demo-talent';
import { seedDemoCommissioners } from './demo-commissioners';
import { seedDemoPlatformEvaluations } from './demo-platform-evaluations';
import { GANSU_REGIONS } from './regions-gansu';
import { seedDemoLocalities } from './localities-gansu-demo';

export const DEMO_PASSWORD = 'Kechuang@2026';

const SYSTEM = { id: null, username: 'system', role: null, ip: '127.0.0.1' };

export const DEMO_ORGANIZATIONS = [
  { key: 'qy_ent1', kind: 'enterprise', name: '庆阳市陇东能源装备科技有限公司', uscc: makeUscc('91621002MA71QY001'), region: '621002', contact: '王建国', phone: '13800000011', status: 'approved' },
  { key: 'qy_ent2', kind: 'enterprise', name: '庆城县岐黄中药材科技有限公司', uscc: makeUscc('91621021MA71QY002'), region: '621021', contact: '李秀兰', phone: '13800000012', status: 'approved' },
  { key: 'qy_ent3', kind: 'enterprise', name: '环县草畜产业科技发展有限公司', uscc: makeUscc('91621022MA71QY003'), region: '621022', contact: '赵海', phone: '13800000013', status: 'pending' },
  { key: 'qy_inst1', kind: 'institution', name: '陇东学院', uscc: makeUscc('12620000438000001'), region: '621002', contact: '陈明', phone: '13800000014', status: 'approved' },
  { key: 'zy_ent1', kind: 'enterprise', name: '张掖市祁连玉米种业科技有限公司', uscc: makeUscc('91620702MA71YE001'), region: '620702', contact: '张伟', phone: '13800000021', status: 'approved' },
  { key: 'zy_ent2', kind: 'enterprise', name: '高台县绿洲节水灌溉科技有限公司', uscc: makeUscc('91620724MA71YE002'), region: '620724', contact: '刘芳', phone: '13800000022', status: 'pending' },
] as const;

export const DEMO_USERS = [
  { username: 'admin', name: '系统管理员', role: 'admin', region: null, phone: '13800000001' },
  { username: 'gansu', name: '甘肃省科技厅 王芳', role: 'staff', region: '620000', phone: '13800000009' },
  { username: 'qingyang', name: '庆阳市科技局 李明', role: 'staff', region: '621000', phone: '13800000002' },
  { username: 'zhangye', name: '张掖市科技局 赵强', role: 'staff', region: '620700', phone: '13800000003' },
  { username: 'xifeng', name: '西峰区科技局 孙丽', role: 'staff', region: '621002', phone: '13800000004' },
  { username: 'expert1', name: '专家 周教授', role: 'expert', region: '621000', phone: '13800000005' },
  { username: 'tepai1', name: '科技特派员 马强', role: 'commissioner', region: '621022', phone: '13800000006' },
] as const;

export async function insertRegions(tx: Queryable, regions: [string, string, string | null][]): Promise<void> {
  for (const [code, name, parent] of regions) {
    await tx.query('INSERT INTO region (code, name, parent_code, level) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING',
      [code, name, parent, regionLevel(code)]);
  }
}

export async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT (SELECT count(*) FROM app_user) + (SELECT count(*) FROM region) AS n');
  return Number(rows[0].n) === 0;
}

/** `enterprises`: how many generated registry enterprises besides the named demo organisations. */
export async function seedDemo(db: Database, options: { enterprises?: number; namedFigures?: boolean; indicators?: boolean; policies?: boolean; notifications?: boolean; projects?: boolean } = {}): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await insertRegions(tx, GANSU_REGIONS);
    // townships and villages of 庆阳市 and 张掖市 (统计用区划代码 2023), for 科技特派员 and coverage
    await seedDemoLocalities(tx);
    for (const u of DEMO_USERS) {
      await tx.query(`INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
        [u.username, u.name, u.role, u.region, u.phone, hash]);
    }
    for (const o of DEMO_ORGANIZATIONS) {
      const { rows: [org] } = await tx.query(
        `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7 = 'approved' THEN now() END) RETURNING id`,
        [o.kind, o.name, o.uscc, o.region, o.contact, o.phone, o.status]);
      await tx.query(`INSERT INTO app_user (username, display_name, role, region_code, org_id, phone, password_hash, status)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [o.key, o.contact, o.kind, o.region, org.id, o.phone, hash, o.status === 'approved' ? 'active' : 'pending']);
    }
    if (options.namedFigures ?? true) await seedNamedEnterpriseFigures(tx);
    const generated = await seedDemoEnterprises(tx, options.enterprises ?? 2000);
    if (options.policies ?? true) await seedDemoPolicies(tx);
    // a few 消息 for a demo enterprise, so that its bell is not empty on first start
    if (options.notifications ?? true) await seedDemoNotifications(tx);
    // targets, figures, key tasks and the three lists (M10): only with enterprises, so plain HTTP tests stay fast
    if (options.indicators ?? generated > 0) await seedDemoIndicators(tx);
    // experts, programmes, calls, applications, reviews and the reserve (M5): only with enterprises, like the indicators
    if (options.projects ?? generated > 0) {
      await seedDemoProjects(tx);
      // about thirty innovation platforms of 庆阳市 and 张掖市 with two years of figures, and certifications under way (M4)
      await seedDemoPlatforms(tx);
      // achievements, demands, the docking event and the contract registry (M6, M7), with the projects' experts
      await seedDemoMarket(tx);
      // 人才库: talent of each kind in 庆阳 and 张掖, two teams and two bases, with a year of service (M8)
      await seedDemoTalent(tx);
      // 科技特派员 of 庆阳市 in its villages, with a year of service logs (M8)
      await seedDemoCommissioners(tx);
      // two years of platform performance evaluation (绩效评价), after the platforms
      await seedDemoPlatformEvaluations(tx);
    }
    await tx.query(`INSERT INTO app_meta (key, value) VALUES ('demo_seeded', now()::text)`);
    await recordAudit(tx, SYSTEM, { action: 'system.seed_demo', targetType: 'system',
      changes: { regions: { before: null, after: GANSU_REGIONS.length }, users: { before: null, after: DEMO_USERS.length + DEMO_ORGANIZATIONS.length }, enterprises: { before: null, after: generated } } });
  });
}

/**
 * Profiles and three years of figures for the named demo enterprises, so that signing in as one
 * shows a real picture: 陇东能源装备 is close to 高企 (its high-tech revenue share falls short),
 * 祁连玉米种业 holds a certificate.
 */
async function seedNamedEnterpriseFigures(tx: Queryable): Promise<void> {
  const year = new Date().getUTCFullYear();
  const firms = [
    { key: 'qy_ent1', industry: 'C3514', field: '先进制造与自动化', founded: '2012-04-18', scale: true, legal: '王建国', address: '庆阳市西峰区长庆大道 88 号',
      sales: [42_000_000, 51_000_000, 63_000_000], ht: 0.55, rd: 0.052, staff: [160, 172, 185], sci: 0.16, ip1: 2, ip2: 9, tr: [3, 4, 5] },
    { key: 'zy_ent1', industry: 'A0141', field: '生物与新医药', founded: '2009-09-09', scale: false, legal: '张伟', address: '张掖市甘州区种业产业园 6 号',
      sales: [88_000_000, 97_000_000, 112_000_000], ht: 0.78, rd: 0.061, staff: [210, 220, 236], sci: 0.22, ip1: 6, ip2: 4, tr: [5, 6, 6] },
  ];
  for (const f of firms) {
    const { rows: [u] } = await tx.query('SELECT org_id FROM app_user WHERE username = $1', [f.key]);
    await tx.query(`INSERT INTO enterprise_profile (org_id, address, legal_rep, founded_on, industry_code, hightech_field, above_scale, owns_core_ip, tags)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, true, '{}')`, [u.org_id, f.address, f.legal, f.founded, f.industry, f.field, f.scale]);
    for (let i = 0; i < 3; i++) {
      const sales = f.sales[i];
      const rd = Math.round(sales * f.rd);
      const staff = f.staff[i];
      const sci = Math.round(staff * f.sci);
      await tx.query(
        `INSERT INTO enterprise_stat (org_id, year, sales_revenue, total_revenue, hightech_revenue, rd_expense, rd_expense_domestic, total_cost_expense,
           staff, science_staff, rd_staff, total_assets, total_liabilities, ip_class1, ip_class2, transformations,
           has_rd_institution, has_rd_staff, has_rd_funds, has_rd_projects, status)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, true, true, true, true, 'confirmed')`,
        [u.org_id, year - 3 + i, sales, sales + 1_200_000, Math.round((sales + 1_200_000) * f.ht), rd, Math.round(sales * 0.86), staff, sci,
          Math.round(sci * 0.7), Math.round(sales * 1.4), Math.round(sales * 0.5), f.ip1, f.ip2, f.tr[i]]);
    }
  }
  const { rows: [zy] } = await tx.query(`SELECT org_id FROM app_user WHERE username = 'zy_ent1'`);
  await tx.query(`INSERT INTO enterprise_tier (org_id, tier, year, certificate_no, issued_on, valid_until) VALUES ($1, 'high_tech', $2, $3, $4, $5)`,
    [zy.org_id, year - 1, `GR${year - 1}62000188`, `${year - 1}-11-08`, `${year + 2}-11-07`]);
}

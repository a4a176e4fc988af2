/**
 * About thirty innovation platforms of 庆阳市 and 张掖市 in their real industries — shale oil
 * equipment and oilfield services, wind and solar, 中药材, 草畜, 玉米制种, 凹凸棒石, data centres —
 * hosted by the demo organisations (the named ones and generated enterprises of the right trade),
 * at national, provincial and city level, most 认定, a few 整改, one 撤销 and one 筹建, with their
 * key figures for the last two years; one certified through the workflow this past year, and three
 * certification applications under way (to recommend, to check, under expert review with expert1).
 * Deterministic, a few dozen rows: fast.
 */
import { validUntil } from '../../domain/platforms';
import { todayInChina } from '../../domain/dates';
import { makeUscc } from '../../domain/uscc';
import type { Queryable } from '../db/database';

type Level = 'national' | 'provincial' | 'city';
type Status = 'preparing' | 'certified' | 'rectifying' | 'revoked';

/** A host: a named demo organisation (its user key), a new body, or the first generated enterprise of a trade in a county. */
type Host = { key: string } | { trade: string; region: string; fallback: string };

interface DemoPlatform {
  name: string; type: string; level: Level; host: Host; coHosts?: string[]; region: string; field: string;
  /** years before this one, month-day */
  certified?: [yearsAgo: number, monthDay: string]; doc?: (year: number) => string; authority?: string; status?: Status;
  reason?: string; intro: string; scale?: number;
}

const PROVINCE = '甘肃省科学技术厅';
const QY = '庆阳市科学技术局';
const ZY = '张掖市科学技术局';
const NATIONAL = '科学技术部';

/** The two development-zone administrations that host the zones (not in the enterprise registry). */
const ZONE_BODIES = [
  { key: 'qy_zone', name: '庆阳经济技术开发区管理委员会', uscc: makeUscc('11621000MB1Q7P001'), region: '621002', contact: '马振华', phone: '13900000301' },
  { key: 'zy_zone', name: '张掖经济技术开发区管理委员会', uscc: makeUscc('11620700MB1Y7P001'), region: '620702', contact: '陈海燕', phone: '13900000302' },
];

const PLATFORMS: DemoPlatform[] = [
  // 庆阳市: oil and gas equipment and services, new energy, data centres, 中药材, 草畜, apples
  { name: '甘肃省页岩油压裂装备工程技术研究中心', type: 'engineering_center', level: 'provincial', host: { key: 'qy_ent1' }, coHosts: ['qy_inst1'], region: '621002', field: 'manufacturing',
    certified: [5, '11-15'], doc: (y) => `甘科基〔${y}〕35号`, authority: PROVINCE, scale: 1.4, intro: '围绕陇东页岩油体积压裂开展电驱压裂泵、高压管汇国产化研发。' },
  { name: '甘肃省黄土高原石油污染土壤修复重点实验室', type: 'key_lab', level: 'provincial', host: { key: 'qy_inst1' }, region: '621002', field: 'environment',
    certified: [7, '12-20'], doc: (y) => `甘科基〔${y}〕48号`, authority: PROVINCE, scale: 1.2, intro: '油田落地原油污染土壤微生物修复与生态重建。' },
  { name: '庆阳市陇东能源化工研究院', type: 'new_rd_institution', level: 'provincial', host: { key: 'qy_inst1' }, coHosts: ['qy_ent1'], region: '621002', field: 'energy',
    certified: [3, '08-26'], doc: (y) => `甘科政〔${y}〕19号`, authority: PROVINCE, scale: 1, intro: '煤油气综合利用、CCUS 与伴生气回收技术研发与转化。' },
  { name: '长庆石油装备企业技术中心', type: 'enterprise_tech_center', level: 'provincial', host: { trade: '石油装备', region: '621021', fallback: 'qy_ent1' }, region: '621021', field: 'manufacturing',
    certified: [6, '10-09'], doc: (y) => `甘工信发〔${y}〕112号`, authority: PROVINCE, scale: 1.1, intro: '抽油机、井口装置与集输设备的设计与试验。' },
  { name: '华池县页岩油钻采技术服务企业技术中心', type: 'enterprise_tech_center', level: 'city', host: { trade: '油气技术服务', region: '621023', fallback: 'qy_ent1' }, region: '621023', field: 'environment',
    certified: [5, '06-18'], doc: (y) => `庆科发〔${y}〕27号`, authority: QY, status: 'revoked', reason: '连续两年未报送年度报告，经核查已不具备研发条件', scale: 0.4,
    intro: '页岩油水平井钻采与压裂返排液处理技术服务。' },
  { name: '环县风光储新能源工程技术研究中心', type: 'engineering_center', level: 'city', host: { trade: '新能源发电', region: '621022', fallback: 'qy_ent3' }, region: '621022', field: 'energy',
    certified: [2, '09-12'], doc: (y) => `庆科发〔${y}〕41号`, authority: QY, scale: 0.8, intro: '陇东大型风光基地的功率预测、储能配置与并网运行。' },
  { name: '庆阳东数西算大数据产业研究院', type: 'new_rd_institution', level: 'city', host: { trade: '信息技术', region: '621002', fallback: 'qy_inst1' }, region: '621002', field: 'electronics',
    certified: [1, '11-20'], doc: (y) => `庆科发〔${y}〕56号`, authority: QY, scale: 0.7, intro: '全国一体化算力网络庆阳枢纽节点的绿色数据中心与算力调度技术。' },
  { name: '庆阳数据信息产业众创空间', type: 'maker_space', level: 'provincial', host: { trade: '软件', region: '621002', fallback: 'qy_inst1' }, region: '621002', field: 'electronics',
    certified: [3, '05-30'], doc: (y) => `甘科高〔${y}〕9号`, authority: PROVINCE, scale: 0.9, intro: '面向数据标注、算力运维和行业软件的创业团队孵化。' },
  { name: '庆阳西峰科技企业孵化器', type: 'incubator', level: 'provincial', host: { key: 'qy_zone' }, region: '621002', field: 'hightech_services',
    certified: [6, '12-01'], doc: (y) => `甘科高〔${y}〕31号`, authority: PROVINCE, scale: 1.3, intro: '西峰工业园区内的综合孵化载体，在孵企业以能源装备配套和信息服务为主。' },
  { name: '华池县页岩油装备众创空间', type: 'maker_space', level: 'city', host: { trade: '泵阀装备', region: '621023', fallback: 'qy_ent1' }, region: '621023', field: 'manufacturing',
    certified: [4, '07-15'], doc: (y) => `庆科发〔${y}〕22号`, authority: QY, status: 'rectifying', reason: '年度服务创业团队不足 20 个，限期一年整改', scale: 0.5,
    intro: '钻采配套零部件创业团队的加工、检测与对接服务。' },
  { name: '甘肃省岐黄中医药技术创新中心', type: 'innovation_center', level: 'provincial', host: { key: 'qy_ent2' }, coHosts: ['qy_inst1'], region: '621021', field: 'biomedicine',
    certified: [2, '09-25'], doc: (y) => `甘科基〔${y}〕27号`, authority: PROVINCE, scale: 1, intro: '陇东道地药材黄芪、甘草、柴胡的规范化种植与中药饮片工艺。' },
  { name: '庆阳市中药材种植与加工工程技术研究中心', type: 'engineering_center', level: 'city', host: { key: 'qy_ent2' }, region: '621021', field: 'agriculture',
    certified: [4, '06-08'], doc: (y) => `庆科发〔${y}〕18号`, authority: QY, scale: 0.6, intro: '中药材标准化基地、初加工与仓储技术。' },
  { name: '庆城县中药材星创天地', type: 'star_space', level: 'city', host: { trade: '中药饮片', region: '621021', fallback: 'qy_ent2' }, region: '621021', field: 'agriculture',
    certified: [3, '04-20'], doc: (y) => `庆科发〔${y}〕11号`, authority: QY, status: 'rectifying', reason: '绩效评价不合格：服务农户和创业主体数量下降', scale: 0.4,
    intro: '服务返乡创业青年和合作社的中药材种植、烘干和电商。' },
  { name: '环县草畜星创天地', type: 'star_space', level: 'provincial', host: { key: 'qy_ent3' }, region: '621022', field: 'agriculture',
    certified: [5, '10-28'], doc: (y) => `甘科农〔${y}〕16号`, authority: PROVINCE, scale: 0.8, intro: '环县羊产业的良种繁育、饲草青贮与养殖技术培训。' },
  { name: '甘肃庆阳国家农业科技园区', type: 'agri_park', level: 'national', host: { trade: '农业科技', region: '621002', fallback: 'qy_ent3' }, region: '621002', field: 'agriculture',
    certified: [10, '01-18'], doc: (y) => `国科发农〔${y}〕7号`, authority: NATIONAL, scale: 1.6, intro: '苹果、草畜、中药材三大主导产业的核心示范区。' },
  { name: '宁县果业农业科技园区', type: 'agri_park', level: 'provincial', host: { trade: '农产品加工', region: '621026', fallback: 'qy_ent3' }, region: '621026', field: 'agriculture',
    certified: [4, '11-03'], doc: (y) => `甘科农〔${y}〕29号`, authority: PROVINCE, scale: 0.9, intro: '苹果矮砧密植、水肥一体化和果品冷链。' },
  { name: '庆阳市石油装备检验检测共享平台', type: 'instrument_sharing', level: 'city', host: { trade: '检验检测', region: '621002', fallback: 'qy_ent1' }, region: '621002', field: 'hightech_services',
    certified: [4, '08-16'], doc: (y) => `庆科发〔${y}〕33号`, authority: QY, scale: 0.7, intro: '承压设备无损检测、材料力学和油品分析仪器向企业开放共享。' },
  { name: '甘肃省（庆阳）科技成果转移转化示范区', type: 'transfer_demo_zone', level: 'provincial', host: { key: 'qy_zone' }, region: '621002', field: 'hightech_services',
    certified: [2, '12-06'], doc: (y) => `甘科成〔${y}〕4号`, authority: PROVINCE, scale: 1.2, intro: '以能源化工和数据产业为重点的成果转化和技术交易服务。' },
  { name: '庆阳高新技术产业开发区', type: 'hightech_zone', level: 'provincial', host: { key: 'qy_zone' }, region: '621002', field: 'manufacturing',
    status: 'preparing', intro: '依托庆阳经济技术开发区创建省级高新区，已报省政府待批。' },
  // 张掖市: 玉米制种, 凹凸棒石, 中药材, water-saving irrigation, data centres
  { name: '甘肃张掖国家农业科技园区', type: 'agri_park', level: 'national', host: { key: 'zy_zone' }, region: '620702', field: 'agriculture',
    certified: [12, '03-26'], doc: (y) => `国科发农〔${y}〕11号`, authority: NATIONAL, scale: 1.5, intro: '国家级玉米制种基地和戈壁农业的核心示范区。' },
  { name: '甘肃省玉米种子工程技术研究中心', type: 'engineering_center', level: 'provincial', host: { key: 'zy_ent1' }, region: '620702', field: 'agriculture',
    certified: [6, '07-22'], doc: (y) => `甘科基〔${y}〕21号`, authority: PROVINCE, scale: 1.1, intro: '玉米制种全程机械化、种子加工与活力检测。' },
  { name: '甘肃省玉米制种技术创新中心', type: 'innovation_center', level: 'provincial', host: { key: 'zy_ent1' }, coHosts: ['zy_ent2'], region: '620702', field: 'agriculture',
    certified: [1, '10-30'], doc: (y) => `甘科基〔${y}〕39号`, authority: PROVINCE, scale: 1.2, intro: '制种基地数字化管理、亲本繁育和节水制种。' },
  { name: '甘肃省凹凸棒石新材料重点实验室', type: 'key_lab', level: 'provincial', host: { trade: '化工新材料', region: '620723', fallback: 'zy_ent1' }, region: '620723', field: 'materials',
    certified: [5, '12-12'], doc: (y) => `甘科基〔${y}〕52号`, authority: PROVINCE, scale: 1, intro: '临泽凹凸棒石的提纯、改性及在环保吸附和饲料中的应用。' },
  { name: '张掖市凹凸棒石应用技术研究院', type: 'new_rd_institution', level: 'provincial', host: { trade: '化工新材料', region: '620723', fallback: 'zy_ent1' }, region: '620723', field: 'materials',
    certified: [2, '08-08'], doc: (y) => `甘科政〔${y}〕12号`, authority: PROVINCE, scale: 0.8, intro: '凹凸棒石功能材料中试与产业化。' },
  { name: '张掖高新技术产业开发区', type: 'hightech_zone', level: 'provincial', host: { key: 'zy_zone' }, region: '620702', field: 'materials',
    certified: [7, '05-16'], doc: (y) => `甘政函〔${y}〕58号`, authority: '甘肃省人民政府', scale: 2, intro: '种业、新材料和数据中心三大主导产业。' },
  { name: '高台县节水灌溉星创天地', type: 'star_space', level: 'provincial', host: { key: 'zy_ent2' }, region: '620724', field: 'agriculture',
    certified: [6, '09-09'], doc: (y) => `甘科农〔${y}〕23号`, authority: PROVINCE, scale: 0.7, intro: '河西走廊滴灌、水肥一体化的创业服务与农民培训。' },
  { name: '张掖市科技企业孵化器', type: 'incubator', level: 'city', host: { trade: '信息技术', region: '620702', fallback: 'zy_ent1' }, region: '620702', field: 'hightech_services',
    certified: [5, '04-11'], doc: (y) => `张科发〔${y}〕9号`, authority: ZY, status: 'rectifying', reason: '在孵企业毕业率偏低，要求完善入孵和毕业标准', scale: 0.6,
    intro: '甘州区的综合孵化器，在孵企业以农业科技和信息服务为主。' },
  { name: '张掖丝路数据中心众创空间', type: 'maker_space', level: 'city', host: { trade: '软件', region: '620702', fallback: 'zy_ent1' }, region: '620702', field: 'electronics',
    certified: [2, '06-19'], doc: (y) => `张科发〔${y}〕24号`, authority: ZY, scale: 0.5, intro: '依托张掖数据中心集群的算力运维与行业软件创业团队。' },
  { name: '民乐县中药材工程技术研究中心', type: 'engineering_center', level: 'city', host: { trade: '中药', region: '620722', fallback: 'zy_ent1' }, region: '620722', field: 'biomedicine',
    certified: [3, '11-21'], doc: (y) => `张科发〔${y}〕37号`, authority: ZY, scale: 0.6, intro: '板蓝根、黄芪等道地药材的种植与初加工技术。' },
  { name: '张掖市种子质量检验检测共享平台', type: 'instrument_sharing', level: 'city', host: { trade: '检验检测', region: '620702', fallback: 'zy_ent1' }, region: '620702', field: 'agriculture',
    certified: [1, '12-15'], doc: (y) => `张科发〔${y}〕61号`, authority: ZY, scale: 0.5, intro: '种子纯度、发芽率和转基因成分检测仪器开放共享。' },
];

/** Base yearly figures of each metric at scale 1 (money in yuan). */
const BASE: Record<string, number> = {
  rd_staff: 42, rd_spend: 6_800_000, instruments: 96, shared_hours: 5200, incubated_firms: 46, graduated_firms: 7, startup_teams: 28,
  projects: 14, patents: 11, income: 18_000_000,
};

export async function seedDemoPlatforms(tx: Queryable, now: Date = new Date()): Promise<{ platforms: number; applications: number }> {
  const today = todayInChina(now);
  const year = Number(today.slice(0, 4));
  const orgs = new Map<string, number>();
  const { rows: named } = await tx.query(`SELECT username, org_id FROM app_user WHERE org_id IS NOT NULL`);
  for (const r of named) orgs.set(r.username, Number(r.org_id));
  for (const z of ZONE_BODIES) {
    const { rows: [o] } = await tx.query(
      `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_at)
       VALUES ('institution', $1, $2, $3, $4, $5, 'approved', now()) RETURNING id`, [z.name, z.uscc, z.region, z.contact, z.phone]);
    orgs.set(z.key, Number(o.id));
  }
  const { rows: [admin] } = await tx.query(`SELECT id, display_name FROM app_user WHERE username = 'admin'`);
  const used = new Set<number>();
  const hostOf = async (h: Host): Promise<number> => {
    if ('key' in h) return orgs.get(h.key)!;
    // the first generated enterprise of the trade in the county not yet hosting a demo platform
    const { rows } = await tx.query(
      `SELECT id FROM organization WHERE kind = 'enterprise' AND status = 'approved' AND region_code = $1 AND name LIKE $2 ORDER BY id LIMIT 6`, [h.region, `%${h.trade}%`]);
    const free = rows.map((r) => Number(r.id)).find((id) => !used.has(id));
    return free ?? orgs.get(h.fallback)!;
  };

  const metrics = new Map<string, string[]>();
  const { rows: tm } = await tx.query('SELECT type_code, metric_code FROM platform_type_metric ORDER BY type_code, sort');
  for (const r of tm) metrics.set(r.type_code, [...(metrics.get(r.type_code) ?? []), r.metric_code]);
  const { rows: types } = await tx.query('SELECT code, validity_years FROM platform_type');
  const validity = new Map(types.map((t) => [t.code as string, t.validity_years as number | null]));

  const ids = new Map<string, number>();
  for (const [i, p] of PLATFORMS.entries()) {
    const host = await hostOf(p.host);
    used.add(host);
    const status: Status = p.status ?? 'certified';
    const certifiedOn = p.certified ? `${year - p.certified[0]}-${p.certified[1]}` : null;
    // a revoked platform was revoked in the spring of last year
    const revokedOn = status === 'revoked' ? `${year - 1}-04-28` : null;
    // a term that ran out was renewed at the re-evaluation: the current one is shown
    let term = certifiedOn ? validUntil(certifiedOn, validity.get(p.type) ?? null) : null;
    while (term && term < today) term = validUntil(`${Number(term.slice(0, 4))}${term.slice(4)}`, validity.get(p.type) ?? null);
    const { rows: [row] } = await tx.query(
      `INSERT INTO platform (name, type_code, level, status, host_org_id, region_code, field, intro, authority, certified_on, certificate_no, valid_until,
                             status_reason, revoked_on, source, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'entered', $15, now() - make_interval(days => $16)) RETURNING id`,
      [p.name, p.type, p.level, status, host, p.region, p.field, p.intro, p.authority ?? '', certifiedOn, p.certified && p.doc ? p.doc(year - p.certified[0]) : null,
        term, p.reason ?? null, revokedOn, admin.id, 200 - i]);
    const id = Number(row.id);
    ids.set(p.name, id);
    const coHosts = (p.coHosts ?? []).map((k) => orgs.get(k)!).filter((o) => o !== host);
    await tx.query(`INSERT INTO platform_host (platform_id, org_id, is_lead) SELECT $1::bigint, $2::bigint, true UNION ALL SELECT $1::bigint, unnest($3::bigint[]), false`,
      [id, host, coHosts]);
    const events: [string, string | null, string, string, string | null][] = [['enter', null, certifiedOn ? 'certified' : 'preparing', certifiedOn ?? today, null]];
    if (status === 'rectifying') events.push(['rectify', 'certified', 'rectifying', `${year - 1}-12-20`, p.reason ?? null]);
    if (status === 'revoked') events.push(['rectify', 'certified', 'rectifying', `${year - 2}-12-18`, '年度报告逾期未报送'], ['revoke', 'rectifying', 'revoked', revokedOn!, p.reason ?? null]);
    for (const [action, from, to, on, comment] of events) {
      await tx.query(`INSERT INTO platform_event (platform_id, action, from_status, to_status, level, on_date, comment, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, action, from, to, p.level, on, comment, admin.id, '系统管理员（历史数据录入）']);
    }
    // two years of key figures while certified; the revoked one stopped reporting
    if (!certifiedOn) continue;
    for (const y of [year - 2, year - 1]) {
      if (Number(certifiedOn.slice(0, 4)) > y || (status === 'revoked' && y >= year - 1)) continue;
      const growth = y === year - 1 ? 1.08 + (i % 5) * 0.03 : 1;
      const dip = status === 'rectifying' && y === year - 1 ? 0.7 : 1;
      const figures = Object.fromEntries((metrics.get(p.type) ?? []).map((m) => {
        const v = BASE[m] * (p.scale ?? 1) * growth * dip * (0.85 + ((i * 7 + m.length) % 7) * 0.05);
        return [m, BASE[m] >= 100_000 ? Math.round(v / 1000) * 1000 : Math.max(1, Math.round(v))];
      }));
      await tx.query(`INSERT INTO platform_year_figures (platform_id, year, figures, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5::date + 100)`,
        [id, y, JSON.stringify(figures), admin.id, `${y + 1}-01-01`]);
    }
  }
  const applications = await seedDemoApplications(tx, orgs, ids);
  return { platforms: PLATFORMS.length, applications };
}

/** A plausible figure for a condition without a threshold, by its unit. */
const TYPICAL: Record<string, number> = { 元: 8_600_000, '%': 6.2, 人: 46, 亩: 3200, 平方米: 5200, 家: 38, 台套: 120, 个: 26 };

/** Answers meeting every condition of the type at the level, as the host filled them in. */
async function metChecklist(tx: Queryable, type: string, level: Level) {
  const { rows } = await tx.query(
    `SELECT DISTINCT ON (code) code, text_zh, text_en, answer, min_value, unit_zh, unit_en, required, seq FROM platform_condition
      WHERE type_code = $1 AND active AND (level IS NULL OR level = $2) ORDER BY code, (level IS NULL), seq`, [type, level]);
  rows.sort((a, b) => a.seq - b.seq);
  return rows.map((r) => ({ code: r.code, textZh: r.text_zh, textEn: r.text_en, answer: r.answer, min: r.min_value == null ? null : Number(r.min_value),
    unitZh: r.unit_zh, unitEn: r.unit_en, required: r.required,
    value: r.answer === 'yes_no' ? true : r.min_value != null ? Math.ceil(Number(r.min_value) * 1.3) : TYPICAL[r.unit_zh] ?? 30 }));
}

/**
 * The workflow's own records: the 大数据产业研究院 certified last year through it, and three under
 * way — 庆城 waits for the region's recommendation, 陇东能源装备 for the province's formal check, and
 * 祁连玉米种业's shared testing platform is with two experts (expert1 to score, one submitted).
 */
async function seedDemoApplications(tx: Queryable, orgs: Map<string, number>, ids: Map<string, number>): Promise<number> {
  const user = async (name: string) => (await tx.query('SELECT id, display_name FROM app_user WHERE username = $1', [name])).rows[0];
  const [xifeng, qingyang, zhangye, ent1, ent2, zyEnt] = [await user('xifeng'), await user('qingyang'), await user('zhangye'), await user('qy_ent1'),
    await user('qy_ent2'), await user('zy_ent1')];
  const { rows: [criteria] } = await tx.query(`SELECT review_criteria FROM platform_type WHERE code = 'other'`);
  const insert = async (a: { org: string | number; region: string; name: string; type: string; level: Level; field: string; intro: string; status: string; platformId?: number;
    by: { id: number }; extra?: Record<string, unknown> }) => {
    const checklist = await metChecklist(tx, a.type, a.level);
    const { rows: [r] } = await tx.query(
      `INSERT INTO platform_application (org_id, region_code, platform_id, name, type_code, level, field, intro, checklist, criteria, experts_required, status, submitted_at,
                                         certificate_no, certified_on, valid_until, score, decided_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 2, $11, now() - interval '20 days', $12, $13, $14, $15, $16, $17, now() - interval '25 days') RETURNING id`,
      [typeof a.org === 'number' ? a.org : orgs.get(a.org), a.region, a.platformId ?? null, a.name, a.type, a.level, a.field, a.intro, JSON.stringify(checklist), JSON.stringify(criteria.review_criteria), a.status,
        a.extra?.certificateNo ?? null, a.extra?.certifiedOn ?? null, a.extra?.validUntil ?? null, a.extra?.score ?? null, a.extra?.decidedAt ?? null, a.by.id]);
    return Number(r.id);
  };
  const event = async (id: number, action: string, from: string | null, to: string, who: { id: number; display_name: string }, daysAgo: number, comment: string | null = null) =>
    tx.query(`INSERT INTO platform_application_event (application_id, action, from_status, to_status, comment, actor_id, actor_name, at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(days => $8))`, [id, action, from, to, comment, who.id, who.display_name, daysAgo]);

  // certified through the workflow last autumn
  const bigData = ids.get('庆阳东数西算大数据产业研究院')!;
  const { rows: [p] } = await tx.query(`SELECT host_org_id, certified_on::text AS on, certificate_no, valid_until::text AS until FROM platform WHERE id = $1`, [bigData]);
  let count = 0;
  {
    const done = await insert({ org: Number(p.host_org_id), region: '621002', name: '庆阳东数西算大数据产业研究院', type: 'new_rd_institution', level: 'city', field: 'electronics', status: 'certified',
      platformId: bigData, intro: '全国一体化算力网络庆阳枢纽节点的绿色数据中心与算力调度技术。', by: ent1,
      extra: { certificateNo: p.certificate_no, certifiedOn: p.on, validUntil: p.until, score: 86.5, decidedAt: `${p.on}T10:00:00+08:00` } });
    await tx.query(`UPDATE platform SET source = 'workflow' WHERE id = $1`, [bigData]);
    await tx.query(`UPDATE platform_event SET action = 'certify', actor_id = $2, actor_name = $3 WHERE platform_id = $1`, [bigData, qingyang.id, qingyang.display_name]);
    for (const [action, from, to, who, days] of [['submit', 'draft', 'submitted', ent1, 60], ['recommend', 'submitted', 'recommended', xifeng, 55],
      ['formal_pass', 'recommended', 'formal_passed', qingyang, 50], ['start_review', 'formal_passed', 'under_review', qingyang, 48],
      ['finish_review', 'under_review', 'reviewed', qingyang, 40], ['certify', 'reviewed', 'certified', qingyang, 38]] as const) {
      await event(done, action, from, to, who, days);
    }
    count += 1;
  }

  // to recommend (庆城县 → 庆阳市 staff), to check (the province), under review (张掖市, expert1 on the panel)
  const waiting = await insert({ org: 'qy_ent2', region: '621021', name: '庆城县黄芪柴胡工程技术研究中心', type: 'engineering_center', level: 'city', field: 'biomedicine',
    status: 'submitted', intro: '黄芪、柴胡的种苗繁育、仿野生栽培和初加工。', by: ent2 });
  await event(waiting, 'submit', 'draft', 'submitted', ent2, 3);
  const checking = await insert({ org: 'qy_ent1', region: '621002', name: '甘肃省油气装备智能制造技术创新中心', type: 'innovation_center', level: 'provincial', field: 'manufacturing',
    status: 'recommended', intro: '油气装备的数字化设计、智能产线和远程运维。', by: ent1 });
  await event(checking, 'submit', 'draft', 'submitted', ent1, 9);
  await event(checking, 'recommend', 'submitted', 'recommended', xifeng, 6, '符合推荐条件，同意推荐');
  await tx.query(`UPDATE platform_application SET recommended_by = $2, recommended_at = now() - interval '6 days' WHERE id = $1`, [checking, xifeng.id]);
  const reviewing = await insert({ org: 'zy_ent1', region: '620702', name: '张掖市玉米种子质量检测共享平台', type: 'instrument_sharing', level: 'city', field: 'agriculture',
    status: 'under_review', intro: '种子纯度、发芽势和水分检测仪器向制种企业开放。', by: zyEnt });
  await event(reviewing, 'submit', 'draft', 'submitted', zyEnt, 15);
  await event(reviewing, 'recommend', 'submitted', 'recommended', zhangye, 12);
  await event(reviewing, 'formal_pass', 'recommended', 'formal_passed', zhangye, 10);
  await event(reviewing, 'start_review', 'formal_passed', 'under_review', zhangye, 8);
  const { rows: panel } = await tx.query(
    `SELECT x.id, u.username FROM expert x LEFT JOIN app_user u ON u.id = x.user_id
      WHERE x.status = 'active' AND x.title_rank IN ('正高', '副高') AND (x.org_id IS NULL OR x.org_id <> $1)
      ORDER BY (u.username = 'expert1') DESC NULLS LAST, x.id LIMIT 2`, [orgs.get('zy_ent1')]);
  for (const [k, x] of panel.entries()) {
    const submitted = k === 1;
    await tx.query(
      `INSERT INTO platform_application_assignment (application_id, expert_id, status, method, scores, comment, total, assigned_by, assigned_at, declared_at, submitted_at)
       VALUES ($1, $2, $3, 'manual', $4, $5, $6, $7, now() - interval '8 days', $8, $9)`,
      [reviewing, x.id, submitted ? 'submitted' : 'assigned', submitted ? JSON.stringify({ conditions: 88, capacity: 82, support: 85 }) : '{}',
        submitted ? '仪器配置满足种子检验需要，共享制度健全，建议认定。' : '', submitted ? 85.3 : null, zhangye.id,
        submitted ? new Date(Date.now() - 6 * 86_400_000) : null, submitted ? new Date(Date.now() - 5 * 86_400_000) : null]);
  }
  return count + 3;
}

export { PLATFORMS as DEMO_PLATFORMS };

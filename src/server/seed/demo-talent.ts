/**
 * Demo 人才库 (M8), tied to the demo region's real industries: a 候鸟型专家 from 兰州大学 for 中药材 in
 * 环县, 周末工程师 from 西安石油大学 for 长庆 oil-service firms, a 科技副总 at a 玉米制种 company in 张掖,
 * 三区人才 in 环县 and 庆城县, 领军人才 (expert1 周文华 among them, so that account sees its own record),
 * 本土人才, two 创新创业团队 with members and two 引才引智基地 — with a year of service rows and
 * subsidy payments up to today, one engagement ended last year.
 *
 * New people join the expert registry through its own insert (insertExpert), as staff would add
 * them; people already in it (the projects' experts) are found by name. Runs after the projects seed.
 */
import { makeUscc } from '../../domain/uscc';
import { todayInChina } from '../../domain/dates';
import type { FlexibleKind, TalentCategory } from '../../domain/talent';
import type { Queryable } from '../db/database';
import type { Actor } from '../http/actor';
import { recordAudit } from '../modules/audit/record';
import { insertExpert, type TitleRank } from '../modules/experts/service';

const SYSTEM_AUDIT = { id: null, username: 'system', role: null, ip: '127.0.0.1' };
/** The seed adds people as an administrator would (insertExpert checks the role and the region). */
const SEED_ACTOR: Actor = { id: 0, username: 'system', displayName: 'system', role: 'admin', regionCode: null, orgId: null, mustChangePassword: false, sessionId: '' };

/** Host organisations the named demo ones lack: 环县's 中药材 firm and 农技中心, a 长庆 oil-service firm, 张掖's 凹凸棒石 firm. */
const HOSTS = [
  { key: 'hx_herb', kind: 'enterprise', name: '环县丰禾中药材产业开发有限公司', uscc: makeUscc('91621022MA71TL001'), region: '621022', contact: '马永福', phone: '13800000031' },
  { key: 'hx_agri', kind: 'institution', name: '环县农业技术推广中心', uscc: makeUscc('12621022MB1TL0002'), region: '621022', contact: '李治国', phone: '13800000032' },
  { key: 'qc_oil', kind: 'enterprise', name: '庆城县长庆井下石油技术服务有限公司', uscc: makeUscc('91621021MA71TL003'), region: '621021', contact: '王宏伟', phone: '13800000033' },
  { key: 'zy_attap', kind: 'enterprise', name: '甘肃临泽凹凸棒石新材料科技有限公司', uscc: makeUscc('91620723MA71TL004'), region: '620723', contact: '赵文斌', phone: '13800000034' },
] as const;

interface Person { name: string; org: string; title: string; rank: TitleRank; fields: string[]; region: string; phone: string; expertise: string }
/** New people: their region is the one whose staff keep them (the host's city for those from outside). */
const PEOPLE: Person[] = [
  { name: '李春生', org: '兰州大学', title: '教授', rank: '正高', fields: ['现代农业', '生物与新医药'], region: '620000', phone: '13919310001', expertise: '黄芪、甘草等道地药材规范化种植与良种繁育' },
  { name: '牛建军', org: '甘肃农业大学', title: '副教授', rank: '副高', fields: ['现代农业'], region: '620000', phone: '13919310002', expertise: '中药材育苗、旱作覆膜栽培' },
  { name: '张振华', org: '西安石油大学', title: '副教授', rank: '副高', fields: ['资源与环境', '先进制造与自动化'], region: '621000', phone: '13919310003', expertise: '页岩油压裂工艺、井下工具设计' },
  { name: '杜海龙', org: '西安石油大学', title: '高级工程师', rank: '副高', fields: ['先进制造与自动化'], region: '621000', phone: '13919310004', expertise: '抽油机智能控制、油田装备故障诊断' },
  { name: '王金花', org: '甘肃农业大学', title: '教授', rank: '正高', fields: ['现代农业'], region: '620700', phone: '13919310005', expertise: '玉米杂交制种、种子活力与纯度检测' },
  { name: '陈国栋', org: '庆阳市农业科学研究院', title: '高级农艺师', rank: '副高', fields: ['现代农业'], region: '621000', phone: '13919310006', expertise: '旱作农业、草畜配套、中药材病虫害绿色防控' },
  { name: '刘玉霞', org: '庆阳市农业技术推广中心', title: '农艺师', rank: '中级', fields: ['现代农业'], region: '621000', phone: '13919310007', expertise: '黄花菜、中药材标准化种植' },
  { name: '马生福', org: '环县丰禾中药材产业开发有限公司', title: '农民技术员', rank: '其他', fields: ['现代农业'], region: '621022', phone: '13919310008', expertise: '甘草仿野生种植、产地初加工' },
  { name: '何志强', org: '兰州大学', title: '教授', rank: '正高', fields: ['新材料'], region: '620000', phone: '13919310009', expertise: '凹凸棒石改性与功能材料' },
  { name: '赵立新', org: '张掖市农业科学研究院', title: '研究员', rank: '正高', fields: ['现代农业'], region: '620700', phone: '13919310010', expertise: '玉米种子加工、质量检测' },
  { name: '孙晓梅', org: '张掖市农业科学研究院', title: '助理研究员', rank: '中级', fields: ['现代农业'], region: '620700', phone: '13919310011', expertise: '种子活力检测、分子标记' },
  { name: '郑凯', org: '兰州理工大学', title: '副教授', rank: '副高', fields: ['新能源与节能', '先进制造与自动化'], region: '620000', phone: '13919310012', expertise: '油气装备轻量化、风光储系统集成' },
];

interface Engagement {
  who: string; category: TalentCategory; kind?: FlexibleKind; host: string; no: string; from: string; to: string; days: number; outcomes: string[];
  ended?: boolean; services: string[]; /** yuan a half-year */ subsidy: number;
}

/** Dates are relative to `year` (this year) so that the demo always shows a year of service up to today. */
function engagements(year: number): Engagement[] {
  const y = (offset: number, md: string) => `${year + offset}-${md}`;
  return [
    { who: '李春生', category: 'flexible', kind: 'migratory', host: 'hx_herb', no: `环科人〔${year - 1}〕03号`, from: y(-1, '03-01'), to: y(2, '02-28'), days: 60,
      outcomes: ['引进蒙古黄芪、乌拉尔甘草良种 2 个', '建立标准化育苗基地 300 亩', '培训种植户 180 人次'], subsidy: 30000,
      services: ['黄芪育苗基地田间指导', '甘草仿野生种植技术培训', '中药材病虫害绿色防控现场会', '道地药材良种繁育方案论证', '产地初加工工艺指导'] },
    { who: '牛建军', category: 'flexible', kind: 'migratory', host: 'qy_ent2', no: `庆城科〔${year - 1}〕11号`, from: y(-1, '04-01'), to: y(1, '03-31'), days: 45,
      outcomes: ['覆膜穴播育苗技术推广 1200 亩', '编写中药材旱作栽培技术规程 1 项'], subsidy: 22500,
      services: ['柴胡覆膜穴播技术指导', '中药材育苗基地巡查', '种植合作社技术培训', '旱作栽培规程编写讨论'] },
    { who: '张振华', category: 'flexible', kind: 'weekend_engineer', host: 'qc_oil', no: `QCJX-${year - 1}-07`, from: y(-1, '05-01'), to: y(1, '04-30'), days: 48,
      outcomes: ['页岩油水平井压裂工艺优化 1 项', '申请实用新型专利 2 件', '带教技术员 6 人'], subsidy: 24000,
      services: ['压裂施工方案评审', '井下工具失效分析', '周末技术讲座：页岩油压裂新工艺', '技术员带教', '现场施工指导'] },
    { who: '杜海龙', category: 'flexible', kind: 'weekend_engineer', host: 'qy_ent1', no: `LDNY-${year}-02`, from: y(0, '01-01'), to: y(2, '12-31'), days: 40,
      outcomes: ['抽油机远程监控系统样机 1 套', '降低抽油机故障停机时间约 15%'], subsidy: 20000,
      services: ['抽油机故障诊断', '智能控制柜调试', '周末技术攻关：远程监控系统', '生产线工艺改进'] },
    { who: '郑凯', category: 'flexible', kind: 'vice_president', host: 'qy_ent1', no: `LDNY-${year - 1}-09`, from: y(-1, '09-01'), to: y(1, '08-31'), days: 90,
      outcomes: ['牵头申报市级科技计划项目 1 项', '建成企业研发中心', '新产品 1 个（轻量化抽油机）'], subsidy: 50000,
      services: ['研发中心建设方案制定', '科技项目申报辅导', '新产品设计评审', '产学研合作洽谈', '研发团队例会'] },
    { who: '王金花', category: 'flexible', kind: 'vice_president', host: 'zy_ent1', no: `ZYKF-${year - 1}-05`, from: y(-1, '03-01'), to: y(2, '02-28'), days: 90,
      outcomes: ['制种基地种子纯度由 97.5% 提高到 98.8%', '制定企业标准 2 项', '新品种审定 1 个'], subsidy: 50000,
      services: ['制种田去雄技术指导', '种子活力检测实验', '企业标准制定', '新品种区试考察', '种子加工线质量控制'] },
    { who: '陈国栋', category: 'three_regions', host: 'hx_agri', no: `环农〔${year}〕05号`, from: y(0, '01-01'), to: y(0, '12-31'), days: 120,
      outcomes: ['服务 6 个乡镇 14 个村', '推广草畜配套技术 5000 亩', '培训农民 420 人次'], subsidy: 20000,
      services: ['环县曲子镇草畜配套技术指导', '洪德镇中药材病虫害调查', '村级技术培训', '合作社生产指导', '旱作农业示范点观摩'] },
    { who: '刘玉霞', category: 'three_regions', host: 'qy_ent2', no: `庆城农〔${year}〕02号`, from: y(0, '01-01'), to: y(0, '12-31'), days: 100,
      outcomes: ['黄花菜标准化种植示范 800 亩', '培训农民 260 人次'], subsidy: 15000,
      services: ['黄花菜标准化种植指导', '中药材采收技术培训', '示范点田间管理', '农户入户指导'] },
    { who: '刘玉霞', category: 'three_regions', host: 'hx_agri', no: `环农〔${year - 2}〕09号`, from: y(-2, '01-01'), to: y(-1, '12-31'), days: 100,
      outcomes: ['服务 4 个村', '培训农民 300 人次'], ended: true, subsidy: 15000, services: ['村级技术培训', '田间管理指导'] },
    { who: '周文华', category: 'leading', host: 'qy_inst1', no: `陇院人〔${year - 1}〕01号`, from: y(-1, '01-01'), to: y(3, '12-31'), days: 200,
      outcomes: ['牵头省级重点研发项目 1 项', '发表 SCI 论文 3 篇', '培养研究生 5 名', '发明专利授权 2 件'], subsidy: 100000,
      services: ['陇东能源化工团队学术研讨', '页岩油伴生气利用课题攻关', '研究生指导', '企业技术需求对接'] },
    { who: '何志强', category: 'leading', host: 'zy_attap', no: `临科〔${year - 1}〕12号`, from: y(-1, '06-01'), to: y(2, '05-31'), days: 60,
      outcomes: ['凹凸棒石改性吸附材料中试 1 条', '发明专利申请 3 件'], subsidy: 60000,
      services: ['凹凸棒石改性中试线调试', '新产品配方研讨', '技术骨干培训', '检测方法建立'] },
    { who: '马生福', category: 'local', host: 'hx_herb', no: '', from: y(-1, '01-01'), to: y(1, '12-31'), days: 150,
      outcomes: ['带动周边 60 户种植甘草', '示范田亩产提高 20%'], subsidy: 6000,
      services: ['甘草示范田管理', '带动农户种植指导', '产地初加工'] },
    { who: '赵立新', category: 'team', host: 'zy_ent1', no: `ZYKF-${year}-TD01`, from: y(0, '01-01'), to: y(2, '12-31'), days: 60,
      outcomes: ['种子质量快速检测方法 1 项'], subsidy: 20000, services: ['团队攻关：种子纯度分子检测', '检测实验室建设'] },
  ];
}

const TEAMS = [
  { name: '陇东旱作区中药材绿色种植创新团队', host: 'qy_inst1', field: '现代农业', no: (y: number) => `庆科人〔${y - 1}〕08号`, from: -1, years: 3,
    leader: '刘振宇', members: ['李春生', '牛建军', '陈国栋', '李红梅'], outcomes: ['中药材绿色种植技术规程 2 项', '示范推广 1.2 万亩', '发表论文 6 篇'], subsidy: 300000 },
  { name: '张掖玉米种子加工与质量检测创新团队', host: 'zy_ent1', field: '现代农业', no: (y: number) => `张科人〔${y}〕03号`, from: 0, years: 3,
    leader: '赵立新', members: ['王金花', '孙晓梅', '魏宏伟'], outcomes: ['种子活力快速检测仪样机 1 台', '企业标准 1 项'], subsidy: 200000 },
];

const BASES = [
  { host: 'qy_inst1', level: 'provincial', on: (y: number) => `${y - 2}-06-15`, doc: (y: number) => `甘科人〔${y - 2}〕12号`, field: '能源化工、现代农业' },
  { host: 'zy_ent1', level: 'city', on: (y: number) => `${y - 1}-04-10`, doc: (y: number) => `张科发〔${y - 1}〕18号`, field: '玉米制种' },
] as const;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoTalent(tx: Queryable, now: Date = new Date()): Promise<{ talent: number; services: number }> {
  const today = todayInChina(now);
  const year = Number(today.slice(0, 4));
  const org = new Map<string, number>();
  const { rows: named } = await tx.query(`SELECT username, org_id FROM app_user WHERE org_id IS NOT NULL`);
  for (const r of named) org.set(r.username, Number(r.org_id));
  for (const h of HOSTS) {
    const { rows: [o] } = await tx.query(
      `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'approved', now()) RETURNING id`, [h.kind, h.name, h.uscc, h.region, h.contact, h.phone]);
    org.set(h.key, Number(o.id));
  }
  const O = (key: string) => { const id = org.get(key); if (id == null) throw new Error(`demo talent: no organisation ${key}`); return id; };

  const expert = new Map<string, number>();
  const { rows: known } = await tx.query('SELECT id, name FROM expert');
  for (const x of known) expert.set(x.name, Number(x.id));
  for (const p of PEOPLE) {
    expert.set(p.name, await insertExpert(tx, SEED_ACTOR, SYSTEM_AUDIT, { name: p.name, orgName: p.org, title: p.title, titleRank: p.rank, fields: p.fields,
      regionCode: p.region, phone: p.phone, expertise: p.expertise }));
  }
  const X = (name: string) => { const id = expert.get(name); if (id == null) throw new Error(`demo talent: no expert ${name}`); return id; };

  let services = 0;
  const list = engagements(year);
  for (const [i, e] of list.entries()) {
    const { rows: [t] } = await tx.query(
      `INSERT INTO talent (expert_id, category, flexible_kind, host_org_id, agreement_no, agreement_from, agreement_to, days_per_year, outcomes, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [X(e.who), e.category, e.kind ?? null, O(e.host), e.no, e.from, e.to, e.days, e.outcomes, e.ended ? 'ended' : 'active']);
    await recordAudit(tx, SYSTEM_AUDIT, { action: 'talent.create', targetType: 'talent', targetId: t.id,
      changes: { expertId: { before: null, after: X(e.who) }, category: { before: null, after: e.category } } });
    // a year of service up to today (or to the agreement's end): every 2–3 weeks, 1–3 days, more for those with more days promised
    const last = e.to < today ? e.to : today;
    const first = [e.from, addDays(last, -365)].sort()[1];
    const step = e.days >= 120 ? 10 : e.days >= 60 ? 14 : 21;
    const rows: [string, number, string][] = [];
    for (let d = addDays(first, (i * 3) % step), k = 0; d <= last; d = addDays(d, step), k++) {
      rows.push([d, [1, 2, 1.5, 3, 2, 1][(k + i) % 6], e.services[(k + i) % e.services.length]]);
    }
    await tx.query(
      `INSERT INTO talent_service (talent_id, served_on, days, content) SELECT $1, d, n, c FROM unnest($2::date[], $3::numeric[], $4::text[]) AS s(d, n, c)`,
      [t.id, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]);
    services += rows.length;
    // the subsidy, half-yearly (30 June, 20 December) within the agreement and up to today
    const pays = [];
    for (let py = year - 2; py <= year; py++) {
      for (const md of ['06-30', '12-20']) {
        const d = `${py}-${md}`;
        if (d >= e.from && d <= e.to && d <= today) pays.push(d);
      }
    }
    if (pays.length) {
      await tx.query(`INSERT INTO talent_payment (talent_id, paid_on, amount, note) SELECT $1, d, $3, $4 FROM unnest($2::date[]) AS d`,
        [t.id, pays, e.subsidy, '按协议拨付补贴']);
    }
  }

  for (const tm of TEAMS) {
    const from = `${year + tm.from}-01-01`;
    const { rows: [row] } = await tx.query(
      `INSERT INTO talent_team (name, host_org_id, field, agreement_no, agreement_from, agreement_to, outcomes) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [tm.name, O(tm.host), tm.field, tm.no(year), from, `${year + tm.from + tm.years - 1}-12-31`, tm.outcomes]);
    await tx.query(`INSERT INTO talent_team_member (team_id, expert_id, is_leader) SELECT $1, e, e = $3 FROM unnest($2::bigint[]) AS e`,
      [row.id, [X(tm.leader), ...tm.members.map(X)], X(tm.leader)]);
    const pays = [`${year + tm.from}-07-15`, ...(tm.from < 0 ? [`${year}-07-15`] : [])].filter((d) => d <= today);
    if (pays.length) {
      await tx.query(`INSERT INTO talent_payment (team_id, paid_on, amount, note) SELECT $1, d, $3, '团队年度资助' FROM unnest($2::date[]) AS d`,
        [row.id, pays, tm.subsidy]);
    }
    await recordAudit(tx, SYSTEM_AUDIT, { action: 'talent_team.create', targetType: 'talent_team', targetId: row.id, changes: { name: { before: null, after: tm.name } } });
  }

  for (const b of BASES) {
    const { rows: [row] } = await tx.query(
      `INSERT INTO talent_base (org_id, level, designated_on, document_no, field) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [O(b.host), b.level, b.on(year), b.doc(year), b.field]);
    await recordAudit(tx, SYSTEM_AUDIT, { action: 'talent_base.create', targetType: 'talent_base', targetId: row.id, changes: { orgId: { before: null, after: O(b.host) } } });
  }
  return { talent: list.length, services };
}

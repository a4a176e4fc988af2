/**
 * The demo technology market (issue 13 item 8), so that 科技大市场 tells the region's story on first
 * start:
 * - 60 achievements (demo-market-content.ts) of 陇东学院, the named demo enterprises and generated
 *   enterprises of the matching industries: oil and gas, new energy, data centres, 中药材, 玉米制种,
 *   凹凸棒石, apples / cashmere goats / 荞麦 — most published, a few waiting for the bureau, drafts,
 *   one transferred (with its registered transfer contract), one withdrawn;
 * - evaluations: six concluded by panels drawn under the 回避 rules of project review (totals =
 *   weightedTotal, the score the panel's mean), one under way with expert1 assigned, one requested;
 *   庆阳市's published 好成果 list of the concluded ones in its region;
 * - 30 demands of the demo enterprises, written to match some achievements, two of them 揭榜挂帅 with
 *   a prize; answers from 陇东学院, firms and experts; one demand picked and closed with a contract;
 * - one held docking event (庆阳市科技成果转化对接会) with registrations, pairs planned from the
 *   matches and their outcomes (met / intent / agreement / contract);
 * - 200 technology contracts over last year and this year: sellers in every demo county, buyers from
 *   长庆油田's plants to out-of-province firms, most accepted with registration numbers of the
 *   region's yearly serial (tech_contract_serial kept consistent), each county's yearly 成交额 close
 *   to the figure entered for tech_contract_turnover (so the registry, now the indicator's source,
 *   keeps the dashboard's story), a few submitted (overdue and near their deadline), returned and refused.
 * Rows are written directly, in bulk, as the API would have left them; deterministic (seeded);
 * every time is relative to today. Seeds only an empty market: a second call does nothing.
 */
import { todayInChina } from '../../domain/dates';
import { fieldCodeOf } from '../../domain/fields';
import { breachedRule, DEFAULT_AVOIDANCE } from '../../domain/review/avoidance';
import { seededRandom } from '../../domain/review/draw';
import { panelScore, weightedTotal, type Criterion } from '../../domain/review/ranking';
import { dueOn, registrationNumber, ruleSetOn } from '../../domain/tech-contracts';
import { makeUscc } from '../../domain/uscc';
import { isWorkingDay, nextDay } from '../../domain/working-days';
import type { Queryable } from '../db/database';
import { loadExceptions } from '../modules/calendar/service';
import { loadRuleSets } from '../modules/market/tech-contracts';
import { expertFacts } from '../modules/reviews/facts';
import {
  ACHIEVEMENT_STATUS, ACHIEVEMENTS, BUYERS, DEMANDS, MATCHES, PAYMENT_PLANS, REFUSE_REASONS, RETURN_REASONS, SUBJECTS, type Theme,
} from './demo-market-content';

const DAY = 86_400_000;
const WAN = 10_000;
const COUNTIES = ['621002', '621021', '621022', '621023', '621024', '621025', '621026', '621027', '620702', '620721', '620722', '620723', '620724', '620725'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const atDay = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const dayOfYear = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${day.slice(0, 4)}-01-01T00:00:00Z`)) / DAY) + 1;
const round100 = (x: number) => Math.max(100, Math.round(x / 100) * 100);

interface Org { id: number; name: string; region: string; contact: string; phone: string; industry: string | null; userId: number | null; uscc: string | null }

export interface DemoMarketSummary {
  achievements: number; demands: number; answers: number; evaluations: number; batches: number; events: number; pairings: number; contracts: number; accepted: number;
}

const NOTHING: DemoMarketSummary = { achievements: 0, demands: 0, answers: 0, evaluations: 0, batches: 0, events: 0, pairings: 0, contracts: 0, accepted: 0 };

/** Which contract subjects a generated enterprise's industry (GB/T 4754) sells. */
function themeOf(industry: string | null, region: string): Theme | null {
  switch (industry) {
    case 'B0711': case 'C3514': case 'C3441': return 'oil';
    case 'D4415': case 'C3825': case 'B0610': return 'energy';
    case 'I6513': case 'I6540': case 'C3990': return 'data';
    case 'C2720': case 'C2740': return 'herb';
    case 'A0141': return 'seed';
    case 'C2614': case 'C3021': return region === '620723' ? 'atta' : 'mfg';
    case 'M7511': case 'C1310': case 'C1411': case 'A0311': case 'C1521': return 'agri';
    case 'N7721': return 'env';
    case 'C4011': case 'M7320': case 'C3576': case 'C3311': case 'C3831': return 'mfg';
    default: return null;
  }
}

export async function seedDemoMarket(tx: Queryable, now: Date = new Date()): Promise<DemoMarketSummary> {
  const { rows: [seen] } = await tx.query('SELECT (SELECT count(*) FROM achievement) + (SELECT count(*) FROM demand) + (SELECT count(*) FROM tech_contract) AS n');
  if (Number(seen.n) > 0) return NOTHING;
  const today = todayInChina(now);
  const year = Number(today.slice(0, 4));
  const yesterday = addDays(today, -1);

  // --- who ------------------------------------------------------------------------------------
  const { rows: users } = await tx.query(`SELECT id, username FROM app_user WHERE username = ANY($1::text[])`, [['qingyang', 'zhangye', 'xifeng', 'expert1']]);
  const userId = (name: string) => { const u = users.find((x) => x.username === name); return u ? Number(u.id) : null; };
  const staffOf = (region: string) => (region === '621002' ? userId('xifeng') : region.startsWith('6207') ? userId('zhangye') : userId('qingyang'));
  const { rows: namedRows } = await tx.query(
    `SELECT u.username, u.id AS user_id, o.id, o.name, o.region_code, o.contact_name, o.contact_phone, o.uscc FROM app_user u JOIN organization o ON o.id = u.org_id
      WHERE u.username = ANY($1::text[]) AND o.status = 'approved'`, [['qy_ent1', 'qy_ent2', 'qy_inst1', 'zy_ent1']]);
  const named = new Map<string, Org>(namedRows.map((o) => [o.username, { id: Number(o.id), name: o.name, region: o.region_code, contact: o.contact_name, phone: o.contact_phone,
    industry: null, userId: Number(o.user_id), uscc: o.uscc }]));
  const lu = named.get('qy_inst1');
  const ent1 = named.get('qy_ent1');
  if (!lu || !ent1) return NOTHING;
  const namedOrg: Record<string, Org | undefined> = { lu, ent1, ent2: named.get('qy_ent2'), zy1: named.get('zy_ent1') };
  const { rows: genRows } = await tx.query(
    `SELECT o.id, o.name, o.region_code, o.contact_name, o.contact_phone, o.uscc, p.industry_code FROM organization o JOIN enterprise_profile p ON p.org_id = o.id
      WHERE o.kind = 'enterprise' AND o.status = 'approved' AND o.region_code = ANY($1::text[]) AND NOT (o.id = ANY($2::bigint[])) ORDER BY o.id`,
    [COUNTIES, [...named.values()].map((o) => o.id)]);
  const gens: Org[] = genRows.map((o) => ({ id: Number(o.id), name: o.name, region: o.region_code, contact: o.contact_name, phone: o.contact_phone,
    industry: o.industry_code, userId: null, uscc: o.uscc }));
  const used = new Set<number>();
  /** 'lu' | 'ent1' | 'ent2' | 'zy1' | 'g:<industries>@<regions>': a generated one used once, the best fit first. */
  const resolve = (spec: string): Org => {
    if (!spec.startsWith('g:')) return namedOrg[spec] ?? ent1;
    const [inds, regs] = spec.slice(2).split('@').map((s) => s.split(','));
    const free = gens.filter((o) => !used.has(o.id));
    const found = free.find((o) => inds.includes(o.industry ?? '') && regs.includes(o.region)) ?? free.find((o) => inds.includes(o.industry ?? ''))
      ?? free.find((o) => regs.includes(o.region)) ?? free[0] ?? ent1;
    used.add(found.id);
    return found;
  };

  // --- achievements ---------------------------------------------------------------------------
  const ach = ACHIEVEMENTS.map((a, i) => {
    const org = resolve(a.owner);
    const status = a.status ?? ACHIEVEMENT_STATUS[a.key] ?? 'published';
    const createdDay = status === 'draft' ? addDays(today, -(12 + i % 7)) : status === 'submitted' ? addDays(today, -(4 + i % 9)) : addDays(today, -(420 - i * 6));
    const createdAt = atDay(createdDay, `${String(9 + i % 8).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`);
    const publishedAt = ['published', 'transferred', 'withdrawn'].includes(status) ? new Date(createdAt.getTime() + (3 + i % 5) * DAY + 3 * 3600_000) : null;
    return { ...a, org, status, createdAt, publishedAt, updatedAt: publishedAt ?? createdAt };
  });
  const achByKey = new Map(ach.map((a) => [a.key, a]));
  const { rows: achRows } = await tx.query(
    `INSERT INTO achievement (org_id, region_code, title, type, field, maturity, ip, inventors, summary, text, transfer_modes, price_min, price_max, contact, status,
       published_at, created_by, created_at, updated_at)
     SELECT t.org, t.region, t.title, t.type, t.field, t.maturity, t.ip, t.inventors, t.summary, t.text, string_to_array(t.modes, '|'), t.pmin, t.pmax, t.contact, t.status,
            t.published, t.created_by, t.created, t.updated
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::bigint[], $13::bigint[], $14::text[], $15::text[], $16::timestamptz[], $17::bigint[], $18::timestamptz[], $19::timestamptz[])
         AS t(org, region, title, type, field, maturity, ip, inventors, summary, text, modes, pmin, pmax, contact, status, published, created_by, created, updated)
     RETURNING id, title`,
    [ach.map((a) => a.org.id), ach.map((a) => a.org.region), ach.map((a) => a.title), ach.map((a) => a.type), ach.map((a) => a.field), ach.map((a) => a.maturity),
      ach.map((a) => a.ip), ach.map((a) => a.inventors), ach.map((a) => a.summary), ach.map((a) => a.text), ach.map((a) => a.modes),
      ach.map((a) => (a.price ? a.price[0] * WAN : null)), ach.map((a) => (a.price ? a.price[1] * WAN : null)), ach.map((a) => `${a.org.contact} ${a.org.phone}`),
      ach.map((a) => a.status), ach.map((a) => a.publishedAt?.toISOString() ?? null), ach.map((a) => a.org.userId), ach.map((a) => a.createdAt.toISOString()),
      ach.map((a) => a.updatedAt.toISOString())]);
  const achId = new Map<string, number>(ach.map((a, i) => [a.key, Number(achRows[i].id)]));

  // --- demands --------------------------------------------------------------------------------
  const dem = DEMANDS.map((d, i) => {
    const org = resolve(d.owner);
    const status = d.status ?? 'published';
    const createdAt = atDay(status === 'published' ? addDays(today, -(200 - i * 4)) : addDays(today, -(3 + i % 6)), `${String(9 + i % 8).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}`);
    const publishedAt = status === 'published' ? new Date(createdAt.getTime() + (2 + i % 4) * DAY + 2 * 3600_000) : null;
    return { ...d, org, status: status as string, createdAt, publishedAt, deadline: addDays(today, d.deadlineDays), updatedAt: publishedAt ?? createdAt };
  });
  const { rows: demRows } = await tx.query(
    `INSERT INTO demand (org_id, region_code, title, description, field, budget_min, budget_max, deadline, status, published_at, created_by, created_at, updated_at,
       cooperation_modes, open_call, prize)
     SELECT t.org, t.region, t.title, t.description, t.field, t.bmin, t.bmax, t.deadline, t.status, t.published, t.created_by, t.created, t.updated,
            string_to_array(t.modes, '|'), t.prize IS NOT NULL, t.prize
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::date[], $9::text[], $10::timestamptz[], $11::bigint[],
                   $12::timestamptz[], $13::timestamptz[], $14::text[], $15::bigint[])
         AS t(org, region, title, description, field, bmin, bmax, deadline, status, published, created_by, created, updated, modes, prize)
     RETURNING id`,
    [dem.map((d) => d.org.id), dem.map((d) => d.org.region), dem.map((d) => d.title), dem.map((d) => d.description), dem.map((d) => d.field),
      dem.map((d) => (d.budget ? d.budget[0] * WAN : null)), dem.map((d) => (d.budget ? d.budget[1] * WAN : null)), dem.map((d) => d.deadline), dem.map((d) => d.status),
      dem.map((d) => d.publishedAt?.toISOString() ?? null), dem.map((d) => d.org.userId), dem.map((d) => d.createdAt.toISOString()), dem.map((d) => d.updatedAt.toISOString()),
      dem.map((d) => d.modes), dem.map((d) => (d.prize ? d.prize * WAN : null))]);
  const demId = new Map<string, number>(dem.map((d, i) => [d.key, Number(demRows[i].id)]));
  const demByKey = new Map(dem.map((d) => [d.key, d]));

  // --- the docking event, its pairs and the contract one of them led to -----------------------
  let eventDay = addDays(today, -40);
  while (!isWorkingDay(eventDay, new Map())) eventDay = addDays(eventDay, -1);
  const eventYear = Number(eventDay.slice(0, 4));

  // --- experts --------------------------------------------------------------------------------
  const { rows: expertRows } = await tx.query('SELECT id, name, user_id FROM expert ORDER BY id');
  const expertByName = new Map<string, { id: number; userId: number | null }>(expertRows.map((x) => [x.name, { id: Number(x.id), userId: x.user_id == null ? null : Number(x.user_id) }]));

  // --- answers: 答题 and 阅卷 ------------------------------------------------------------------
  type AnswerPlan = { demand: string; by: string; proposal: string; plan: string; price: number; months: number; status: 'submitted' | 'shortlisted' | 'rejected' | 'picked'; note?: string };
  const ANSWERS: AnswerPlan[] = [
    { demand: 'flowback', by: 'lu', status: 'picked', price: 185, months: 12, note: '方案针对性强，已在长庆油田平台井完成中试，选定合作。',
      proposal: '以我校“页岩油水平井压裂返排液回用处理装置”发明专利为基础，采用破胶—混凝沉降—气浮—精细过滤组合工艺，为贵公司开发撬装化返排液处理装置，处理后回用配制滑溜水压裂液。',
      plan: '第1–3月：返排液水质分析与工艺参数优化；第4–8月：30 m³/h 撬装装置设计制造；第9–12月：两个平台现场试验与验收。' },
    { demand: 'flowback', by: 'x:赵永平', status: 'rejected', price: 90, months: 8,
      proposal: '提供返排液处理工艺路线咨询与现场技术服务，结合长庆油田已有返排液处理站运行经验，优化破胶和絮凝药剂体系。', plan: '工艺调研 2 个月，方案设计 3 个月，现场指导 3 个月。' },
    { demand: 'flowback', by: 'owner:mud', status: 'rejected', price: 150, months: 10,
      proposal: '将我公司钻井泥浆不落地固液分离设备改造用于压裂返排液预处理，配套离心和板框压滤单元，降低悬浮物。', plan: '设备改造 4 个月，现场试验 6 个月。' },
    { demand: 'producedwater', by: 'x:周文华', status: 'submitted', price: 60, months: 10,
      proposal: '采用旋流除油—溶气气浮—双滤料过滤组合工艺，辅以耐盐石油烃降解菌剂的生物深度处理，使回注水含油量低于 5 mg/L、悬浮物低于 3 mg/L。',
      plan: '水质诊断 1 个月，工艺包设计 3 个月，接转站改造与调试 6 个月。' },
    { demand: 'producedwater', by: 'lu', status: 'submitted', price: 80, months: 12,
      proposal: '以我校油气田采出水高效降解菌剂为核心，联合曝气生物滤池对采出水深度处理，可与现有气浮过滤工艺衔接。', plan: '中试 6 个月，工程示范 6 个月。' },
    { demand: 'datacenter', by: 'lu', status: 'shortlisted', price: 420, months: 24, note: '进入答辩环节。',
      proposal: '揭榜数据中心液冷与余热利用：冷板式液冷二次侧换热 + 高温热泵提温 + 蓄热水箱，液冷机房 PUE ≤ 1.15，余热供暖 5 万平方米，配套 PUE 智能优化控制。',
      plan: '第一年完成 500 kW 液冷余热回收示范，第二年扩展到 2 MW 并接入园区供暖管网。' },
    { demand: 'datacenter', by: 'x:吴海涛', status: 'submitted', price: 200, months: 18,
      proposal: '基于运营商数据中心实践，提出间接蒸发冷却与液冷混合制冷方案，并对余热回收的经济性和供暖管网接入进行论证。', plan: '方案论证 6 个月，示范建设 12 个月。' },
    { demand: 'datacenter', by: 'owner:freecool', status: 'submitted', price: 300, months: 18,
      proposal: '以间接蒸发冷却和自然冷却改造为基础，叠加液冷机柜和余热回收，分期实施降低投资风险。', plan: '一期自然冷却改造 6 个月，二期液冷和余热回收 12 个月。' },
    { demand: 'hydrogen', by: 'lu', status: 'submitted', price: 600, months: 36,
      proposal: '揭榜碱性电解水制氢：以我校泡沫镍基镍钼析氢电极为核心，联合电解槽企业研制适应风光波动的 1000 Nm³/h 级电解槽，目标直流电耗 ≤ 4.3 kWh/Nm³。',
      plan: '电极放大制备 12 个月，电解槽集成 12 个月，示范运行 12 个月。' },
    { demand: 'hydrogen', by: 'x:朱明亮', status: 'submitted', price: 500, months: 30,
      proposal: '研究风光波动电源下碱性电解槽的宽功率运行控制和热管理策略，配套电极与隔膜性能评价平台。', plan: '控制策略研究 12 个月，样机验证 18 个月。' },
    { demand: 'polysaccharide', by: 'lu', status: 'shortlisted', price: 90, months: 12, note: '工艺先进，请补充中试放大数据。',
      proposal: '采用超声辅助酶解提取、膜分离和大孔树脂纯化工艺，黄芪多糖得率提高 35%，乙醇用量减少 60%，可在贵公司现有车间改造实施。', plan: '小试验证 3 个月，中试放大 6 个月，生产线改造 3 个月。' },
    { demand: 'polysaccharide', by: 'x:杨慧敏', status: 'submitted', price: 60, months: 10,
      proposal: '提供黄芪多糖结构表征和免疫活性评价服务，协助制定原料质量标准。', plan: '样品分析 4 个月，标准起草 6 个月。' },
    { demand: 'attapulgite', by: 'lu', status: 'submitted', price: 150, months: 24,
      proposal: '以凹凸棒石/聚合物纳米复合材料专利为基础，开发改性凹凸棒石纳米填料，用于农膜和管材增强，提高资源附加值。', plan: '改性工艺 8 个月，中试 10 个月，应用评价 6 个月。' },
    { demand: 'goat', by: 'x:田秀芳', status: 'shortlisted', price: 25, months: 12, note: '请安排到养殖场实地调研。',
      proposal: '集成同期发情人工授精和全混合日粮舍饲技术，配套羊绒细度营养调控配方，提高繁殖率并保持羊绒细度。', plan: '技术培训 2 个月，示范场建设 10 个月。' },
  ];
  const answerer = (by: string): { org: Org | null; expert: { id: number; userId: number | null } | null } => {
    if (by.startsWith('x:')) return { org: null, expert: expertByName.get(by.slice(2)) ?? null };
    if (by.startsWith('owner:')) return { org: achByKey.get(by.slice(6))!.org, expert: null };
    return { org: namedOrg[by] ?? null, expert: null };
  };
  const answers = ANSWERS.map((a, i) => ({ ...a, ...answerer(a.by), i }))
    .filter((a) => (a.org || a.expert) && demByKey.get(a.demand)?.status === 'published' && a.org?.id !== demByKey.get(a.demand)!.org.id)
    .map((a) => {
      const d = demByKey.get(a.demand)!;
      const created = new Date(Math.min(d.publishedAt!.getTime() + (6 + a.i) * DAY, atDay(addDays(eventDay, -10), '10:00').getTime()));
      const decided = a.status === 'submitted' ? null : new Date(Math.min(atDay(addDays(eventDay, 5), '15:00').getTime(), now.getTime() - DAY));
      return { ...a, created, decided, note: a.status === 'rejected' ? '已选定其他方案' : a.note ?? null };
    });
  const { rows: answerRows } = await tx.query(
    `INSERT INTO demand_answer (demand_id, org_id, expert_id, proposal, plan, price, duration_months, status, decision_note, decided_at, created_by, created_at, updated_at, version)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::text[], $9::text[], $10::timestamptz[], $11::bigint[],
                          $12::timestamptz[], $13::timestamptz[], $14::int[])
     RETURNING id`,
    [answers.map((a) => demId.get(a.demand)), answers.map((a) => a.org?.id ?? null), answers.map((a) => a.expert?.id ?? null), answers.map((a) => a.proposal),
      answers.map((a) => a.plan), answers.map((a) => a.price * WAN), answers.map((a) => a.months), answers.map((a) => a.status), answers.map((a) => a.note),
      answers.map((a) => a.decided?.toISOString() ?? null), answers.map((a) => a.org?.userId ?? a.expert?.userId ?? null), answers.map((a) => a.created.toISOString()),
      answers.map((a) => (a.decided ?? a.created).toISOString()), answers.map((a) => (a.decided ? 2 : 1))]);

  // --- contracts: the story's two, then the registry of every county ---------------------------
  const sets = await loadRuleSets(tx);
  const exceptions = await loadExceptions(tx, `${year - 2}-11-01`, addDays(today, 120));
  const working = (day: string) => isWorkingDay(day, exceptions);
  const onOrBefore = (day: string) => { while (!working(day)) day = addDays(day, -1); return day; };
  const back = (day: string, n: number) => { for (let k = 0; k < n;) { day = addDays(day, -1); if (working(day)) k++; } return day; };
  const clock = (filed: string, technical: number) => {
    const set = ruleSetOn(sets, filed);
    if (!set) throw new Error(`demo market: no rule set on ${filed}`);
    return { ruleSet: set.code, dueOn: dueOn(set, filed, technical, false, exceptions) };
  };

  interface Contract {
    seller: Org; name: string; type: string; sub: string | null; buyer: string; buyerRegion: string; buyerUscc: string | null; field: string;
    amount: number; nonTech: number; plan: string; status: 'submitted' | 'returned' | 'accepted' | 'refused'; decided: string | null; filed: string; signed: string;
    reason: string | null; number?: string; ruleSet?: string; due?: string; registrationNo?: string | null; term?: [string, string]; updated?: Date;
  }
  const contracts: Contract[] = [];
  const rnd = seededRandom(`demo-market|${year}`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const usccFor = (name: string, region: string) => (/中心|医院|管理委员会|合作社/.test(name) ? null
    : makeUscc(`91${region}MA${String([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9_999_999, 7)).padStart(7, '0')}`));
  const dealDates = (decided: string) => {
    const filed = back(decided, 2 + Math.floor(rnd() * 7));
    return { filed, signed: addDays(filed, -(5 + Math.floor(rnd() * 40))) };
  };

  // 1. the picked answer's contract, registered after the docking event
  const s1Decided = onOrBefore([addDays(eventDay, 25), yesterday].sort()[0]);
  contracts.push({ seller: lu, name: '页岩油水平井压裂返排液回用处理装置技术开发合同', type: 'development', sub: 'commissioned', buyer: ent1.name, buyerRegion: ent1.region,
    buyerUscc: ent1.uscc, field: 'environment', amount: 1_850_000, nonTech: 250_000, plan: PAYMENT_PLANS[0], status: 'accepted', decided: s1Decided,
    filed: back(s1Decided, 6), signed: [addDays(eventDay, 12), back(s1Decided, 8)].sort()[0], reason: null });
  // 2. the transferred achievement's patent
  const glyc = achByKey.get('glycyrrhizin')!;
  const s2Decided = onOrBefore(addDays(today, -200));
  contracts.push({ seller: glyc.org, name: '甘草酸单铵盐绿色提取工艺发明专利权转让合同', type: 'transfer', sub: 'patent_right', buyer: '甘肃陇神戎发药业股份有限公司', buyerRegion: '620102',
    buyerUscc: usccFor('甘肃陇神戎发药业股份有限公司', '620102'), field: 'biomedicine', amount: 600_000, nonTech: 0, plan: PAYMENT_PLANS[1], status: 'accepted',
    decided: s2Decided, ...dealDates(s2Decided), reason: null });

  // the sellers of each county and what they sell
  const sellersOf = new Map<string, { org: Org; theme: Theme; weight: number }[]>();
  for (const c of COUNTIES) {
    const list: { org: Org; theme: Theme; weight: number }[] = [];
    if (c === lu.region) list.push({ org: lu, theme: 'oil', weight: 6 });
    for (const [key, theme] of [['ent1', 'oil'], ['ent2', 'herb'], ['zy1', 'seed']] as const) {
      const o = namedOrg[key];
      if (o && o.region === c) list.push({ org: o, theme, weight: 3 });
    }
    const local = gens.filter((o) => o.region === c && themeOf(o.industry, o.region)).slice(0, 10);
    for (const o of local) list.push({ org: o, theme: themeOf(o.industry, o.region)!, weight: 1 });
    if (list.length) sellersOf.set(c, list);
  }
  const LU_THEMES: Theme[] = ['oil', 'energy', 'data', 'herb', 'agri', 'atta', 'env', 'oil', 'data'];
  const pickSeller = (county: string) => {
    const list = sellersOf.get(county)!;
    let r = rnd() * list.reduce((s, x) => s + x.weight, 0);
    const s = list.find((x) => (r -= x.weight) < 0) ?? list[list.length - 1];
    return { org: s.org, theme: s.org === lu ? pick(LU_THEMES) : s.theme };
  };
  const TYPE_WEIGHT: Record<string, number> = { development: 2.6, transfer: 1.6, licence: 1.3, consulting: 0.45, service: 0.8 };
  const SUFFIX: Record<string, string> = { development: '技术开发合同', transfer: '技术转让合同', licence: '技术许可合同', consulting: '技术咨询合同', service: '技术服务合同' };
  const SERVICE_SUFFIX: Record<string, string> = { training: '技术培训合同', intermediary: '技术中介合同' };
  const draft = (county: string): Omit<Contract, 'status' | 'decided' | 'filed' | 'signed' | 'reason' | 'amount' | 'nonTech'> & { weight: number } => {
    const { org, theme } = pickSeller(county);
    const [subject, type, sub, field] = pick(SUBJECTS[theme]);
    let [buyer, buyerRegion] = pick(BUYERS[theme]);
    if (buyer === org.name) [buyer, buyerRegion] = BUYERS.mfg[0];
    const gauss = (rnd() + rnd() + rnd() - 1.5) * 2;
    return { seller: org, name: `${subject}${(sub && SERVICE_SUFFIX[sub]) || SUFFIX[type]}`, type, sub, buyer, buyerRegion, buyerUscc: rnd() < 0.8 ? usccFor(buyer, buyerRegion) : null,
      field, plan: pick(PAYMENT_PLANS), weight: Math.exp(gauss * 0.9) * TYPE_WEIGHT[type] };
  };
  const nonTechOf = (type: string, amount: number) => (type === 'development' && rnd() < 0.6 ? round100(amount * (0.05 + rnd() * 0.2))
    : type === 'service' && rnd() < 0.3 ? round100(amount * rnd() * 0.1) : 0);

  // targets: the figures entered for tech_contract_turnover (万元), this year's scaled from the last month entered to today
  const { rows: entered } = await tx.query(
    `SELECT region_code, year, period, value::float8 AS value FROM indicator_value
      WHERE indicator_code = 'tech_contract_turnover' AND region_code = ANY($1::text[]) AND year = ANY($2::int[])`, [COUNTIES, [year - 1, year]]);
  const targetOf = (county: string, y: number): number => {
    const last = entered.find((r) => r.region_code === county && r.year === year - 1 && r.period === 'Y')?.value ?? 3000;
    if (y === year - 1) return last * WAN;
    const months = entered.filter((r) => r.region_code === county && r.year === year && /^M\d\d$/.test(r.period)).sort((a, b) => b.period.localeCompare(a.period));
    if (months.length) {
      const m = Number(months[0].period.slice(1));
      const monthEnd = addDays(`${m === 12 ? year + 1 : year}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
      return (months[0].value * WAN * dayOfYear(today)) / dayOfYear(monthEnd);
    }
    return (last * 1.08 * WAN * dayOfYear(today)) / 365;
  };

  // 3. accepted contracts per county and year, in numbers that follow the county's turnover
  const groups = [...sellersOf.keys()].flatMap((c) => [year - 1, year].map((y) => ({ county: c, y, target: targetOf(c, y) })));
  const ACCEPTED = 200 - contracts.length - 16;
  const weights = groups.map((g) => Math.sqrt(g.target));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const counts = groups.map((_, k) => Math.max(2, Math.floor((ACCEPTED * weights[k]) / totalWeight)));
  for (let k = 0; counts.reduce((s, n) => s + n, 0) < ACCEPTED; k = (k + 1) % groups.length) counts[k]++;
  for (let k = groups.length - 1; counts.reduce((s, n) => s + n, 0) > ACCEPTED; k = (k - 1 + groups.length) % groups.length) if (counts[k] > 2) counts[k]--;
  groups.forEach((g, k) => {
    const fixed = contracts.filter((c) => c.status === 'accepted' && c.seller.region === g.county && Number(c.decided!.slice(0, 4)) === g.y)
      .reduce((s, c) => s + c.amount, 0);
    const goal = g.target * (0.97 + rnd() * 0.06) - fixed;
    const drafts = Array.from({ length: counts[k] }, () => draft(g.county));
    const sum = drafts.reduce((s, d) => s + d.weight, 0);
    const first = `${g.y}-01-05`;
    const lastDay = g.y === year ? yesterday : `${g.y}-12-30`;
    const span = Math.max(1, (Date.parse(lastDay) - Date.parse(first)) / DAY);
    // shares of the goal in whole hundreds, the rounding put on the largest
    const amounts = drafts.map((d) => round100((goal * d.weight) / sum));
    const largest = amounts.indexOf(Math.max(...amounts));
    amounts[largest] = Math.max(100, amounts[largest] + Math.round(goal / 100) * 100 - amounts.reduce((s, a) => s + a, 0));
    for (const [n, d] of drafts.entries()) {
      const amount = amounts[n];
      // more decisions towards the year's end (the year-end rush)
      const at = g.y === year ? rnd() : Math.min(1, rnd() < 0.22 ? 0.92 + rnd() * 0.08 : rnd());
      let decided = onOrBefore(addDays(first, Math.floor(at * span)));
      if (decided < first) decided = first;
      while (!working(decided)) decided = addDays(decided, 1);
      if (decided > lastDay) decided = onOrBefore(lastDay);
      const { weight: _w, ...rest } = d;
      contracts.push({ ...rest, amount, nonTech: nonTechOf(d.type, amount), status: 'accepted', decided, ...dealDates(decided), reason: null });
    }
  });

  // 4. the registry's desk: submitted (two overdue, three due within days, three fresh), returned, refused
  const counties = [...sellersOf.keys()];
  const undecided = (status: 'submitted' | 'returned', daysBack: number, reason: string | null) => {
    const d = draft(counties[contracts.length % counties.length]);
    const amount = round100((20 + rnd() * 180) * WAN);
    const filed = back(today, daysBack);
    const { weight: _w, ...rest } = d;
    contracts.push({ ...rest, amount, nonTech: nonTechOf(d.type, amount), status, decided: null, filed, signed: addDays(filed, -(5 + Math.floor(rnd() * 30))), reason });
  };
  for (const n of [20, 18, 14, 13, 12, 4, 2, 1]) undecided('submitted', n, null);
  for (const [k, n] of [6, 9, 11, 25].entries()) undecided('returned', n, RETURN_REASONS[k % RETURN_REASONS.length]);
  for (const [k, y] of [year - 1, year - 1, year, year].entries()) {
    const d = draft(counties[(k * 5) % counties.length]);
    const amount = round100((30 + rnd() * 120) * WAN);
    const decided = onOrBefore(y === year ? addDays(today, -(20 + k * 30)) : `${y}-${String(3 + k * 4).padStart(2, '0')}-15`);
    const { weight: _w, ...rest } = d;
    contracts.push({ ...rest, amount, nonTech: 0, status: 'refused', decided, ...dealDates(decided), reason: REFUSE_REASONS[k] });
  }

  // clocks, seller numbers, registration numbers in decision order per region and year
  const perSeller = new Map<number, number>();
  for (const c of contracts) {
    const { ruleSet, dueOn: due } = clock(c.filed, c.amount - c.nonTech);
    c.ruleSet = ruleSet;
    c.due = due;
    if (c.decided && c.decided > due) c.decided = onOrBefore(due);
    const n = (perSeller.get(c.seller.id) ?? 0) + 1;
    perSeller.set(c.seller.id, n);
    const prefix = c.seller === lu ? 'LDXY-KJ' : c.seller === ent1 ? 'LDNY-HT' : `HT${String(c.seller.id).padStart(4, '0')}`;
    c.number = `${prefix}-${c.signed.slice(0, 4)}-${String(n).padStart(3, '0')}`;
    const months = 6 + Math.floor(rnd() * 30);
    c.term = [c.signed, addDays(c.signed, months * 30)];
    c.updated = c.decided ? atDay(c.decided, '16:20') : c.status === 'returned' ? atDay(nextDay(c.filed) > today ? c.filed : nextDay(c.filed), '11:40') : atDay(c.filed, '10:05');
  }
  const serials = new Map<string, number>();
  contracts.map((c, i) => ({ c, i })).filter(({ c }) => c.status === 'accepted')
    .sort((a, b) => a.c.decided!.localeCompare(b.c.decided!) || a.i - b.i)
    .forEach(({ c }) => {
      const y = Number(c.decided!.slice(0, 4));
      const key = `${c.seller.region}|${y}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      c.registrationNo = registrationNumber(y, c.seller.region, serial);
    });
  const col = <T>(f: (c: Contract) => T) => contracts.map(f);
  const { rows: contractRows } = await tx.query(
    `INSERT INTO tech_contract (number, name, type, sub_type, seller_org_id, region_code, buyer_name, buyer_uscc, buyer_region_code, signed_on, term_from, term_to, field,
       amount, non_technical_amount, payment_plan, status, filed_on, rule_set, due_on, registration_no, decided_on, decided_by, reason, created_by, created_at, updated_at, version)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::date[], $11::date[], $12::date[],
       $13::text[], $14::bigint[], $15::bigint[], $16::text[], $17::text[], $18::date[], $19::text[], $20::date[], $21::text[], $22::date[], $23::bigint[], $24::text[],
       $25::bigint[], $26::timestamptz[], $27::timestamptz[], $28::int[])
     RETURNING id`,
    [col((c) => c.number), col((c) => c.name), col((c) => c.type), col((c) => c.sub), col((c) => c.seller.id), col((c) => c.seller.region), col((c) => c.buyer),
      col((c) => c.buyerUscc), col((c) => c.buyerRegion), col((c) => c.signed), col((c) => c.term![0]), col((c) => c.term![1]), col((c) => c.field), col((c) => c.amount),
      col((c) => c.nonTech), col((c) => c.plan), col((c) => c.status), col((c) => c.filed), col((c) => c.ruleSet), col((c) => c.due), col((c) => c.registrationNo ?? null),
      col((c) => c.decided), col((c) => (c.decided ? staffOf(c.seller.region) : null)), col((c) => c.reason), col((c) => c.seller.userId),
      col((c) => atDay(c.filed, '10:05').toISOString()), col((c) => c.updated!.toISOString()), col((c) => (c.status === 'submitted' ? 1 : 2))]);
  if (serials.size) {
    const keys = [...serials.keys()];
    await tx.query(`INSERT INTO tech_contract_serial (region_code, year, last) SELECT * FROM unnest($1::text[], $2::int[], $3::int[])`,
      [keys.map((k) => k.split('|')[0]), keys.map((k) => Number(k.split('|')[1])), keys.map((k) => serials.get(k))]);
  }
  const storyNo = contracts[0].registrationNo!;

  // the picked answer and the closed demand; the transferred achievement
  const picked = answers.findIndex((a) => a.status === 'picked');
  if (picked >= 0) {
    const a = answers[picked];
    await tx.query(`UPDATE demand SET picked_answer_id = $2, outcome = 'contract', status = 'closed', outcome_note = $3, outcome_at = $4, updated_at = $4, version = version + 2 WHERE id = $1`,
      [demId.get(a.demand), answerRows[picked].id, `已与${lu.name}签订技术开发合同，登记编号 ${storyNo}。`, atDay(s1Decided, '17:00').toISOString()]);
  }
  await tx.query(`UPDATE achievement SET updated_at = $2, version = version + 1 WHERE id = $1`, [achId.get('glycyrrhizin'), atDay(s2Decided, '17:00').toISOString()]);

  // --- the docking event ----------------------------------------------------------------------
  const qingyang = userId('qingyang');
  const { rows: [event] } = await tx.query(
    `INSERT INTO docking_event (title, theme, field, starts_at, ends_at, place, organiser, region_code, capacity, status, created_by, created_at, updated_at, version)
     VALUES ($1, $2, NULL, $3, $4, $5, $6, '621000', 150, 'held', $7, $8, $9, 4) RETURNING id`,
    [`${eventYear}年庆阳市科技成果转化对接会`, '企业出题、院所答题：聚焦油气、新能源、算力、中药材和特色农业的成果转化与技术对接',
      atDay(eventDay, '09:00').toISOString(), atDay(eventDay, '17:30').toISOString(), '庆阳市科技大市场（西峰区南大街科技服务中心）',
      '庆阳市科学技术局、陇东学院', qingyang, atDay(addDays(eventDay, -35), '10:00').toISOString(), atDay(eventDay, '18:00').toISOString()]);
  const PAIRS: [string, string | null, 'met' | 'intent' | 'agreement' | 'contract' | null][] = [
    ['flowback', 'flowback', 'contract'], ['producedwater', 'microbe', 'agreement'], ['sludge', 'sludge', 'intent'], ['wax', 'wax', 'met'],
    ['windforecast', 'windforecast', 'intent'], ['bess', 'bess', 'agreement'], ['datacenter', 'liquidcool', 'intent'], ['datacenter', 'pue', 'met'],
    ['polysaccharide', 'polysaccharide', 'intent'], ['replant', 'replant', 'met'], ['goat', 'goat', 'met'], ['apple', 'canker', null],
  ];
  const pairs = PAIRS.filter(([d, a]) => demByKey.get(d)?.org && a && achByKey.get(a)!.org.id !== demByKey.get(d)!.org.id
    && ['published', 'transferred'].includes(achByKey.get(a)!.status) && (MATCHES[d] ?? []).includes(a));
  const bring = new Map<number, { demands: number[]; achievements: number[] }>();
  for (const [d, a] of pairs) {
    const dOrg = demByKey.get(d)!.org.id;
    const aOrg = achByKey.get(a!)!.org.id;
    if (!bring.has(dOrg)) bring.set(dOrg, { demands: [], achievements: [] });
    if (!bring.has(aOrg)) bring.set(aOrg, { demands: [], achievements: [] });
    if (!bring.get(dOrg)!.demands.includes(demId.get(d)!)) bring.get(dOrg)!.demands.push(demId.get(d)!);
    if (!bring.get(aOrg)!.achievements.includes(achId.get(a!)!)) bring.get(aOrg)!.achievements.push(achId.get(a!)!);
  }
  const regs = [...bring.entries()];
  const orgUser = new Map<number, number | null>([...named.values()].map((o) => [o.id, o.userId]));
  await tx.query(
    `INSERT INTO docking_registration (event_id, org_id, demand_ids, achievement_ids, attendees, note, status, decided_by, decided_at, created_by, created_at, updated_at, version)
     SELECT $1, t.org, string_to_array(t.demands, ',')::bigint[], string_to_array(t.achievements, ',')::bigint[], t.attendees, t.note, 'confirmed', $2, t.decided, t.created_by, t.created, t.decided, 2
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::int[], $7::text[], $8::timestamptz[], $9::bigint[], $10::timestamptz[])
         AS t(org, demands, achievements, attendees, note, decided, created_by, created)`,
    [event.id, qingyang, regs.map(([o]) => o), regs.map(([, b]) => b.demands.join(',')), regs.map(([, b]) => b.achievements.join(',')),
      regs.map(([o], k) => (o === lu.id ? 6 : 1 + (k % 3))), regs.map(([o]) => (o === lu.id ? '携带油气、新能源、算力、中药材方向成果参会' : '')),
      regs.map((_, k) => atDay(addDays(eventDay, -12 + (k % 3)), '15:30').toISOString()), regs.map(([o]) => orgUser.get(o) ?? null),
      regs.map((_, k) => atDay(addDays(eventDay, -25 + k), '10:15').toISOString())]);
  const NOTES: Record<string, string> = {
    met: '双方现场交流，企业将组织技术人员赴对方单位考察。', intent: '达成合作意向，约定一个月内提交技术方案和报价。',
    agreement: '签订合作框架协议，进入合同条款商谈。', contract: '已签订技术开发合同并完成认定登记。',
  };
  await tx.query(
    `INSERT INTO docking_pairing (event_id, demand_id, achievement_id, supplier_org_id, note, outcome, contract_no, outcome_note, outcome_at, created_by, created_at, updated_at, version)
     SELECT $1, t.demand, t.achievement, t.supplier, t.note, t.outcome, t.contract_no, t.outcome_note, t.outcome_at, $2, t.created, coalesce(t.outcome_at, t.created), t.version
       FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::int[])
         AS t(demand, achievement, supplier, note, outcome, contract_no, outcome_note, outcome_at, created, version)`,
    [event.id, qingyang, pairs.map(([d]) => demId.get(d)), pairs.map(([, a]) => achId.get(a!)), pairs.map(([, a]) => achByKey.get(a!)!.org.id),
      pairs.map(([d, a]) => `需求“${demByKey.get(d)!.title}”与成果“${achByKey.get(a!)!.title}”匹配`), pairs.map(([, , o]) => o),
      pairs.map(([, , o]) => (o === 'contract' ? storyNo : null)), pairs.map(([, , o]) => (o ? NOTES[o] : null)),
      pairs.map(([, , o], k) => (o === 'contract' ? atDay(s1Decided, '17:10') : o ? atDay(addDays(eventDay, 1 + (k % 6)), '16:00') : null)?.toISOString() ?? null),
      pairs.map((_, k) => atDay(addDays(eventDay, -5), `${String(9 + (k % 8)).padStart(2, '0')}:30`).toISOString()), pairs.map(([, , o]) => (o ? 2 : 1))]);

  // --- evaluations and the 好成果 list ----------------------------------------------------------
  const evaluations = await seedEvaluations(tx, today, now, ach.map((a) => ({ key: a.key, id: achId.get(a.key)!, org: a.org, field: a.field, inventors: a.inventors, status: a.status })),
    qingyang, staffOf);

  const accepted = contracts.filter((c) => c.status === 'accepted').length;
  return { achievements: ach.length, demands: dem.length, answers: answers.length, evaluations: evaluations.evaluations, batches: evaluations.batches, events: 1,
    pairings: pairs.length, contracts: contractRows.length, accepted };
}

const EVALUATED: { key: string; quality: number; cls: 'technology_development' | 'applied_research' }[] = [
  { key: 'flowback', quality: 0.9, cls: 'technology_development' }, { key: 'astragalus', quality: 0.88, cls: 'technology_development' },
  { key: 'liquidcool', quality: 0.86, cls: 'applied_research' }, { key: 'apple', quality: 0.83, cls: 'technology_development' },
  { key: 'attapulgite', quality: 0.87, cls: 'technology_development' }, { key: 'variety', quality: 0.92, cls: 'technology_development' },
];
const OPINIONS: Record<string, string> = {
  international_advanced: '该成果技术路线先进，主要技术指标达到国际先进水平，已实现规模化应用，经济社会效益显著，建议加快推广。',
  domestic_leading: '该成果针对区域产业关键问题，创新性强，主要技术指标处于国内领先水平，具备良好的产业化前景。',
  domestic_advanced: '该成果技术成熟度较高，应用效果良好，达到国内先进水平，建议进一步扩大示范规模。',
  other: '该成果具有一定创新性，建议补充应用数据后再行评价。',
};
const levelOf = (score: number) => (score >= 90 ? 'international_advanced' : score >= 85 ? 'domestic_leading' : score >= 78 ? 'domestic_advanced' : 'other');

/** Six concluded evaluations with their panels, one under way (expert1 assigned), one requested, and 庆阳市's published list. */
async function seedEvaluations(tx: Queryable, today: string, now: Date, achievements: { key: string; id: number; org: Org; field: string; inventors: string; status: string }[],
  staff: number | null, staffOf: (region: string) => number | null): Promise<{ evaluations: number; batches: number }> {
  const pool = await expertFacts(tx, { provinceOf: '621000' });
  if (!pool.size) return { evaluations: 0, batches: 0 };
  const { rows: sets } = await tx.query('SELECT class, evaluator_type, criteria, experts_per_evaluation FROM evaluation_criteria_set');
  const { rows: expertRows } = await tx.query(`SELECT x.id, u.username FROM expert x LEFT JOIN app_user u ON u.id = x.user_id`);
  const expert1 = expertRows.find((x) => x.username === 'expert1');
  const byKey = new Map(achievements.map((a) => [a.key, a]));
  const panelFor = (a: { id: number; org: Org; field: string; inventors: string }, n: number, seed: string, first?: number) => {
    const item = { applicantOrgId: a.org.id, partnerOrgIds: [], memberExpertIds: [], memberNames: a.inventors.split(/[、,，;；\n]+/).filter(Boolean), regionCode: a.org.region, on: today };
    const rnd = seededRandom(seed);
    const ok = [...pool.values()].filter((x) => x.status === 'active' && breachedRule(DEFAULT_AVOIDANCE, x, item) === null)
      .map((x) => ({ x, fit: x.fields.some((f) => fieldCodeOf(f) === a.field) ? 1 : 0, r: rnd() }))
      .sort((p, q) => q.fit - p.fit || p.r - q.r).map((p) => p.x.id);
    const chosen = first != null && ok.includes(first) ? [first, ...ok.filter((id) => id !== first)] : ok;
    return chosen.slice(0, n);
  };
  type Row = { achievement: number; org: number; region: string; cls: string; evaluatorType: string; criteria: Criterion[]; required: number; status: string;
    requested: Date; score: number | null; level: string | null; opinion: string; concludedAt: Date | null; updated: Date; version: number; note: string };
  type Assign = { ev: number; expert: number; status: string; scores: Record<string, number>; comment: string; total: number | null; assigned: Date; declared: Date | null; submitted: Date | null };
  const rows: Row[] = [];
  const assigns: Assign[] = [];
  const setOf = (cls: string) => sets.find((s) => s.class === cls)!;
  const at = (daysAgo: number, hhmm: string) => atDay(addDays(today, -daysAgo), hhmm);
  EVALUATED.forEach((e, i) => {
    const a = byKey.get(e.key);
    if (!a || a.status !== 'published') return;
    const set = setOf(e.cls);
    const criteria = set.criteria as Criterion[];
    const panel = panelFor(a, set.experts_per_evaluation, `demo-evaluation|${e.key}`);
    if (panel.length < set.experts_per_evaluation) return;
    const base = 150 - i * 6;
    const totals: number[] = [];
    panel.forEach((expert, k) => {
      const rnd = seededRandom(`demo-evaluation|${e.key}|${k}`);
      const scores = Object.fromEntries(criteria.map((c) => [c.code, Math.max(0, Math.min(c.max, Math.round(c.max * (e.quality + (rnd() - 0.5) * 0.08))))]));
      const total = weightedTotal(criteria, scores);
      totals.push(total);
      assigns.push({ ev: rows.length, expert, status: 'submitted', scores, comment: total >= 85 ? '创新性突出，应用成效明显，同意评价结论。' : '技术成熟，应用前景较好，建议进一步扩大示范。',
        total, assigned: at(base - 2, '10:00'), declared: at(base - 4, '09:30'), submitted: at(base - 10 - k, '16:00') });
    });
    const score = panelScore(totals, false).score!;
    const level = levelOf(score);
    rows.push({ achievement: a.id, org: a.org.id, region: a.org.region, cls: e.cls, evaluatorType: set.evaluator_type, criteria, required: set.experts_per_evaluation,
      status: 'concluded', requested: at(base, '09:00'), score, level, opinion: OPINIONS[level], concludedAt: at(base - 20, '11:00'), updated: at(base - 20, '11:00'), version: 4,
      note: '申请开展第三方分类评价，用于成果转化定价参考。' });
  });
  // under way: expert1 to open, one declared, one submitted
  const ngl = byKey.get('ngl');
  if (ngl && ngl.status === 'published') {
    const set = setOf('technology_development');
    const criteria = set.criteria as Criterion[];
    const panel = panelFor(ngl, 3, 'demo-evaluation|ngl', expert1 ? Number(expert1.id) : undefined);
    if (panel.length === 3) {
      const ev = rows.length;
      const rnd = seededRandom('demo-evaluation|ngl|scores');
      const scores = Object.fromEntries(criteria.map((c) => [c.code, Math.round(c.max * (0.84 + rnd() * 0.06))]));
      assigns.push({ ev, expert: panel[0], status: 'assigned', scores: {}, comment: '', total: null, assigned: at(3, '10:00'), declared: null, submitted: null });
      assigns.push({ ev, expert: panel[1], status: 'declared', scores: { [criteria[0].code]: scores[criteria[0].code] }, comment: '', total: null, assigned: at(3, '10:00'), declared: at(2, '15:00'), submitted: null });
      assigns.push({ ev, expert: panel[2], status: 'submitted', scores, comment: '伴生气回收率高，减排效益明显，建议评价为国内领先。', total: weightedTotal(criteria, scores), assigned: at(3, '10:00'), declared: at(2, '09:00'), submitted: at(1, '17:00') });
      rows.push({ achievement: ngl.id, org: ngl.org.id, region: ngl.org.region, cls: 'technology_development', evaluatorType: set.evaluator_type, criteria, required: 3,
        status: 'experts_assigned', requested: at(6, '09:20'), score: null, level: null, opinion: '', concludedAt: null, updated: at(1, '17:00'), version: 2, note: '拟作价入股，申请第三方评价。' });
    }
  }
  const poly = byKey.get('polysaccharide');
  if (poly && poly.status === 'published') {
    const set = setOf('applied_research');
    rows.push({ achievement: poly.id, org: poly.org.id, region: poly.org.region, cls: 'applied_research', evaluatorType: set.evaluator_type, criteria: set.criteria, required: set.experts_per_evaluation,
      status: 'requested', requested: at(2, '14:00'), score: null, level: null, opinion: '', concludedAt: null, updated: at(2, '14:00'), version: 1, note: '申请应用研究类成果评价。' });
  }
  if (!rows.length) return { evaluations: 0, batches: 0 };
  const { rows: evRows } = await tx.query(
    `INSERT INTO evaluation (achievement_id, org_id, region_code, class, evaluator_type, criteria, experts_required, note, status, requested_by, requested_at, score, level, opinion,
       concluded_by, concluded_at, updated_at, version)
     SELECT t.achievement, t.org, t.region, t.cls, t.evaluator_type, t.criteria::jsonb, t.required, t.note, t.status, NULL, t.requested, t.score, t.level, t.opinion,
            t.concluded_by, t.concluded_at, t.updated, t.version
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::text[], $10::timestamptz[], $11::numeric[],
                   $12::text[], $13::text[], $14::bigint[], $15::timestamptz[], $16::timestamptz[], $17::int[])
         AS t(achievement, org, region, cls, evaluator_type, criteria, required, note, status, requested, score, level, opinion, concluded_by, concluded_at, updated, version)
     RETURNING id`,
    [rows.map((r) => r.achievement), rows.map((r) => r.org), rows.map((r) => r.region), rows.map((r) => r.cls), rows.map((r) => r.evaluatorType),
      rows.map((r) => JSON.stringify(r.criteria)), rows.map((r) => r.required), rows.map((r) => r.note), rows.map((r) => r.status), rows.map((r) => r.requested.toISOString()),
      rows.map((r) => r.score), rows.map((r) => r.level), rows.map((r) => r.opinion), rows.map((r) => (r.concludedAt ? staffOf(r.region) : null)),
      rows.map((r) => r.concludedAt?.toISOString() ?? null), rows.map((r) => r.updated.toISOString()), rows.map((r) => r.version)]);
  await tx.query(
    `INSERT INTO evaluation_assignment (evaluation_id, expert_id, status, method, scores, comment, total, assigned_by, assigned_at, declared_at, submitted_at, version)
     SELECT t.ev, t.expert, t.status, 'manual', t.scores::jsonb, t.comment, t.total, t.assigned_by, t.assigned, t.declared, t.submitted, t.version
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::bigint[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::int[])
         AS t(ev, expert, status, scores, comment, total, assigned_by, assigned, declared, submitted, version)`,
    [assigns.map((x) => evRows[x.ev].id), assigns.map((x) => x.expert), assigns.map((x) => x.status), assigns.map((x) => JSON.stringify(x.scores)), assigns.map((x) => x.comment),
      assigns.map((x) => x.total), assigns.map((x) => staffOf(rows[x.ev].region)), assigns.map((x) => x.assigned.toISOString()), assigns.map((x) => x.declared?.toISOString() ?? null),
      assigns.map((x) => x.submitted?.toISOString() ?? null), assigns.map((x) => ({ assigned: 1, declared: 2, submitted: 3 } as Record<string, number>)[x.status])]);

  // 庆阳市's list of the month of the last conclusion, published a few days later
  const listed = rows.map((r, k) => ({ r, id: Number(evRows[k].id) })).filter(({ r }) => r.status === 'concluded' && r.region.startsWith('6210'))
    .sort((p, q) => (q.r.score ?? 0) - (p.r.score ?? 0));
  if (!listed.length) return { evaluations: rows.length, batches: 0 };
  const last = todayInChina(new Date(Math.max(...listed.map(({ r }) => r.concludedAt!.getTime()))));
  const published = new Date(Math.min(atDay(addDays(last, 6), '10:00').getTime(), now.getTime() - DAY));
  const { rows: [batch] } = await tx.query(
    `INSERT INTO good_batch (region_code, title, period, period_of, intro, status, published_at, created_by, created_at, updated_at, version)
     VALUES ('621000', $1, 'monthly', $2, $3, 'published', $4, $5, $6, $4, 2) RETURNING id`,
    [`${last.slice(0, 4)}年${Number(last.slice(5, 7))}月庆阳市好成果榜单`, last.slice(0, 7),
      '经第三方分类评价，遴选出一批技术先进、应用前景好的科技成果，涵盖页岩油绿色开发、数据中心节能、中药材规范化种植和旱作果业，欢迎企业对接转化。',
      published.toISOString(), staff, atDay(addDays(last, 2), '15:00').toISOString()]);
  await tx.query(`INSERT INTO good_batch_item (batch_id, evaluation_id, seq, note) SELECT $1, * FROM unnest($2::bigint[], $3::smallint[], $4::text[])`,
    [batch.id, listed.map((l) => l.id), listed.map((_, k) => k + 1), listed.map(({ r }) => `评价结论：${({ international_advanced: '国际先进', domestic_leading: '国内领先', domestic_advanced: '国内先进', other: '其他' } as Record<string, string>)[r.level!]}，综合得分 ${r.score}`)]);
  return { evaluations: rows.length, batches: 1 };
}

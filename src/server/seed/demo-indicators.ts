/**
 * Demo indicators for the demo regions, consistent with the demo enterprises: statistics-bureau
 * figures (GDP, value added, growth rates, technology contract turnover) for the last two years
 * and the current year to date, targets for last year and this year derived from what the
 * registries give (some counties ahead, some behind), 庆阳市's "1251" key tasks with milestones and
 * progress reports, a few tasks elsewhere, and the three lists. Deterministic.
 */
import type { Queryable } from '../db/database';
import { todayInChina } from '../../domain/dates';
import { periodEndDate, type Period } from '../../domain/indicators/rules';
import { asOfFor, loadCatalogue, rawValues } from '../modules/indicators/compute';

/** How each county does against its plan: > 1 ahead, < 1 behind. */
const PERFORMANCE: Record<string, number> = {
  621002: 1.12, 621021: 1.03, 621022: 0.82, 621023: 0.94, 621024: 1.06, 621025: 0.76, 621026: 0.98, 621027: 0.89,
  620702: 1.1, 620721: 0.85, 620722: 1.0, 620723: 1.04, 620724: 0.91, 620725: 0.8,
};
/** Enterprise R&D ÷ GDP the counties' GDP is set to (%), so 研发投入强度 looks like a county's. */
const INTENSITY: Record<string, number> = {
  621002: 2.1, 621021: 1.4, 621022: 0.9, 621023: 1.1, 621024: 1.3, 621025: 0.8, 621026: 1.2, 621027: 1.0,
  620702: 1.9, 620721: 0.9, 620722: 1.3, 620723: 1.5, 620724: 1.2, 620725: 1.0,
};
const CITIES = ['621000', '620700'];
const PROVINCE = '620000';

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const jitter = (key: string, spread: number) => 1 + (((hash(key) % 1000) / 1000) - 0.5) * 2 * spread;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export async function seedDemoIndicators(tx: Queryable, today = todayInChina()): Promise<{ values: number; targets: number; tasks: number; items: number }> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const { rows: regionRows } = await tx.query(`SELECT code FROM region WHERE code = ANY($1::text[])`, [Object.keys(PERFORMANCE)]);
  const counties = regionRows.map((r) => r.code as string).sort();
  if (!counties.length) return { values: 0, targets: 0, tasks: 0, items: 0 };
  const catalogue = await loadCatalogue(tx);

  // enterprise R&D per county and year, from the registry
  const { rows: rdRows } = await tx.query(
    `SELECT o.region_code, s.year, sum(s.rd_expense)::float8 AS rd FROM enterprise_stat s JOIN organization o ON o.id = s.org_id
      WHERE s.status = 'confirmed' AND o.region_code = ANY($1::text[]) GROUP BY 1, 2`, [counties]);
  const rd = new Map(rdRows.map((r) => [`${r.region_code}|${r.year}`, r.rd as number]));

  const values: [string, string, number, Period, number, string][] = [];
  const add = (region: string, code: string, y: number, p: Period, v: number) => values.push([region, code, y, p, v, 'imported']);
  const lastQuarter = Math.floor((month - 1) / 3); // quarters fully over
  for (const c of counties) {
    const perf = PERFORMANCE[c];
    // GDP of the last known R&D year sets the scale; earlier and later years grow about 5 %
    const knownYear = [year - 1, year - 2, year - 3].find((y) => rd.has(`${c}|${y}`));
    const gdpBase = knownYear ? rd.get(`${c}|${knownYear}`)! / 1e8 / (INTENSITY[c] / 100) : 60;
    const gdpOf = (y: number) => gdpBase * 1.05 ** (y - (knownYear ?? year - 1)) * jitter(`${c}${y}gdp`, 0.01);
    for (const y of [year - 3, year - 2, year - 1]) {
      const gdp = gdpOf(y);
      add(c, 'gdp', y, 'Y', r2(gdp));
      add(c, 'hightech_manufacturing_value_added', y, 'Y', r2(gdp * 0.08 * jitter(`${c}${y}ht`, 0.3)));
      add(c, 'strategic_emerging_value_added', y, 'Y', r2(gdp * 0.12 * jitter(`${c}${y}se`, 0.3)));
      add(c, 'hightech_manufacturing_growth', y, 'Y', r1(7.5 * perf * jitter(`${c}${y}htg`, 0.15)));
      add(c, 'strategic_emerging_growth', y, 'Y', r1(9.4 * perf * jitter(`${c}${y}seg`, 0.15)));
      add(c, 'tech_contract_turnover', y, 'Y', r1(gdp * 60 * perf * jitter(`${c}${y}tc`, 0.25)));
    }
    // the current year to date: quarters for the bureau's figures, months for contract turnover
    const gdp = gdpOf(year);
    for (let q = 1; q <= lastQuarter; q++) {
      const share = (q * 3) / 12;
      add(c, 'gdp', year, `Q${q}` as Period, r2(gdp * share));
      add(c, 'hightech_manufacturing_value_added', year, `Q${q}` as Period, r2(gdp * 0.08 * share * jitter(`${c}${year}ht`, 0.3)));
      add(c, 'strategic_emerging_value_added', year, `Q${q}` as Period, r2(gdp * 0.12 * share * jitter(`${c}${year}se`, 0.3)));
      add(c, 'hightech_manufacturing_growth', year, `Q${q}` as Period, r1(7.5 * perf * jitter(`${c}${year}${q}htg`, 0.12)));
      add(c, 'strategic_emerging_growth', year, `Q${q}` as Period, r1(9.4 * perf * jitter(`${c}${year}${q}seg`, 0.12)));
    }
    for (let m = 1; m < month; m++) {
      add(c, 'tech_contract_turnover', year, `M${String(m).padStart(2, '0')}` as Period, r1(gdp * 60 * perf * (m / 12) * jitter(`${c}${year}tc`, 0.1)));
    }
  }
  const col = (j: number) => values.map((v) => v[j]);
  await tx.query(
    `INSERT INTO indicator_value (region_code, indicator_code, year, period, value, source, note)
     SELECT r, c, y, p, v, s, '统计部门数据（演示）' FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::numeric[], $6::text[]) AS t(r, c, y, p, v, s)
     ON CONFLICT DO NOTHING`, [col(0), col(1), col(2), col(3), col(4), col(5)]);

  // targets: what the registries and figures give, divided by how well the region does
  const TARGETED = ['high_tech_enterprises', 'tech_smes', 'provincial_innovative_enterprises', 'enterprise_rd_expense', 'rd_intensity', 'four_has_coverage',
    'rd_activity_share', 'tech_contract_turnover', 'hightech_manufacturing_growth', 'strategic_emerging_growth'];
  const defs = new Map(catalogue.map((d) => [d.code, d]));
  const targets: [string, string, number, number][] = [];
  const regions = [...counties, ...CITIES, PROVINCE];
  for (const y of [year - 1, year]) {
    const asOf = asOfFor(y, null, today);
    const raw = await rawValues(tx, regions, asOf, catalogue);
    const lastYear = await rawValues(tx, regions, asOfFor(y - 1, null, today), catalogue);
    for (const region of regions) {
      const perf = PERFORMANCE[region] ?? (region === '621000' ? 0.97 : region === '620700' ? 1.02 : 0.99);
      for (const code of TARGETED) {
        const def = defs.get(code)!;
        let actual = raw.get(region)?.get(code)?.value ?? null;
        if (actual === null) {
          // this year's annual statistics are not in yet: plan on last year's figure
          const last = lastYear.get(region)?.get(code)?.value ?? null;
          if (last === null) continue;
          actual = last * (def.unitZh === '%' ? 1.04 : 1.1);
          targets.push([region, code, y, r2(def.unitZh === '%' && code !== 'rd_intensity' ? Math.min(100, actual) : actual)]);
          continue;
        }
        const entered = raw.get(region)!.get(code)!;
        const elapsed = def.cumulative && entered.period ? Number(periodEndDate(y, entered.period).slice(5, 7)) / 12 : def.cumulative && !entered.annual ? asOf.elapsed : 1;
        const p = perf * jitter(`${region}${code}${y}`, 0.06);
        const target = (actual / Math.max(elapsed, 0.05)) / p;
        const capped = def.unitZh === '%' && code !== 'rd_intensity' && !code.endsWith('_growth') ? Math.min(100, target) : target;
        targets.push([region, code, y, def.decimals === 0 ? Math.max(1, Math.round(capped)) : r2(capped)]);
      }
    }
  }
  await tx.query(
    `INSERT INTO indicator_target (region_code, indicator_code, year, target, note)
     SELECT r, c, y, t, '年度目标责任书（演示）' FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[]) AS x(r, c, y, t) ON CONFLICT DO NOTHING`,
    [targets.map((t) => t[0]), targets.map((t) => t[1]), targets.map((t) => t[2]), targets.map((t) => t[3])]);

  const tasks = await seedTasks(tx, year, today);
  const items = await seedLists(tx, year, today);
  return { values: values.length, targets: targets.length, tasks, items };
}

interface DemoTask { region: string; plan: string | null; title: string; lead: string; owner: string; due: string; milestones: [string, string][]; description: string }

async function seedTasks(tx: Queryable, year: number, today: string): Promise<number> {
  const d = (md: string) => `${year}-${md}`;
  const tasks: DemoTask[] = [
    { region: '621000', plan: '1251', title: '着力做强高能级创新平臺', lead: '平台建设科', owner: '张立新', due: d('12-31'), description: '推进陇东能源化工创新平台建设，提升原创技术策源能力和科技服务能力，优化提升产业重大创新平台。',
      milestones: [['完成平台建设方案论证', '03-31'], ['新增省级以上创新平台 3 家', '06-30'], ['平台绩效评价', '09-30'], ['年度总结与验收', '12-20']] },
    { region: '621000', plan: '1251', title: '着力培育高水平创新主体', lead: '高新技术发展科', owner: '李明', due: d('12-31'), description: '深化推进规上工业企业研发活动全覆盖，强化创新型企业量质齐升：高企、科小“双倍增”。',
      milestones: [['科小入库第一批评价', '04-30'], ['规上工业企业“四有”摸底', '05-31'], ['高企申报辅导完成', '07-15'], ['高企认定结果公示', '11-30']] },
    { region: '621000', plan: '1251', title: '着力打好核心技术攻坚战', lead: '重大项目科', owner: '王海燕', due: d('12-31'), description: '优化项目生成方式，拓展科技投入渠道，突出重大项目引领。',
      milestones: [['重点研发计划项目指南发布', '03-15'], ['项目立项评审', '06-15'], ['项目中期检查', '10-31']] },
    { region: '621000', plan: '1251', title: '着力厚植高品质创新生态', lead: '成果转化科', owner: '赵丽', due: d('12-31'), description: '搭建创新载体，提升科技服务综合体运行能效，技术合同登记服务下沉到县。',
      milestones: [['技术经理人培训', '04-20'], ['技术合同登记县级服务站全覆盖', '08-31'], ['科技成果对接会', '10-15']] },
    { region: '621000', plan: '1251', title: '着力推进体制机制改革', lead: '政策法规科', owner: '陈刚', due: d('12-31'), description: '深化科技管理体制改革，强化区域协同创新，建立科技信息系统，完善科技成果赋权改革。',
      milestones: [['科技信息系统上线', '06-30'], ['成果赋权改革试点单位确定', '07-31'], ['改革评估报告', '12-15']] },
    { region: '621002', plan: null, title: '西峰区规上工业企业研发机构建设', lead: '西峰区科技局', owner: '孙丽', due: d('11-30'), description: '新建企业研发机构 10 家。',
      milestones: [['摸底建档', '03-31'], ['建成 5 家', '07-31'], ['建成 10 家', '11-15']] },
    { region: '621022', plan: null, title: '环县草畜产业科技示范基地', lead: '环县科技局', owner: '马强', due: d('10-31'), description: '建设肉羊良种繁育科技示范基地。',
      milestones: [['选址与方案', '04-15'], ['基地建设', '08-31'], ['示范推广', '10-15']] },
    { region: '620700', plan: null, title: '张掖市玉米制种技术攻关', lead: '农村科技科', owner: '赵强', due: d('12-31'), description: '组织种业企业联合攻关。',
      milestones: [['攻关任务榜单发布', '04-30'], ['中期考核', '09-30']] },
  ];
  for (const [i, t] of tasks.entries()) {
    const { rows: [row] } = await tx.query(
      `INSERT INTO key_task (region_code, year, plan, title, description, lead_department, owner, due_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [t.region, year, t.plan, t.title.replace('平臺', '平台'), t.description, t.lead, t.owner, t.due]);
    let done = 0;
    for (const [j, [title, md]] of t.milestones.entries()) {
      const due = d(md);
      // most past milestones are done; every third task leaves one late
      const late = due < today && (i % 3 === 1 ? j === t.milestones.length - 1 || j === 1 : false);
      const doneOn = due < today && !late ? due : null;
      if (doneOn) done++;
      await tx.query('INSERT INTO task_milestone (task_id, title, owner, due_on, done_on) VALUES ($1, $2, $3, $4, $5)', [row.id, title, t.owner, due, doneOn]);
    }
    const progress = Math.min(95, Math.round((done / t.milestones.length) * 100));
    if (progress > 0) {
      await tx.query(`INSERT INTO task_report (task_id, reported_on, text, progress, reporter) VALUES ($1, $2, $3, $4, $5)`,
        [row.id, today, `已完成 ${done} 个节点，${t.milestones.length - done > 0 ? '其余节点按计划推进。' : '全部节点已完成。'}`, progress, t.owner]);
      await tx.query('UPDATE key_task SET progress = $2 WHERE id = $1', [row.id, progress]);
    }
  }
  return tasks.length;
}

async function seedLists(tx: Queryable, year: number, today: string): Promise<number> {
  const d = (md: string) => `${year}-${md}`;
  const items: [string, string, string, string | null, string | null, string, string | null, string | null][] = [
    // region, list, title, level, measure, owner, deadline, detail
    ['621000', 'risk', '部分高新技术企业证书年内到期，存在减少风险', 'high', '建立到期企业台账，提前 6 个月辅导重新认定', '李明', null, null],
    ['621000', 'risk', '技术合同登记额集中于少数企业，波动大', 'medium', '扩大技术合同登记服务覆盖面，县级服务站全覆盖', '赵丽', null, null],
    ['621000', 'risk', '科研项目经费使用不规范风险', 'low', '开展项目经费专项检查', '陈刚', null, null],
    ['621000', 'problem', '环县、正宁县规上工业企业研发活动覆盖率偏低', null, '逐企业上门服务，帮助建立研发机构和研发台账', '高新技术发展科', d('09-30'), null],
    ['621000', 'problem', '科技型中小企业评价入库进度滞后于时序', null, '分县通报、每周调度', '高新技术发展科', d('12-15'), null],
    ['621000', 'problem', '部分县技术合同登记未按月报送', null, '纳入月度考核', '成果转化科', d('06-30'), null],
    ['621000', 'responsibility', '研发投入强度目标：局长总负责，分管副局长牵头，各县区科技局具体落实', null, null, '局长 周建华', null, '研发投入强度 / 企业研发费用'],
    ['621000', 'responsibility', '高企、科小“双倍增”目标：高新技术发展科', null, null, '科长 李明', null, '高新技术企业数 / 科技型中小企业数'],
    ['621000', 'responsibility', '技术合同成交额目标：成果转化科', null, null, '科长 赵丽', null, '技术合同成交额'],
    ['621002', 'problem', '西峰区企业研发费用加计扣除政策知晓率低', null, '开展政策宣讲进园区', '孙丽', d('05-31'), null],
    ['620700', 'risk', '种业企业研发投入下降', 'medium', '争取省级重大专项支持', '赵强', null, null],
  ];
  let n = 0;
  for (const [region, list, title, level, measure, owner, deadline, detail] of items) {
    const closed = list === 'problem' && deadline !== null && deadline < today && title.includes('按月报送');
    await tx.query(
      `INSERT INTO supervision_item (region_code, year, list, title, detail, level, measure, owner, deadline, status, close_reason, closed_at, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [region, year, list, title, detail, level, measure, owner, deadline, closed ? 'closed' : list === 'problem' ? 'in_progress' : 'open',
        closed ? '各县区已连续 3 个月按时报送，问题整改到位' : null, closed ? new Date() : null, closed ? '各县区月度报送记录（附件）' : null]);
    n++;
  }
  return n;
}

/**
 * Demo 科技特派员 of 庆阳市 (M8): 40 commissioners from the universities, institutes and extension
 * centres that really send them (陇东学院, 甘肃农业大学, the county 农技中心), two 科技特派团 and one
 * 法人科技特派员, dispatched to the real villages of the eight counties for this year, with a year
 * of service logs in the region's industries (肉羊, 饲草, 黄花菜, 中药材, 苹果, 小杂粮, 设施蔬菜).
 * 环县 is nearly covered (a few villages wait), 庆城县 mostly, the others less; a dispatch ended
 * in June left its villages uncovered; a few commissioners lag behind 双过半; last year's ratings are
 * decided (one 不合格, not dispatched again). tepai1 is 马强 of 环县 with a proposed second dispatch
 * to confirm; 岐黄中药材 (qy_ent2) has a dispatch to confirm too.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../db/database';
import { rateYear, type Rating, type ServiceType } from '../../domain/commissioners';
import { todayInChina } from '../../domain/dates';

/** county → [share of villages covered this year, commissioners based there] */
const COUNTIES: Record<string, [number, number]> = {
  621022: [0.92, 10], 621021: [0.8, 7], 621002: [0.6, 4], 621023: [0.5, 4], 621024: [0.4, 3], 621025: [0.3, 3], 621026: [0.3, 4], 621027: [0.4, 5],
};

const NAMES = ['马强', '王立新', '李春梅', '张海军', '刘玉兰', '陈志刚', '杨建华', '赵文斌', '黄晓燕', '周立平', '吴国庆', '徐红霞', '孙继业', '胡志勇',
  '朱丽娟', '高建军', '林小红', '何宏伟', '郭秀英', '罗文军', '梁晓东', '宋玉珍', '郑国栋', '谢春生', '韩晓梅', '唐志远', '冯丽萍', '于海涛', '董建国',
  '萧红梅', '程立军', '曹玉霞', '袁德胜', '邓文华', '许晓明', '傅春林', '沈秀兰', '曾国华', '彭丽娜', '吕新民'];

interface Employer { name: string; kind: 'university' | 'institute' | 'public_institution' | 'enterprise'; title: string }
const EMPLOYERS: Employer[] = [
  { name: '陇东学院', kind: 'university', title: '副教授' },
  { name: '甘肃农业大学', kind: 'university', title: '教授' },
  { name: '庆阳市农业科学研究院', kind: 'institute', title: '高级农艺师' },
  { name: '庆阳市畜牧兽医研究所', kind: 'institute', title: '高级畜牧师' },
  { name: '县农业技术推广中心', kind: 'public_institution', title: '农艺师' },
  { name: '甘肃省农业科学院', kind: 'institute', title: '研究员' },
];

interface Field { fields: string[]; technologies: string[]; varieties: string[]; contents: string[] }
const FIELDS: Record<string, Field> = {
  sheep: { fields: ['肉羊养殖', '饲草种植'], technologies: ['湖羊舍饲养殖技术', '羔羊早期断奶', '全混合日粮（TMR）调制', '青贮玉米裹包青贮'], varieties: ['湖羊', '环县滩羊', '甘草型紫花苜蓿'],
    contents: ['入户指导羊舍通风与消毒，讲解春季防疫程序', '现场示范全混合日粮配制，解答饲喂成本问题', '为养殖合作社培训羔羊早期断奶技术', '指导青贮玉米适时收割与裹包青贮'] },
  daylily: { fields: ['黄花菜种植'], technologies: ['黄花菜绿色防控', '黄花菜烘干加工', '水肥一体化'], varieties: ['庆阳大乌嘴黄花菜', '马莲黄花'],
    contents: ['田间指导黄花菜锈病、叶枯病绿色防控', '培训农户黄花菜采摘与杀青烘干工艺', '指导新建黄花菜基地水肥一体化设施'] },
  herbs: { fields: ['中药材种植'], technologies: ['黄芪育苗移栽', '柴胡林下种植', '中药材规范化种植（GAP）'], varieties: ['蒙古黄芪', '北柴胡', '甘草'],
    contents: ['指导合作社黄芪育苗移栽与密度控制', '讲解中药材 GAP 规范与农残控制', '现场诊断柴胡根腐病并开具防治处方'] },
  apple: { fields: ['苹果栽培'], technologies: ['矮砧密植', '果园生草', '套袋与摘袋管理', '冬季修剪'], varieties: ['富士', '瑞阳', '瑞雪'],
    contents: ['果园现场示范矮砧密植树形冬季修剪', '指导果园生草与有机肥替代化肥', '培训果农花期防冻与疏花疏果'] },
  grain: { fields: ['小杂粮', '玉米'], technologies: ['全膜双垄沟播', '玉米密植高产', '谷子精量播种'], varieties: ['陇谷 11 号', '先玉 335', '庆荞 1 号'],
    contents: ['指导全膜双垄沟播覆膜质量', '玉米密植高产技术田间观摩', '讲解小杂粮绿色高效栽培与订单销售'] },
  vegetable: { fields: ['设施蔬菜'], technologies: ['日光温室越冬茬栽培', '蜜蜂授粉', '病虫害物理防治'], varieties: ['番茄 金鹏', '辣椒 陇椒 10 号'],
    contents: ['指导日光温室越冬茬番茄定植与温湿度管理', '讲解设施蔬菜黄板诱杀与防虫网使用', '培训返乡青年温室蔬菜电商销售'] },
};
const COUNTY_FIELDS: Record<string, string[]> = {
  621022: ['sheep', 'sheep', 'grain', 'herbs'], 621021: ['daylily', 'herbs', 'apple'], 621002: ['vegetable', 'apple'], 621023: ['sheep', 'herbs'],
  621024: ['herbs', 'grain'], 621025: ['apple'], 621026: ['apple', 'grain'], 621027: ['grain', 'herbs'],
};
const SERVICE_TYPES: ServiceType[] = ['promotion', 'training', 'consultation', 'demonstration', 'promotion', 'training', 'entrepreneurship'];

/** Deterministic pseudo-random numbers (the demo is the same on every machine). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}
const pick = <T>(r: () => number, list: T[]) => list[Math.floor(r() * list.length)];

export async function seedDemoCommissioners(tx: Queryable): Promise<void> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const r = random(2026);
  const { rows: users } = await tx.query(`SELECT id, username FROM app_user WHERE username IN ('qingyang', 'tepai1', 'qy_ent2')`);
  const user = (name: string) => Number(users.find((u) => u.username === name)!.id);
  const staff = user('qingyang');
  const { rows: orgs } = await tx.query(`SELECT o.id, o.name FROM organization o WHERE o.name IN ('陇东学院', '庆城县岐黄中药材科技有限公司')`);
  const orgId = (name: string) => Number(orgs.find((o) => o.name === name)?.id ?? 0) || null;
  const { rows: villageRows } = await tx.query(`SELECT code, county_code FROM locality WHERE level = 5 AND county_code LIKE '6210%' ORDER BY code`);
  if (!villageRows.length) return;
  // the region's own minimum: 庆阳 asks for 30 days or 15 visits
  await tx.query(`INSERT INTO commissioner_rule (region_code, min_days, min_visits) VALUES ('621000', 30, 15) ON CONFLICT DO NOTHING`);

  const insertCommissioner = async (c: { kind: string; name: string; orgId?: number | null; orgName: string; employerKind: string; title: string;
    fields: string[]; region: string; leaderId?: number | null; userId?: number | null; phone: string }) => {
    const { rows: [row] } = await tx.query(
      `INSERT INTO commissioner (kind, name, org_id, org_name, employer_kind, title, phone, fields, region_code, leader_id, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [c.kind, c.name, c.orgId ?? null, c.orgName, c.employerKind, c.title, c.phone, c.fields, c.region, c.leaderId ?? null, c.userId ?? null]);
    return Number(row.id);
  };

  // 40 individuals, by county; the first of 环县 is 马强 (tepai1). (Object.entries lists numeric keys in ascending order.)
  const people: { id: number; county: string; field: string; lagging: boolean }[] = [];
  const others = NAMES.filter((name) => name !== '马强');
  let n = 0;
  for (const [county, [, count]] of Object.entries(COUNTIES)) {
    for (let i = 0; i < count; i++, n++) {
      const maQiang = county === '621022' && i === 0;
      const field = COUNTY_FIELDS[county][i % COUNTY_FIELDS[county].length];
      const employer = maQiang ? { name: '环县农业技术推广中心', kind: 'public_institution' as const, title: '高级畜牧师' } : EMPLOYERS[n % EMPLOYERS.length];
      const orgName = employer.name === '县农业技术推广中心' ? `${{ 621022: '环县', 621021: '庆城县', 621002: '西峰区', 621023: '华池县', 621024: '合水县', 621025: '正宁县', 621026: '宁县', 621027: '镇原县' }[county]}农业技术推广中心` : employer.name;
      const id = await insertCommissioner({ kind: 'individual', name: maQiang ? '马强' : others.shift()!, orgId: orgName === '陇东学院' ? orgId('陇东学院') : null, orgName,
        employerKind: employer.kind, title: employer.title, fields: FIELDS[field].fields, region: county, userId: maQiang ? user('tepai1') : null,
        phone: `139${String(30_000_000 + n * 7919).padStart(8, '0')}` });
      // every ninth lags behind 双过半 (few logs this year); 马强 never
      people.push({ id, county, field, lagging: !maQiang && n % 9 === 4 });
    }
  }
  const ofCounty = (county: string) => people.filter((p) => p.county === county);
  // two 科技特派团 and a 法人科技特派员
  const sheepTeam = await insertCommissioner({ kind: 'team', name: '环县肉羊产业科技特派团', orgName: '甘肃农业大学', employerKind: 'university', title: '',
    fields: FIELDS.sheep.fields, region: '621022', leaderId: ofCounty('621022')[1].id, phone: '13930099001' });
  const daylilyTeam = await insertCommissioner({ kind: 'team', name: '庆城县黄花菜产业科技特派团', orgName: '庆阳市农业科学研究院', employerKind: 'institute', title: '',
    fields: FIELDS.daylily.fields, region: '621021', leaderId: ofCounty('621021')[0].id, phone: '13930099002' });
  await tx.query('INSERT INTO commissioner_team_member (team_id, member_id) SELECT $1, unnest($2::bigint[])', [sheepTeam, ofCounty('621022').slice(1, 8).map((p) => p.id)]);
  await tx.query('INSERT INTO commissioner_team_member (team_id, member_id) SELECT $1, unnest($2::bigint[])', [daylilyTeam, ofCounty('621021').slice(0, 5).map((p) => p.id)]);
  const legal = await insertCommissioner({ kind: 'legal', name: '陇东学院（法人科技特派员）', orgId: orgId('陇东学院'), orgName: '陇东学院', employerKind: 'university', title: '',
    fields: ['农产品加工', '电子商务'], region: '621000', phone: '13930099003' });

  const dispatches: { id: number; commissioner: number; villages: string[]; field: string; from: string; to: string; lagging: boolean }[] = [];
  const addDispatch = async (commissioner: number, villages: string[], orgIds: number[], from: string, to: string, o: { status?: string; endedOn?: string; reason?: string; confirmedOrgs?: boolean } = {}) => {
    const status = o.status ?? 'active';
    const confirmed = status !== 'proposed';
    const { rows: [d] } = await tx.query(
      `INSERT INTO dispatch (commissioner_id, region_code, starts_on, ends_on, ended_on, end_reason, status, agreement_no, tasks, commissioner_confirmed_at, commissioner_confirmed_by, created_by, created_at)
       SELECT $1, c.region_code, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN $2::date + time '09:00' END, CASE WHEN $9 THEN c.user_id END, $10, $2::date - 10
         FROM commissioner c WHERE c.id = $1 RETURNING id`,
      [commissioner, from, to, o.endedOn ?? null, o.reason ?? null, status, `庆科特派〔${from.slice(0, 4)}〕${String(dispatches.length + 1).padStart(3, '0')}号`,
        '围绕主导产业开展技术服务，每月入村不少于 2 次', confirmed, staff]);
    const id = Number(d.id);
    await tx.query(`INSERT INTO dispatch_target (dispatch_id, village_code, confirmed_at, confirmed_by) SELECT $1, unnest($2::text[]), $3::date, $4`, [id, villages, from, staff]);
    await tx.query(`INSERT INTO dispatch_target (dispatch_id, org_id, confirmed_at) SELECT $1, unnest($2::bigint[]), CASE WHEN $3 THEN $4::date END`, [id, orgIds, o.confirmedOrgs ?? confirmed, from]);
    return id;
  };

  // this year's dispatches: each county's covered villages, split among its commissioners (and a team)
  for (const [county, [share]] of Object.entries(COUNTIES)) {
    const all = villageRows.filter((v) => v.county_code === county).map((v) => v.code as string);
    // spread the uncovered ones across the county (every k-th village waits)
    const covered = all.filter((_, i) => Math.floor((i + 1) * share) !== Math.floor(i * share));
    const mine = ofCounty(county);
    const team = county === '621022' ? sheepTeam : county === '621021' ? daylilyTeam : null;
    const holders = team ? [...mine.map((p) => p.id), team] : mine.map((p) => p.id);
    const per = Math.ceil(covered.length / holders.length);
    for (const [k, holder] of holders.entries()) {
      const villages = covered.slice(k * per, (k + 1) * per);
      if (!villages.length) continue;
      const p = mine.find((x) => x.id === holder);
      const id = await addDispatch(holder, villages, [], `${year}-01-01`, `${year}-12-31`);
      dispatches.push({ id, commissioner: holder, villages, field: p?.field ?? (county === '621022' ? 'sheep' : 'daylily'), from: `${year}-01-01`, to: today, lagging: p?.lagging ?? false });
    }
  }
  // a dispatch ended in June (its commissioner moved): its villages are uncovered now
  const moved = ofCounty('621027')[0];
  const movedVillages = villageRows.filter((v) => v.county_code === '621027').map((v) => v.code as string)
    .filter((code) => !dispatches.some((d) => d.villages.includes(code))).slice(-6);
  const endedId = await addDispatch(moved.id, movedVillages, [], `${year}-01-01`, `${year}-12-31`, { status: 'ended', endedOn: `${year}-06-30`, reason: '工作调动' });
  dispatches.push({ id: endedId, commissioner: moved.id, villages: movedVillages, field: moved.field, from: `${year}-01-01`, to: `${year}-06-30`, lagging: false });
  // 法人科技特派员 serves 岐黄中药材 (its confirmation is awaited) — a to-do for qy_ent2
  const qiHuang = orgId('庆城县岐黄中药材科技有限公司');
  if (qiHuang) await addDispatch(legal, [], [qiHuang], `${year}-12-01`, `${year + 1}-11-30`, { status: 'proposed', confirmedOrgs: false });
  // 马强's second dispatch, proposed for next month: his to-do
  const spare = villageRows.filter((v) => v.county_code === '621022').map((v) => v.code as string)
    .filter((code) => !dispatches.some((d) => d.villages.includes(code))).slice(0, 3);
  if (spare.length) await addDispatch(ofCounty('621022')[0].id, spare, [], `${year}-12-01`, `${year + 1}-12-31`, { status: 'proposed' });

  // a year of service logs: 2–4 visits a month (a lagging commissioner rarely), confirmed but the last two weeks'
  const logs: unknown[][] = [];
  const twoWeeksAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  for (const d of dispatches) {
    const { rows: [owner] } = await tx.query('SELECT coalesce(c.user_id, l.user_id) AS user_id FROM commissioner c LEFT JOIN commissioner l ON l.id = c.leader_id WHERE c.id = $1', [d.commissioner]);
    const author = owner.user_id != null ? Number(owner.user_id) : staff;
    const f = FIELDS[d.field];
    for (let month = 1; month <= 12; month++) {
      const visits = d.lagging ? (r() < 0.25 ? 1 : 0) : 2 + Math.floor(r() * 3);
      for (let v = 0; v < visits; v++) {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
        if (date < d.from || date > d.to || date > today) continue;
        const confirmed = date <= twoWeeksAgo;
        const type = pick(r, SERVICE_TYPES);
        logs.push([crypto.randomUUID(), d.id, d.commissioner, author, date, pick(r, d.villages), r() < 0.25 ? 1.5 : 1, type, pick(r, f.contents),
          pick(r, f.technologies), pick(r, f.varieties), Math.floor(r() * 4), type === 'training' ? 20 + Math.floor(r() * 60) : Math.floor(r() * 8),
          type === 'entrepreneurship' && r() < 0.3 ? 1 : 0, Math.floor(r() * 3), Math.floor(r() * 3), Math.floor(r() * 6) * 1000,
          confirmed ? 'confirmed' : 'submitted', confirmed ? `${date} 18:00` : null, confirmed ? staff : null, confirmed ? (r() < 0.7 ? 5 : 4) : null]);
      }
    }
  }
  const columns = ['client_id', 'dispatch_id', 'commissioner_id', 'author_id', 'served_on', 'village_code', 'days', 'service_type', 'content', 'technologies', 'varieties',
    'problems_solved', 'trained', 'orgs_founded', 'orgs_served', 'jobs_created', 'income_raised', 'status', 'confirmed_at', 'confirmed_by', 'feedback_score'];
  const types = ['uuid', 'bigint', 'bigint', 'bigint', 'date', 'text', 'numeric', 'text', 'text', 'text', 'text', 'int', 'int', 'int', 'int', 'int', 'bigint', 'text', 'timestamptz', 'bigint', 'smallint'];
  for (let i = 0; i < logs.length; i += 2000) {
    const chunk = logs.slice(i, i + 2000);
    await tx.query(`INSERT INTO service_log (${columns.join(', ')}) SELECT * FROM unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})`,
      columns.map((_, k) => chunk.map((row) => row[k])));
  }

  // last year's ratings, decided: mostly 良好 / 合格, a few 优秀; one 不合格 (not dispatched this year)
  const failed = await insertCommissioner({ kind: 'individual', name: '任海龙', orgName: '庆阳市农业科学研究院', employerKind: 'institute', title: '农艺师',
    fields: ['小杂粮'], region: '621027', phone: '13930099004' });
  for (const [k, p] of [...people.map((x) => x.id), failed].entries()) {
    const days = p === failed ? 11 : 30 + Math.floor(r() * 16);
    const visits = p === failed ? 6 : 12 + Math.floor(r() * 6);
    const feedbackAvg = p === failed ? 3.5 : Math.round((3.5 + r() * 1.4) * 10) / 10;
    const rated = rateYear({ days, visits, feedbackAvg }, { minDays: 30, minVisits: 15 });
    const rating: Rating = rated.rating;
    await tx.query(
      `INSERT INTO commissioner_rating (commissioner_id, year, days, visits, feedback_avg, score, computed, rating, note, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, '', $8, $9)`, [p, year - 1, days, visits, feedbackAvg, rated.score, rating, staff, `${year}-01-${String(10 + (k % 10)).padStart(2, '0')} 10:00`]);
  }
}

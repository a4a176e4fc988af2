/**
 * Demo projects (M5), so that every page of 项目管理 tells a story on first start:
 * - 专家库: 30 experts of 甘肃 (most of 庆阳, some of the provincial pool in 兰州) across the eight
 *   高新技术领域 and 现代农业, a few declared relations, one suspended; the demo account expert1 is
 *   周文华, 教授 of 陇东学院;
 * - 庆阳市's two programmes (重点研发计划, 乡村振兴科技项目) and the province's 科技重大专项;
 * - next year's 重点研发 call, open now, with applications in every early state (draft, awaiting the
 *   county's recommendation, recommended, returned, formal check passed, under review) and reviews
 *   under way — expert1 has one to open, one half scored and one submitted;
 * - this year's 乡村振兴 call, closed months ago: reviewed by five experts each, ranked, the best
 *   approved within the budget, on public notice, contracted with 任务书 targets, paid in tranches,
 *   one accepted; the rest not approved, one failed at formal check;
 * - the three-level reserve (项目储备库), two items taken up by applications.
 * Rows are written directly, as the API would have left them: statuses along workflow.ts with a
 * timeline row per transition, review totals = weightedTotal, pledges for declared reviews, no
 * assignment that breaks a 回避 rule (judged by breachedRule on the registry's facts, as a draw
 * does), approvals within the budget, tranches within the approval. Deterministic; every time is
 * relative to today, so the open call stays open on a first start.
 */
import { todayInChina } from '../../domain/dates';
import { breachedRule, DEFAULT_AVOIDANCE, type AvoidanceRule } from '../../domain/review/avoidance';
import { seededRandom } from '../../domain/review/draw';
import { rank, weightedTotal, type Criterion } from '../../domain/review/ranking';
import type { Queryable } from '../db/database';
import type { Role } from '../http/actor';
import { workingDeadline } from '../modules/calendar/service';
import { hashIdNumber } from '../modules/experts/service';
import { DEFAULT_PLEDGE } from '../modules/projects/calls';
import { APPLICATION_WORKFLOW, type ApplicationAction, type ApplicationStatus } from '../modules/projects/workflow';
import { DRAW_RANKS } from '../modules/reviews/assignment';
import { expertFacts, reviewItems, type PoolExpert } from '../modules/reviews/facts';
import { transition } from '../workflow';

const CITY = '621000';
const DAY = 86_400_000;
const WAN = 10_000;

// ---------------------------------------------------------------------------------------------
// time: China's calendar day and clock

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const atDay = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const weekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
/** The day itself or the Friday before it: the bureau acts on weekdays. */
const weekdayOnOrBefore = (day: string) => { while (weekend(day)) day = addDays(day, -1); return day; };
const plusMinutes = (hhmm: string, minutes: number) => {
  const m = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + minutes;
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

// ---------------------------------------------------------------------------------------------
// the experts

type Rank = '正高' | '副高' | '中级';
interface ExpertSeed { name: string; org: string; lu?: boolean; title: string; rank: Rank; region: string; fields: string[]; female?: boolean; suspended?: boolean; account?: string }

/** 研究方向 in words, which the market's matching reads. */
const EXPERTISE: Record<string, string> = {
  周文华: '油田采出水处理与回注、压裂返排液回用、含油污泥资源化',
  刘振宇: '中药材规范化种植、黄芪党参病虫害绿色防控、道地药材品质',
  马晓燕: '工业物联网、边缘计算、农产品质量追溯系统',
  宋建军: '凹凸棒石黏土改性与吸附材料、煤矸石粉煤灰综合利用',
  王志刚: '旱作农业、全膜双垄沟播玉米、荞麦小杂粮育种栽培',
  李红梅: '中药材种子种苗、甘草仿野生栽培、连作障碍防治',
  张国庆: '玉米栽培、测土配方施肥',
  赵永平: '页岩油水平井压裂、采油工程、抽油机节能与井筒防蜡',
  高建民: '注水开发、采出水回注水质处理',
  孙立军: '页岩油开发、钻井废弃泥浆处理、集输管道腐蚀防护',
  陈德明: '风电场功率预测、光伏发电、储能系统',
  杨慧敏: '天然药物化学、黄芪多糖、甘草酸提取纯化',
  何建华: '新能源材料、电解水制氢电极、锂电池热失控',
  郭守仁: '苹果矮砧密植栽培、果树腐烂病生物防治、苹果贮藏保鲜',
  罗晓春: '黄土高原水土保持、旱作集雨、土壤重金属修复',
  胡玉珍: '中药饮片质量标准、HPLC指纹图谱、中药复方制剂',
  林雅琴: '中药材DNA条形码鉴定、党参产地加工',
  吴海涛: '数据中心网络、算力调度、5G行业应用',
  黄志远: '云计算运维、数据中心节能',
  徐卫东: '泵阀耐磨耐腐蚀、激光熔覆、油气装备制造',
  朱明亮: '燃煤电厂余热回收、换热器、节能改造',
  马文斌: '生态修复、林果病虫害防治',
  田秀芳: '绒山羊繁育与营养调控、羊绒品质、舍饲养殖',
  冯志勇: '真空与空间技术、精密仪器',
  韩丽娟: '纳米复合材料、凹凸棒石高值化利用',
  曹永红: '分布式光伏并网、微电网能量管理、配电自动化',
  彭建设: '火电厂烟气余热回收、风光储一体化',
  邓海燕: '医院制剂、中药饮片炮制',
  魏宏伟: '玉米制种、种子活力检测、节水灌溉水肥一体化',
  苏晓东: '软件开发、区块链应用',
};

/** `lu`: works at 陇东学院 (linked to the demo institution). Regions: 620000 is the provincial pool in 兰州. */
const EXPERTS: ExpertSeed[] = [
  { name: '周文华', org: '陇东学院', lu: true, title: '教授', rank: '正高', region: '621002', fields: ['资源与环境', '新能源与节能', '先进制造与自动化'], account: 'expert1' },
  { name: '刘振宇', org: '陇东学院', lu: true, title: '教授', rank: '正高', region: '621002', fields: ['现代农业', '生物与新医药'] },
  { name: '马晓燕', org: '陇东学院', lu: true, title: '副教授', rank: '副高', region: '621002', fields: ['电子信息', '高技术服务'], female: true },
  { name: '宋建军', org: '陇东学院', lu: true, title: '副教授', rank: '副高', region: '621002', fields: ['新材料', '资源与环境'] },
  { name: '王志刚', org: '庆阳市农业科学研究院', title: '研究员', rank: '正高', region: '621002', fields: ['现代农业'] },
  { name: '李红梅', org: '庆阳市农业科学研究院', title: '副研究员', rank: '副高', region: '621002', fields: ['现代农业', '生物与新医药'], female: true },
  { name: '张国庆', org: '庆阳市农业科学研究院', title: '农艺师', rank: '中级', region: '621002', fields: ['现代农业'] },
  { name: '赵永平', org: '中国石油长庆油田分公司', title: '教授级高级工程师', rank: '正高', region: '621021', fields: ['资源与环境', '先进制造与自动化', '新材料'] },
  { name: '高建民', org: '长庆油田分公司第二采油厂', title: '高级工程师', rank: '副高', region: '621021', fields: ['资源与环境', '新能源与节能'], suspended: true },
  { name: '孙立军', org: '长庆油田分公司陇东页岩油开发项目部', title: '高级工程师', rank: '副高', region: '621023', fields: ['先进制造与自动化', '资源与环境'] },
  { name: '陈德明', org: '兰州大学', title: '教授', rank: '正高', region: '620000', fields: ['资源与环境', '新能源与节能'] },
  { name: '杨慧敏', org: '兰州大学', title: '教授', rank: '正高', region: '620000', fields: ['生物与新医药'], female: true },
  { name: '何建华', org: '兰州大学', title: '教授', rank: '正高', region: '620000', fields: ['新材料', '新能源与节能'] },
  { name: '郭守仁', org: '甘肃农业大学', title: '教授', rank: '正高', region: '620000', fields: ['现代农业'] },
  { name: '罗晓春', org: '甘肃农业大学', title: '副教授', rank: '副高', region: '620000', fields: ['现代农业', '资源与环境'] },
  { name: '胡玉珍', org: '甘肃省中医药研究院', title: '研究员', rank: '正高', region: '620000', fields: ['生物与新医药'], female: true },
  { name: '林雅琴', org: '甘肃省中医药研究院', title: '副研究员', rank: '副高', region: '620000', fields: ['生物与新医药', '现代农业'], female: true },
  { name: '吴海涛', org: '中国移动通信集团甘肃有限公司庆阳分公司', title: '高级工程师', rank: '副高', region: '621002', fields: ['电子信息', '高技术服务'] },
  { name: '黄志远', org: '中国电信股份有限公司庆阳分公司', title: '工程师', rank: '中级', region: '621002', fields: ['电子信息'] },
  { name: '徐卫东', org: '兰州理工大学', title: '教授', rank: '正高', region: '620000', fields: ['先进制造与自动化', '新材料'] },
  { name: '朱明亮', org: '兰州理工大学', title: '教授', rank: '正高', region: '620000', fields: ['新能源与节能', '先进制造与自动化', '新材料'] },
  { name: '马文斌', org: '庆阳市林业科学研究所', title: '高级工程师', rank: '副高', region: '621002', fields: ['资源与环境', '现代农业'] },
  { name: '田秀芳', org: '庆阳市畜牧兽医研究所', title: '高级兽医师', rank: '副高', region: '621002', fields: ['现代农业', '生物与新医药'], female: true },
  { name: '冯志勇', org: '兰州空间技术物理研究所', title: '研究员', rank: '正高', region: '620000', fields: ['航空航天', '电子信息', '先进制造与自动化'] },
  { name: '韩丽娟', org: '甘肃省科学院', title: '研究员', rank: '正高', region: '620000', fields: ['新材料', '高技术服务'], female: true },
  { name: '曹永红', org: '国网甘肃省电力公司庆阳供电公司', title: '高级工程师', rank: '副高', region: '621002', fields: ['新能源与节能', '电子信息'], female: true },
  { name: '彭建设', org: '华能庆阳煤电有限责任公司', title: '高级工程师', rank: '副高', region: '621022', fields: ['新能源与节能', '资源与环境'] },
  { name: '邓海燕', org: '庆阳市中医医院', title: '主任药师', rank: '正高', region: '621002', fields: ['生物与新医药'], female: true },
  { name: '魏宏伟', org: '庆阳市农业技术推广中心', title: '农业技术推广研究员', rank: '正高', region: '621002', fields: ['现代农业'] },
  { name: '苏晓东', org: '庆阳职业技术学院', title: '讲师', rank: '中级', region: '621002', fields: ['电子信息', '高技术服务'] },
];

/** A citizen ID number (GB 11643-1999, with its check character) for the demo: only its hash and tail are stored. */
function idNumber(i: number, e: ExpertSeed): string {
  const area = e.region === '620000' ? '620102' : e.region;
  const year = e.rank === '正高' ? 1962 + (i * 7) % 13 : e.rank === '副高' ? 1975 + (i * 5) % 10 : 1986 + (i * 3) % 7;
  const birth = `${year}${String(1 + (i * 5) % 12).padStart(2, '0')}${String(1 + (i * 11) % 28).padStart(2, '0')}`;
  let seq = 100 + (i * 37) % 800;
  if ((seq % 2 === 0) !== Boolean(e.female)) seq += 1; // odd for men, even for women
  const body = `${area}${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k], 0);
  return body + '10X98765432'[sum % 11];
}

// ---------------------------------------------------------------------------------------------
// programmes, calls, rubrics

const KEY_RD_RUBRIC: Criterion[] = [
  { code: 'innovation', name: '创新性与技术先进性', weight: 0.3, max: 100 },
  { code: 'feasibility', name: '研究内容与技术路线可行性', weight: 0.2, max: 100 },
  { code: 'foundation', name: '研究基础与团队条件', weight: 0.15, max: 100 },
  { code: 'benefit', name: '预期经济社会效益', weight: 0.2, max: 100 },
  { code: 'budget', name: '经费预算合理性', weight: 0.15, max: 100 },
];
const RURAL_RUBRIC: Criterion[] = [
  { code: 'innovation', name: '技术先进性与适用性', weight: 0.25, max: 100 },
  { code: 'plan', name: '实施方案与示范基地条件', weight: 0.25, max: 100 },
  { code: 'benefit', name: '示范带动与联农带农成效', weight: 0.3, max: 100 },
  { code: 'team', name: '承担单位与团队基础', weight: 0.2, max: 100 },
];

const KEY_RD_FORM = [
  { key: 'background', label: '立项依据与研究意义', type: 'longtext', required: true },
  { key: 'content', label: '主要研究内容与技术路线', type: 'longtext', required: true },
  { key: 'targets', label: '考核指标', type: 'longtext', required: true },
  { key: 'stage', label: '技术成熟度', type: 'choice', required: true, options: ['实验室研究', '小试/中试', '工程化/产业化示范'] },
  { key: 'newOutput', label: '预期新增产值（万元）', type: 'number' },
  { key: 'startOn', label: '计划开始日期', type: 'date', required: true },
  { key: 'endOn', label: '计划完成日期', type: 'date', required: true },
];
const RURAL_FORM = [
  { key: 'background', label: '项目背景与产业基础', type: 'longtext', required: true },
  { key: 'content', label: '示范内容与技术路线', type: 'longtext', required: true },
  { key: 'targets', label: '考核指标', type: 'longtext', required: true },
  { key: 'area', label: '示范面积（亩）/ 规模', type: 'number' },
  { key: 'households', label: '带动农户（户）', type: 'number' },
  { key: 'startOn', label: '计划开始日期', type: 'date', required: true },
  { key: 'endOn', label: '计划完成日期', type: 'date', required: true },
];

const keyRdGuide = (year: number) => `为深入实施创新驱动发展战略，聚焦我市"油、煤、气、风、光、算"等主导产业和特色优势产业的关键核心技术，现启动${year}年度庆阳市重点研发计划项目申报工作。

一、支持方向
（一）油气资源高效开发：陇东页岩油水平井高效举升、压裂返排液处理与回用、伴生气回收利用、油气装备智能化。
（二）新能源与节能：风光储一体化、光伏治沙复合系统、分布式能源与综合能源服务。
（三）数据信息：东数西算庆阳枢纽算力调度、绿色数据中心节能、工业互联网应用。
（四）新材料：凹凸棒石等非金属矿高值化利用、油气田用功能材料。
（五）生物医药与现代农业：陇东道地中药材良种繁育与质量标准、农业生物技术。

二、申报条件
申报单位为在庆阳市注册、具有独立法人资格的企业、高校和科研院所；企业申报须建立研发费用辅助账，自筹经费原则上不低于申请市级财政经费；项目负责人同期主持在研市级科技项目不超过1项。

三、支持方式与强度
采取前资助方式，单个项目支持经费一般为30万—100万元，实施期限一般为2年。

四、申报程序
申报单位在线填报，经所在县（区）科技管理部门审核推荐后报市科技局；市科技局组织形式审查和专家评审，择优立项并公示。`;

const ruralGuide = (year: number) => `为贯彻落实乡村振兴战略，发挥科技对我市特色农业产业的支撑引领作用，现组织申报${year}年度庆阳市乡村振兴科技项目。

一、支持方向
（一）玉米制种、苹果、小杂粮等特色产业提质增效技术集成示范；
（二）陇东道地中药材（黄芪、黄芩、柴胡、党参）规范化种植与产地加工；
（三）草畜产业良种繁育、饲草料加工与高效养殖；
（四）农产品保鲜加工、农村人居环境改善与生态修复技术。

二、申报要求
项目须有明确的示范基地和联农带农机制，实施期限一般为1—2年，单个项目支持经费一般不超过60万元。

三、评审与立项
市科技局组织形式审查后，从专家库随机抽取专家进行匿名评审，按评审得分择优立项，立项结果公示7个工作日。`;

// ---------------------------------------------------------------------------------------------
// applications

interface Org { id: number; name: string; regionCode: string; contact: string; kind: 'enterprise' | 'institution'; user: Who | null; industry: string | null }
interface Who { id: number | null; name: string; role: Role }
interface Member { name: string; orgName: string; role: string; expert?: string; tail?: string }

interface Ev { action: string; from: string | null; to: string; comment: string | null; who: Who | null; at: Date }

/** The application's life, step by step along APPLICATION_WORKFLOW, with its timeline. */
class Flow {
  status: ApplicationStatus = 'draft';
  readonly events: Ev[] = [];
  version = 1;
  submittedAt: Date | null = null;
  updatedAt: Date;
  readonly createdAt: Date;
  constructor(who: Who | null, at: Date, private readonly now: Date) {
    this.events.push({ action: 'create', from: null, to: 'draft', comment: null, who, at });
    this.createdAt = at;
    this.updatedAt = at;
    this.check(at);
  }
  private check(at: Date) {
    const last = this.events[this.events.length - 1];
    if (at > this.now || at < last.at) throw new Error(`demo projects: event out of order at ${at.toISOString()}`);
  }
  go(action: Exclude<ApplicationAction, 'create'>, who: Who | null, at: Date, comment: string | null = null, role: Role = who?.role ?? 'staff') {
    this.check(at);
    const to = transition(APPLICATION_WORKFLOW, action, this.status, role, comment);
    this.events.push({ action, from: this.status, to, comment, who, at });
    this.status = to;
    this.version++;
    this.updatedAt = at;
    if (action === 'submit') this.submittedAt = at;
    return this;
  }
  /** An event that changes no state (拨付, a 公示 objection). */
  note(action: 'tranche' | 'objection', who: Who, at: Date, comment: string) {
    this.check(at);
    this.events.push({ action, from: this.status, to: this.status, comment, who, at });
  }
}

interface ReviewPlan {
  fixed?: number; status: 'assigned' | 'declared' | 'submitted' | 'declined'; scores: Record<string, number>; comment: string; total: number | null;
  assignedAt: Date; declaredAt: Date | null; submittedAt: Date | null; method: 'draw' | 'manual'; draw: string | null; conflictReason: string | null; version: number;
  expertId?: number;
}

interface App {
  key: string; callId: number; org: Org; title: string; field: string; summary: string; requested: number; ownFunds: number;
  members: Member[]; partners: Org[]; formData: Record<string, unknown>; needsRecommendation: boolean; flow: Flow;
  reviews: ReviewPlan[]; approved: number | null; noticeFrom: string | null; noticeUntil: string | null;
  contract: { targets: string; startOn: string; endOn: string } | null; acceptance: string | null; tranches: { amount: number; paidOn: string; note: string }[];
  reserveKey?: string; targets: string;
}

const BUDGET_SHARES: [string, number][] = [
  ['equipment', 0.28], ['materials', 0.2], ['testing', 0.1], ['fuel', 0.03], ['travel', 0.05], ['publication', 0.04], ['labour', 0.15], ['consultation', 0.03], ['indirect', 0.12],
];
function budgetTable(requested: number, own: number) {
  const split = (total: number) => {
    const parts = BUDGET_SHARES.map(([, s]) => Math.floor((total * s) / 100) * 100);
    parts[0] += total - parts.reduce((a, b) => a + b, 0);
    return parts;
  };
  const r = split(requested);
  const o = split(own);
  return BUDGET_SHARES.map(([category], i) => ({ category, own: o[i], requested: r[i] }));
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹';
const GIVEN = ['建平', '海燕', '志强', '晓东', '丽娟', '军', '文博', '彦龙', '小红', '宏亮', '雪梅', '鹏', '亚宁', '永峰', '瑞', '佳琪', '国栋', '玉兰', '天佑', '晨'];
const personName = (k: number) => SURNAMES[(k * 7) % SURNAMES.length] + GIVEN[(k * 3) % GIVEN.length];

const REVIEW_COMMENTS: Record<'high' | 'mid' | 'low', string[]> = {
  high: [
    '项目立足本地产业需求，目标明确，技术路线清晰可行，团队基础扎实，示范带动作用明显，建议优先支持。',
    '研究内容针对性强，关键技术指标先进，前期工作基础较好，预算编制基本合理，建议支持。',
    '项目具有较好的创新性和推广价值，承担单位配套条件充分，建议立项并加强过程管理。',
  ],
  mid: [
    '项目选题符合指南方向，实施方案基本可行；考核指标偏定性，建议进一步量化并明确示范规模。',
    '技术路线总体合理，但与已有成果的区别阐述不足，建议补充对比分析，压缩设备购置费用。',
    '项目有一定应用前景，团队结构合理；联农带农机制描述较笼统，建议细化利益联结方式。',
  ],
  low: [
    '项目创新性一般，部分研究内容与已有成果重复，预算编制偏粗，建议完善后再行申报。',
    '实施方案可操作性不足，示范基地条件不明确，考核指标难以验证，不建议本年度支持。',
  ],
};
const commentFor = (total: number, k: number) => {
  const band = total >= 84 ? 'high' : total >= 74 ? 'mid' : 'low';
  return REVIEW_COMMENTS[band][k % REVIEW_COMMENTS[band].length];
};

/** Scores around `quality` (0..1 of each maximum), integers within the rubric. */
function scoresFor(rubric: Criterion[], quality: number, seed: string, only?: number): Record<string, number> {
  const rnd = seededRandom(seed);
  const bias = (rnd() - 0.5) * 0.06;
  const out: Record<string, number> = {};
  for (const c of rubric.slice(0, only ?? rubric.length)) {
    out[c.code] = Math.max(0, Math.min(c.max, Math.round(c.max * (quality + bias + (rnd() - 0.5) * 0.08))));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface DemoProjectsSummary { experts: number; programmes: number; calls: { open: number; closed: number }; applications: number; assignments: number; reserve: number }

export async function seedDemoProjects(tx: Queryable, now: Date = new Date()): Promise<DemoProjectsSummary> {
  const today = todayInChina(now);
  /** `daysAgo` calendar days before today, any day (applicants and experts work weekends too). */
  const D = (daysAgo: number, hhmm: string) => atDay(addDays(today, -daysAgo), hhmm);
  /** The bureau's days: `daysAgo` days before today, moved back to a weekday. */
  const W = (daysAgo: number, hhmm: string) => atDay(weekdayOnOrBefore(addDays(today, -daysAgo)), hhmm);
  /** The k-th weekday before today (k ≥ 1): five of them lie within the week the open call has been open. */
  const weekdays: string[] = [];
  for (let day = addDays(today, -1); weekdays.length < 6; day = addDays(day, -1)) if (!weekend(day)) weekdays.push(day);
  const K = (k: number, hhmm: string) => atDay(weekdays[k - 1], hhmm);
  const rural = Number(addDays(today, -262).slice(0, 4)); // the year of the closed call
  const keyRd = rural + 1; // the open call: next year's programme, published in the autumn

  // --- who acts -------------------------------------------------------------------------------
  const { rows: users } = await tx.query(`SELECT id, username, display_name, role, org_id FROM app_user WHERE username = ANY($1::text[])`,
    [['qingyang', 'xifeng', 'gansu', 'expert1', 'qy_ent1', 'qy_ent2', 'qy_inst1']]);
  const user = (name: string) => {
    const u = users.find((x) => x.username === name);
    if (!u) throw new Error(`demo projects: no demo user ${name}`);
    return u;
  };
  const who = (name: string): Who => { const u = user(name); return { id: Number(u.id), name: u.display_name, role: u.role }; };
  const city = who('qingyang');
  const xifeng = who('xifeng');
  const { rows: regionRows } = await tx.query(`SELECT code, name FROM region WHERE code IN (SELECT region_subtree($1))`, [CITY]);
  const regionName = new Map<string, string>(regionRows.map((r) => [r.code, r.name]));
  /** The county bureau that recommends: 西峰区's has an account, the others act without one in the demo. */
  const countyBureau = (code: string): Who => (code === '621002' ? xifeng : { id: null, name: `${regionName.get(code) ?? ''}科技局`, role: 'staff' });

  const { rows: namedRows } = await tx.query(
    `SELECT u.username, o.id, o.name, o.region_code, o.contact_name, o.kind FROM app_user u JOIN organization o ON o.id = u.org_id WHERE u.username = ANY($1::text[])`,
    [['qy_ent1', 'qy_ent2', 'qy_inst1']]);
  const named = (key: string): Org => {
    const o = namedRows.find((x) => x.username === key)!;
    return { id: Number(o.id), name: o.name, regionCode: o.region_code, contact: o.contact_name, kind: o.kind, user: who(key), industry: null };
  };
  const ent1 = named('qy_ent1');
  const ent2 = named('qy_ent2');
  const inst = named('qy_inst1');
  const { rows: poolRows } = await tx.query(
    `SELECT o.id, o.name, o.region_code, o.contact_name, p.industry_code FROM organization o LEFT JOIN enterprise_profile p ON p.org_id = o.id
      WHERE o.kind = 'enterprise' AND o.status = 'approved' AND o.region_code = ANY($1::text[]) AND NOT (o.id = ANY($2::bigint[]))
      ORDER BY o.id LIMIT 400`, [[...regionName.keys()], [ent1.id, ent2.id, inst.id]]);
  const generated: Org[] = poolRows.map((o) => ({ id: Number(o.id), name: o.name, regionCode: o.region_code, contact: o.contact_name, kind: 'enterprise', user: null, industry: o.industry_code }));
  const used = new Set<number>();
  /**
   * A generated 庆阳 enterprise of one of `industries` (preferably in `regions`; with `regionFirst`, the region
   * matters more than the industry), each used once; 陇东能源装备 when the registry is too small.
   */
  const pick = (industries: string[], regions: string[] = [], regionFirst = false): Org => {
    const free = generated.filter((o) => !used.has(o.id));
    const inRegion = (o: Org) => !regions.length || regions.includes(o.regionCode);
    const ofIndustry = (o: Org) => industries.includes(o.industry ?? '');
    const found = free.find((o) => ofIndustry(o) && inRegion(o))
      ?? (regionFirst ? free.find(inRegion) ?? free.find(ofIndustry) : free.find(ofIndustry) ?? free.find(inRegion)) ?? free[0] ?? ent1;
    used.add(found.id);
    return found;
  };
  const actorOf = (o: Org): Who => o.user ?? { id: null, name: o.contact, role: o.kind };

  // --- experts --------------------------------------------------------------------------------
  const experts = EXPERTS.map((e, i) => ({ ...e, phone: `1399341${String(1021 + i * 73).padStart(4, '0')}`, idNumber: idNumber(i, e),
    createdAt: W(980 - i * 23, plusMinutes('09:10', i * 11)) }));
  const { rows: expertRows } = await tx.query(
    `INSERT INTO expert (name, org_id, org_name, title, title_rank, fields, region_code, phone, id_number_hash, id_number_tail, status, user_id, created_at, updated_at, expertise)
     SELECT t.name, t.org_id, t.org_name, t.title, t.rank, string_to_array(t.fields, '|'), t.region, t.phone, t.hash, t.tail, t.status, t.user_id, t.at, t.at, t.expertise
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::timestamptz[], $14::text[])
         AS t(name, org_id, org_name, title, rank, fields, region, phone, hash, tail, status, user_id, at, expertise)
     RETURNING id, name`,
    [experts.map((e) => e.name), experts.map((e) => (e.lu ? inst.id : null)), experts.map((e) => (e.lu ? inst.name : e.org)), experts.map((e) => e.title),
      experts.map((e) => e.rank), experts.map((e) => e.fields.join('|')), experts.map((e) => e.region), experts.map((e) => e.phone),
      experts.map((e) => hashIdNumber(e.idNumber)), experts.map((e) => e.idNumber.slice(-4)), experts.map((e) => (e.suspended ? 'suspended' : 'active')),
      experts.map((e) => (e.account ? Number(user(e.account).id) : null)), experts.map((e) => e.createdAt.toISOString()), experts.map((e) => EXPERTISE[e.name] ?? '')]);
  const expertId = new Map<string, number>(expertRows.map((x) => [x.name, Number(x.id)]));
  const X = (name: string) => { const id = expertId.get(name); if (id == null) throw new Error(`demo projects: no expert ${name}`); return id; };
  // declared relations (回避): an adviser's firm, a relative
  await tx.query(
    `INSERT INTO expert_relation (expert_id, org_id, person_name, reason, valid_from, valid_to, created_at)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::date[], $7::timestamptz[])`,
    [[X('赵永平'), X('刘振宇'), X('王志刚')], [ent1.id, ent2.id, null], [null, null, ent1.contact],
      ['为该公司抽油机节能改造项目提供技术指导', '兼任该公司中药材种植技术顾问', '近亲属（兄弟）'],
      [`${rural - 2}-03-01`, `${rural - 1}-01-01`, null], [null, `${rural + 1}-12-31`, null],
      [D(700, '10:00').toISOString(), D(600, '15:30').toISOString(), D(500, '11:20').toISOString()]]);

  // --- programmes and calls -------------------------------------------------------------------
  const { rows: progRows } = await tx.query(
    `INSERT INTO programme (name, level, region_code, description, created_by, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[]) RETURNING id, name`,
    [['庆阳市重点研发计划', '庆阳市乡村振兴科技项目', '甘肃省科技重大专项'], ['city', 'city', 'provincial'], [CITY, CITY, '620000'],
      ['聚焦石油化工、新能源、新材料、数据信息、生物医药等主导产业关键核心技术攻关，按"基础研究—技术攻关—产业应用"链条分类支持。',
        '支持玉米制种、中药材、草畜、苹果、小杂粮等乡村特色产业关键技术集成示范与成果转化，助力乡村振兴。',
        '围绕全省重点产业链的重大技术需求，组织实施一批具有引领带动作用的重大科技项目，市州科技局组织推荐。'],
      [city.id, city.id, who('gansu').id], [W(1100, '10:00').toISOString(), W(1090, '10:00').toISOString(), W(1200, '10:00').toISOString()]]);
  const programme = (name: string) => Number(progRows.find((p) => p.name === name)!.id);

  const callRow = async (c: { programme: string; title: string; year: number; guide: string; opensAt: Date; closesAt: Date; publishedAt: Date; budget: number;
    form: unknown[]; rubric: Criterion[]; blind: boolean; dropExtremes: boolean; requiresRecommendation: boolean; status: 'published' | 'closed'; resultsOut: boolean; updatedAt: Date }) => {
    const { rows: [r] } = await tx.query(
      `INSERT INTO call (programme_id, region_code, title, year, guide, opens_at, closes_at, budget, form, required_attachments, rubric, reviewers_per_application,
                         blind, avoidance, drop_extremes, requires_recommendation, notice_days, pledge, status, published_at, results_out, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 5, $12, $13, $14, $15, 7, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING id`,
      [programme(c.programme), CITY, c.title, c.year, c.guide, c.opensAt.toISOString(), c.closesAt.toISOString(), c.budget, JSON.stringify(c.form),
        JSON.stringify(['项目申报书（单位盖章扫描件）', '营业执照或事业单位法人证书', '上年度财务审计报告', '合作协议（有合作单位时）']), JSON.stringify(c.rubric),
        c.blind, DEFAULT_AVOIDANCE, c.dropExtremes, c.requiresRecommendation, DEFAULT_PLEDGE, c.status, c.publishedAt.toISOString(), c.resultsOut,
        city.id, new Date(c.publishedAt.getTime() - 3 * DAY).toISOString(), c.updatedAt.toISOString(), c.status === 'closed' ? 4 : 2]); // created, published (closed, results out)
    return Number(r.id);
  };
  const openCall = await callRow({ programme: '庆阳市重点研发计划', title: `${keyRd}年度庆阳市重点研发计划项目申报指南`, year: keyRd, guide: keyRdGuide(keyRd),
    opensAt: D(7, '09:00'), closesAt: D(-28, '18:00'), publishedAt: W(9, '16:30'), budget: 500 * WAN, form: KEY_RD_FORM, rubric: KEY_RD_RUBRIC,
    blind: false, dropExtremes: false, requiresRecommendation: true, status: 'published', resultsOut: false, updatedAt: W(9, '16:30') });
  const closedCall = await callRow({ programme: '庆阳市乡村振兴科技项目', title: `${rural}年度庆阳市乡村振兴科技项目申报指南`, year: rural, guide: ruralGuide(rural),
    opensAt: D(262, '09:00'), closesAt: D(215, '18:00'), publishedAt: W(264, '10:00'), budget: 300 * WAN, form: RURAL_FORM, rubric: RURAL_RUBRIC,
    blind: true, dropExtremes: true, requiresRecommendation: false, status: 'closed', resultsOut: true, updatedAt: W(183, '16:30') });

  // --- the three-level reserve ------------------------------------------------------------------
  const RESERVE: { key?: string; level: 'central' | 'provincial' | 'city'; region: string; title: string; field: string; lead: Org | string; wan: number; maturity: string; status: string; notes: string; days: number }[] = [
    { level: 'central', region: CITY, title: '鄂尔多斯盆地陇东页岩油规模效益开发关键技术与装备', field: '资源与环境', lead: '中国石油长庆油田分公司', wan: 120000, maturity: '关键技术中试',
      status: 'arguing', notes: '拟争取国家重点研发计划"深地资源勘查开采"重点专项支持。已组织专家论证1次，建议补充陇东页岩油示范区单井产量提升与降本指标。', days: 320 },
    { level: 'central', region: CITY, title: '东数西算庆阳枢纽绿色算力调度与智算中心关键技术', field: '电子信息', lead: '庆阳市东数西算产业园区管理委员会', wan: 50000, maturity: '方案设计',
      status: 'reserve', notes: '对接国家算力枢纽节点建设，围绕跨域算力调度、液冷节能与绿电直供开展技术储备。', days: 210 },
    { level: 'central', region: CITY, title: '陇东能源基地"风光火储"多能互补一体化技术示范', field: '新能源与节能', lead: '华能庆阳煤电有限责任公司', wan: 80000, maturity: '可行性研究完成',
      status: 'applied', notes: '已通过省科技厅推荐申报国家重点研发计划"储能与智能电网技术"重点专项，等待形式审查结果。', days: 400 },
    { level: 'central', region: '621022', title: '黄土高原丘陵沟壑区光伏治沙与生态修复协同技术', field: '资源与环境', lead: '环县发展和改革局', wan: 30000, maturity: '概念研究',
      status: 'dropped', notes: '与省级储备项目内容重叠，经论证并入省级层面统筹推进，本级不再单列。', days: 380 },
    { level: 'provincial', region: CITY, title: '凹凸棒石高值化利用与功能新材料制备', field: '新材料', lead: inst, wan: 6000, maturity: '小试完成',
      status: 'arguing', notes: '陇东学院牵头，联合兰州大学开展论证；建议聚焦土壤改良与环境修复材料两条产品线。', days: 260 },
    { level: 'provincial', region: CITY, title: '陇东页岩油压裂返排液资源化利用技术集成', field: '资源与环境', lead: '长庆油田分公司陇东页岩油开发项目部', wan: 3000, maturity: '中试',
      status: 'reserve', notes: '拟申报省科技重大专项，需明确回用水质标准与处理成本目标。', days: 150 },
    { level: 'provincial', region: CITY, title: '旱作区玉米制种全程机械化与种子质量提升技术集成', field: '现代农业', lead: '甘肃农业大学', wan: 2000, maturity: '示范应用',
      status: 'approved', notes: `已列入${rural}年度省级科技计划，市级配套示范基地建设。`, days: 500 },
    { level: 'provincial', region: '621021', title: '陇东道地中药材（黄芪、黄芩）标准化种植与精深加工', field: '生物与新医药', lead: ent2, wan: 2500, maturity: '示范应用',
      status: 'applied', notes: '已推荐申报省级乡村振兴科技项目。', days: 230 },
    { key: 'attapulgite', level: 'city', region: CITY, title: '凹凸棒石基高效土壤改良剂制备关键技术', field: '新材料', lead: inst, wan: 600, maturity: '小试完成',
      status: 'reserve', notes: '论证意见：技术路线可行，建议在重点研发计划中立项攻关，并落实企业合作中试。', days: 120 },
    { key: 'herb', level: 'city', region: '621021', title: '庆城县黄芩、柴胡仿野生标准化种植技术示范', field: '现代农业', lead: ent2, wan: 150, maturity: '示范应用',
      status: 'reserve', notes: '论证意见：产业基础好、带动面广，建议纳入乡村振兴科技项目支持。', days: 330 },
    { level: 'city', region: '621002', title: '石油装备远程运维与数字孪生平台', field: '先进制造与自动化', lead: ent1, wan: 800, maturity: '方案设计',
      status: 'reserve', notes: '企业自筹为主，建议待下一年度重点研发计划指南发布后申报。', days: 90 },
    { level: 'city', region: CITY, title: '庆阳黄花菜保鲜加工技术研究', field: '现代农业', lead: '庆阳市农业科学研究院', wan: 200, maturity: '实验室研究',
      status: 'dropped', notes: `经论证，技术路线与${rural}年度乡村振兴科技项目申报内容重复，暂不单独立项。`, days: 280 },
    { level: 'city', region: '621022', title: '环县湖羊良种繁育与高效养殖技术集成', field: '现代农业', lead: '庆阳市畜牧兽医研究所', wan: 300, maturity: '示范应用',
      status: 'arguing', notes: '拟与环县草畜产业龙头企业联合实施，待补充繁育场建设方案后再次论证。', days: 60 },
  ];
  const { rows: reserveRows } = await tx.query(
    `INSERT INTO reserve_item (level, region_code, title, field, lead_org_id, lead_org_name, estimated_investment, maturity, notes, status, created_by, created_at, updated_at)
     SELECT t.level, t.region, t.title, t.field, t.org_id, t.org_name, t.amount, t.maturity, t.notes, t.status, $11, t.at, t.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $12::timestamptz[])
         AS t(level, region, title, field, org_id, org_name, amount, maturity, notes, status, at)
     RETURNING id, title`,
    [RESERVE.map((r) => r.level), RESERVE.map((r) => r.region), RESERVE.map((r) => r.title), RESERVE.map((r) => r.field),
      RESERVE.map((r) => (typeof r.lead === 'string' ? null : r.lead.id)), RESERVE.map((r) => (typeof r.lead === 'string' ? r.lead : r.lead.name)),
      RESERVE.map((r) => r.wan * WAN), RESERVE.map((r) => r.maturity), RESERVE.map((r) => r.notes), RESERVE.map((r) => r.status), city.id,
      RESERVE.map((r) => W(r.days, '10:30').toISOString())]);
  const reserveId = (key: string) => Number(reserveRows.find((x) => x.title === RESERVE.find((r) => r.key === key)!.title)!.id);

  // --- applications: the closed call (乡村振兴) -------------------------------------------------
  const apps: App[] = [];
  const newApp = (callId: number, key: string, org: Org, p: { title: string; field: string; summary: string; wan: number; targets: string; content: string;
    members?: Member[]; partners?: Org[]; reserveKey?: string; rural?: { area: number; households: number }; stage?: string }, created: Date, needsRecommendation: boolean): App => {
    const requested = p.wan * WAN;
    const ownFunds = org.kind === 'institution' ? Math.round(requested * 0.3 / WAN) * WAN : Math.round(requested * (p.rural ? 0.8 : 1.5) / WAN) * WAN;
    const k = apps.length;
    const members: Member[] = [
      { name: org.contact, orgName: org.name, role: '项目负责人', tail: String(1000 + (k * 389) % 9000).slice(-4) },
      ...(p.members ?? []),
      { name: personName(k * 3 + 1), orgName: org.name, role: '技术骨干' },
      { name: personName(k * 3 + 2), orgName: org.name, role: '技术骨干', tail: String(2000 + (k * 571) % 7000).slice(-3) + (k % 3 === 0 ? 'X' : String(k % 10)) },
    ];
    const start = addDays(today, callId === openCall ? 60 : -170);
    const formData: Record<string, unknown> = {
      background: `${p.summary}项目所在地为${regionName.get(org.regionCode) ?? '庆阳市'}，承担单位在相关领域具有多年技术积累。`,
      content: p.content, targets: p.targets, startOn: start, endOn: addDays(start, 730 - 1),
      ...(p.rural ? { area: p.rural.area, households: p.rural.households } : { stage: p.stage ?? '小试/中试', newOutput: p.wan * 6 }),
    };
    const app: App = { key, callId, org, title: p.title, field: p.field, summary: p.summary, requested, ownFunds, members, partners: p.partners ?? [], formData,
      needsRecommendation, flow: new Flow(actorOf(org), created, now), reviews: [], approved: null, noticeFrom: null, noticeUntil: null, contract: null,
      acceptance: null, tranches: [], reserveKey: p.reserveKey, targets: p.targets };
    apps.push(app);
    return app;
  };

  const RURAL_APPS: { key: string; org: () => Org; quality: number; p: Parameters<typeof newApp>[3] }[] = [
    { key: 'seed', org: () => pick(['A0141'], ['621027', '621026', '621025']), quality: 0.9, p: {
      title: '陇东旱塬玉米制种全程机械化与种子质量提升技术示范', field: '现代农业', wan: 50,
      summary: '针对陇东旱塬玉米制种去雄、收获环节人工依赖大、种子纯度不稳定等问题，集成机械去雄、穗选烘干与质量追溯技术，建设全程机械化制种示范基地。',
      content: '1. 玉米制种机械化去雄与花期调控技术；2. 果穗烘干与分级精选工艺；3. 种子质量全程追溯系统；4. 制种农户技术培训。',
      targets: '建设全程机械化制种示范基地1000亩以上；制种田种子纯度≥98.5%、发芽率≥93%；制定技术规程1项；培训制种农户300人次。',
      rural: { area: 1000, households: 260 }, members: [{ name: '郭守仁', orgName: '甘肃农业大学', role: '技术顾问', expert: '郭守仁' }] } },
    { key: 'herb', org: () => ent2, quality: 0.88, p: {
      title: '庆城县黄芩、柴胡仿野生标准化种植技术示范', field: '现代农业', wan: 60, reserveKey: 'herb', partners: [inst],
      summary: '围绕庆城县道地药材黄芩、柴胡仿野生种植中的种源混杂、管理粗放问题，开展良种筛选、林下仿野生栽培和产地初加工技术示范。',
      content: '1. 黄芩、柴胡优良种源筛选与种子丸粒化；2. 山坡地仿野生栽培模式；3. 病虫害绿色防控；4. 产地趁鲜切制与质量检测。',
      targets: '建立仿野生种植示范基地800亩；黄芩苷含量≥9%；带动脱贫户120户户均增收3000元以上；形成地方标准草案1项。',
      rural: { area: 800, households: 120 } } },
    { key: 'apple', org: () => inst, quality: 0.85, p: {
      title: '黄土高原旱作区苹果矮化密植与水肥一体化技术集成示范', field: '现代农业', wan: 50,
      summary: '针对黄土高原旱作区苹果园水分利用效率低、乔化稀植产量不稳等问题，集成矮砧密植、水肥一体化与果园生草覆盖技术。',
      content: '1. 矮化中间砧苗木繁育；2. 旱作区小管出流水肥一体化；3. 果园生草与覆盖保墒；4. 技术培训与示范推广。',
      targets: '建立示范园500亩，亩产提高15%以上，水分利用效率提高20%；培育技术明白人50名；发表论文2篇。',
      rural: { area: 500, households: 180 }, members: [{ name: '刘振宇', orgName: '陇东学院', role: '技术负责人', expert: '刘振宇' }] } },
    { key: 'sheep', org: () => pick(['A0311'], ['621022', '621023']), quality: 0.83, p: {
      title: '环县湖羊高效繁育与全株玉米青贮饲喂技术示范', field: '现代农业', wan: 45,
      summary: '围绕环县羊产业提质增效，集成湖羊高效繁殖、全株玉米青贮调制与精准饲喂技术，提高母羊繁殖率和育肥效益。',
      content: '1. 湖羊同期发情与人工授精；2. 全株玉米青贮调制与品质评定；3. 分阶段精准饲喂配方；4. 粪污资源化利用。',
      targets: '示范湖羊存栏3000只，繁殖率提高到220%以上；青贮饲料利用率提高15%；带动养殖户150户。',
      rural: { area: 3000, households: 150 } } },
    { key: 'decoction', org: () => pick(['C2740', 'C2720'], []), quality: 0.81, p: {
      title: '陇东道地药材黄芪、党参产地趁鲜切制与饮片炮制技术研究', field: '生物与新医药', wan: 40,
      summary: '针对黄芪、党参产地加工环节多、有效成分损失大的问题，研究产地趁鲜切制、低温干燥与饮片炮制工艺，建立质量标准。',
      content: '1. 趁鲜切制工艺参数优化；2. 低温热泵干燥技术；3. 饮片炮制工艺与质量标准；4. 生产线示范。',
      targets: '建成趁鲜切制示范生产线1条；饮片有效成分保留率提高10%以上；制定企业标准2项；申请发明专利1件。',
      rural: { area: 1, households: 90 } } },
    { key: 'pest', org: () => pick(['M7511'], []), quality: 0.79, p: {
      title: '苹果主要病虫害绿色防控与物联网智能监测预警示范', field: '现代农业', wan: 40,
      summary: '以苹果腐烂病、蚜虫等主要病虫害为对象，构建物联网监测预警网络，集成理化诱控与生物防治等绿色防控技术。',
      content: '1. 病虫害物联网监测站点布设；2. 预警模型构建；3. 绿色防控技术集成；4. 农药减量示范。',
      targets: '布设监测站点20个，示范面积2000亩；化学农药使用量减少30%；预警准确率≥85%。',
      rural: { area: 2000, households: 300 } } },
    { key: 'daylily', org: () => pick(['C1310', 'C1411'], []), quality: 0.74, p: {
      title: '庆阳黄花菜绿色加工与保鲜关键技术研究', field: '现代农业', wan: 35,
      summary: '针对黄花菜鲜品易腐、传统熏硫工艺不达标等问题，研究无硫护色干制和冷链保鲜技术。',
      content: '1. 无硫护色干制工艺；2. 鲜品预冷与气调保鲜；3. 产品质量标准。',
      targets: '建成无硫干制示范线1条，产品二氧化硫残留符合国家标准；鲜品货架期延长至15天。',
      rural: { area: 600, households: 200 } } },
    { key: 'pv', org: () => pick(['D4415', 'C3825'], ['621022', '621023']), quality: 0.72, p: {
      title: '光伏治沙复合系统下耐旱牧草种植与生态修复技术示范', field: '资源与环境', wan: 40,
      summary: '在环县光伏电站板下及板间空地，筛选耐旱耐阴牧草品种，集成固沙保墒与牧草种植技术，实现"板上发电、板下种草"。',
      content: '1. 耐旱耐阴牧草品种筛选；2. 板下微环境监测；3. 固沙保墒种植模式；4. 生态效益评价。',
      targets: '示范面积1500亩，植被覆盖度提高到45%以上；牧草亩产干草200公斤以上。',
      rural: { area: 1500, households: 80 } } },
    { key: 'sewage', org: () => pick(['N7721'], []), quality: 0.7, p: {
      title: '黄土塬区农村生活污水分散式处理技术应用示范', field: '资源与环境', wan: 30,
      summary: '针对黄土塬区村庄分散、管网建设成本高的特点，示范一体化设备与人工湿地组合的分散式污水处理模式。',
      content: '1. 一体化处理设备选型与改进；2. 人工湿地植物配置；3. 运维管理模式。',
      targets: '建设示范点5处，出水达到甘肃省农村生活污水排放标准一级B；运行成本≤0.8元/吨。',
      rural: { area: 5, households: 400 } } },
    { key: 'machine', org: () => pick(['C3576'], []), quality: 0.68, p: {
      title: '丘陵山地小型多功能播种收获机具研制与推广', field: '先进制造与自动化', wan: 30,
      summary: '针对庆阳丘陵山地小地块机械化水平低的问题，研制适用于小杂粮的小型多功能播种、收获机具。',
      content: '1. 小型播种机结构设计；2. 小杂粮收获装置；3. 样机试制与田间试验。',
      targets: '研制样机2台（套），作业效率较人工提高5倍以上；申请实用新型专利3件；推广50台。',
      rural: { area: 800, households: 100 } } },
    { key: 'grain', org: () => pick(['C1411', 'C1521', 'C1310'], []), quality: 0.65, p: {
      title: '陇东小杂粮（荞麦、糜子）功能食品开发与加工示范', field: '现代农业', wan: 30,
      summary: '以陇东荞麦、糜子为原料，开发低GI功能食品，延伸小杂粮产业链。',
      content: '1. 荞麦低GI挂面配方；2. 糜子速食产品；3. 加工工艺与质量控制。',
      targets: '开发新产品3个，建成示范生产线1条，带动种植基地3000亩。',
      rural: { area: 3000, households: 350 } } },
    { key: 'solar', org: () => ent1, quality: 0, p: {
      title: '农村户用光伏储能一体化系统研制与示范', field: '新能源与节能', wan: 60,
      summary: '研制适用于农村户用的光伏储能一体化系统，提高分布式光伏自发自用比例。',
      content: '1. 户用储能变流器研制；2. 能量管理策略；3. 示范应用。',
      targets: '研制样机1套，示范应用50户；自发自用率提高到70%以上。', rural: { area: 0, households: 50 } } },
  ];
  const ruralApps = RURAL_APPS.map((spec, i) => {
    const org = spec.org();
    const a = newApp(closedCall, spec.key, org, spec.p, D(256 - 2 * i, plusMinutes('09:40', i * 17)), false);
    a.flow.go('submit', actorOf(org), D(228 - i, plusMinutes('15:05', i * 9)));
    if (spec.key === 'solar') {
      a.flow.go('formal_fail', city, W(210, plusMinutes('09:30', i * 7)),
        '申报内容不属于本指南支持方向（指南未设新能源装备研制方向），且未提供县级农业农村部门出具的示范基地证明材料。');
      return { spec, a };
    }
    a.flow.go('formal_pass', city, W(210, plusMinutes('09:30', i * 7)));
    a.flow.go('start_review', city, W(203, '10:00'));
    // five reviewers, drawn at once; one declares a conflict and is replaced by a second draw (补抽)
    for (let s = 0; s < 5; s++) {
      // one reviewer far below the panel (the board flags it), on an application well below the funding line
      const outlier = spec.key === 'sewage' && s === 4;
      const scores = scoresFor(RURAL_RUBRIC, outlier ? spec.quality - 0.3 : spec.quality, `rural|${spec.key}|${s}`);
      const total = weightedTotal(RURAL_RUBRIC, scores);
      const replaced = spec.key === 'pest' && s === 2;
      if (replaced) {
        a.reviews.push({ status: 'declined', scores: {}, comment: '', total: null, assignedAt: W(203, '10:00'), declaredAt: null, submittedAt: null, method: 'draw',
          draw: 'closed1', conflictReason: '本人近两年受聘为申报单位提供技术咨询服务，申请回避。', version: 2 });
      }
      a.reviews.push({ status: 'submitted', scores, total, comment: outlier ? '产品市场同质化严重，关键技术指标缺乏依据，预算中设备费比例偏高，不建议支持。' : commentFor(total, i + s),
        assignedAt: replaced ? W(202, '15:00') : W(203, '10:00'), declaredAt: replaced ? D(201, '10:00') : D(202 - (s % 2), plusMinutes('09:00', s * 37 + i * 3)),
        submittedAt: replaced ? D(197, '16:00') : D(200 - s, plusMinutes('14:00', i * 6)), method: 'draw', draw: replaced ? 'closed2' : 'closed1', conflictReason: null, version: 3 });
    }
    const last = a.reviews.reduce((m, r) => (r.submittedAt && r.submittedAt > m ? r.submittedAt : m), new Date(0));
    a.flow.go('finish_review', null, last, null, 'expert');
    return { spec, a };
  });

  // ranking (the call drops the extremes) and the decision: the best, in order, while the budget lasts
  const reviewed = ruralApps.filter((x) => x.a.flow.status === 'reviewed').map((x) => x.a);
  const ranked = rank(reviewed.map((a) => ({ id: a.key, submittedAt: a.flow.submittedAt, totals: a.reviews.filter((r) => r.status === 'submitted').map((r) => r.total!) })), true);
  let left = 300 * WAN;
  let approvedCount = 0;
  for (const [n, r] of ranked.entries()) {
    const a = reviewed.find((x) => x.key === r.id)!;
    // the panel trims the budget of the herb project (equipment) a little
    const amount = a.key === 'herb' ? a.requested - 5 * WAN : a.requested;
    if (approvedCount < 6 && amount <= left) {
      a.flow.go('approve', city, W(185, plusMinutes('10:00', n * 3)));
      a.approved = amount;
      left -= amount;
      approvedCount++;
    } else {
      a.flow.go('reject', city, W(185, plusMinutes('10:00', n * 3)), '经专家评审和局务会研究，未列入本年度支持计划。');
    }
  }
  for (const must of ['seed', 'herb', 'apple', 'sheep', 'decoction', 'pest']) {
    if (reviewed.find((a) => a.key === must)!.approved == null) throw new Error(`demo projects: ${must} was expected among the approved`);
  }
  // 公示 (N working days of the calendar), objections, 任务书, 拨付, one accepted
  const noticeFrom = todayInChina(W(183, '16:30'));
  const { dueOn: noticeUntil } = await workingDeadline(tx, noticeFrom, 7);
  for (const [i, a] of reviewed.filter((x) => x.approved != null).entries()) {
    a.flow.go('publicize', city, W(183, '16:30'));
    a.noticeFrom = noticeFrom;
    a.noticeUntil = noticeUntil;
    if (a.key === 'decoction') {
      a.flow.note('objection', city, W(181, '17:10'), '收到来电反映申报单位示范生产线尚未建成。经现场核实，生产线主体设备已安装，反映情况与事实不符，维持拟立项结论。');
    }
    const signed = weekdayOnOrBefore(addDays(noticeUntil, 5 + i));
    const short = a.key === 'seed';
    a.contract = { targets: a.targets, startOn: signed, endOn: short ? addDays(signed, 120) : addDays(signed, 730 - 1) };
    a.flow.go('contract', city, atDay(signed, '10:00'));
    const first = Math.round((a.approved! * (short ? 0.7 : 0.6)) / WAN) * WAN;
    const pay = (amount: number, paidOn: string, note: string) => {
      a.tranches.push({ amount, paidOn, note });
      a.flow.note('tranche', city, atDay(paidOn, '11:00'), `${(amount / WAN).toFixed(2)} 万元（${paidOn}）：${note}`);
    };
    pay(first, weekdayOnOrBefore(addDays(signed, 12)), short ? '首笔拨付（70%）' : '首笔拨付（60%）');
    if (short) {
      pay(a.approved! - first, weekdayOnOrBefore(addDays(today, -24)), '执行期满、自评价报告提交后拨付剩余经费（30%）');
      a.flow.go('accept_pass', city, W(12, '10:00'),
        '验收专家组现场查验并听取汇报，一致认为项目完成任务书规定的各项考核指标：建成机械化制种示范基地1200亩，种子纯度99.2%、发芽率95%，同意通过验收。');
      a.acceptance = 'passed';
    }
  }

  // --- applications: the open call (重点研发) -----------------------------------------------------
  const rdApp = (key: string, org: Org, p: Parameters<typeof newApp>[3], created: Date) => newApp(openCall, key, org, p, created, org.regionCode !== CITY);
  const recommend = (a: App, at: Date) => a.flow.go('recommend', countyBureau(a.org.regionCode), at);
  const oilService = pick(['B0711'], ['621021', '621023']);
  const chemical = pick(['C2614'], []);
  const lift = rdApp('lift', ent1, {
    title: '页岩油水平井电动潜油螺杆泵举升装备研制与应用', field: '先进制造与自动化', wan: 80, partners: [oilService], stage: '工程化/产业化示范',
    summary: '针对陇东页岩油水平井产液量递减快、有杆泵偏磨严重的问题，研制电动潜油螺杆泵无杆举升装备及智能控制系统。',
    content: '1. 耐高温永磁电机与螺杆泵匹配设计；2. 井下工况监测与变频控制；3. 现场试验与评价。',
    targets: '研制样机3套并完成现场试验，泵效≥75%，检泵周期≥600天，系统节电20%以上；申请发明专利2件。' }, K(5, '10:20'));
  const attapulgite = rdApp('attapulgite', inst, {
    title: '凹凸棒石基高效土壤改良剂制备关键技术研究与示范', field: '新材料', wan: 60, partners: [chemical], reserveKey: 'attapulgite',
    summary: '以庆阳凹凸棒石为原料，研究改性与复配工艺，制备保水保肥型土壤改良剂，用于黄土高原旱作农田。',
    content: '1. 凹凸棒石提纯与有机改性；2. 改良剂配方与造粒工艺；3. 田间应用试验。',
    targets: '形成改良剂中试工艺1套，土壤有效持水量提高15%以上；建立示范田300亩；申请发明专利3件。',
    members: [{ name: '宋建军', orgName: '陇东学院', role: '技术负责人', expert: '宋建军' }] }, K(5, '11:05'));
  const flowback = rdApp('flowback', pick(['B0711', 'N7721'], ['621021', '621023']), {
    title: '页岩油压裂返排液高效处理与回用关键技术研究', field: '资源与环境', wan: 70,
    summary: '针对页岩油大规模体积压裂产生的返排液量大、成分复杂的问题，研究高效破胶、絮凝与膜处理组合工艺，实现返排液回用配液。',
    content: '1. 返排液水质特征分析；2. 破胶—絮凝—膜组合工艺；3. 撬装化处理装置与现场试验。',
    targets: '研制撬装处理装置1套，处理能力≥200 m³/d，处理后水质满足回用配液要求，处理成本降低30%。',
    members: [{ name: '陈德明', orgName: '兰州大学', role: '合作专家', expert: '陈德明' }] }, K(5, '15:50'));
  const gas = rdApp('gas', pick(['C2614', 'D4415', 'B0711'], []), {
    title: '油田伴生气轻烃回收与低碳利用技术研究与示范', field: '新能源与节能', wan: 60,
    summary: '针对陇东油田井场伴生气分散、放空燃烧造成资源浪费和碳排放的问题，研究小型撬装轻烃回收和余气发电技术。',
    content: '1. 井场伴生气组分与产量评价；2. 撬装式轻烃回收工艺；3. 余气发电与并网示范。',
    targets: '建成示范站1座，伴生气回收率≥90%，年减排二氧化碳5000吨以上。' }, K(5, '16:30'));
  const gully = rdApp('gully', inst, {
    title: '黄土高原沟壑区淤地坝智能监测与水土保持技术研究', field: '资源与环境', wan: 50,
    summary: '以董志塬周边沟壑区淤地坝为对象，研究坝体安全智能监测与沟道综合治理技术。',
    content: '1. 坝体变形与渗流监测；2. 预警模型；3. 沟道治理模式。',
    targets: '布设监测点30个，建立预警平台1套，形成技术导则1项。' }, K(5, '14:00'));
  const herb2 = rdApp('herb2', ent2, {
    title: '陇东道地中药材黄芩种子种苗繁育与质量标准研究', field: '生物与新医药', wan: 50,
    summary: '围绕黄芩种子种苗质量参差不齐的问题，开展优良种源选育、种苗繁育和质量分级标准研究。',
    content: '1. 种源评价与选育；2. 种苗繁育技术；3. 种子种苗质量分级标准。',
    targets: '选育优良品系2个，建立种苗繁育基地200亩，制定种子种苗质量分级标准1项。' }, K(4, '10:10'));
  const compute = rdApp('compute', pick(['I6513', 'I6540', 'C3990'], ['621002'], true), {
    title: '东数西算庆阳枢纽算力资源智能调度与绿色节能平台研发', field: '电子信息', wan: 90,
    summary: '面向庆阳数据中心集群，研发跨数据中心算力资源统一调度和基于绿电的能耗优化平台。',
    content: '1. 异构算力资源建模；2. 跨域任务调度算法；3. 绿电消纳与能耗优化；4. 平台研发与示范。',
    targets: '平台接入算力≥5000 PFLOPS，资源利用率提高20%，PUE降至1.25以下；软件著作权5项。' }, K(3, '16:20'));
  const inspect = rdApp('inspect', pick(['M7320', 'C4011'], ['621002'], true), {
    title: '油气集输管道腐蚀在线检测与安全评估技术研究', field: '先进制造与自动化', wan: 50,
    summary: '针对油田集输管道腐蚀穿孔风险，研究超声导波在线检测与剩余寿命评估技术。',
    content: '1. 超声导波检测装置；2. 腐蚀数据库；3. 安全评估模型。',
    targets: '研制检测装置1套，检测精度≥0.5 mm，完成50公里管道检测示范。' }, K(2, '10:40'));
  const cable = rdApp('cable', pick(['C3831'], []), {
    title: '高寒抗风沙光伏专用电缆材料研发', field: '新材料', wan: 40,
    summary: '研发适用于陇东高寒风沙环境的光伏专用电缆绝缘与护套材料。',
    content: '1. 耐寒耐磨护套配方；2. 加工工艺；3. 户外老化试验。',
    targets: '低温冲击−40℃合格，耐磨性能提高30%，形成产品2个。' }, K(4, '11:30'));
  const pvsand = rdApp('pvsand', pick(['D4415', 'C3825'], ['621022']), {
    title: '光伏+治沙复合系统智能运维与生态效益评估关键技术', field: '新能源与节能', wan: 80,
    summary: '面向环县大型光伏治沙基地，研究组件积尘智能清洗、无人机巡检与生态效益评估技术。',
    content: '1. 组件积尘监测与智能清洗；2. 无人机巡检与缺陷识别；3. 生态效益评估模型。',
    targets: '发电效率提高3%以上，缺陷识别准确率≥95%，形成评估方法1套。' }, K(4, '15:45'));
  rdApp('draft', ent1, {
    title: '抽油机远程智能监控与节能控制系统研发', field: '先进制造与自动化', wan: 50,
    summary: '研发抽油机示功图远程采集与智能诊断、间抽节能控制系统。',
    content: '（草稿，待完善）', targets: '（草稿，待完善）' }, K(1, '21:10'));

  // the week since the call opened, weekday by weekday (K(5) is the earliest)
  lift.flow.go('submit', actorOf(lift.org), K(4, '15:10'));
  attapulgite.flow.go('submit', actorOf(attapulgite.org), K(4, '16:45'));
  flowback.flow.go('submit', actorOf(flowback.org), K(4, '17:20'));
  gas.flow.go('submit', actorOf(gas.org), K(4, '09:15'));
  gully.flow.go('submit', actorOf(gully.org), K(4, '09:40'));
  for (const [a, at] of [[gas, '09:30'], [lift, '10:00'], [gully, '10:05'], [attapulgite, '10:20'], [flowback, '11:30']] as const) recommend(a, K(3, at));
  for (const [a, at] of [[lift, '15:00'], [attapulgite, '15:10'], [flowback, '15:20'], [gas, '15:30']] as const) a.flow.go('formal_pass', city, K(3, at));
  for (const a of [lift, attapulgite, flowback, gas]) a.flow.go('start_review', city, K(2, '10:00'));
  gully.flow.go('formal_return', city, K(1, '15:30'),
    '1. 预算表中设备费占申请经费的58%，超过指南规定的50%，且未附设备购置必要性论证；2. 缺少合作单位（庆阳市水土保持站）的合作协议。请修改后在截止日前重新提交。');
  herb2.flow.go('submit', actorOf(herb2.org), K(3, '15:00'));
  recommend(herb2, K(1, '10:30'));
  compute.flow.go('submit', actorOf(compute.org), K(2, '17:40'));
  inspect.flow.go('submit', actorOf(inspect.org), K(1, '11:25'));
  cable.flow.go('submit', actorOf(cable.org), K(3, '10:00'));
  cable.flow.go('recommend_return', countyBureau(cable.org.regionCode), K(2, '09:45'),
    '县级推荐意见：申报单位上年度研发费用未按指南要求设立辅助账归集，请补充研发费用辅助账及专项审计报告后重新提交。');
  pvsand.flow.go('submit', actorOf(pvsand.org), K(3, '11:40'));
  recommend(pvsand, K(2, '09:30'));
  pvsand.flow.go('formal_pass', city, K(1, '10:30'));

  // reviews under way: expert1 (周文华) has one submitted, one half scored, one still to open
  const zhou = X('周文华');
  const openPlan = (a: App, quality: number, states: ('submitted' | 'declared' | 'draft' | 'assigned')[], fixed0?: number) => {
    states.forEach((st, s) => {
      const mine = s === 0 && fixed0 != null;
      const assignedAt = mine ? K(2, '10:05') : K(2, '10:00');
      const declaredAt = st === 'assigned' ? null : mine ? (st === 'submitted' ? K(2, '19:12') : K(1, '19:40'))
        : s % 2 ? K(1, plusMinutes('09:00', s * 41)) : K(2, plusMinutes('15:00', s * 41));
      const full = scoresFor(KEY_RD_RUBRIC, quality, `keyrd|${a.key}|${s}`);
      const scores = st === 'submitted' ? full : st === 'draft' ? scoresFor(KEY_RD_RUBRIC, quality, `keyrd|${a.key}|${s}`, 3) : {};
      const total = st === 'submitted' ? weightedTotal(KEY_RD_RUBRIC, full) : null;
      a.reviews.push({ fixed: mine ? fixed0 : undefined, status: st === 'draft' ? 'declared' : st, scores, total,
        comment: st === 'submitted' ? commentFor(total!, s + a.key.length) : st === 'draft' ? '创新点较明确，技术路线待进一步核实（草稿）' : '',
        assignedAt, declaredAt, submittedAt: st === 'submitted' ? (mine ? K(1, '20:15') : K(1, plusMinutes('16:00', s * 23))) : null,
        method: mine ? 'manual' : 'draw', draw: mine ? null : 'open', conflictReason: null,
        version: st === 'assigned' ? 1 : st === 'declared' ? 2 : 3 });
    });
  };
  openPlan(lift, 0.84, ['submitted', 'submitted', 'submitted', 'draft', 'assigned'], zhou);
  openPlan(attapulgite, 0.8, ['submitted', 'submitted', 'declared', 'draft', 'assigned']);
  openPlan(flowback, 0.78, ['draft', 'submitted', 'assigned', 'assigned', 'assigned'], zhou);
  openPlan(gas, 0.75, ['assigned', 'declared', 'assigned', 'assigned', 'assigned'], zhou);

  // --- write the applications and their parts ---------------------------------------------------
  const col = <T>(f: (a: App) => T) => apps.map(f);
  const { rows: appRows } = await tx.query(
    `INSERT INTO application (call_id, org_id, region_code, title, field, summary, requested_amount, own_funds, form_data, budget, status, needs_recommendation,
                              submitted_at, approved_amount, notice_from, notice_until, contract, acceptance, reserve_item_id, created_by, created_at, updated_at, version)
     SELECT t.call_id, t.org_id, t.region, t.title, t.field, t.summary, t.requested, t.own, t.form::jsonb, t.budget::jsonb, t.status, t.needs, t.submitted, t.approved,
            t.nfrom, t.nuntil, t.contract::jsonb, t.acceptance, t.reserve, t.created_by, t.created, t.updated, t.version
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[],
                   $12::boolean[], $13::timestamptz[], $14::bigint[], $15::date[], $16::date[], $17::text[], $18::text[], $19::bigint[], $20::bigint[],
                   $21::timestamptz[], $22::timestamptz[], $23::int[])
         AS t(call_id, org_id, region, title, field, summary, requested, own, form, budget, status, needs, submitted, approved, nfrom, nuntil, contract,
              acceptance, reserve, created_by, created, updated, version)
     RETURNING id, call_id, title`,
    [col((a) => a.callId), col((a) => a.org.id), col((a) => a.org.regionCode), col((a) => a.title), col((a) => a.field), col((a) => a.summary),
      col((a) => a.requested), col((a) => a.ownFunds), col((a) => JSON.stringify(a.formData)), col((a) => JSON.stringify(budgetTable(a.requested, a.ownFunds))),
      col((a) => a.flow.status), col((a) => a.needsRecommendation), col((a) => a.flow.submittedAt?.toISOString() ?? null), col((a) => a.approved),
      col((a) => a.noticeFrom), col((a) => a.noticeUntil), col((a) => (a.contract ? JSON.stringify(a.contract) : null)), col((a) => a.acceptance),
      col((a) => (a.reserveKey ? reserveId(a.reserveKey) : null)), col((a) => a.org.user?.id ?? null), col((a) => a.flow.createdAt.toISOString()),
      col((a) => a.flow.updatedAt.toISOString()), col((a) => a.flow.version)]);
  const appId = new Map<App, number>(apps.map((a) => [a, Number(appRows.find((r) => Number(r.call_id) === a.callId && r.title === a.title)!.id)]));
  const id = (a: App) => appId.get(a)!;

  // a reserve item taken up by an application is 已申报, and 已立项 once approved (as the API does)
  const linked = apps.filter((a) => a.reserveKey);
  await tx.query(
    `UPDATE reserve_item r SET application_id = t.app, lead_org_id = t.org, status = t.status, updated_at = t.at,
           version = version + CASE WHEN t.status = 'approved' THEN 2 ELSE 1 END
       FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[]) AS t(id, app, org, status, at) WHERE r.id = t.id`,
    [linked.map((a) => reserveId(a.reserveKey!)), linked.map(id), linked.map((a) => a.org.id), linked.map((a) => (a.approved != null ? 'approved' : 'applied')),
      linked.map((a) => (a.approved != null ? a.flow.events.find((e) => e.action === 'approve')!.at : a.flow.createdAt).toISOString())]);

  const members = apps.flatMap((a) => a.members.map((m, i) => ({ app: id(a), seq: i + 1, ...m })));
  await tx.query(
    `INSERT INTO application_member (application_id, seq, name, org_name, role, expert_id, id_number_tail)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])`,
    [members.map((m) => m.app), members.map((m) => m.seq), members.map((m) => m.name), members.map((m) => m.orgName), members.map((m) => m.role),
      members.map((m) => (m.expert ? X(m.expert) : null)), members.map((m) => m.tail ?? null)]);
  const partners = apps.flatMap((a) => a.partners.filter((p) => p.id !== a.org.id).map((p) => [id(a), p.id]));
  if (partners.length) {
    await tx.query('INSERT INTO application_partner (application_id, org_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING',
      [partners.map((p) => p[0]), partners.map((p) => p[1])]);
  }
  const events = apps.flatMap((a) => a.flow.events.map((e) => ({ app: id(a), ...e })));
  await tx.query(
    `INSERT INTO application_event (application_id, action, from_status, to_status, comment, actor_id, actor_name, at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[])`,
    [events.map((e) => e.app), events.map((e) => e.action), events.map((e) => e.from), events.map((e) => e.to), events.map((e) => e.comment),
      events.map((e) => e.who?.id ?? null), events.map((e) => e.who?.name ?? null), events.map((e) => e.at.toISOString())]);
  const tranches = apps.flatMap((a) => a.tranches.map((t) => ({ app: id(a), ...t })));
  await tx.query(
    `INSERT INTO funding_tranche (application_id, amount, paid_on, note, created_by, created_at)
     SELECT t.app, t.amount, t.paid_on, t.note, $5, t.at
       FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::text[], $6::timestamptz[]) AS t(app, amount, paid_on, note, at)`,
    [tranches.map((t) => t.app), tranches.map((t) => t.amount), tranches.map((t) => t.paidOn), tranches.map((t) => t.note), city.id,
      tranches.map((t) => atDay(t.paidOn, '11:00').toISOString())]);

  // --- who reviews: as a draw would, from the registry's facts, never in conflict ------------------
  const pool = await expertFacts(tx, { provinceOf: CITY });
  const assignments: { callId: number; app: number; expert: number; plan: ReviewPlan }[] = [];
  for (const [callId, list] of [[closedCall, ruralApps.map((x) => x.a)], [openCall, [lift, attapulgite, flowback, gas]]] as const) {
    const withReviews = list.filter((a) => a.reviews.length);
    const items = new Map((await reviewItems(tx, callId, { applicationIds: withReviews.map(id), on: today })).map((i) => [i.id, i]));
    const load = new Map<number, number>();
    for (const a of withReviews) {
      const item = items.get(id(a))!;
      const on = new Set<number>();
      const free = (x: PoolExpert) => x.status === 'active' && DRAW_RANKS.includes(x.titleRank) && !on.has(x.id)
        && breachedRule(DEFAULT_AVOIDANCE as AvoidanceRule[], x, item) == null;
      for (const [s, plan] of a.reviews.entries()) {
        let expert: number;
        if (plan.fixed != null) {
          const x = pool.get(plan.fixed)!;
          if (!free(x)) throw new Error(`demo projects: expert ${plan.fixed} may not review ${a.key}`);
          expert = plan.fixed;
        } else {
          const order = (xs: PoolExpert[]) => xs.sort((p, q) => (load.get(p.id) ?? 0) - (load.get(q.id) ?? 0)
            || seededRandom(`${a.key}|${s}|${p.id}`)() - seededRandom(`${a.key}|${s}|${q.id}`)());
          // fixed reviewers of the other applications are kept for them, so a draw does not take them first
          const candidates = [...pool.values()].filter((x) => free(x) && x.id !== zhou);
          const qualified = order(candidates.filter((x) => x.fields.includes(a.field)));
          const chosen = qualified[0] ?? order(candidates)[0];
          if (!chosen) throw new Error(`demo projects: no expert left for ${a.key}`);
          if (!qualified.length) { plan.method = 'manual'; plan.draw = null; }
          expert = chosen.id;
        }
        on.add(expert);
        if (plan.status !== 'declined') load.set(expert, (load.get(expert) ?? 0) + 1);
        assignments.push({ callId, app: id(a), expert, plan });
      }
    }
  }
  const { rows: draws } = await tx.query(
    `INSERT INTO review_draw (call_id, seed, assigned, unfilled, created_by, created_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::timestamptz[]) RETURNING id, seed`,
    [[closedCall, closedCall, openCall], ['5e1b7c3a90d24f68', 'c27d04e9a1b35f80', '8f3a61d2c4e07b95'],
      ['closed1', 'closed2', 'open'].map((d) => assignments.filter((x) => x.plan.draw === d).length), [0, 0, 0], [city.id, city.id, city.id],
      [W(203, '10:00').toISOString(), W(202, '15:00').toISOString(), K(2, '10:00').toISOString()]]);
  const drawId = (d: string | null) => (d == null ? null : Number(draws[['closed1', 'closed2', 'open'].indexOf(d)].id));
  const ts = (d: Date | null) => d?.toISOString() ?? null;
  await tx.query(
    `INSERT INTO review_assignment (call_id, application_id, expert_id, status, method, draw_id, conflict_reason, scores, comment, total, assigned_by,
                                    assigned_at, declared_at, submitted_at, version)
     SELECT t.call_id, t.app, t.expert, t.status, t.method, t.draw, t.reason, t.scores::jsonb, t.comment, t.total, $15, t.assigned, t.declared, t.submitted, t.version
       FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::numeric[],
                   $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::int[])
         AS t(call_id, app, expert, status, method, draw, reason, scores, comment, total, assigned, declared, submitted, version)`,
    [assignments.map((x) => x.callId), assignments.map((x) => x.app), assignments.map((x) => x.expert), assignments.map((x) => x.plan.status),
      assignments.map((x) => x.plan.method), assignments.map((x) => drawId(x.plan.draw)), assignments.map((x) => x.plan.conflictReason),
      assignments.map((x) => JSON.stringify(x.plan.scores)), assignments.map((x) => x.plan.comment), assignments.map((x) => x.plan.total),
      assignments.map((x) => ts(x.plan.assignedAt)), assignments.map((x) => ts(x.plan.declaredAt)), assignments.map((x) => ts(x.plan.submittedAt)),
      assignments.map((x) => x.plan.version), city.id]);
  // the pledge (承诺书): signed once per call and expert, just before the first declaration
  const pledges = new Map<string, Date>();
  for (const x of assignments) {
    if (!x.plan.declaredAt) continue;
    const k = `${x.callId}|${x.expert}`;
    const at = new Date(x.plan.declaredAt.getTime() - 60_000);
    if (!pledges.has(k) || at < pledges.get(k)!) pledges.set(k, at);
  }
  await tx.query(`INSERT INTO review_pledge (call_id, expert_id, signed_at) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[])`,
    [[...pledges.keys()].map((k) => Number(k.split('|')[0])), [...pledges.keys()].map((k) => Number(k.split('|')[1])), [...pledges.values()].map((d) => d.toISOString())]);

  // two 消息 a first sign-in reads: expert1's new reviews, 陇东学院's returned application
  await tx.query(
    `INSERT INTO notification (user_id, kind, title, title_en, body, body_en, link, created_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
    [[Number(user('expert1').id), Number(user('qy_inst1').id)], ['review.assigned', 'application.returned'],
      ['您有新的评审任务', `申报被退回：${gully.title}`], ['You have new applications to review', `Application returned: ${gully.title}`],
      ['请在评审任务中签署承诺书并声明无利益冲突后开始评审。', gully.flow.events[gully.flow.events.length - 1].comment!],
      ['Sign the pledge and declare no conflict in Reviews before you score.', gully.flow.events[gully.flow.events.length - 1].comment!],
      ['/projects/reviews', `/projects/mine?application=${id(gully)}`], [K(2, '10:05').toISOString(), K(1, '15:30').toISOString()]]);

  return { experts: EXPERTS.length, programmes: 3, calls: { open: openCall, closed: closedCall }, applications: apps.length, assignments: assignments.length, reserve: RESERVE.length };
}

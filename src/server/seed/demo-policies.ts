/**
 * Demo policy library: national documents a county bureau works with every day — titles, 文号,
 * issuers and dates as published; the texts here are our own summaries of their main provisions,
 * not the official wording — and a set of local demo policies of the demo region (庆阳市, 张掖市),
 * which are invented. Two are stored in traditional characters, as text pasted from a Hong Kong or
 * Taiwan mirror would be, so that search across scripts can be seen at work. A benefit's `requires`
 * names the status a firm must hold to enjoy it (the 15 % rate: 高新技术企业), so that 可享政策
 * tells what a firm enjoys now from what it may apply for.
 */
import type { Queryable } from '../db/database';
import { recordAudit } from '../modules/audit/record';
import type { PolicyInput } from '../modules/policies/schema';
import { insertPolicy } from '../modules/policies/service';

const SYSTEM = { id: null, username: 'system', role: null, ip: '127.0.0.1' };

type Demo = Partial<PolicyInput> & Pick<PolicyInput, 'title' | 'level'> & { key: string; relations?: [kind: 'amends' | 'replaces' | 'repeals', key: string][] };

const d = (p: Demo): Demo => p;

export const DEMO_POLICIES: Demo[] = [
  d({ key: 'ht32', title: '高新技术企业认定管理办法', docNumber: '国科发火〔2016〕32号', issuer: '科技部 财政部 国家税务总局', level: 'national',
    categories: ['enterprise', 'finance'], issuedOn: '2016-01-29', effectiveOn: '2016-01-01',
    summary: '规定高新技术企业认定的八项条件、程序和监督管理；认定后三年内可享受15%的企业所得税优惠税率。',
    text: `第一条 为扶持和鼓励高新技术企业发展，根据《中华人民共和国企业所得税法》及其实施条例有关规定，制定本办法。
第十一条 认定为高新技术企业须同时满足以下条件：（一）企业申请认定时须注册成立一年以上；（二）企业通过自主研发、受让、受赠、并购等方式，获得对其主要产品（服务）在技术上发挥核心支持作用的知识产权的所有权；（三）对企业主要产品（服务）发挥核心支持作用的技术属于《国家重点支持的高新技术领域》规定的范围；（四）企业从事研发和相关技术创新活动的科技人员占企业当年职工总数的比例不低于10%；（五）企业近三个会计年度的研究开发费用总额占同期销售收入总额的比例符合要求：最近一年销售收入小于5,000万元（含）的企业，比例不低于5%；最近一年销售收入在5,000万元至2亿元（含）的企业，比例不低于4%；最近一年销售收入在2亿元以上的企业，比例不低于3%；其中，企业在中国境内发生的研究开发费用总额占全部研究开发费用总额的比例不低于60%；（六）近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%；（七）企业创新能力评价应达到相应要求；（八）企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为。
第十二条 高新技术企业资格自颁发证书之日起有效期为三年。
第十七条 高新技术企业发生更名或与认定条件有关的重大变化，应在三个月内向认定机构报告。`,
    interpretation: '高企认定的核心是“八条全满足”。县区企业最常卡在两处：研发费用占比（按近三年合计计算，注意按最近一年销售收入分档）和高新技术产品收入占比60%。建议企业提前一年规范研发费用辅助账，并按《工作指引》归集八类费用。',
    benefits: [{ kind: 'tax', description: '减按15%的税率征收企业所得税', amount: '税率15%', requires: ['high_tech'] }],
    conditions: { hightechFields: ['电子信息', '生物与新医药', '航空航天', '新材料', '高技术服务', '新能源与节能', '资源与环境', '先进制造与自动化'], tiersNotHeld: ['high_tech'], minRdRatio: 3 } }),
  d({ key: 'ht195', title: '高新技术企业认定管理工作指引', docNumber: '国科发火〔2016〕195号', issuer: '科技部 财政部 国家税务总局', level: 'national',
    categories: ['enterprise'], issuedOn: '2016-06-22', effectiveOn: '2016-01-01',
    summary: '细化认定条件的口径：科技人员、研发费用八类归集、销售收入与总收入、创新能力评价四项指标的评分。',
    text: `一、认定条件中“最近一年”指企业申报前一个会计年度；“近三个会计年度”指企业申报前的连续三个会计年度（不含申报年）。
二、科技人员指直接从事研发和相关技术创新活动，以及专门从事上述活动的管理和提供直接技术服务的，累计实际工作时间在183天以上的人员。
三、研究开发费用包括人员人工费用、直接投入费用、折旧费用与长期待摊费用、无形资产摊销费用、设计费用、装备调试费用与试验费用、委托外部研究开发费用、其他费用；委托外部研究开发费用按实际发生额的80%计入，其他费用一般不得超过研究开发总费用的20%。
四、企业创新能力评价包括知识产权、科技成果转化能力、研究开发组织管理水平、企业成长性四项指标，满分100分，综合得分达到70分以上（不含70分）为符合认定要求。`,
    interpretation: '《工作指引》是填报高企申报材料的“口径书”。研发费用辅助账的八类费用口径、科技人员183天标准、成长性指标的计算方法都以此为准。',
    relations: [] }),
  d({ key: 'sme115', title: '科技型中小企业评价办法', docNumber: '国科发政〔2017〕115号', issuer: '科技部 财政部 国家税务总局', level: 'national',
    categories: ['enterprise', 'finance'], issuedOn: '2017-05-03', effectiveOn: '2017-05-03',
    summary: '科技型中小企业的条件与评分：职工不超过500人、年销售收入和资产总额均不超过2亿元，综合评价得分不低于60分。',
    text: `第六条 科技型中小企业须同时满足以下条件：（一）在中国境内（不包括港、澳、台地区）注册的居民企业；（二）职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元；（三）企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类；（四）企业在填报上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为，且企业未列入经营异常名录和严重违法失信企业名单；（五）企业根据科技型中小企业评价指标进行综合评价所得分值不低于60分，且科技人员指标得分不得为0分。
第七条 科技型中小企业评价指标具体包括科技人员、研发投入、科技成果三类，满分100分。
第八条 符合第六条第（一）至（四）项条件的企业，若同时符合下列条件中的一项，则可直接确认符合科技型中小企业条件：（一）企业拥有有效期内高新技术企业资格证书；（二）企业近五年内获得过国家级科技奖励，并在获奖单位中排在前三名；（三）企业拥有经认定的省部级以上研发机构；（四）企业近五年内主导制定过国际标准、国家标准或行业标准。`,
    interpretation: '科小入库是享受研发费用加计扣除100%、申报多数科技项目的“门票”。每年3月底前完成上一年度信息更新，入库编号当年有效。',
    benefits: [{ kind: 'tax', description: '研发费用按100%在税前加计扣除', amount: '100%', requires: ['tech_sme'] }],
    conditions: { maxStaff: 500, maxSalesRevenue: 200_000_000, maxTotalAssets: 200_000_000, tiersNotHeld: ['tech_sme'] } }),
  d({ key: 'sme67', title: '科技型中小企业评价服务工作指引', docNumber: '国科火字〔2022〕67号', issuer: '科学技术部火炬高技术产业开发中心', level: 'national',
    categories: ['enterprise'], issuedOn: null, effectiveOn: null,
    summary: '科技型中小企业评价的服务流程：注册、填报、省级科技管理部门形式审查、公示10个工作日、取得入库登记编号。',
    text: `企业在服务平台注册后填报信息表，省级科技管理部门组织对企业信息进行形式审查，审查通过的企业在服务平台公示10个工作日，公示无异议的纳入全国科技型中小企业信息库，获得入库登记编号。
已入库企业应在每年3月底前更新信息，更新后仍符合条件的保留入库登记编号。`,
    interpretation: '本指引替代了原评价工作指引，县区科技局主要负责辖区企业的政策宣传、辅导填报和公示期异议处理。' }),
  d({ key: 'rd119', title: '关于完善研究开发费用税前加计扣除政策的通知', docNumber: '财税〔2015〕119号', issuer: '财政部 国家税务总局 科技部', level: 'national',
    categories: ['finance'], issuedOn: '2015-11-02', effectiveOn: '2016-01-01',
    summary: '明确允许加计扣除的研发活动和费用范围、不适用税前加计扣除的行业（负面清单）及核算管理要求。',
    text: `一、研发活动及研发费用归集范围：人员人工费用；直接投入费用；折旧费用；无形资产摊销；新产品设计费、新工艺规程制定费等；其他相关费用，此类费用总额不得超过可加计扣除研发费用总额的10%。
四、不适用税前加计扣除政策的行业：烟草制造业；住宿和餐饮业；批发和零售业；房地产业；租赁和商务服务业；娱乐业。
五、企业委托外部机构或个人进行研发活动所发生的费用，按照费用实际发生额的80%计入委托方研发费用并计算加计扣除。`,
    interpretation: '现行加计扣除比例已由2023年第7号公告统一提高到100%，但本通知关于研发活动、费用范围和负面清单行业的规定仍然适用。' }),
  d({ key: 'rd40', title: '国家税务总局关于研发费用税前加计扣除归集范围有关问题的公告', docNumber: '国家税务总局公告2017年第40号', issuer: '国家税务总局', level: 'national',
    categories: ['finance'], issuedOn: '2017-11-08', effectiveOn: '2017-01-01',
    summary: '细化人员人工费用、直接投入费用、折旧费用、其他相关费用等归集口径。',
    text: `一、人员人工费用：指直接从事研发活动人员的工资薪金、基本养老保险费、基本医疗保险费、失业保险费、工伤保险费、生育保险费和住房公积金，以及外聘研发人员的劳务费用。
二、直接投入费用：研发活动直接消耗的材料、燃料和动力费用等。
七、其他相关费用：与研发活动直接相关的其他费用，其他相关费用总额不得超过可加计扣除研发费用总额的10%。`,
    interpretation: '与财税〔2015〕119号配套执行，是企业设置研发费用辅助账的直接依据。' }),
  d({ key: 'sme16', title: '关于进一步提高科技型中小企业研发费用税前加计扣除比例的公告', docNumber: '财政部 税务总局 科技部公告2022年第16号', issuer: '财政部 税务总局 科技部', level: 'national',
    categories: ['finance', 'enterprise'], issuedOn: '2022-03-23', effectiveOn: '2022-01-01',
    summary: '科技型中小企业开展研发活动实际发生的研发费用，自2022年1月1日起按100%在税前加计扣除。',
    text: `一、科技型中小企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2022年1月1日起，再按照实际发生额的100%在税前加计扣除；形成无形资产的，自2022年1月1日起，按照无形资产成本的200%在税前摊销。
二、科技型中小企业享受本公告优惠政策的其他政策口径和管理要求，按照财税〔2015〕119号等文件相关规定执行。`,
    interpretation: '2023年第7号公告将100%比例推广到所有符合条件的企业，科小专项比例的意义转为“入库即享受、可在预缴时申报”。',
    benefits: [{ kind: 'tax', description: '研发费用加计扣除比例提高到100%', amount: '100%' }] }),
  d({ key: 'rd7', title: '关于进一步完善研发费用税前加计扣除政策的公告', docNumber: '财政部 税务总局公告2023年第7号', issuer: '财政部 税务总局', level: 'national',
    categories: ['finance'], issuedOn: '2023-03-26', effectiveOn: '2023-01-01',
    summary: '企业开展研发活动实际发生的研发费用，自2023年1月1日起按100%在税前加计扣除；形成无形资产的按200%摊销。作为制度性安排长期实施。',
    text: `一、企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2023年1月1日起，再按照实际发生额的100%在税前加计扣除；形成无形资产的，自2023年1月1日起，按照无形资产成本的200%在税前摊销。
二、企业享受研发费用加计扣除政策的其他政策口径和管理要求，按照《财政部 国家税务总局 科技部关于完善研究开发费用税前加计扣除政策的通知》（财税〔2015〕119号）等文件相关规定执行。
三、本公告自2023年1月1日起执行，《财政部 税务总局 科技部关于进一步提高科技型中小企业研发费用税前加计扣除比例的公告》（财政部 税务总局 科技部公告2022年第16号）同时废止。`,
    interpretation: '这是目前适用面最广的研发费用加计扣除政策：所有会计核算健全、实行查账征收、能准确归集研发费用的居民企业（负面清单行业除外）均可享受，没有截止日期。',
    benefits: [{ kind: 'tax', description: '研发费用在据实扣除基础上再按100%加计扣除', amount: '100%' }],
    relations: [['repeals', 'sme16']] }),
  d({ key: 'rd44', title: '关于提高集成电路和工业母机企业研发费用加计扣除比例的公告', docNumber: '财政部 税务总局 国家发展改革委 工业和信息化部公告2023年第44号', issuer: '财政部 税务总局 国家发展改革委 工业和信息化部', level: 'national',
    categories: ['finance'], issuedOn: '2023-09-12', effectiveOn: '2023-01-01', expiresOn: '2027-12-31',
    summary: '集成电路企业和工业母机企业的研发费用，2023年1月1日至2027年12月31日期间按120%在税前加计扣除。',
    text: `一、集成电路企业和工业母机企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，在2023年1月1日至2027年12月31日期间，再按照实际发生额的120%在税前扣除；形成无形资产的，在上述期间按照无形资产成本的220%在税前摊销。`,
    benefits: [{ kind: 'tax', description: '研发费用按120%加计扣除', amount: '120%' }] }),
  d({ key: 'tc63', title: '技術合同認定登記管理辦法', docNumber: '國科發政字〔2000〕063號', issuer: '科學技術部 財政部 國家稅務總局', level: 'national',
    categories: ['transfer', 'finance'], issuedOn: '2000-02-16', effectiveOn: '2000-02-16',
    summary: '技術合同認定登記的機構、程序和時限；經認定登記的技術合同方可享受有關稅收優惠。',
    text: `第二條 本辦法所稱技術合同認定，是指根據《技術合同認定規則》對技術合同當事人申請認定登記的合同文本從技術上進行核查，確認其是否符合技術合同要求的專項管理工作。
第六條 技術合同認定登記實行按地域一次登記制度。技術開發合同的研究開發人、技術轉讓合同的讓與人、技術諮詢和技術服務合同的受託人，以及技術培訓合同的培訓人、技術中介合同的中介人，應當在合同成立後向所在地區的技術合同登記機構提出認定登記申請。
第九條 技術合同登記機構應當自受理認定登記申請之日起30日內完成認定登記事項。
第十三條 經認定登記的技術合同，當事人可以持認定登記證明，向主管稅務機關提出申請，經審核批准後，享受國家規定的稅收優惠政策。`,
    interpretation: '（本條以繁體字存儲，用於演示簡繁互查）技術合同登記是技術交易額統計和技術轉讓所得稅減免的前提，縣區應引導企業“應登盡登”。' }),
  d({ key: 'tc253', title: '技术合同认定规则', docNumber: '国科发政字〔2001〕253号', issuer: '科学技术部', level: 'national',
    categories: ['transfer'], issuedOn: '2001-07-18', effectiveOn: '2001-07-18',
    summary: '技术开发、技术转让、技术咨询、技术服务等合同的认定条件和核定技术交易额的规则。',
    text: `第二条 技术合同认定是指技术合同登记机构根据本规则对当事人申请认定登记的合同进行核查，确认其是否属于技术合同及属于何种技术合同。
第十条 技术开发合同、技术转让合同、技术咨询合同和技术服务合同分别按照本规则规定的条件认定。
第十九条 技术合同登记机构应当对申请认定登记合同的技术交易额进行核定。` }),
  d({ key: 'tp32', title: '国务院办公厅关于深入推行科技特派员制度的若干意见', docNumber: '国办发〔2016〕32号', issuer: '国务院办公厅', level: 'national',
    categories: ['talent', 'agriculture'], issuedOn: '2016-05-01', effectiveOn: '2016-05-01',
    summary: '壮大科技特派员队伍，完善选派、激励和服务机制，推动科技特派员在乡村振兴和农村创业中发挥作用。',
    text: `一、总体要求：以深入推行科技特派员制度为抓手，壮大科技特派员队伍，完善科技特派员制度，激发广大科技特派员创新创业热情，推进农村大众创业、万众创新。
二、重点任务：提升农业科技创新支撑水平；完善新型农业社会化科技服务体系；推进农村科技创业；加快推动农村一二三产业融合发展；壮大科技特派员队伍。
三、政策措施：加大对科技特派员创业的金融支持；支持高校、科研院所科技人员以科技特派员身份到农村开展创业，保留人事关系，职称评定、工资福利、社会保障等方面权益不受影响。`,
    interpretation: '注意与高企认定管理办法（国科发火〔2016〕32号）同为“〔2016〕32号”，按完整文号检索即可区分。科技特派员服务记录、年度考核可在本平台“科技人才”模块登记。',
    benefits: [{ kind: 'talent', description: '科技人员以科技特派员身份创业，保留人事关系和相关权益', amount: null }] }),
  d({ key: 'cg16', title: '实施《中华人民共和国促进科技成果转化法》若干规定', docNumber: '国发〔2016〕16号', issuer: '国务院', level: 'national',
    categories: ['transfer', 'talent'], issuedOn: '2016-02-26', effectiveOn: '2016-02-26',
    summary: '高校院所可自主决定科技成果转让、许可和作价投资；成果转化净收入用于奖励科研人员的比例不低于50%。',
    text: `一、促进研究开发机构、高等院校技术转移：国家设立的研究开发机构、高等院校可以自主决定转让、许可或者作价投资，除涉及国家秘密、国家安全外，不需审批或者备案。
二、激励科技人员创新创业：以技术转让或者许可方式转化职务科技成果的，应当从技术转让或者许可所取得的净收入中提取不低于50%的比例用于奖励。` }),
  d({ key: 'cg28', title: '促进科技成果转移转化行动方案', docNumber: '国办发〔2016〕28号', issuer: '国务院办公厅', level: 'national',
    categories: ['transfer'], issuedOn: '2016-04-21', effectiveOn: '2016-04-21',
    summary: '开展科技成果信息汇交与发布、产学研协同转移转化、建设技术市场和技术转移机构、培养技术经纪人等八项重点任务。',
    text: `重点任务：（一）开展科技成果信息汇交与发布；（二）产学研协同开展科技成果转移转化；（三）建设科技成果中试与产业化载体；（四）强化科技成果转移转化市场化服务；（五）大力推动科技型创新创业；（六）建设科技成果转移转化人才队伍；（七）大力推动地方科技成果转移转化；（八）强化科技成果转移转化的多元化资金投入。` }),
  d({ key: 'tt44', title: '国家技术转移体系建设方案', docNumber: '国发〔2017〕44号', issuer: '国务院', level: 'national',
    categories: ['transfer'], issuedOn: '2017-09-15', effectiveOn: '2017-09-15',
    summary: '到2025年建成功能完善、运行高效、市场化的国家技术转移体系；发展技术转移机构和技术经纪人队伍，建设全国技术交易网络。',
    text: `基础架构：激发创新主体技术转移活力；建设统一开放的技术市场；发展技术转移机构；壮大专业化技术转移人才队伍。
拓展功能：推动科技成果有序流动；推动军民科技成果融合转化；推动科技成果跨区域转移扩散；拓宽技术转移国际化通道。` }),

  // local demo policies (invented for the demo region)
  d({ key: 'qyVoucher', title: '庆阳市科技创新券管理办法（试行）', docNumber: '庆科发〔2024〕15号', issuer: '庆阳市科学技术局 庆阳市财政局', level: 'city', regionCode: '621000',
    categories: ['finance', 'enterprise'], issuedOn: '2024-03-18', effectiveOn: '2024-04-01', expiresOn: '2026-12-31',
    summary: '（演示数据）面向市内科技型中小企业发放创新券，用于购买检验检测、研发设计、技术转移等科技服务，单个企业每年不超过20万元。',
    text: `第一条 为降低中小企业创新成本，引导企业利用高校院所和服务机构的科技资源，制定本办法。
第五条 申领对象为在本市注册、已入库科技型中小企业信息库的企业。
第八条 创新券按服务合同金额的50%抵扣，单个企业每年使用额度不超过20万元，当年有效，跨年作废。
第十二条 服务机构凭服务合同、发票和服务报告向市科技局申请兑付。`,
    interpretation: '（演示解读）先入库科小再申领创新券；服务机构须在全市科技服务机构名录内。',
    benefits: [{ kind: 'subsidy', description: '科技服务费用按50%抵扣', amount: '每年不超过20万元', requires: ['tech_sme'] }],
    conditions: { tiersHeld: ['tech_sme'], maxStaff: 500, maxSalesRevenue: 200_000_000 } }),
  d({ key: 'qyHt', title: '庆阳市高新技术企业培育奖励办法', docNumber: '庆政办发〔2023〕42号', issuer: '庆阳市人民政府办公室', level: 'city', regionCode: '621000',
    categories: ['enterprise'], issuedOn: '2023-06-09', effectiveOn: '2023-07-01', expiresOn: '2025-06-30',
    summary: '（演示数据）首次认定的高新技术企业奖励30万元，重新认定的奖励10万元；入选后备库企业给予研发补助。',
    text: `第三条 对首次认定为高新技术企业的，一次性奖励30万元；对重新认定的，一次性奖励10万元。
第四条 对纳入市级高新技术企业后备库、研发投入强度不低于3%的企业，按上年度研发费用增量的10%给予补助，最高不超过50万元。`,
    benefits: [{ kind: 'subsidy', description: '首次认定高企奖励', amount: '30万元' }] }),
  d({ key: 'qyHt2', title: '庆阳市高新技术企业培育奖励办法（修订）', docNumber: '庆政办发〔2025〕18号', issuer: '庆阳市人民政府办公室', level: 'city', regionCode: '621000',
    categories: ['enterprise'], issuedOn: '2025-05-20', effectiveOn: '2025-07-01', expiresOn: '2028-06-30',
    summary: '（演示数据）修订后首次认定高企奖励提高到40万元；规上工业企业研发投入强度达到3%的给予后补助。',
    text: `第三条 对首次认定为高新技术企业的，一次性奖励40万元；对重新认定的，一次性奖励15万元。
第四条 对纳入市级高新技术企业后备库的规上工业企业，研发投入强度不低于3%的，按上年度研发费用增量的10%给予后补助，最高不超过50万元。`,
    interpretation: '（演示解读）与2023年办法相比，奖励标准提高，后补助对象限定为规上工业企业。',
    benefits: [{ kind: 'subsidy', description: '研发费用增量后补助', amount: '最高50万元', requires: ['candidate'] },
      { kind: 'subsidy', description: '首次认定高企奖励', amount: '40万元', requires: ['high_tech'] }],
    conditions: { tiersNotHeld: ['high_tech'], aboveScale: true, minRdRatio: 3, industries: ['C'] }, relations: [['replaces', 'qyHt']] }),
  d({ key: 'xfTalent', title: '西峰區柔性引進科技人才若干措施', docNumber: '西政發〔2024〕7號', issuer: '慶陽市西峰區人民政府', level: 'county', regionCode: '621002',
    categories: ['talent'], issuedOn: '2024-08-12', effectiveOn: '2024-08-12',
    summary: '（演示數據，繁體存儲）支持企業以“候鳥型專家”“周末工程師”“科技副總”等方式柔性引才，按實際支付報酬的30%給予補貼。',
    text: `一、支持轄區企業柔性引進高層次科技人才，以“候鳥型專家”“周末工程師”“科技副總”等方式開展技術攻關。
二、按企業實際支付報酬的30%給予補貼，每家企業每年最高10萬元。
三、申請企業應為轄區內科技型中小企業或高新技術企業。`,
    benefits: [{ kind: 'talent', description: '柔性引才報酬補貼30%', amount: '每年最高10萬元', requires: ['tech_sme'] }],
    conditions: { tiersHeld: ['tech_sme'] } }),
  d({ key: 'zySeed', title: '张掖市种业科技创新支持办法', docNumber: '张科发〔2024〕9号', issuer: '张掖市科学技术局', level: 'city', regionCode: '620700',
    categories: ['agriculture', 'platform'], issuedOn: '2024-04-25', effectiveOn: '2024-05-01',
    summary: '（演示数据）支持玉米制种企业建设研发平台、开展新品种选育，对通过审定的新品种给予奖励。',
    text: `第四条 对新认定的省级以上种业重点实验室、工程技术研究中心，给予50万元支持。
第五条 对通过国家审定的玉米新品种，每个奖励20万元；通过省级审定的，每个奖励10万元。`,
    benefits: [{ kind: 'platform', description: '省级以上种业研发平台建设支持', amount: '50万元', requires: [] }],
    conditions: { industries: ['A'], hightechFields: ['生物与新医药'] } }),
  d({ key: 'qyDraft', title: '庆阳市科技计划项目管理办法（征求意见稿）', docNumber: null, issuer: '庆阳市科学技术局', level: 'city', regionCode: '621000',
    categories: ['programme'], status: 'draft', issuedOn: null,
    summary: '（演示数据）市级科技计划项目的立项、中期检查、验收和绩效评价。', text: '第一条 为规范市级科技计划项目管理……' }),
];

/** Inserts the demo policies and their version links; returns how many. */
export async function seedDemoPolicies(tx: Queryable): Promise<number> {
  const ids = new Map<string, number>();
  for (const { key, relations: _r, ...p } of DEMO_POLICIES) {
    const input = { issuer: '', categories: [], status: 'in_force', summary: '', text: '', interpretation: '', benefits: [], conditions: null, ...p } as PolicyInput;
    ids.set(key, await insertPolicy(tx, { ...input, maintainerRegion: null }, null));
  }
  for (const p of DEMO_POLICIES) {
    for (const [kind, target] of p.relations ?? []) {
      await tx.query('INSERT INTO policy_relation (policy_id, kind, target_id) VALUES ($1, $2, $3)', [ids.get(p.key), kind, ids.get(target)]);
    }
  }
  // 2022年第16号 was repealed by 2023年第7号; the 2023 庆阳 rules replaced by the 2025 revision
  await tx.query(`UPDATE policy SET status = 'repealed' WHERE id = $1`, [ids.get('sme16')]);
  await tx.query(`UPDATE policy SET status = 'amended' WHERE id = $1`, [ids.get('qyHt')]);
  await tx.query(`INSERT INTO portal_notice (title, body, region_code, published_on) VALUES
    ('关于开展2025年度科技型中小企业评价入库工作的通知', '请辖区企业登录全国科技型中小企业信息服务平台完成注册和信息填报，市科技局将组织政策宣讲和填报辅导。', '621000', '2025-02-20'),
    ('庆阳市科技创新券申领指南', '已入库科技型中小企业可在本平台申领创新券，用于购买检验检测、研发设计等科技服务。', '621000', '2025-03-05'),
    ('张掖市种业科技创新政策宣讲会通知', '市科技局将于下月在甘州区举办种业科技创新政策宣讲会，欢迎制种企业参加。', '620700', '2025-04-10')`);
  await recordAudit(tx, SYSTEM, { action: 'system.seed_demo_policies', targetType: 'system', changes: { policies: { before: null, after: ids.size } } });
  return ids.size;
}

/**
 * The audit log in words: every action code, target type, field and common value a clerk reads,
 * in zh-CN and en. The codes stay in the table and the API (programs filter on them); the list,
 * the export and the filter's choices show these words. A code missing here shows as itself.
 */
import type { Lang } from '../../http/messages';
import { STAT_FIELDS } from '../enterprises/stat-fields';

type Words = readonly [zh: string, en: string];

/** Groups of actions for the filter's list, in the order shown. */
const GROUPS: Record<string, Words> = {
  auth: ['登录与账号', 'Sign-in and accounts'], user: ['用户管理', 'Users'], organization: ['注册审核', 'Registrations'],
  commissioner: ['科技特派员', 'Commissioners'], dispatch: ['特派员派驻', 'Dispatches'], service_log: ['服务日志', 'Service logs'], commissioner_rule: ['特派员服务要求', 'Commissioner minimums'],
  region: ['行政区划', 'Regions'], enterprise: ['企业', 'Enterprises'], policy: ['政策', 'Policies'], portal: ['门户', 'Portal'],
  indicator: ['指标监测', 'Indicators'], calendar: ['工作日历', 'Working-day calendar'], expert: ['专家库', 'Experts'], programme: ['科技计划', 'Programmes'],
  call: ['申报指南', 'Calls'], application: ['项目申报与管理', 'Applications and projects'], review: ['专家评审', 'Expert review'], reserve: ['项目储备库', 'Project reserve'], achievement: ['科技成果', 'Achievements'], demand: ['技术需求', 'Demands'], docking: ['对接活动', 'Docking events'], tech_contract: ['技术合同登记', 'Technology contracts'], job: ['后台任务', 'Background jobs'], system: ['系统', 'System'],
  talent: ['人才库', 'Talent'], talent_team: ['人才团队', 'Talent teams'], talent_base: ['引才引智基地', 'Talent bases'],
};

export const ACTIONS: Record<string, Words> = {
  'auth.login.success': ['登录成功', 'Signed in'],
  'commissioner.create': ['登记科技特派员', 'Registered a commissioner'],
  'commissioner.update': ['修改科技特派员', 'Changed a commissioner'],
  'commissioner.account': ['开通科技特派员账号', 'Created a commissioner account'],
  'commissioner.rate': ['评定科技特派员年度考核', 'Rated a commissioner for the year'],
  'commissioner_rule.set': ['设置特派员年度服务要求', 'Set the yearly minimum of service'],
  'dispatch.create': ['派驻科技特派员', 'Dispatched a commissioner'],
  'dispatch.confirm': ['确认派驻', 'Confirmed a dispatch'],
  'dispatch.end': ['结束派驻', 'Ended a dispatch'],
  'service_log.create': ['填写服务日志', 'Kept a service log'],
  'service_log.update': ['修改服务日志', 'Changed a service log'],
  'service_log.confirm': ['确认服务日志', 'Confirmed a service log'],
  'service_log.photo': ['上传服务照片', 'Added a service photo'],
  'service_log.photo_remove': ['删除服务照片', 'Removed a service photo'],
  'auth.login.failure': ['登录失败（密码错误或账号不存在）', 'Sign-in failed (wrong password or unknown account)'],
  'auth.login.refused_locked': ['登录被拒绝（账号已锁定）', 'Sign-in refused (account locked)'],
  'auth.login.refused_status': ['登录被拒绝（账号未启用）', 'Sign-in refused (account not active)'],
  'auth.login.throttled': ['登录被限流（尝试过于频繁）', 'Sign-in throttled (too many attempts)'],
  'auth.account.locked': ['账号因连续输错密码被锁定', 'Account locked after repeated wrong passwords'],
  'auth.logout': ['退出登录', 'Signed out'],
  'auth.password.change': ['修改密码', 'Changed password'],
  'user.create': ['新建用户', 'Created a user'],
  'user.enable': ['启用用户', 'Enabled a user'],
  'user.disable': ['停用用户', 'Disabled a user'],
  'user.reset_password': ['重置用户密码', 'Reset a user\'s password'],
  'organization.register': ['提交注册申请', 'Applied for registration'],
  'organization.approve': ['通过注册申请', 'Approved a registration'],
  'organization.reject': ['驳回注册申请', 'Rejected a registration'],
  'organization.document.upload': ['上传注册材料', 'Uploaded a registration document'],
  'region.create': ['新增行政区划', 'Added a region'],
  'region.rename': ['修改行政区划名称', 'Renamed a region'],
  'region.import': ['导入行政区划', 'Imported regions'],
  'enterprise.create': ['新增企业', 'Added an enterprise'],
  'enterprise.profile': ['修改企业信息', 'Edited an enterprise profile'],
  'enterprise.import': ['导入企业名册', 'Imported enterprises'],
  'enterprise.phone.reveal': ['查看完整手机号', 'Viewed a full mobile number'],
  'enterprise.tier.add': ['登记梯次（科小 / 高企等）', 'Added a tier record'],
  'enterprise.tier.remove': ['删除梯次记录', 'Removed a tier record'],
  'enterprise.stats.create': ['填报年度统计', 'Entered yearly statistics'],
  'enterprise.stats.update': ['修改年度统计', 'Edited yearly statistics'],
  'enterprise.stats.import': ['导入年度统计', 'Imported yearly statistics'],
  'enterprise.stats.submit': ['提交年度统计', 'Submitted yearly statistics'],
  'enterprise.stats.confirm': ['确认年度统计', 'Confirmed yearly statistics'],
  'enterprise.stats.return': ['退回年度统计', 'Returned yearly statistics'],
  'policy.create': ['新增政策', 'Added a policy'],
  'policy.update': ['修改政策', 'Edited a policy'],
  'policy.delete': ['删除政策', 'Deleted a policy'],
  'policy.import': ['导入政策', 'Imported policies'],
  'policy.booklet': ['生成政策汇编', 'Compiled a policy booklet'],
  'policy.attachment.add': ['上传政策附件', 'Attached a file to a policy'],
  'policy.attachment.remove': ['删除政策附件', 'Removed a policy attachment'],
  'policy.relation.add': ['关联政策版本', 'Linked policy versions'],
  'policy.relation.remove': ['解除政策关联', 'Unlinked policy versions'],
  'policy.category.save': ['保存政策分类', 'Saved a policy category'],
  'policy.synonym.create': ['新增检索同义词', 'Added search synonyms'],
  'policy.synonym.update': ['修改检索同义词', 'Edited search synonyms'],
  'policy.review.create': ['发起立改废审查', 'Started a policy review'],
  'policy.review.decide': ['填写审查意见', 'Recorded a review decision'],
  'policy.review.close': ['结束立改废审查', 'Closed a policy review'],
  'policy.review.apply': ['执行审查结论', 'Applied a review decision'],
  'portal.notice.publish': ['发布门户公告', 'Published a portal notice'],
  'indicator.target.create': ['设定指标目标', 'Set an indicator target'],
  'indicator.target.update': ['修改指标目标', 'Changed an indicator target'],
  'indicator.target.delete': ['删除指标目标', 'Removed an indicator target'],
  'indicator.value.create': ['录入指标数据', 'Entered an indicator figure'],
  'indicator.value.update': ['修改指标数据', 'Changed an indicator figure'],
  'indicator.value.delete': ['删除指标数据', 'Removed an indicator figure'],
  'indicator.value.import': ['导入指标数据', 'Imported indicator figures'],
  'indicator.value.import_update': ['导入并更新指标数据', 'Imported over indicator figures'],
  'indicator.task.create': ['新建重点任务', 'Created a key task'],
  'indicator.task.update': ['修改重点任务', 'Edited a key task'],
  'indicator.task.report': ['报告任务进展', 'Reported task progress'],
  'indicator.report.attach': ['上传进展附件', 'Attached a file to a progress report'],
  'indicator.milestone.create': ['添加任务节点', 'Added a milestone'],
  'indicator.milestone.done': ['标记节点完成', 'Marked a milestone done'],
  'indicator.item.create': ['新建清单事项', 'Added a list item'],
  'indicator.item.update': ['修改清单事项', 'Edited a list item'],
  'indicator.item.start': ['清单事项开始整改', 'Started work on a list item'],
  'indicator.item.close': ['清单事项销号', 'Closed a list item'],
  'indicator.item.reopen': ['重新打开清单事项', 'Reopened a list item'],
  'calendar.create': ['新增节假日或调休工作日', 'Added a holiday or worked weekend day'],
  'calendar.update': ['修改节假日或调休工作日', 'Changed a holiday or worked weekend day'],
  'calendar.delete': ['删除节假日或调休工作日', 'Removed a holiday or worked weekend day'],
  'expert.create': ['新增专家', 'Added an expert'],
  'expert.update': ['修改专家信息', 'Changed an expert'],
  'expert.suspend': ['暂停专家', 'Suspended an expert'],
  'expert.activate': ['恢复专家', 'Reinstated an expert'],
  'expert.relation.add': ['登记回避关系', 'Declared a relation to keep away from'],
  'expert.relation.remove': ['删除回避关系', 'Removed a declared relation'],
  'expert.account': ['开通专家账号', "Created an expert's sign-in"],
  'expert.import': ['导入专家', 'Imported experts'],
  'programme.create': ['新增科技计划', 'Added a programme'],
  'call.create': ['新建申报指南', 'Created a call'],
  'call.update': ['修改申报指南', 'Changed a call'],
  'call.publish': ['发布申报指南', 'Published a call'],
  'call.close': ['关闭申报指南', 'Closed a call'],
  'application.create': ['新建申报书', 'Started an application'],
  'application.update': ['修改申报书', 'Changed an application'],
  'application.submit': ['提交申报书', 'Submitted an application'],
  'application.withdraw': ['撤回申报书', 'Withdrew an application'],
  'application.recommend': ['推荐申报', 'Recommended an application'],
  'application.recommend_return': ['退回申报（推荐环节）', 'Returned an application (recommendation)'],
  'application.formal_pass': ['形式审查通过', 'Passed formal check'],
  'application.formal_return': ['形式审查退回修改', 'Returned at formal check'],
  'application.formal_fail': ['形式审查不通过', 'Failed formal check'],
  'application.start_review': ['进入专家评审', 'Went to expert review'],
  'application.finish_review': ['专家评审完成', 'Expert review finished'],
  'application.approve': ['拟立项', 'Approved a project'],
  'application.reject': ['不予立项', 'Did not approve'],
  'application.publicize': ['立项公示', 'Put on public notice'],
  'application.attach': ['上传申报附件', 'Attached a file to an application'],
  'application.detach': ['删除申报附件', 'Removed a file of an application'],
  'application.change.request': ['申请项目变更', 'Asked for a project change'],
  'application.change.approve': ['批准项目变更', 'Approved a project change'],
  'application.change.reject': ['驳回项目变更', 'Rejected a project change'],
  'application.objection': ['登记公示异议', 'Recorded a public-notice objection'],
  'application.contract': ['签订任务书', 'Signed the task contract'],
  'application.tranche': ['拨付经费', 'Paid a funding tranche'],
  'application.midterm_pass': ['中期检查通过', 'Passed the mid-term check'],
  'application.midterm_fail': ['中期检查不通过（终止）', 'Failed the mid-term check (terminated)'],
  'application.accept_pass': ['验收通过', 'Passed acceptance'],
  'application.accept_fail': ['验收不通过', 'Failed acceptance'],
  'application.close': ['项目结题', 'Closed a project'],
  'application.terminate': ['终止项目', 'Terminated a project'],
  'reserve.create': ['新增储备项目', 'Added a reserve item'],
  'reserve.update': ['修改储备项目', 'Changed a reserve item'],
  'review.assign': ['指定评审专家', 'Assigned experts by hand'],
  'review.draw': ['随机抽取评审专家', 'Drew experts at random'],
  'review.unassign': ['移出评审专家', 'Took an expert off an application'],
  'review.pledge': ['签署评审承诺书', 'Signed the integrity pledge'],
  'review.declare': ['声明无利益冲突', 'Declared no conflict'],
  'review.decline': ['申明回避', 'Declared a conflict'],
  'review.save': ['暂存评审意见', 'Saved a review draft'],
  'review.submit': ['提交评审意见', 'Submitted a review'],
  'achievement.create': ['登记科技成果', 'Added an achievement'],
  'achievement.update': ['修改科技成果', 'Changed an achievement'],
  'achievement.submit': ['提交科技成果', 'Submitted an achievement'],
  'achievement.publish': ['发布科技成果', 'Published an achievement'],
  'achievement.return': ['退回科技成果', 'Returned an achievement'],
  'achievement.end': ['科技成果下架或转化', 'Withdrew or marked an achievement transferred'],
  'demand.create': ['登记技术需求', 'Added a demand'],
  'demand.update': ['修改技术需求', 'Changed a demand'],
  'demand.submit': ['提交技术需求', 'Submitted a demand'],
  'demand.publish': ['发布技术需求', 'Published a demand'],
  'demand.return': ['退回技术需求', 'Returned a demand'],
  'demand.end': ['关闭技术需求', 'Closed a demand'],
  'demand.answer.create': ['提交答题方案', 'Submitted a proposal to a demand'],
  'demand.answer.update': ['修改答题方案', 'Changed a proposal'],
  'demand.answer.withdraw': ['撤回答题方案', 'Withdrew a proposal'],
  'demand.answer.shortlist': ['答题方案入围', 'Shortlisted a proposal'],
  'demand.answer.reject': ['答题方案未采纳', 'Turned down a proposal'],
  'demand.answer.pick': ['选定答题方案', 'Picked a proposal'],
  'demand.answer.attach': ['上传答题方案附件', 'Attached a file to a proposal'],
  'demand.answer.detach': ['删除答题方案附件', 'Removed a file of a proposal'],
  'demand.pick': ['技术需求选定方案', 'A demand got its picked proposal'],
  'demand.outcome': ['记录技术需求结果并关闭', 'Closed a demand with its outcome'],
  'docking.event.create': ['新建对接会', 'Created a docking event'],
  'docking.event.update': ['修改对接会', 'Changed a docking event'],
  'docking.event.delete': ['删除对接会草稿', 'Deleted a draft docking event'],
  'docking.event.open': ['对接会开放报名', 'Opened a docking event for registration'],
  'docking.event.held': ['对接会已举办', 'Marked a docking event held'],
  'docking.event.close': ['对接会结束', 'Closed a docking event'],
  'docking.registration.create': ['报名对接会', 'Registered for a docking event'],
  'docking.registration.confirm': ['确认对接会报名', 'Confirmed an event registration'],
  'docking.registration.decline': ['拒绝对接会报名', 'Declined an event registration'],
  'docking.registration.withdraw': ['撤回对接会报名', 'Withdrew an event registration'],
  'docking.pairing.create': ['安排对接配对', 'Planned a pairing'],
  'docking.pairing.delete': ['删除对接配对', 'Removed a pairing'],
  'docking.pairing.outcome': ['记录对接结果', 'Recorded the outcome of a pairing'],
  'achievement.import': ['导入科技成果', 'Imported achievements'],
  'achievement.criteria.update': ['修改成果评价指标', 'Changed an evaluation criteria set'],
  'achievement.criteria.levels': ['修改成果评价结论等级', 'Changed the evaluation conclusion levels'],
  'achievement.evaluation.request': ['申请科技成果评价', 'Requested an achievement evaluation'],
  'achievement.evaluation.withdraw': ['撤回科技成果评价', 'Withdrew an achievement evaluation'],
  'achievement.evaluation.assign': ['指定成果评价专家', 'Assigned evaluators by hand'],
  'achievement.evaluation.draw': ['随机抽取成果评价专家', 'Drew evaluators at random'],
  'achievement.evaluation.declare': ['声明无利益冲突（成果评价）', 'Declared no conflict (evaluation)'],
  'achievement.evaluation.decline': ['申明回避（成果评价）', 'Declared a conflict (evaluation)'],
  'achievement.evaluation.save': ['暂存成果评价意见', 'Saved an evaluation draft'],
  'achievement.evaluation.submit': ['提交成果评价意见', 'Submitted an evaluation'],
  'achievement.evaluation.conclude': ['作出成果评价结论', 'Concluded an achievement evaluation'],
  'achievement.good_batch.create': ['新建好成果榜单', 'Created a good-achievements list'],
  'achievement.good_batch.update': ['修改好成果榜单', 'Changed a good-achievements list'],
  'achievement.good_batch.delete': ['删除好成果榜单', 'Deleted a good-achievements list'],
  'achievement.good_batch.publish': ['发布好成果榜单', 'Published a good-achievements list'],
  'demand.match_push': ['推送匹配结果', 'Pushed a match'],
  'tech_contract.file': ['申请技术合同认定登记', 'Filed a technology contract'],
  'tech_contract.refile': ['补正后重新提交技术合同', 'Completed and refiled a technology contract'],
  'tech_contract.return': ['退回技术合同补正', 'Returned a technology contract for completion'],
  'tech_contract.accept': ['技术合同认定登记', 'Registered a technology contract'],
  'tech_contract.refuse': ['技术合同不予登记', 'Refused a technology contract'],
  'tech_contract.attach': ['上传技术合同附件', 'Attached a file to a technology contract'],
  'job.run': ['立即运行后台任务', 'Ran a background job now'],
  'system.seed_demo': ['载入演示数据', 'Loaded the demo data'],
  'system.seed_demo_policies': ['载入演示政策', 'Loaded the demo policies'],
  'talent.create': ['新增人才记录', 'Added a talent record'],
  'talent.update': ['修改人才记录', 'Changed a talent record'],
  'talent.import': ['导入人才记录', 'Imported talent records'],
  'talent.service.add': ['登记人才服务', 'Recorded a service of a talent'],
  'talent.service.update': ['修改人才服务记录', 'Changed a service record of a talent'],
  'talent.service.remove': ['删除人才服务记录', 'Removed a service record of a talent'],
  'talent.payment.add': ['登记人才补贴发放', 'Recorded a subsidy payment'],
  'talent.payment.remove': ['删除人才补贴发放记录', 'Removed a subsidy payment'],
  'talent_team.create': ['新增人才团队', 'Added a talent team'],
  'talent_team.update': ['修改人才团队', 'Changed a talent team'],
  'talent_team.payment.add': ['登记团队补贴发放', 'Recorded a subsidy payment to a team'],
  'talent_base.create': ['认定引才引智基地', 'Designated a talent base'],
  'talent_base.update': ['修改引才引智基地', 'Changed a talent base'],
};

/** Target types, with where the record lives in the web app (null: no page of its own). */
export const TARGET_TYPES: Record<string, Words> = {
  demand_answer: ['答题方案', 'Proposal'], docking_event: ['对接会', 'Docking event'], docking_registration: ['对接会报名', 'Event registration'], docking_pairing: ['对接配对', 'Pairing'],
  user: ['用户', 'User'], organization: ['机构', 'Organisation'], region: ['行政区划', 'Region'], enterprise: ['企业', 'Enterprise'],
  locality: ['乡镇 / 村', 'Township / village'],
  enterprise_stat: ['企业年度统计', 'Yearly statistics'], enterprise_tier: ['企业梯次', 'Tier record'],
  policy: ['政策', 'Policy'], policy_review: ['立改废审查', 'Policy review'], policy_category: ['政策分类', 'Policy category'],
  search_synonym: ['检索同义词', 'Search synonyms'], portal_notice: ['门户公告', 'Portal notice'],
  indicator_target: ['指标目标', 'Indicator target'], indicator_value: ['指标数据', 'Indicator figure'], key_task: ['重点任务', 'Key task'],
  task_milestone: ['任务节点', 'Milestone'], task_attachment: ['进展附件', 'Progress attachment'], supervision_item: ['清单事项', 'List item'],
  calendar_day: ['工作日历', 'Calendar day'], expert: ['专家', 'Expert'], programme: ['科技计划', 'Programme'],
  call: ['申报指南', 'Call'], application: ['申报书 / 项目', 'Application / project'], review_assignment: ['评审任务', 'Review'], reserve_item: ['储备项目', 'Reserve item'], achievement: ['科技成果', 'Achievement'], demand: ['技术需求', 'Demand'], evaluation: ['科技成果评价', 'Achievement evaluation'], evaluation_assignment: ['成果评价任务', 'Evaluation task'], evaluation_criteria_set: ['成果评价指标', 'Evaluation criteria'], good_batch: ['好成果榜单', 'Good-achievements list'], tech_contract: ['技术合同', 'Technology contract'], job: ['后台任务', 'Background job'], system: ['系统', 'System'], ip: ['访问地址', 'Client address'],
  talent: ['人才记录', 'Talent record'], talent_team: ['人才团队', 'Talent team'], talent_base: ['引才引智基地', 'Talent base'],
};

const FIELDS: Record<string, Words> = {
  method: ['登录方式', 'Sign-in method'], identifier: ['输入的账号', 'Account entered'], lockedUntil: ['锁定至', 'Locked until'],
  mustChangePassword: ['须修改密码', 'Must change password'], username: ['用户名', 'Username'], displayName: ['姓名', 'Name'],
  role: ['角色', 'Role'], regionCode: ['行政区划', 'Region'], phone: ['手机号', 'Mobile'], status: ['状态', 'Status'],
  name: ['名称', 'Name'], nameEn: ['英文名称', 'English name'], uscc: ['统一社会信用代码', 'USCC'], contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Contact mobile'], address: ['地址', 'Address'], legalRep: ['法定代表人', 'Legal representative'],
  foundedOn: ['成立日期', 'Founded on'], industryCode: ['行业', 'Industry'], hightechField: ['高新技术领域', 'High-tech field'],
  aboveScale: ['规上企业', 'Above scale'], ownsCoreIp: ['拥有核心知识产权', 'Owns core IP'], prohibitedIndustry: ['属限制类行业', 'Restricted industry'],
  directQualifications: ['直接认定条件', 'Direct qualifications'], tags: ['标签', 'Tags'], tier: ['梯次', 'Tier'], year: ['年度', 'Year'],
  registrationNo: ['入库登记编号', 'Registration number'], certificateNo: ['证书编号', 'Certificate number'], issuedOn: ['发证日期', 'Issued on'],
  validUntil: ['有效期至', 'Valid until'], comment: ['意见', 'Comment'], reviewComment: ['审核意见', 'Review comment'], reason: ['理由', 'Reason'],
  title: ['标题', 'Title'], docNumber: ['文号', 'Document number'], issuer: ['发文机关', 'Issuer'], level: ['层级', 'Level'],
  categories: ['分类', 'Categories'], effectiveOn: ['施行日期', 'Effective on'], expiresOn: ['废止日期', 'Expires on'],
  text: ['正文', 'Text'], interpretation: ['解读', 'Interpretation'], summary: ['摘要', 'Summary'], benefits: ['扶持内容', 'Benefits'],
  conditions: ['申报条件', 'Conditions'], policies: ['政策', 'Policies'], policyId: ['政策', 'Policy'], decision: ['结论', 'Decision'],
  replacementId: ['替代政策', 'Replacement'], terms: ['同义词', 'Terms'], note: ['备注', 'Note'], active: ['启用', 'Active'], sort: ['排序', 'Order'],
  target: ['目标值', 'Target'], value: ['数值', 'Value'], plan: ['所属计划', 'Plan'], description: ['描述', 'Description'],
  leadDepartment: ['牵头科室', 'Lead department'], owner: ['责任人', 'Owner'], dueOn: ['完成时限', 'Due on'], milestones: ['节点数', 'Milestones'],
  taskId: ['任务', 'Task'], doneOn: ['完成日期', 'Done on'], progress: ['进度', 'Progress'], report: ['进展情况', 'Report'],
  reportId: ['进展报告', 'Report'], fileName: ['文件名', 'File name'], size: ['大小（字节）', 'Size (bytes)'], list: ['清单', 'List'],
  detail: ['详情', 'Detail'], measure: ['管控措施', 'Measure'], deadline: ['整改时限', 'Deadline'], evidence: ['整改佐证', 'Evidence'],
  closeReason: ['销号理由', 'Reason for closing'], rows: ['行数', 'Rows'], created: ['新增', 'Added'], updated: ['更新', 'Updated'],
  users: ['用户数', 'Users'], regions: ['行政区划数', 'Regions'], enterprises: ['企业数', 'Enterprises'], working: ['工作日', 'Working day'],
  class: ['评价类别', 'Evaluation class'], evaluatorType: ['评价方式', 'Evaluator type'], criteria: ['评价指标', 'Criteria'],
  expertsPerEvaluation: ['评价专家人数', 'Evaluators per evaluation'], achievementId: ['科技成果', 'Achievement'], score: ['综合得分', 'Score'],
  experts: ['专家', 'Experts'], seed: ['随机种子', 'Seed'], total: ['加权得分', 'Weighted total'], scores: ['各项评分', 'Scores'],
  conflict: ['回避理由', 'Conflict'], pledge: ['承诺书', 'Pledge'], period: ['周期', 'Period'], periodOf: ['所属期间', 'Period of'],
  intro: ['导语', 'Introduction'], evaluations: ['入选成果', 'Listed achievements'],
  commissioner: ['科技特派员', 'Commissioner'], dispatch: ['派驻', 'Dispatch'], service_log: ['服务日志', 'Service log'],
  urbanRuralClass: ['城乡分类代码', 'Urban-rural class'],
  ...Object.fromEntries(STAT_FIELDS.map((f) => [f.key, [f.zh, f.en] as Words])),
};

/** Values that are codes themselves: sign-in method, statuses, roles, decisions. */
const VALUES: Record<string, Words> = {
  username: ['用户名', 'username'], phone: ['手机号', 'mobile number'],
  active: ['正常', 'active'], disabled: ['已停用', 'disabled'], pending: ['待审核', 'pending'], rejected: ['已驳回', 'rejected'], approved: ['已通过', 'approved'],
  locked: ['已锁定', 'locked'], draft: ['草稿', 'draft'], submitted: ['已提交', 'submitted'], confirmed: ['已确认', 'confirmed'], returned: ['已退回', 'returned'],
  open: ['待办', 'open'], in_progress: ['整改中', 'in progress'], closed: ['已销号', 'closed'], done: ['已完成', 'done'],
  published: ['已发布', 'published'], repealed: ['已废止', 'repealed'], amended: ['已修订', 'amended'], keep: ['继续有效', 'keep'], amend: ['修订', 'amend'], repeal: ['废止', 'repeal'],
  risk: ['风险隐患', 'risks'], problem: ['问题整改', 'problems'], responsibility: ['责任落实', 'responsibilities'],
  high: ['高', 'high'], medium: ['中', 'medium'], low: ['低', 'low'],
  tech_sme: ['科技型中小企业', 'tech SME'], provincial_innovative: ['省级科技创新型企业', 'provincial innovative'], high_tech: ['高新技术企业', 'high-tech enterprise'], candidate: ['后备库', 'candidate pool'],
};

export const ROLES: Record<string, Words> = {
  admin: ['系统管理员', 'Administrator'], staff: ['科技局', 'Bureau staff'], enterprise: ['企业', 'Enterprise'], institution: ['高校院所', 'Institution'],
  expert: ['专家', 'Expert'], commissioner: ['科技特派员', 'Commissioner'], bank: ['合作银行', 'Bank'],
};

/** Fields whose values are statuses or codes that read better in words. */
const CODED_FIELDS = new Set(['method', 'status', 'decision', 'list', 'level', 'tier']);

const pick = (w: Words | undefined, lang: Lang) => (w ? w[lang === 'en' ? 1 : 0] : undefined);
export const EMPTY = '—';

export function actionLabel(code: string, lang: Lang): string {
  return pick(ACTIONS[code], lang) ?? code;
}
export function targetTypeLabel(type: string, lang: Lang): string {
  return pick(TARGET_TYPES[type], lang) ?? type;
}
export function fieldLabel(field: string, lang: Lang): string {
  return pick(FIELDS[field], lang) ?? field;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A value as a clerk reads it: words for codes, 是 / 否, lists joined, instants in China time, "—" for nothing. */
export function valueText(field: string, value: unknown, lang: Lang, regionNames: Map<string, string> = new Map()): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(field, v, lang, regionNames)).join(lang === 'en' ? ', ' : '、') : EMPTY;
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value);
  if (field === 'role') return pick(ROLES[s], lang) ?? s;
  if (field === 'regionCode' && regionNames.has(s)) return `${regionNames.get(s)}（${s}）`;
  if (CODED_FIELDS.has(field) && VALUES[s]) return pick(VALUES[s], lang)!;
  if (typeof value === 'string' && ISO_INSTANT.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  }
  return s;
}

/** The filter's lists: actions (grouped), target types and roles, in words. */
export function vocabulary(lang: Lang) {
  const groupOf = (code: string) => pick(GROUPS[code.split('.')[0]], lang) ?? code.split('.')[0];
  return {
    actions: Object.keys(ACTIONS).map((value) => ({ value, label: actionLabel(value, lang), group: groupOf(value) })),
    targetTypes: Object.keys(TARGET_TYPES).map((value) => ({ value, label: targetTypeLabel(value, lang) })),
    roles: Object.keys(ROLES).map((value) => ({ value, label: pick(ROLES[value], lang)! })),
  };
}

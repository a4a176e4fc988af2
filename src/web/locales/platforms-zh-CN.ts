// 创新平台 (M4: the registry and certification) texts in Chinese; platforms-en.ts has exactly these keys (checked by the type).
const platforms = {
  menu: { list: '平台库', detail: '平台详情', applications: '认定申请', application: '认定申请详情', reviews: '认定评审任务', review: '认定评审' },
  common: {
    name: '平台名称', type: '类型', level: '级别', status: '状态', host: '依托单位', coHosts: '共建单位', region: '所在地区', field: '领域',
    certifiedOn: '认定日期', certificateNo: '认定文号', validUntil: '有效期至', authority: '认定部门', intro: '简介', address: '地址',
    keyword: '平台名称、依托单位或文号', reason: '原因', reasonRequired: '请填写原因', saved: '已保存', source: '来源',
    sourceEntered: '历史录入', sourceWorkflow: '系统认定', back: '返回', yes: '是', no: '否', year: '年度', total: '共 {{total}} 个',
  },
  list: {
    create: '录入平台', createTitle: '录入已认定的平台', created: '已录入',
    createHelp: '用于录入系统上线前已认定（或正在筹建）的平台；新的认定请由依托单位在线提交认定申请。',
    mine: '本单位的创新平台',
  },
  detail: {
    fill: '填报年度数据', metric: '指标', info: '基本信息', figures: '年度主要指标', timeline: '状态记录', editFigures: '填报 {{year}} 年数据', noFigures: '暂无年度数据',
    rectify: '转入整改', restore: '恢复认定', revoke: '撤销', rectifyTitle: '转入整改', revokeTitle: '撤销平台',
    revokeHelp: '撤销自今日起生效，该平台不再计入“省级以上创新平台数”等指标。', rectifyHelp: '写明整改原因和要求，依托单位将收到通知。',
    restoreConfirm: '确认“{{name}}”已完成整改，恢复为认定状态？', statusChanged: '状态已更新', figuresSaved: '{{year}} 年数据已保存',
    statusReason: '状态说明', revokedOn: '撤销日期', applications: '认定申请记录', chart: '主要指标变化',
    actions: { enter: '录入', certify: '认定', rectify: '转入整改', restore: '恢复认定', revoke: '撤销' },
  },
  application: {
    create: '申请认定', createTitle: '申请创新平台认定', editTitle: '修改认定申请', checklist: '认定条件',
    checklistHelp: '按平台类型和级别逐项填写；必备条件未满足时不能提交。', chooseType: '请先选择类型和级别',
    min: '不低于 {{min}} {{unit}}', required: '必备', optional: '选填', met: '满足', notMet: '未满足', missing: '未填写',
    saveDraft: '保存草稿', submit: '提交申请', submitted: '已提交，等待所在地科技局推荐', savedDraft: '草稿已保存',
    withdraw: '撤回', withdrawConfirm: '撤回“{{name}}”的认定申请？', withdrawn: '已撤回', edit: '修改',
    recommend: '推荐', recommendConfirm: '推荐“{{name}}”进入形式审查？', return: '退回修改', formalPass: '通过形式审查', formalFail: '形式审查不通过',
    refuse: '不予认定', certify: '认定', assign: '指定专家', draw: '随机抽取专家', drew: '已抽取 {{n}} 位专家', assigned: '已指定 {{n}} 位专家',
    expertSearch: '搜索专家姓名或单位', panel: '评审专家', panelScore: '专家平均分', score: '得分', noExperts: '尚未指定评审专家', opinions: '专家意见',
    certifyTitle: '认定创新平台', certifyHelp: '认定日期默认为今天，有效期默认按该类型的认定期限计算。', certified: '已认定', timeline: '办理记录',
    files: '证明材料', addFile: '上传材料', noFiles: '暂无材料', fileAdded: '材料已上传', comment: '意见', commentRequired: '请填写意见',
    returnedBecause: '退回原因：{{reason}}', refusedBecause: '不予认定：{{reason}}', certifiedAs: '已认定，文号 {{no}}，有效期至 {{until}}',
    viewPlatform: '查看平台', done: '已办理', expertProgress: '{{submitted}}/{{active}} 已评分', submittedAt: '提交时间', empty: '暂无认定申请',
    org: '申请单位', actionsTitle: '办理', moved: '已办理：{{status}}',
    actions: {
      create: '填写', submit: '提交', withdraw: '撤回', recommend: '推荐', return: '退回修改', formal_pass: '形式审查通过', formal_fail: '形式审查不通过',
      start_review: '专家评审开始', finish_review: '专家评审完成', certify: '认定', refuse: '不予认定',
    },
    steps: { submit: '提交', recommend: '推荐', check: '形式审查', review: '专家评审', decide: '认定' },
    methods: { manual: '指定', draw: '抽取' },
    assignmentStatus: { assigned: '待声明', declared: '评分中', submitted: '已评分', declined: '已回避' },
  },
  review: {
    pledge: '本人承诺：客观公正地评审，不存在与申请单位的利益冲突，不泄露评审信息，不收受任何利益。',
    pledgeAgree: '我已阅读并作出上述承诺', noConflict: '声明无利益冲突', conflict: '申明回避', conflictReason: '回避原因',
    declared: '已声明无利益冲突', declined: '已申明回避，科技局将另行安排专家', hidden: '声明无利益冲突后可查看申请内容',
    application: '申请内容', criteria: '评分', total: '加权总分', weight: '权重', max: '满分', comment: '评审意见', saveDraft: '暂存',
    submit: '提交评分', submitConfirm: '提交后不能修改，确定提交？', submittedMessage: '评分已提交', savedMessage: '已暂存', empty: '暂无认定评审任务',
    open: '评审', view: '查看', status: { assigned: '待声明', declared: '评分中', submitted: '已提交' },
  },
};

export default platforms;
export type PlatformsMessages = typeof platforms;

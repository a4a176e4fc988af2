// 人才库 (M8) texts in Chinese; talent-en.ts has exactly these keys (checked by the type).
// Category, kind, level and status words come from src/domain/talent.ts (shared with the server).
const talent = {
  menu: { group: '科技人才', list: '人才库', teams: '人才团队', bases: '引才引智基地' },
  common: {
    keyword: '姓名、单位或协议编号', name: '姓名', org: '工作单位', title: '职称', phone: '手机号', fields: '专业领域', host: '用人单位',
    region: '地区', category: '人才类别', kind: '引进方式', agreementNo: '协议编号', period: '协议期', from: '开始日期', to: '结束日期',
    daysPerYear: '每年服务天数', promised: '本年应服务（天）', done: '本年已服务（天）', paid: '累计补贴', outcomes: '工作成效', status: '状态',
    year: '年度', actions: '操作', save: '保存', cancel: '取消', edit: '修改', create: '新增', saved: '已保存', remove: '删除',
    removeConfirm: '删除这条记录？', date: '日期', days: '天数', content: '服务内容', amount: '金额（元）', note: '备注', none: '暂无',
    dayUnit: '天', required: '必填', field: '领域', import: '从 Excel 导入', template: '下载导入模板', fulfilment: '完成 {{percent}}%',
  },
  list: {
    create: '新增人才', detail: '人才详情', person: '人员', existing: '专家库中已有', newPerson: '新人员（同时加入专家库）',
    expertSearch: '输入姓名搜索专家库', personHelp: '人员的姓名、单位、职称、领域和手机号保存在专家库，人才记录只保存引进和服务情况。',
    outcomesHelp: '每行一项：项目、专利、产品、培训人数等', services: '服务记录', payments: '补贴发放', addService: '登记服务', addPayment: '登记发放',
    servicesHelp: '已服务天数由服务记录合计，不单独填写。', paidTotal: '累计发放 {{amount}}', editService: '修改服务记录',
    personRegion: '人员所在地区', staleHint: '记录已被他人修改，请刷新后重试',
  },
  teams: {
    create: '新增团队', name: '团队名称', leader: '带头人', members: '成员', memberCount: '人数', leaderTag: '带头人',
    membersHelp: '成员须在专家库中；带头人自动计入成员。', detail: '团队详情',
  },
  bases: {
    create: '认定基地', org: '依托单位', level: '级别', designatedOn: '认定日期', documentNo: '认定文号', field: '引才领域',
    activeTalent: '在服务人才', talent: '本单位人才', revoked: '已撤销', active: '有效', detail: '基地详情',
  },
};

export default talent;

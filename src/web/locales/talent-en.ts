// 人才库 (M8) texts in English: exactly the keys of talent-zh-CN.ts.
import type zh from './talent-zh-CN';

const talent: typeof zh = {
  menu: { group: 'S&T talent', list: 'Talent registry', teams: 'Talent teams', bases: 'Talent bases' },
  common: {
    keyword: 'Name, organisation or agreement no.', name: 'Name', org: 'Organisation', title: 'Title', phone: 'Mobile', fields: 'Fields', host: 'Host',
    region: 'Region', category: 'Category', kind: 'Kind', agreementNo: 'Agreement no.', period: 'Agreement', from: 'From', to: 'To',
    daysPerYear: 'Days a year', promised: 'Days due this year', done: 'Days done this year', paid: 'Subsidy paid', outcomes: 'Outcomes', status: 'Status',
    year: 'Year', actions: 'Actions', save: 'Save', cancel: 'Cancel', edit: 'Edit', create: 'Add', saved: 'Saved', remove: 'Remove',
    removeConfirm: 'Remove this record?', date: 'Date', days: 'Days', content: 'What was done', amount: 'Amount (yuan)', note: 'Note', none: 'None',
    dayUnit: 'days', required: 'Required', field: 'Field', import: 'Import from Excel', template: 'Import template', fulfilment: '{{percent}}% done',
  },
  list: {
    create: 'Add talent', detail: 'Talent', person: 'Person', existing: 'In the expert registry', newPerson: 'New person (joins the expert registry)',
    expertSearch: 'Type a name to search the expert registry', personHelp: "The person's name, organisation, title, fields and mobile live in the expert registry; a talent record keeps the engagement and its service.",
    outcomesHelp: 'One per line: projects, patents, products, people trained', services: 'Service records', payments: 'Subsidy payments', addService: 'Record service',
    addPayment: 'Record payment', servicesHelp: 'Days done are the sum of the service records, never typed.', paidTotal: 'Paid in all: {{amount}}',
    editService: 'Change the service record', personRegion: "Person's region", staleHint: 'Someone changed this record; reload and try again',
  },
  teams: {
    create: 'Add team', name: 'Team', leader: 'Leader', members: 'Members', memberCount: 'People', leaderTag: 'Leader',
    membersHelp: 'Members come from the expert registry; the leader is counted as a member.', detail: 'Team',
  },
  bases: {
    create: 'Designate a base', org: 'Organisation', level: 'Level', designatedOn: 'Designated on', documentNo: 'Document no.', field: 'Fields',
    activeTalent: 'Talent serving', talent: 'Talent hosted', revoked: 'Revoked', active: 'Active', detail: 'Talent base',
  },
};

export default talent;

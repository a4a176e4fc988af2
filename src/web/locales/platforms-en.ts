// Innovation platforms (M4: the registry and certification) texts in English: exactly the keys of platforms-zh-CN.ts (checked by the type).
import type { PlatformsMessages } from './platforms-zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const platforms: Shape<PlatformsMessages> = {
  menu: { list: 'Platforms', detail: 'Platform', applications: 'Certifications', application: 'Certification application', reviews: 'Certifications to review', review: 'Certification review' },
  common: {
    name: 'Name', type: 'Type', level: 'Level', status: 'Status', host: 'Host', coHosts: 'Co-hosts', region: 'Region', field: 'Field',
    certifiedOn: 'Certified on', certificateNo: 'Document no.', validUntil: 'Valid until', authority: 'Certified by', intro: 'About', address: 'Address',
    keyword: 'Name, host or document no.', reason: 'Reason', reasonRequired: 'Give a reason', saved: 'Saved', source: 'Source',
    sourceEntered: 'Entered (before the system)', sourceWorkflow: 'Certified in the system', back: 'Back', yes: 'Yes', no: 'No', year: 'Year', total: '{{total}} in all',
  },
  list: {
    create: 'Enter a platform', createTitle: 'Enter a certified platform', created: 'Entered',
    createHelp: 'For platforms certified (or being set up) before the system; new certifications are applied for online by the host.',
    mine: "My organisation's platforms",
  },
  detail: {
    fill: 'Enter figures', metric: 'Figure', info: 'Details', figures: 'Key figures by year', timeline: 'Status history', editFigures: 'Enter {{year}}', noFigures: 'No figures yet',
    rectify: 'Put on 整改', restore: 'Restore', revoke: 'Revoke', rectifyTitle: 'Put on 整改 (rectification)', revokeTitle: 'Revoke the platform',
    revokeHelp: 'Takes effect today; the platform no longer counts in indicators such as provincial-or-above platforms.', rectifyHelp: 'State what is to be put right; the host is told.',
    restoreConfirm: 'Has “{{name}}” put things right? Restore it to certified?', statusChanged: 'Status changed', figuresSaved: '{{year}} saved',
    statusReason: 'Status note', revokedOn: 'Revoked on', applications: 'Certification applications', chart: 'Key figures over the years',
    actions: { enter: 'Entered', certify: 'Certified', rectify: 'Put on 整改', restore: 'Restored', revoke: 'Revoked' },
  },
  application: {
    create: 'Apply', createTitle: 'Apply for platform certification', editTitle: 'Change the application', checklist: 'Conditions',
    checklistHelp: "The type's conditions for the level; it cannot be submitted while a required one is not met.", chooseType: 'Choose the type and level first',
    min: 'at least {{min}} {{unit}}', required: 'Required', optional: 'Optional', met: 'Met', notMet: 'Not met', missing: 'Not answered',
    saveDraft: 'Save draft', submit: 'Submit', submitted: 'Submitted; the local bureau recommends it next', savedDraft: 'Draft saved',
    withdraw: 'Withdraw', withdrawConfirm: 'Withdraw the application for “{{name}}”?', withdrawn: 'Withdrawn', edit: 'Change',
    recommend: 'Recommend', recommendConfirm: 'Recommend “{{name}}” for the formal check?', return: 'Return', formalPass: 'Pass formal check', formalFail: 'Fail formal check',
    refuse: 'Refuse', certify: 'Certify', assign: 'Assign experts', draw: 'Draw experts', drew: '{{n}} experts drawn', assigned: '{{n}} experts assigned',
    expertSearch: 'Search an expert by name or organisation', panel: 'Reviewers', panelScore: 'Mean score', score: 'Score', noExperts: 'No reviewers yet', opinions: "Reviewers' opinions",
    certifyTitle: 'Certify the platform', certifyHelp: "Certified today unless given; valid for the type's term unless given.", certified: 'Certified', timeline: 'History',
    files: 'Supporting files', addFile: 'Upload a file', noFiles: 'No files', fileAdded: 'File uploaded', comment: 'Comment', commentRequired: 'Give a comment',
    returnedBecause: 'Returned: {{reason}}', refusedBecause: 'Refused: {{reason}}', certifiedAs: 'Certified, document {{no}}, valid until {{until}}',
    viewPlatform: 'Open the platform', done: 'Done', expertProgress: '{{submitted}}/{{active}} scored', submittedAt: 'Submitted', empty: 'No applications',
    org: 'Applicant', actionsTitle: 'Handle', moved: 'Done: {{status}}',
    actions: {
      create: 'Drafted', submit: 'Submitted', withdraw: 'Withdrawn', recommend: 'Recommended', return: 'Returned', formal_pass: 'Passed formal check', formal_fail: 'Failed formal check',
      start_review: 'Review started', finish_review: 'Review finished', certify: 'Certified', refuse: 'Refused',
    },
    steps: { submit: 'Submit', recommend: 'Recommend', check: 'Formal check', review: 'Expert review', decide: 'Decision' },
    methods: { manual: 'assigned', draw: 'drawn' },
    assignmentStatus: { assigned: 'To declare', declared: 'Scoring', submitted: 'Scored', declined: 'Recused' },
  },
  review: {
    pledge: 'I will review objectively and fairly, I have no conflict of interest with the applicant, I will keep the review confidential and accept no benefit.',
    pledgeAgree: 'I have read and give this pledge', noConflict: 'No conflict', conflict: 'Declare a conflict', conflictReason: 'Reason for the conflict',
    declared: 'Declared: no conflict', declined: 'Conflict declared; the bureau will assign someone else', hidden: 'The application opens once you declare no conflict',
    application: 'Application', criteria: 'Scores', total: 'Weighted total', weight: 'weight', max: 'max', comment: 'Opinion', saveDraft: 'Save draft',
    submit: 'Submit scores', submitConfirm: 'Scores cannot be changed once submitted. Submit?', submittedMessage: 'Scores submitted', savedMessage: 'Draft saved', empty: 'Nothing to review',
    open: 'Review', view: 'View', status: { assigned: 'To declare', declared: 'Scoring', submitted: 'Submitted' },
  },
};

export default platforms;

/**
 * The life of an application, as data (src/server/workflow.ts): from the draft through formal
 * check, review, decision, 公示, the task contract, funding, mid-term check and acceptance.
 * Every transition is audited and written to the application's timeline (application_event).
 */
import type { Workflow } from '../../workflow';

export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'recommended', 'returned', 'withdrawn', 'formal_passed', 'formal_failed', 'under_review', 'reviewed',
  'approved', 'not_approved', 'publicized', 'contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed', 'terminated',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationAction =
  | 'create' | 'submit' | 'withdraw' | 'recommend' | 'recommend_return' | 'formal_pass' | 'formal_return' | 'formal_fail'
  | 'start_review' | 'finish_review' | 'approve' | 'reject' | 'publicize' | 'contract' | 'midterm_pass' | 'midterm_fail'
  | 'accept_pass' | 'accept_fail' | 'close' | 'terminate';

const STAFF = ['admin', 'staff'] as const;
const APPLICANT = ['enterprise', 'institution'] as const;

export const APPLICATION_WORKFLOW: Workflow<ApplicationStatus, Exclude<ApplicationAction, 'create'>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: [...APPLICANT] },
  withdraw: { from: ['submitted', 'recommended', 'returned'], to: 'withdrawn', roles: [...APPLICANT] },
  recommend: { from: ['submitted'], to: 'recommended', roles: [...STAFF] },
  recommend_return: { from: ['submitted'], to: 'returned', roles: [...STAFF], comment: true },
  formal_pass: { from: ['submitted', 'recommended'], to: 'formal_passed', roles: [...STAFF] },
  formal_return: { from: ['submitted', 'recommended'], to: 'returned', roles: [...STAFF], comment: true },
  formal_fail: { from: ['submitted', 'recommended'], to: 'formal_failed', roles: [...STAFF], comment: true },
  start_review: { from: ['formal_passed'], to: 'under_review', roles: [...STAFF] },
  finish_review: { from: ['under_review'], to: 'reviewed', roles: ['expert', ...STAFF] },
  approve: { from: ['under_review', 'reviewed'], to: 'approved', roles: [...STAFF] },
  reject: { from: ['under_review', 'reviewed'], to: 'not_approved', roles: [...STAFF] },
  publicize: { from: ['approved'], to: 'publicized', roles: [...STAFF] },
  contract: { from: ['publicized'], to: 'contracted', roles: [...STAFF] },
  midterm_pass: { from: ['contracted'], to: 'midterm_passed', roles: [...STAFF] },
  midterm_fail: { from: ['contracted'], to: 'terminated', roles: [...STAFF], comment: true },
  accept_pass: { from: ['contracted', 'midterm_passed'], to: 'accepted', roles: [...STAFF] },
  accept_fail: { from: ['contracted', 'midterm_passed'], to: 'acceptance_failed', roles: [...STAFF], comment: true },
  close: { from: ['accepted', 'acceptance_failed'], to: 'closed', roles: [...STAFF] },
  terminate: { from: ['approved', 'publicized', 'contracted', 'midterm_passed'], to: 'terminated', roles: [...STAFF], comment: true },
};

/** States in which an application is a project (approved and after): its funding counts against the budget. */
export const FUNDED_STATUSES: ApplicationStatus[] = ['approved', 'publicized', 'contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed'];
/** States past formal check that are still to be reviewed or decided. */
export const IN_REVIEW_STATUSES: ApplicationStatus[] = ['formal_passed', 'under_review', 'reviewed'];

/**
 * The certification of a platform (认定), as data (src/server/workflow.ts): the host applies with
 * the type's checklist answered → the region's staff recommend (or return it) → formal check by the
 * certifying level (the city for city platforms, the province for provincial and national ones) →
 * expert review (experts assigned move it to under_review; the last submitted score to reviewed) →
 * certified (number, date, term) or refused with reasons. Every transition is audited and written to
 * the application's timeline (platform_application_event).
 */
import type { PlatformApplicationStatus } from '../../../domain/platforms';
import type { Workflow } from '../../workflow';

export type PlatformApplicationAction =
  | 'submit' | 'withdraw' | 'recommend' | 'return' | 'formal_pass' | 'formal_fail' | 'start_review' | 'finish_review' | 'certify' | 'refuse';

const STAFF = ['admin', 'staff'] as const;
const HOST = ['enterprise', 'institution'] as const;

export const PLATFORM_APPLICATION_WORKFLOW: Workflow<PlatformApplicationStatus, PlatformApplicationAction> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: [...HOST] },
  withdraw: { from: ['draft', 'submitted', 'returned', 'recommended'], to: 'withdrawn', roles: [...HOST] },
  recommend: { from: ['submitted'], to: 'recommended', roles: [...STAFF] },
  return: { from: ['submitted', 'recommended'], to: 'returned', roles: [...STAFF], comment: true },
  formal_pass: { from: ['recommended'], to: 'formal_passed', roles: [...STAFF] },
  formal_fail: { from: ['recommended'], to: 'refused', roles: [...STAFF], comment: true },
  start_review: { from: ['formal_passed'], to: 'under_review', roles: [...STAFF] },
  finish_review: { from: ['under_review'], to: 'reviewed', roles: ['expert', ...STAFF] },
  certify: { from: ['reviewed'], to: 'certified', roles: [...STAFF] },
  refuse: { from: ['formal_passed', 'under_review', 'reviewed'], to: 'refused', roles: [...STAFF], comment: true },
};

/** Actions the region's staff take at any level of the host's region; the rest need the certifying level. */
export const REGION_ACTIONS: PlatformApplicationAction[] = ['recommend'];
/** States in which the host may still change the application and its files. */
export const HOST_EDITABLE: PlatformApplicationStatus[] = ['draft', 'returned'];
/** States that take experts. */
export const ASSIGNABLE: PlatformApplicationStatus[] = ['formal_passed', 'under_review', 'reviewed'];

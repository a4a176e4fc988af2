/** Every kind of 待办, module by module. A module with new kinds of to-do adds them here. */
import { statConfirmInbox, statReturnedInbox, statUnsubmittedInbox } from '../enterprises/inbox';
import { supervisionDueInbox, taskMilestoneInbox } from '../indicators/inbox';
import { registrationInbox } from '../organizations/inbox';
import { policyReviewInbox } from '../policies/inbox';
import { applicationCheckInbox, applicationRecommendInbox, applicationReturnedInbox, reviewReplaceInbox, reviewTodoInbox } from '../projects/inbox';
import { evaluationHandleInbox, evaluationTodoInbox } from '../market/evaluation-inbox';
import { answerReviewInbox } from '../market/answers-inbox';
import { dockingRegistrationInbox } from '../market/docking-inbox';
import { platformCertReviewInbox, platformHandleInbox, platformRecommendInbox, platformReturnedInbox } from '../platforms/application-inbox';
import { contractDecideInbox, contractReturnedInbox } from '../market/tech-contract-inbox';
import { platformEvaluationHandleInbox, platformReportDueInbox, platformReviewTodoInbox } from '../platforms/evaluation-inbox';
import { dispatchConfirmInbox, logConfirmInbox } from '../commissioners/inbox';
import type { InboxKind } from './registry';

export const INBOX_KINDS: InboxKind[] = [
  registrationInbox,
  statConfirmInbox,
  statReturnedInbox,
  statUnsubmittedInbox,
  policyReviewInbox,
  taskMilestoneInbox,
  supervisionDueInbox,
  applicationRecommendInbox,
  applicationCheckInbox,
  reviewReplaceInbox,
  reviewTodoInbox,
  applicationReturnedInbox,
  answerReviewInbox,
  dockingRegistrationInbox,
  evaluationHandleInbox,
  evaluationTodoInbox,
  contractDecideInbox,
  platformRecommendInbox,
  platformHandleInbox,
  platformCertReviewInbox,
  platformReturnedInbox,
  contractReturnedInbox,
  dispatchConfirmInbox,
  logConfirmInbox,
  platformReportDueInbox,
  platformReviewTodoInbox,
  platformEvaluationHandleInbox,
];

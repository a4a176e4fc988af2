/**
 * Every job of the platform. A module adds its scheduled or background work by adding its
 * definition here; the queue, the admin view (GET /api/v1/jobs) and job_run pick it up.
 */
import { callsRemindersJob } from './calls-reminders';
import type { JobDefinition } from './definition';
import { notificationsRetentionJob } from './notifications-retention';
import { outboxJob } from './outbox';
import { tasksRemindersJob } from './tasks-reminders';
import { tiersExpiryJob } from './tiers-expiry';

export const JOBS: readonly JobDefinition[] = [outboxJob, tasksRemindersJob, tiersExpiryJob, notificationsRetentionJob, callsRemindersJob];

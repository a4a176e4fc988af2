-- Occasions already notified: a scheduled job (a reminder, an expiry notice) claims the key of an
-- occasion for one recipient, e.g. milestone-due:<milestoneId>:<userId>:<dueOn>, with
-- INSERT … ON CONFLICT DO NOTHING before it writes the notification, so the notification (and its
-- SMS) is written once per recipient and occasion, however often and on how many servers the job
-- runs. Kept apart from `notification` so that deleting old notifications (after 180 days) does
-- not make an old occasion new again; the retention job deletes keys after two years.
CREATE TABLE notification_occasion (
  key        text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_occasion_created_idx ON notification_occasion (created_at);

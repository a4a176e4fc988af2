-- Notifications (消息) a user reads on the site, the outbox of messages delivered beyond it
-- (SMS, e-mail, WeChat) by the job queue, and the last run of each scheduled job.
-- 待办 (the work inbox) has no table: each module registers a scoped query (modules/inbox).

-- One row per recipient, written in the same transaction as the change that causes it. Texts in
-- both languages, so a user who switches language reads them in the new one. Kept 180 days.
CREATE TABLE notification (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  -- what happened, e.g. registration.approved (the module's own vocabulary)
  kind        text NOT NULL,
  title       text NOT NULL,
  title_en    text NOT NULL,
  body        text NOT NULL DEFAULT '',
  body_en     text NOT NULL DEFAULT '',
  -- where the user acts or reads more, a path of the web app
  link        text,
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_user_created_idx ON notification (user_id, created_at DESC, id DESC);
CREATE INDEX notification_user_unread_idx ON notification (user_id) WHERE read_at IS NULL;
CREATE INDEX notification_created_idx ON notification (created_at);

-- Messages beyond the site. A row is written in the transaction of its cause and sent by the
-- job queue's outbox worker: claimed with FOR UPDATE SKIP LOCKED, so that several app servers
-- never send one twice. dedupe_key makes a reminder for one recipient and one occasion unique.
CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id bigint REFERENCES notification (id) ON DELETE SET NULL,
  user_id         bigint REFERENCES app_user (id) ON DELETE SET NULL,
  channel         text NOT NULL CHECK (channel IN ('sms', 'email', 'wechat')),
  recipient       text NOT NULL,
  payload         jsonb NOT NULL,
  dedupe_key      text UNIQUE,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending';

-- The last run of each scheduled job, for administrators (the queue keeps its own history).
CREATE TABLE job_run (
  name         text PRIMARY KEY,
  started_at   timestamptz,
  finished_at  timestamptz,
  ok           boolean,
  result       jsonb,
  error        text,
  runs         integer NOT NULL DEFAULT 0
);

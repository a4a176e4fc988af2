-- Files of an application (the call's required attachments and others), kept in the database
-- like policy and task attachments; and change requests after approval (members, dates, budget
-- lines), decided by the call's bureau and applied when approved.

CREATE TABLE application_attachment (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  -- the name of a required attachment of the call, or 'other'
  kind           text NOT NULL,
  file_name      text NOT NULL,
  content_type   text NOT NULL,
  size           integer NOT NULL,
  data           bytea NOT NULL,
  uploaded_by    bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_attachment_app_idx ON application_attachment (application_id);

CREATE TABLE application_change (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('members', 'dates', 'budget')),
  detail         jsonb NOT NULL,
  reason         text NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  comment        text,
  requested_by   bigint REFERENCES app_user (id),
  decided_by     bigint REFERENCES app_user (id),
  decided_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_change_app_idx ON application_change (application_id);
CREATE INDEX application_change_pending_idx ON application_change (application_id) WHERE status = 'pending';

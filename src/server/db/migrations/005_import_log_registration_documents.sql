-- Issue 10. import_log: one row per committed Excel import, by content hash, so the same file
-- imported twice is noticed and the importer is asked first (written in the import's transaction).
CREATE TABLE import_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  rows         integer NOT NULL,
  created      integer NOT NULL,
  updated      integer NOT NULL,
  actor_id     bigint REFERENCES app_user (id),
  actor_name   text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_log_hash_idx ON import_log (kind, content_hash, imported_at DESC);

-- Documents a registrant uploads with the registration (营业执照, optional 授权书), kept in the
-- database like policy and task attachments; read by the registrant and the reviewing staff only.
CREATE TABLE registration_document (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('license', 'authorization')),
  file_name    text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size         integer NOT NULL CHECK (size > 0),
  data         bytea NOT NULL,
  uploaded_by  bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registration_document_org_idx ON registration_document (org_id);

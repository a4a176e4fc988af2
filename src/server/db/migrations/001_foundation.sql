-- Foundation (M1): regions, organisations, accounts, sessions, sign-in throttling, audit log.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE app_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- 行政区划 (GB/T 2260). level: 1 province, 2 city, 3 county.
CREATE TABLE region (
  code        text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{5}$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  parent_code text REFERENCES region (code),
  level       smallint NOT NULL CHECK (level IN (1, 2, 3)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX region_parent_idx ON region (parent_code);

-- The codes of a region and everything below it: the data scope of a staff member.
CREATE FUNCTION region_subtree(root text) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE tree(code) AS (
    SELECT code FROM region WHERE code = root
    UNION ALL
    SELECT r.code FROM region r JOIN tree t ON r.parent_code = t.code
  )
  SELECT code FROM tree
$$;

-- Enterprises and institutions (universities, research institutes), registered by USCC.
CREATE TABLE organization (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('enterprise', 'institution')),
  name          text NOT NULL,
  uscc          text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  region_code   text NOT NULL REFERENCES region (code),
  contact_name  text NOT NULL,
  contact_phone text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reject_reason text,
  reviewed_by   bigint,
  reviewed_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX organization_region_idx ON organization (region_code);
CREATE INDEX organization_status_idx ON organization (status);

CREATE TABLE app_user (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username             text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.@-]{3,64}$'),
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('admin', 'staff', 'enterprise', 'institution', 'expert', 'commissioner')),
  region_code          text REFERENCES region (code),
  org_id               bigint REFERENCES organization (id),
  phone                text,
  password_hash        text NOT NULL,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'rejected', 'disabled')),
  must_change_password boolean NOT NULL DEFAULT false,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  CHECK (role <> 'staff' OR region_code IS NOT NULL),
  CHECK (role NOT IN ('enterprise', 'institution') OR org_id IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));
CREATE UNIQUE INDEX app_user_phone_key ON app_user (phone) WHERE phone IS NOT NULL;
CREATE INDEX app_user_region_idx ON app_user (region_code);
CREATE INDEX app_user_org_idx ON app_user (org_id);

-- Server-side sessions: the cookie carries a random token, the table only its SHA-256.
CREATE TABLE user_session (
  id           text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Failed sign-ins per client address, in a sliding window (shared by all app servers).
CREATE TABLE login_throttle (
  ip           text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer NOT NULL
);

-- The audit log: append-only, enforced by triggers below.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint,
  actor_name  text,
  actor_role  text,
  ip          text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  changes     jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_action_idx ON audit_log (action);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

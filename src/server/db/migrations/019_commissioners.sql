-- 科技特派员 (M8): commissioners (a person, an organisation 法人科技特派员, or a team 科技特派团 with a
-- leader and members), their dispatch to villages and to enterprises or cooperatives by an agreement
-- both sides confirm, the service logs they keep from a phone (offline: a client-made id makes a
-- repeated submission answer the stored log), the served party's confirmation and feedback, the
-- yearly minimum per region and the yearly rating (国办发〔2016〕32号; see RULES.md "科技特派员").

-- The yearly minimum of service, per region; the nearest region up the tree that has one applies.
CREATE TABLE commissioner_rule (
  region_code text PRIMARY KEY REFERENCES region (code),
  min_days    numeric(5, 1) NOT NULL CHECK (min_days > 0 AND min_days <= 366),
  min_visits  integer NOT NULL CHECK (min_visits > 0 AND min_visits <= 366),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
-- ≥ 30 days a year or ≥ 12 visits on site (Henan's rule; the common one): the province's default
INSERT INTO commissioner_rule (region_code, min_days, min_visits)
  SELECT code, 30, 12 FROM region WHERE code = '620000';

CREATE TABLE commissioner (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('individual', 'legal', 'team')),
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  -- individual: the employer; legal: the organisation itself; team: the leading organisation
  org_id        bigint REFERENCES organization (id),
  org_name      text NOT NULL DEFAULT '',
  -- the employer's kind: Party and government staff may not be commissioners (refused by the app)
  employer_kind text NOT NULL DEFAULT 'other'
                CHECK (employer_kind IN ('university', 'institute', 'enterprise', 'public_institution', 'cooperative', 'other')),
  title         text NOT NULL DEFAULT '',
  phone         text NOT NULL,
  fields        text[] NOT NULL CHECK (cardinality(fields) > 0),
  -- the region whose staff manage the commissioner (their scope)
  region_code   text NOT NULL REFERENCES region (code),
  -- a team's leader: an individual commissioner
  leader_id     bigint REFERENCES commissioner (id),
  -- the sign-in of an individual (or of the organisation's contact for a legal one)
  user_id       bigint UNIQUE REFERENCES app_user (id),
  -- the same person in the expert registry, when they are one
  expert_id     bigint REFERENCES expert (id),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  CHECK (kind <> 'legal' OR org_id IS NOT NULL),
  CHECK (kind = 'team' OR leader_id IS NULL)
);
CREATE INDEX commissioner_region_idx ON commissioner (region_code, kind);
CREATE INDEX commissioner_leader_idx ON commissioner (leader_id);

CREATE TABLE commissioner_team_member (
  team_id   bigint NOT NULL REFERENCES commissioner (id),
  member_id bigint NOT NULL REFERENCES commissioner (id),
  PRIMARY KEY (team_id, member_id),
  CHECK (team_id <> member_id)
);
CREATE INDEX commissioner_team_member_member_idx ON commissioner_team_member (member_id);

-- A dispatch (派驻): one commissioner, one period, the villages and organisations served. Proposed
-- by staff; active once the commissioner and every served party have confirmed (the township's
-- confirmation for a village is given by staff of the village's county); ended early by staff.
CREATE TABLE dispatch (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commissioner_id         bigint NOT NULL REFERENCES commissioner (id),
  -- the commissioner's region at dispatch: whose staff manage it
  region_code             text NOT NULL REFERENCES region (code),
  starts_on               date NOT NULL,
  ends_on                 date NOT NULL,
  ended_on                date,
  end_reason              text,
  agreement_no            text NOT NULL DEFAULT '',
  tasks                   text NOT NULL DEFAULT '',
  status                  text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'ended', 'cancelled')),
  commissioner_confirmed_at timestamptz,
  commissioner_confirmed_by bigint REFERENCES app_user (id),
  created_by              bigint REFERENCES app_user (id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  version                 integer NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on),
  CHECK (ended_on IS NULL OR (ended_on >= starts_on AND ended_on <= ends_on))
);
CREATE INDEX dispatch_commissioner_idx ON dispatch (commissioner_id, starts_on);
CREATE INDEX dispatch_region_idx ON dispatch (region_code, status);

-- What a dispatch serves: a village or an organisation (enterprise, cooperative), each confirmed once.
CREATE TABLE dispatch_target (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dispatch_id  bigint NOT NULL REFERENCES dispatch (id),
  village_code text REFERENCES locality (code),
  org_id       bigint REFERENCES organization (id),
  confirmed_at timestamptz,
  confirmed_by bigint REFERENCES app_user (id),
  CHECK ((village_code IS NULL) <> (org_id IS NULL))
);
CREATE UNIQUE INDEX dispatch_target_village_key ON dispatch_target (dispatch_id, village_code) WHERE village_code IS NOT NULL;
CREATE UNIQUE INDEX dispatch_target_org_key ON dispatch_target (dispatch_id, org_id) WHERE org_id IS NOT NULL;
CREATE INDEX dispatch_target_village_idx ON dispatch_target (village_code);
CREATE INDEX dispatch_target_org_idx ON dispatch_target (org_id);

-- A service log (服务日志), written by the commissioner (or a team member) on a phone.
CREATE TABLE service_log (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- made by the phone: a repeated submission (offline, sent again) answers the stored log
  client_id        uuid NOT NULL,
  dispatch_id      bigint NOT NULL REFERENCES dispatch (id),
  commissioner_id  bigint NOT NULL REFERENCES commissioner (id),
  author_id        bigint NOT NULL REFERENCES app_user (id),
  served_on        date NOT NULL,
  village_code     text REFERENCES locality (code),
  org_id           bigint REFERENCES organization (id),
  days             numeric(4, 1) NOT NULL CHECK (days > 0 AND days <= 31),
  service_type     text NOT NULL CHECK (service_type IN ('promotion', 'training', 'consultation', 'demonstration', 'entrepreneurship')),
  content          text NOT NULL CHECK (length(btrim(content)) > 0),
  technologies     text NOT NULL DEFAULT '',
  varieties        text NOT NULL DEFAULT '',
  problems_solved  integer NOT NULL DEFAULT 0 CHECK (problems_solved >= 0),
  trained          integer NOT NULL DEFAULT 0 CHECK (trained >= 0),
  orgs_founded     integer NOT NULL DEFAULT 0 CHECK (orgs_founded >= 0),
  orgs_served      integer NOT NULL DEFAULT 0 CHECK (orgs_served >= 0),
  jobs_created     integer NOT NULL DEFAULT 0 CHECK (jobs_created >= 0),
  income_raised    bigint NOT NULL DEFAULT 0 CHECK (income_raised >= 0),
  latitude         numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
  longitude        numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'confirmed')),
  confirmed_at     timestamptz,
  confirmed_by     bigint REFERENCES app_user (id),
  -- the served party's satisfaction (1–5) and words, given with the confirmation
  feedback_score   smallint CHECK (feedback_score BETWEEN 1 AND 5),
  feedback         text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (author_id, client_id),
  CHECK ((village_code IS NULL) <> (org_id IS NULL))
);
CREATE INDEX service_log_commissioner_idx ON service_log (commissioner_id, served_on);
CREATE INDEX service_log_dispatch_idx ON service_log (dispatch_id, served_on);
CREATE INDEX service_log_village_idx ON service_log (village_code, served_on);
CREATE INDEX service_log_unconfirmed_idx ON service_log (served_on) WHERE status = 'submitted';

CREATE TABLE service_log_photo (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  log_id       bigint NOT NULL REFERENCES service_log (id),
  client_id    uuid NOT NULL,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (log_id, client_id)
);

-- The yearly rating: computed from the confirmed logs against the minimum and the feedback; staff
-- confirm it (or set another with a note). Continuing (a new dispatch) needs 合格 or better.
CREATE TABLE commissioner_rating (
  commissioner_id bigint NOT NULL REFERENCES commissioner (id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  days            numeric(6, 1) NOT NULL,
  visits          integer NOT NULL,
  feedback_avg    numeric(3, 2),
  score           numeric(5, 1) NOT NULL,
  computed        text NOT NULL CHECK (computed IN ('excellent', 'good', 'pass', 'fail')),
  rating          text NOT NULL CHECK (rating IN ('excellent', 'good', 'pass', 'fail')),
  note            text NOT NULL DEFAULT '',
  decided_by      bigint REFERENCES app_user (id),
  decided_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commissioner_id, year),
  CHECK (rating = computed OR length(btrim(note)) > 0)
);

INSERT INTO indicator (code, name_zh, name_en, unit_zh, unit_en, source, direction, rollup, rollup_weight, cumulative, decimals, headline, sort_order, built_in) VALUES
  ('commissioner_village_coverage', '科技特派员村级服务覆盖率', 'Villages served by a science and technology commissioner', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 150, true),
  ('commissioners_active', '在岗科技特派员数', 'Active science and technology commissioners', '人', 'people', 'computed', 'higher', 'sum', NULL, false, 0, false, 151, true);

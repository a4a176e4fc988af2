-- S&T programmes and projects (M5) and the shared expert registry and review engine:
-- experts and their declared relations, programmes, calls (申报指南), the three-level reserve
-- (项目储备库), applications with members, partners and a timeline, review assignments with
-- pledges, declarations and scores, the recorded random draws, funding tranches.

-- 专家库. An expert account (role expert) is linked to at most one expert record. The ID number
-- is never stored in full: its SHA-256 (to find duplicates) and its last four characters.
CREATE TABLE expert (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL CHECK (length(btrim(name)) > 0),
  org_id         bigint REFERENCES organization (id),
  org_name       text NOT NULL,
  title          text NOT NULL,
  title_rank     text NOT NULL CHECK (title_rank IN ('正高', '副高', '中级', '其他')),
  fields         text[] NOT NULL CHECK (cardinality(fields) > 0),
  region_code    text NOT NULL REFERENCES region (code),
  phone          text NOT NULL,
  id_number_hash text,
  id_number_tail text,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  user_id        bigint UNIQUE REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX expert_region_idx ON expert (region_code);
CREATE INDEX expert_fields_idx ON expert USING gin (fields);
CREATE INDEX expert_org_idx ON expert (org_id);
CREATE UNIQUE INDEX expert_id_number_key ON expert (id_number_hash) WHERE id_number_hash IS NOT NULL;

-- An organisation or a person the expert must be kept away from (回避), with a reason and dates.
CREATE TABLE expert_relation (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  expert_id   bigint NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
  org_id      bigint REFERENCES organization (id),
  person_name text,
  reason      text NOT NULL,
  valid_from  date,
  valid_to    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (org_id IS NOT NULL OR length(btrim(coalesce(person_name, ''))) > 0),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX expert_relation_expert_idx ON expert_relation (expert_id);

-- 科技计划: a programme has a level and an owning region.
CREATE TABLE programme (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  level       text NOT NULL CHECK (level IN ('central', 'provincial', 'city', 'county')),
  region_code text NOT NULL REFERENCES region (code),
  description text NOT NULL DEFAULT '',
  created_by  bigint REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX programme_region_idx ON programme (region_code);

-- 申报指南. Open while published and opens_at <= now() < closes_at (server clock); the form,
-- rubric and 回避 rules are data. status 'closed' is set by staff or by the job at closes_at;
-- submission checks the clock itself, so a late job never lets a late application in.
CREATE TABLE call (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme_id              bigint NOT NULL REFERENCES programme (id),
  region_code               text NOT NULL REFERENCES region (code),
  title                     text NOT NULL CHECK (length(btrim(title)) > 0),
  year                      integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  guide                     text NOT NULL DEFAULT '',
  opens_at                  timestamptz NOT NULL,
  closes_at                 timestamptz NOT NULL CHECK (closes_at > opens_at),
  budget                    bigint NOT NULL CHECK (budget >= 0),
  eligible_kinds            text[] NOT NULL DEFAULT '{enterprise,institution}',
  form                      jsonb NOT NULL DEFAULT '[]',
  required_attachments      jsonb NOT NULL DEFAULT '[]',
  rubric                    jsonb NOT NULL,
  reviewers_per_application integer NOT NULL CHECK (reviewers_per_application BETWEEN 1 AND 15),
  blind                     boolean NOT NULL DEFAULT false,
  avoidance                 text[] NOT NULL,
  drop_extremes             boolean NOT NULL DEFAULT false,
  requires_recommendation   boolean NOT NULL DEFAULT false,
  max_per_org               integer CHECK (max_per_org > 0),
  notice_days               integer NOT NULL DEFAULT 7 CHECK (notice_days BETWEEN 1 AND 30),
  pledge                    text NOT NULL,
  status                    text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  published_at              timestamptz,
  results_out               boolean NOT NULL DEFAULT false,
  created_by                bigint REFERENCES app_user (id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  version                   integer NOT NULL DEFAULT 1
);
CREATE INDEX call_region_idx ON call (region_code, year DESC);
CREATE INDEX call_programme_idx ON call (programme_id);

-- 项目储备库: ideas and candidates per level, promoted into an application when a call opens.
CREATE TABLE reserve_item (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  level                text NOT NULL CHECK (level IN ('central', 'provincial', 'city')),
  region_code          text NOT NULL REFERENCES region (code),
  title                text NOT NULL CHECK (length(btrim(title)) > 0),
  field                text NOT NULL,
  lead_org_id          bigint REFERENCES organization (id),
  lead_org_name        text NOT NULL,
  estimated_investment bigint NOT NULL DEFAULT 0 CHECK (estimated_investment >= 0),
  maturity             text NOT NULL DEFAULT '',
  notes                text NOT NULL DEFAULT '',
  status               text NOT NULL DEFAULT 'reserve' CHECK (status IN ('reserve', 'arguing', 'applied', 'approved', 'dropped')),
  application_id       bigint,
  created_by           bigint REFERENCES app_user (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX reserve_item_region_idx ON reserve_item (region_code, level);

-- 项目申报 and, once approved, the project it becomes. region_code is the applicant's.
CREATE TABLE application (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id          bigint NOT NULL REFERENCES call (id),
  org_id           bigint NOT NULL REFERENCES organization (id),
  region_code      text NOT NULL REFERENCES region (code),
  title            text NOT NULL CHECK (length(btrim(title)) > 0),
  field            text NOT NULL,
  summary          text NOT NULL DEFAULT '',
  requested_amount bigint NOT NULL CHECK (requested_amount >= 0),
  own_funds        bigint NOT NULL DEFAULT 0 CHECK (own_funds >= 0),
  form_data        jsonb NOT NULL DEFAULT '{}',
  budget           jsonb NOT NULL DEFAULT '[]',
  status           text NOT NULL DEFAULT 'draft',
  -- a county applicant to a city call that wants recommendation: its county bureau recommends first
  needs_recommendation boolean NOT NULL DEFAULT false,
  submitted_at     timestamptz,
  approved_amount  bigint CHECK (approved_amount >= 0),
  notice_from      date,
  notice_until     date,
  contract         jsonb,
  acceptance       text,
  reserve_item_id  bigint REFERENCES reserve_item (id),
  created_by       bigint REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX application_call_idx ON application (call_id, status);
CREATE INDEX application_org_idx ON application (org_id);
CREATE INDEX application_region_idx ON application (region_code);

CREATE TABLE application_member (
  application_id bigint NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  seq            integer NOT NULL,
  name           text NOT NULL,
  org_name       text NOT NULL DEFAULT '',
  role           text NOT NULL DEFAULT '',
  expert_id      bigint REFERENCES expert (id),
  id_number_tail text,
  PRIMARY KEY (application_id, seq)
);
CREATE INDEX application_member_expert_idx ON application_member (expert_id) WHERE expert_id IS NOT NULL;

CREATE TABLE application_partner (
  application_id bigint NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  org_id         bigint NOT NULL REFERENCES organization (id),
  PRIMARY KEY (application_id, org_id)
);
CREATE INDEX application_partner_org_idx ON application_partner (org_id);

-- The timeline: every transition of an application, who took it and why.
CREATE TABLE application_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  action         text NOT NULL,
  from_status    text,
  to_status      text NOT NULL,
  comment        text,
  actor_id       bigint REFERENCES app_user (id),
  actor_name     text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_event_app_idx ON application_event (application_id, at, id);

-- A recorded random draw (抽取): the seed reproduces who was drawn.
CREATE TABLE review_draw (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id    bigint NOT NULL REFERENCES call (id),
  seed       text NOT NULL,
  assigned   integer NOT NULL,
  unfilled   integer NOT NULL,
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One expert reviewing one application. A declined or conflicting assignment stays (status
-- 'declined') so that the same expert is never drawn again for it.
CREATE TABLE review_assignment (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id         bigint NOT NULL REFERENCES call (id),
  application_id  bigint NOT NULL REFERENCES application (id),
  expert_id       bigint NOT NULL REFERENCES expert (id),
  status          text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'declared', 'submitted', 'declined')),
  method          text NOT NULL CHECK (method IN ('manual', 'draw')),
  draw_id         bigint REFERENCES review_draw (id),
  conflict_reason text,
  scores          jsonb NOT NULL DEFAULT '{}',
  comment         text NOT NULL DEFAULT '',
  total           numeric(8, 2),
  assigned_by     bigint REFERENCES app_user (id),
  assigned_at     timestamptz NOT NULL DEFAULT now(),
  declared_at     timestamptz,
  submitted_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (application_id, expert_id)
);
CREATE INDEX review_assignment_expert_idx ON review_assignment (expert_id, status);
CREATE INDEX review_assignment_call_idx ON review_assignment (call_id, status);

-- The integrity pledge (承诺书, 国科发监〔2020〕360号): signed once per call and expert.
CREATE TABLE review_pledge (
  call_id   bigint NOT NULL REFERENCES call (id),
  expert_id bigint NOT NULL REFERENCES expert (id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, expert_id)
);

-- 拨付: funding tranches of an approved project; their sum never exceeds the approved amount.
CREATE TABLE funding_tranche (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES application (id),
  amount         bigint NOT NULL CHECK (amount > 0),
  paid_on        date NOT NULL,
  note           text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_tranche_app_idx ON funding_tranche (application_id);

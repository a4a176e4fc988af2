-- 人才库 (M8): talent records extend the expert registry — the person (name, organisation, title,
-- fields, mobile) lives in `expert`; a talent record adds how a host organisation of the region
-- engages them. Days done and subsidy paid are never typed: they are sums of the service and
-- payment rows below.

-- 创新创业团队: a team with a host organisation, a field and an agreement; its people are experts.
CREATE TABLE talent_team (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL CHECK (length(btrim(name)) > 0),
  host_org_id    bigint NOT NULL REFERENCES organization (id),
  field          text NOT NULL,
  agreement_no   text NOT NULL DEFAULT '',
  agreement_from date NOT NULL,
  agreement_to   date NOT NULL,
  outcomes       text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (agreement_to >= agreement_from)
);
CREATE INDEX talent_team_host_idx ON talent_team (host_org_id);

CREATE TABLE talent_team_member (
  team_id   bigint NOT NULL REFERENCES talent_team (id) ON DELETE CASCADE,
  expert_id bigint NOT NULL REFERENCES expert (id),
  is_leader boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, expert_id)
);
-- one leader per team
CREATE UNIQUE INDEX talent_team_leader_key ON talent_team_member (team_id) WHERE is_leader;
CREATE INDEX talent_team_member_expert_idx ON talent_team_member (expert_id);

-- One engagement of a person by a host organisation. category 'flexible' (柔性引进) names its kind.
CREATE TABLE talent (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  expert_id      bigint NOT NULL REFERENCES expert (id),
  category       text NOT NULL CHECK (category IN ('leading', 'team', 'flexible', 'three_regions', 'local')),
  flexible_kind  text CHECK (flexible_kind IN ('migratory', 'weekend_engineer', 'vice_president')),
  host_org_id    bigint NOT NULL REFERENCES organization (id),
  agreement_no   text NOT NULL DEFAULT '',
  agreement_from date NOT NULL,
  agreement_to   date NOT NULL,
  days_per_year  integer NOT NULL CHECK (days_per_year BETWEEN 0 AND 366),
  outcomes       text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK ((category = 'flexible') = (flexible_kind IS NOT NULL)),
  CHECK (agreement_to >= agreement_from)
);
-- the same person engaged twice by the same host from the same day is one record
CREATE UNIQUE INDEX talent_engagement_key ON talent (expert_id, host_org_id, agreement_from);
CREATE INDEX talent_host_idx ON talent (host_org_id);
CREATE INDEX talent_expert_idx ON talent (expert_id);
CREATE INDEX talent_category_idx ON talent (category, flexible_kind);

-- A day (or days) of service: what the host or staff record; days done in a year is their sum.
CREATE TABLE talent_service (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  talent_id  bigint NOT NULL REFERENCES talent (id) ON DELETE CASCADE,
  served_on  date NOT NULL,
  days       numeric(4, 1) NOT NULL CHECK (days > 0 AND days <= 31),
  content    text NOT NULL CHECK (length(btrim(content)) > 0),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1
);
CREATE INDEX talent_service_talent_idx ON talent_service (talent_id, served_on);

-- A subsidy payment (whole yuan) to a person's engagement or to a team; the total paid is their sum.
CREATE TABLE talent_payment (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  talent_id  bigint REFERENCES talent (id) ON DELETE CASCADE,
  team_id    bigint REFERENCES talent_team (id) ON DELETE CASCADE,
  paid_on    date NOT NULL,
  amount     bigint NOT NULL CHECK (amount > 0),
  note       text NOT NULL DEFAULT '',
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((talent_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX talent_payment_talent_idx ON talent_payment (talent_id) WHERE talent_id IS NOT NULL;
CREATE INDEX talent_payment_team_idx ON talent_payment (team_id) WHERE team_id IS NOT NULL;

-- 引才引智基地: a host organisation designated as a base; its talent are the talent records it hosts.
CREATE TABLE talent_base (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        bigint NOT NULL UNIQUE REFERENCES organization (id),
  level         text NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
  designated_on date NOT NULL,
  document_no   text NOT NULL DEFAULT '',
  field         text NOT NULL DEFAULT '',
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);

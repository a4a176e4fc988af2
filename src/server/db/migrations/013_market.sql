-- The technology market (M6, M7), first part: achievements (科技成果) and technology demands
-- (技术需求). Both belong to an organisation and its region; both are draft → submitted → published
-- (by the region's staff), then transferred / withdrawn (achievements) or closed (demands).

CREATE TABLE achievement (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         bigint NOT NULL REFERENCES organization (id),
  region_code    text NOT NULL REFERENCES region (code),
  title          text NOT NULL CHECK (length(btrim(title)) > 0),
  type           text NOT NULL CHECK (type IN ('patent', 'software', 'plant_variety', 'technology', 'product', 'standard', 'other')),
  field          text NOT NULL,
  maturity       smallint NOT NULL CHECK (maturity BETWEEN 1 AND 9),
  ip             text NOT NULL DEFAULT '',
  inventors      text NOT NULL DEFAULT '',
  summary        text NOT NULL DEFAULT '',
  text           text NOT NULL DEFAULT '',
  transfer_modes text[] NOT NULL DEFAULT '{}',
  price_min      bigint CHECK (price_min >= 0),
  price_max      bigint CHECK (price_max >= 0),
  contact        text NOT NULL DEFAULT '',
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published', 'transferred', 'withdrawn')),
  published_at   timestamptz,
  created_by     bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (price_max IS NULL OR price_min IS NULL OR price_max >= price_min)
);
CREATE INDEX achievement_region_idx ON achievement (region_code, status);
CREATE INDEX achievement_org_idx ON achievement (org_id);
CREATE INDEX achievement_published_idx ON achievement (published_at DESC) WHERE status = 'published';

CREATE TABLE demand (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES organization (id),
  region_code  text NOT NULL REFERENCES region (code),
  title        text NOT NULL CHECK (length(btrim(title)) > 0),
  description  text NOT NULL DEFAULT '',
  field        text NOT NULL,
  budget_min   bigint CHECK (budget_min >= 0),
  budget_max   bigint CHECK (budget_max >= 0),
  deadline     date,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published', 'closed')),
  published_at timestamptz,
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  CHECK (budget_max IS NULL OR budget_min IS NULL OR budget_max >= budget_min)
);
CREATE INDEX demand_region_idx ON demand (region_code, status);
CREATE INDEX demand_org_idx ON demand (org_id);

-- Achievement evaluation (科技成果分类评价, issue 13 item 2) and the 好成果 lists: criteria sets
-- per class as data, the configured conclusion levels, evaluation requests on an achievement,
-- the experts assigned to them (回避 as in project review) with their scores, and batches of
-- evaluated achievements released on the portal.

-- One criteria set per class (国办发〔2021〕26号: basic research by peers, applied research by
-- the market and users, technology development and industrialisation by users, the market and
-- third parties). criteria: [{ code, name, weight, max }], weights summing to 1.
CREATE TABLE evaluation_criteria_set (
  class          text PRIMARY KEY CHECK (class IN ('basic_research', 'applied_research', 'technology_development')),
  evaluator_type text NOT NULL CHECK (evaluator_type IN ('peer_experts', 'market_user', 'third_party')),
  criteria       jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) > 0),
  experts_per_evaluation smallint NOT NULL DEFAULT 3 CHECK (experts_per_evaluation BETWEEN 1 AND 15),
  updated_by     bigint REFERENCES app_user (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);

INSERT INTO evaluation_criteria_set (class, evaluator_type, experts_per_evaluation, criteria) VALUES
  ('basic_research', 'peer_experts', 5, '[
    {"code": "originality", "name": "原始创新性", "weight": 0.4, "max": 100},
    {"code": "scientific_value", "name": "科学价值", "weight": 0.3, "max": 100},
    {"code": "academic_impact", "name": "学术影响", "weight": 0.3, "max": 100}]'),
  ('applied_research', 'market_user', 3, '[
    {"code": "innovation", "name": "技术创新性", "weight": 0.3, "max": 100},
    {"code": "maturity", "name": "技术成熟度", "weight": 0.25, "max": 100},
    {"code": "prospects", "name": "应用前景", "weight": 0.25, "max": 100},
    {"code": "user_feedback", "name": "行业用户评价", "weight": 0.2, "max": 100}]'),
  ('technology_development', 'third_party', 3, '[
    {"code": "advancement", "name": "技术先进性", "weight": 0.25, "max": 100},
    {"code": "market_value", "name": "市场价值", "weight": 0.3, "max": 100},
    {"code": "industrialisation", "name": "产业化程度", "weight": 0.25, "max": 100},
    {"code": "benefit", "name": "经济社会效益", "weight": 0.2, "max": 100}]');

-- The conclusions staff may give (国际领先 … 其他), in order; data, so a bureau can change them.
CREATE TABLE evaluation_level (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort    smallint NOT NULL,
  active  boolean NOT NULL DEFAULT true
);
INSERT INTO evaluation_level (code, name_zh, name_en, sort) VALUES
  ('international_leading', '国际领先', 'World-leading', 1),
  ('international_advanced', '国际先进', 'World-class', 2),
  ('domestic_leading', '国内领先', 'Leading in China', 3),
  ('domestic_advanced', '国内先进', 'Advanced in China', 4),
  ('other', '其他', 'Other', 5);

-- An evaluation of one achievement. The criteria are copied from the class's set when requested,
-- so a later edit of the set does not change an evaluation under way. org_id and region_code are
-- the achievement's, kept here so that scope is one condition.
CREATE TABLE evaluation (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  achievement_id   bigint NOT NULL REFERENCES achievement (id),
  org_id           bigint NOT NULL REFERENCES organization (id),
  region_code      text NOT NULL REFERENCES region (code),
  class            text NOT NULL CHECK (class IN ('basic_research', 'applied_research', 'technology_development')),
  evaluator_type   text NOT NULL CHECK (evaluator_type IN ('peer_experts', 'market_user', 'third_party')),
  criteria         jsonb NOT NULL,
  experts_required smallint NOT NULL CHECK (experts_required BETWEEN 1 AND 15),
  note             text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'experts_assigned', 'scored', 'concluded', 'withdrawn')),
  requested_by     bigint REFERENCES app_user (id),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  score            numeric(8, 2),
  level            text REFERENCES evaluation_level (code),
  opinion          text NOT NULL DEFAULT '',
  concluded_by     bigint REFERENCES app_user (id),
  concluded_at     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (status <> 'concluded' OR (level IS NOT NULL AND score IS NOT NULL))
);
-- one evaluation under way per achievement
CREATE UNIQUE INDEX evaluation_open_key ON evaluation (achievement_id) WHERE status NOT IN ('concluded', 'withdrawn');
CREATE INDEX evaluation_region_idx ON evaluation (region_code, status);
CREATE INDEX evaluation_org_idx ON evaluation (org_id);

-- One expert on one evaluation. A declared conflict keeps the row as 'declined' so that the
-- expert is not assigned or drawn again for it.
CREATE TABLE evaluation_assignment (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  evaluation_id   bigint NOT NULL REFERENCES evaluation (id),
  expert_id       bigint NOT NULL REFERENCES expert (id),
  status          text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'declared', 'submitted', 'declined')),
  method          text NOT NULL CHECK (method IN ('manual', 'draw')),
  draw_seed       text,
  conflict_reason text,
  scores          jsonb NOT NULL DEFAULT '{}',
  comment         text NOT NULL DEFAULT '',
  total           numeric(8, 2),
  assigned_by     bigint REFERENCES app_user (id),
  assigned_at     timestamptz NOT NULL DEFAULT now(),
  declared_at     timestamptz,
  submitted_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (evaluation_id, expert_id)
);
CREATE INDEX evaluation_assignment_expert_idx ON evaluation_assignment (expert_id, status);

-- 好成果榜单: a monthly or quarterly list of evaluated achievements chosen by a bureau;
-- published ones are on the portal.
CREATE TABLE good_batch (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code  text NOT NULL REFERENCES region (code),
  title        text NOT NULL CHECK (length(btrim(title)) > 0),
  period       text NOT NULL CHECK (period IN ('monthly', 'quarterly')),
  -- 2026-10 (monthly) or 2026-Q4 (quarterly)
  period_of    text NOT NULL CHECK (period_of ~ '^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  intro        text NOT NULL DEFAULT '',
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at timestamptz,
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX good_batch_published_idx ON good_batch (published_at DESC) WHERE status = 'published';
CREATE INDEX good_batch_region_idx ON good_batch (region_code, status);

CREATE TABLE good_batch_item (
  batch_id      bigint NOT NULL REFERENCES good_batch (id) ON DELETE CASCADE,
  evaluation_id bigint NOT NULL REFERENCES evaluation (id),
  seq           smallint NOT NULL,
  note          text NOT NULL DEFAULT '',
  PRIMARY KEY (batch_id, evaluation_id)
);

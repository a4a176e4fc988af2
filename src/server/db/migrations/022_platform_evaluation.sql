-- Yearly performance evaluation of innovation platforms (绩效评价, issue 14 item 8): per platform
-- type, the year's metrics, the scoring rubric and the rating thresholds as data; the yearly round
-- a bureau opens with a deadline; each certified platform's report with its figures, narrative and
-- files; the experts who score it (回避 as in project review) or the staff's own scores; the rating
-- 优秀 / 良好 / 合格 / 不合格; and the revocation proposals staff decide on.

-- One scheme per platform type ('default' for the types without their own). The figures a
-- report gives are the type's yearly metrics (platform_type_metric, migration 020).
--   criteria:   [{ code, name, weight, max }]          the rubric, weights summing to 1 (review engine's Criterion)
--   thresholds: [{ rating, min }]                      a score from min up earns the rating; below all, 'fail'
--   grades:     { excellent: 'A', … } or null          how a type names its ratings (incubators: 国科火字〔2019〕239号)
CREATE TABLE platform_evaluation_scheme (
  type       text PRIMARY KEY CHECK (type = 'default' OR type ~ '^[a-z][a-z_]{1,40}$'),
  criteria   jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) > 0),
  thresholds jsonb NOT NULL CHECK (jsonb_typeof(thresholds) = 'array'),
  grades     jsonb,
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1
);

INSERT INTO platform_evaluation_scheme (type, criteria, thresholds, grades) VALUES
  ('default', '[
    {"code": "management", "name": "运行管理与制度建设", "weight": 0.2, "max": 100},
    {"code": "capacity", "name": "研发条件与队伍建设", "weight": 0.3, "max": 100},
    {"code": "outputs", "name": "创新成果与成果转化", "weight": 0.3, "max": 100},
    {"code": "service", "name": "开放服务与产业支撑", "weight": 0.2, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL),
  -- 国科火字〔2019〕239号: 服务能力、孵化绩效、可持续发展, rated A / B / C / D
  ('incubator', '[
    {"code": "service_capacity", "name": "服务能力", "weight": 0.3, "max": 100},
    {"code": "incubation_performance", "name": "孵化绩效", "weight": 0.5, "max": 100},
    {"code": "sustainability", "name": "可持续发展", "weight": 0.2, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 75}, {"rating": "pass", "min": 60}]',
   '{"excellent": "A", "good": "B", "pass": "C", "fail": "D"}'),
  ('maker_space', '[
    {"code": "service_capacity", "name": "服务能力", "weight": 0.35, "max": 100},
    {"code": "incubation_performance", "name": "创业孵化成效", "weight": 0.45, "max": 100},
    {"code": "sustainability", "name": "可持续发展", "weight": 0.2, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 75}, {"rating": "pass", "min": 60}]', NULL),
  ('star_space', '[
    {"code": "service_capacity", "name": "服务能力", "weight": 0.3, "max": 100},
    {"code": "rural_startups", "name": "农村创业孵化成效", "weight": 0.45, "max": 100},
    {"code": "demonstration", "name": "示范带动", "weight": 0.25, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 75}, {"rating": "pass", "min": 60}]', NULL),
  ('key_lab', '[
    {"code": "research", "name": "研究水平与贡献", "weight": 0.5, "max": 100},
    {"code": "team", "name": "队伍建设与人才培养", "weight": 0.3, "max": 100},
    {"code": "openness", "name": "开放交流与运行管理", "weight": 0.2, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL),
  ('engineering_center', '[
    {"code": "engineering", "name": "工程化研发能力", "weight": 0.35, "max": 100},
    {"code": "industrialisation", "name": "成果转化与产业化", "weight": 0.4, "max": 100},
    {"code": "service", "name": "开放服务与运行管理", "weight": 0.25, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL),
  ('new_rd_institution', '[
    {"code": "rd_input", "name": "研发投入", "weight": 0.3, "max": 100},
    {"code": "outputs", "name": "创新产出", "weight": 0.3, "max": 100},
    {"code": "transfer", "name": "成果转化与企业孵化", "weight": 0.25, "max": 100},
    {"code": "mechanism", "name": "体制机制创新", "weight": 0.15, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL),
  ('agri_park', '[
    {"code": "innovation", "name": "科技创新能力", "weight": 0.3, "max": 100},
    {"code": "industry", "name": "主导产业发展", "weight": 0.4, "max": 100},
    {"code": "demonstration", "name": "示范带动与农民增收", "weight": 0.3, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL),
  ('instrument_sharing', '[
    {"code": "shared_hours", "name": "共享机时与服务量", "weight": 0.4, "max": 100},
    {"code": "effect", "name": "服务成效与用户评价", "weight": 0.35, "max": 100},
    {"code": "management", "name": "开放共享制度与管理", "weight": 0.25, "max": 100}]',
   '[{"rating": "excellent", "min": 90}, {"rating": "good", "min": 80}, {"rating": "pass", "min": 60}]', NULL);

-- The year's round of a bureau: the certified platforms of its subtree report by the deadline.
-- Closing it (on or after the deadline) proposes revocation for those that did not.
CREATE TABLE platform_evaluation_round (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code text NOT NULL REFERENCES region (code),
  year        smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  deadline    date NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  note        text NOT NULL DEFAULT '',
  opened_by   bigint REFERENCES app_user (id),
  opened_at   timestamptz NOT NULL DEFAULT now(),
  closed_by   bigint REFERENCES app_user (id),
  closed_at   timestamptz,
  version     integer NOT NULL DEFAULT 1,
  UNIQUE (region_code, year)
);
CREATE INDEX platform_evaluation_round_year_idx ON platform_evaluation_round (year);

-- A platform's report of a year (the year evaluated). region_code and host_org_id are the
-- platform's when the report was made, so that scope is one condition. score is the panel's
-- mean (or the staff's own score); rating is set once, when the report is rated.
CREATE TABLE platform_report (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id   bigint NOT NULL REFERENCES platform (id),
  round_id      bigint NOT NULL REFERENCES platform_evaluation_round (id),
  year          smallint NOT NULL,
  region_code   text NOT NULL REFERENCES region (code),
  host_org_id   bigint REFERENCES organization (id),
  platform_type text NOT NULL,
  figures       jsonb NOT NULL DEFAULT '{}',
  narrative     text NOT NULL DEFAULT '',
  criteria      jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'rated')),
  submitted_by  bigint REFERENCES app_user (id),
  submitted_at  timestamptz,
  staff_scores  jsonb,
  staff_comment text NOT NULL DEFAULT '',
  score         numeric(8, 2),
  rating        text CHECK (rating IN ('excellent', 'good', 'pass', 'fail')),
  opinion       text NOT NULL DEFAULT '',
  rated_by      bigint REFERENCES app_user (id),
  rated_at      timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (platform_id, year),
  CHECK (status <> 'rated' OR (rating IS NOT NULL AND score IS NOT NULL))
);
CREATE INDEX platform_report_round_idx ON platform_report (round_id, status);
CREATE INDEX platform_report_region_idx ON platform_report (region_code, year);
CREATE INDEX platform_report_host_idx ON platform_report (host_org_id);

CREATE TABLE platform_report_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id    bigint NOT NULL REFERENCES platform_report (id),
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  content      bytea NOT NULL,
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_report_attachment_idx ON platform_report_attachment (report_id);

-- One expert on one report (the review engine's shape: a declined row keeps them off it for good).
CREATE TABLE platform_report_review (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id       bigint NOT NULL REFERENCES platform_report (id),
  expert_id       bigint NOT NULL REFERENCES expert (id),
  status          text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'submitted', 'declined')),
  conflict_reason text,
  scores          jsonb NOT NULL DEFAULT '{}',
  comment         text NOT NULL DEFAULT '',
  total           numeric(8, 2),
  assigned_by     bigint REFERENCES app_user (id),
  assigned_at     timestamptz NOT NULL DEFAULT now(),
  submitted_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (report_id, expert_id)
);
CREATE INDEX platform_report_review_expert_idx ON platform_report_review (expert_id, status);

-- A proposal to revoke a platform: two 不合格 in a row, or no report by the round's deadline.
-- Staff decide: revoke (the platform is revoked) or keep (with a note). One per platform and year.
CREATE TABLE platform_revocation_proposal (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id bigint NOT NULL REFERENCES platform (id),
  year        smallint NOT NULL,
  region_code text NOT NULL REFERENCES region (code),
  reason      text NOT NULL CHECK (reason IN ('two_failures', 'not_reported')),
  status      text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'revoked', 'kept')),
  note        text NOT NULL DEFAULT '',
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by  bigint REFERENCES app_user (id),
  decided_at  timestamptz,
  version     integer NOT NULL DEFAULT 1,
  UNIQUE (platform_id, year)
);
CREATE INDEX platform_revocation_proposal_region_idx ON platform_revocation_proposal (region_code, status);

-- Indicators, targets and supervision (M10): the indicator catalogue, entered / imported values
-- (statistics-bureau figures, year-to-date by month or quarter), targets per region, year and
-- indicator, key tasks with milestones and progress reports, and the three lists (三张清单).
-- Computed indicators are never stored: they are computed from the registries when asked.

CREATE TABLE indicator (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  unit_zh       text NOT NULL,
  unit_en       text NOT NULL,
  source        text NOT NULL CHECK (source IN ('computed', 'entered', 'imported')),
  direction     text NOT NULL CHECK (direction IN ('higher', 'lower')),
  rollup        text NOT NULL CHECK (rollup IN ('sum', 'ratio', 'weighted')),
  rollup_weight text REFERENCES indicator (code),
  cumulative    boolean NOT NULL DEFAULT false,
  decimals      smallint NOT NULL DEFAULT 2 CHECK (decimals BETWEEN 0 AND 6),
  headline      boolean NOT NULL DEFAULT false,
  sort_order    integer NOT NULL DEFAULT 1000,
  built_in      boolean NOT NULL DEFAULT false,
  active        boolean NOT NULL DEFAULT true,
  CHECK (rollup <> 'weighted' OR rollup_weight IS NOT NULL)
);

INSERT INTO indicator (code, name_zh, name_en, unit_zh, unit_en, source, direction, rollup, rollup_weight, cumulative, decimals, headline, sort_order) VALUES
  ('gdp', '地区生产总值', 'GDP', '亿元', '100M yuan', 'imported', 'higher', 'sum', NULL, true, 2, false, 110),
  ('hightech_manufacturing_value_added', '高新技术制造业增加值', 'High-tech manufacturing value added', '亿元', '100M yuan', 'imported', 'higher', 'sum', NULL, true, 2, false, 120),
  ('strategic_emerging_value_added', '战略性新兴产业增加值', 'Strategic emerging industries value added', '亿元', '100M yuan', 'imported', 'higher', 'sum', NULL, true, 2, false, 130);
INSERT INTO indicator (code, name_zh, name_en, unit_zh, unit_en, source, direction, rollup, rollup_weight, cumulative, decimals, headline, sort_order) VALUES
  ('high_tech_enterprises', '高新技术企业数', 'High-tech enterprises', '家', 'firms', 'computed', 'higher', 'sum', NULL, false, 0, true, 10),
  ('tech_smes', '科技型中小企业数', 'Tech SMEs', '家', 'firms', 'computed', 'higher', 'sum', NULL, true, 0, true, 20),
  ('provincial_innovative_enterprises', '省级科技创新型企业数', 'Provincial innovative enterprises', '家', 'firms', 'computed', 'higher', 'sum', NULL, true, 0, false, 30),
  ('enterprise_rd_expense', '企业研发费用', 'Enterprise R&D expense', '万元', '10k yuan', 'computed', 'higher', 'sum', NULL, true, 1, true, 40),
  ('rd_intensity', '研发投入强度', 'R&D intensity', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 2, true, 50),
  ('four_has_coverage', '规上工业企业研发活动"四有"覆盖率', '"Four haves" coverage of large industrial firms', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, true, 60),
  ('four_has_institution', '"四有"：有研发机构占比', 'Four haves: R&D institution', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 61),
  ('four_has_staff', '"四有"：有研发人员占比', 'Four haves: R&D staff', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 62),
  ('four_has_funds', '"四有"：有研发经费占比', 'Four haves: R&D funds', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 63),
  ('four_has_projects', '"四有"：有研发项目占比', 'Four haves: R&D projects', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 64),
  ('rd_activity_share', '规上工业企业有研发活动占比', 'Large industrial firms with R&D activity', '%', '%', 'computed', 'higher', 'ratio', NULL, false, 1, false, 70),
  ('tech_contract_turnover', '技术合同成交额', 'Technology contract turnover', '万元', '10k yuan', 'entered', 'higher', 'sum', NULL, true, 1, true, 80),
  ('hightech_manufacturing_growth', '高新技术制造业增加值增速', 'High-tech manufacturing value added growth', '%', '%', 'imported', 'higher', 'weighted', 'hightech_manufacturing_value_added', false, 1, true, 90),
  ('strategic_emerging_growth', '战略性新兴产业增加值增速', 'Strategic emerging industries value added growth', '%', '%', 'imported', 'higher', 'weighted', 'strategic_emerging_value_added', false, 1, true, 100);
UPDATE indicator SET built_in = true;

-- Entered or imported figures: year-to-date at the end of the period (Y, Q1–Q4, M01–M12).
CREATE TABLE indicator_value (
  region_code    text NOT NULL REFERENCES region (code),
  indicator_code text NOT NULL REFERENCES indicator (code),
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period         text NOT NULL CHECK (period ~ '^(Y|Q[1-4]|M(0[1-9]|1[0-2]))$'),
  value          numeric NOT NULL,
  source         text NOT NULL CHECK (source IN ('entered', 'imported')),
  note           text,
  updated_by     bigint,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, indicator_code, year, period)
);
CREATE INDEX indicator_value_year_idx ON indicator_value (year, indicator_code);

-- Targets per region, year and indicator: set by the region's staff or by the region above.
CREATE TABLE indicator_target (
  region_code    text NOT NULL REFERENCES region (code),
  indicator_code text NOT NULL REFERENCES indicator (code),
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target         numeric NOT NULL,
  note           text,
  set_by         bigint,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, indicator_code, year)
);
CREATE INDEX indicator_target_year_idx ON indicator_target (year, region_code);

-- Key tasks of the year's work plan (e.g. the "1251" plan's five tasks).
CREATE TABLE key_task (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code     text NOT NULL REFERENCES region (code),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  plan            text,
  title           text NOT NULL CHECK (length(btrim(title)) > 0),
  description     text,
  lead_department text NOT NULL,
  owner           text NOT NULL,
  due_on          date NOT NULL,
  progress        smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX key_task_region_year_idx ON key_task (region_code, year);

CREATE TABLE task_milestone (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id    bigint NOT NULL REFERENCES key_task (id),
  title      text NOT NULL CHECK (length(btrim(title)) > 0),
  owner      text,
  due_on     date NOT NULL,
  done_on    date,
  version    integer NOT NULL DEFAULT 1
);
CREATE INDEX task_milestone_task_idx ON task_milestone (task_id);
CREATE INDEX task_milestone_open_idx ON task_milestone (due_on) WHERE done_on IS NULL;

CREATE TABLE task_report (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     bigint NOT NULL REFERENCES key_task (id),
  reported_on date NOT NULL,
  text        text NOT NULL CHECK (length(btrim(text)) > 0),
  progress    smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
  reported_by bigint,
  reporter    text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_report_task_idx ON task_report (task_id);

CREATE TABLE task_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id    bigint NOT NULL REFERENCES task_report (id),
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  content      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_attachment_report_idx ON task_attachment (report_id);

-- 三张清单: risks (level, measure, owner), problems to fix (deadline, status, evidence of the
-- fix), responsibilities (who answers for what). An item closes only with a reason.
CREATE TABLE supervision_item (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code  text NOT NULL REFERENCES region (code),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  list         text NOT NULL CHECK (list IN ('risk', 'problem', 'responsibility')),
  title        text NOT NULL CHECK (length(btrim(title)) > 0),
  detail       text,
  level        text CHECK (level IN ('high', 'medium', 'low')),
  measure      text,
  owner        text NOT NULL,
  deadline     date,
  evidence     text,
  task_id      bigint REFERENCES key_task (id),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  close_reason text,
  closed_at    timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  CHECK (list <> 'risk' OR level IS NOT NULL),
  CHECK (list <> 'problem' OR deadline IS NOT NULL),
  CHECK (status <> 'closed' OR (close_reason IS NOT NULL AND length(btrim(close_reason)) > 0))
);
CREATE INDEX supervision_item_region_idx ON supervision_item (region_code, year, list);

-- Innovation platforms (创新平台, M4; issue 14 items 6, 7, 9): the platform types with their
-- certification checklists and yearly key figures (as data, editable by staff), the platform
-- registry with its hosts, yearly figures and status history, and the certification workflow
-- (host applies → region recommends → formal check → expert review with 回避 → certified or
-- refused) with its review assignments, attachments and timeline. The yearly performance
-- evaluation (绩效评价) builds on these tables in its own migration.
--
-- Codes used throughout (also in src/domain/platforms.ts):
--   level:  'national' 国家级 | 'provincial' 省级 | 'city' 市级
--   platform status: 'preparing' 筹建 | 'certified' 认定 | 'rectifying' 整改 | 'revoked' 撤销
--   application status: 'draft' | 'submitted' | 'returned' | 'recommended' | 'formal_passed'
--     | 'under_review' | 'reviewed' | 'certified' | 'refused' | 'withdrawn'

-- The platform types. validity_years suggests valid_until when certifying (NULL: no term);
-- incubation marks the types whose yearly figures include incubated firms and graduates.
-- review_criteria is the expert rubric for certification, copied into each application when it
-- is submitted (so that an edit does not change a review under way): [{ code, name, weight, max }]
-- with weights summing to 1, as in evaluation_criteria_set.
CREATE TABLE platform_type (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,40}$'),
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  sort            smallint NOT NULL,
  incubation      boolean NOT NULL DEFAULT false,
  validity_years  smallint CHECK (validity_years BETWEEN 1 AND 20),
  experts_per_review smallint NOT NULL DEFAULT 3 CHECK (experts_per_review BETWEEN 1 AND 15),
  review_criteria jsonb NOT NULL DEFAULT '[
    {"code": "conditions", "name": "认定条件符合度", "weight": 0.4, "max": 100},
    {"code": "capacity", "name": "研发与服务能力", "weight": 0.3, "max": 100},
    {"code": "support", "name": "对产业的支撑作用与发展前景", "weight": 0.3, "max": 100}]'
    CHECK (jsonb_typeof(review_criteria) = 'array' AND jsonb_array_length(review_criteria) > 0),
  active          boolean NOT NULL DEFAULT true,
  updated_by      bigint REFERENCES app_user (id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);

INSERT INTO platform_type (code, name_zh, name_en, sort, incubation, validity_years) VALUES
  ('key_lab', '重点实验室', 'Key laboratory', 10, false, 5),
  ('engineering_center', '工程技术研究中心', 'Engineering technology research centre', 20, false, 5),
  ('new_rd_institution', '新型研发机构', 'New R&D institution', 30, false, 3),
  ('innovation_center', '技术创新中心', 'Technology innovation centre', 40, false, 5),
  ('enterprise_tech_center', '企业技术中心', 'Enterprise technology centre', 50, false, 3),
  ('incubator', '科技企业孵化器', 'Technology business incubator', 60, true, 3),
  ('maker_space', '众创空间', 'Maker space', 70, true, 3),
  ('star_space', '星创天地', 'Rural maker space (星创天地)', 80, true, 3),
  ('agri_park', '农业科技园区', 'Agricultural S&T park', 90, false, 5),
  ('hightech_zone', '高新技术产业开发区', 'High-tech industrial development zone', 100, false, NULL),
  ('transfer_demo_zone', '科技成果转移转化示范区', 'Technology transfer demonstration zone', 110, false, 5),
  ('instrument_sharing', '分析测试/科研仪器共享平台', 'Analysis, testing and instrument sharing platform', 120, false, 3),
  ('other', '其他', 'Other', 999, false, 3);

-- The certification checklist of each type (认定条件), one condition a row, editable by staff.
-- level NULL: the condition applies at every level; otherwise only to applications at that level.
-- answer 'yes_no': the applicant ticks it (required ones must be ticked); 'number': the applicant
-- gives a figure, which must reach min_value when min_value is set (NULL: the figure is asked for
-- but not judged — thresholds the bureau has not set). Applications copy the conditions that
-- apply when they are submitted (platform_application.checklist).
CREATE TABLE platform_condition (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type_code   text NOT NULL REFERENCES platform_type (code),
  level       text CHECK (level IN ('national', 'provincial', 'city')),
  code        text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,40}$'),
  seq         smallint NOT NULL,
  text_zh     text NOT NULL CHECK (length(btrim(text_zh)) > 0),
  text_en     text NOT NULL CHECK (length(btrim(text_en)) > 0),
  answer      text NOT NULL CHECK (answer IN ('yes_no', 'number')),
  min_value   numeric,
  unit_zh     text NOT NULL DEFAULT '',
  unit_en     text NOT NULL DEFAULT '',
  required    boolean NOT NULL DEFAULT true,
  active      boolean NOT NULL DEFAULT true,
  updated_by  bigint REFERENCES app_user (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  CHECK (answer = 'number' OR min_value IS NULL)
);
CREATE UNIQUE INDEX platform_condition_code_key ON platform_condition (type_code, coalesce(level, '*'), code);
CREATE INDEX platform_condition_type_idx ON platform_condition (type_code, seq);

-- Incubators: national conditions of 国科发区〔2018〕300号 (RULES.md); the same figures are asked at
-- provincial and city level without a threshold until the bureau sets its own.
INSERT INTO platform_condition (type_code, level, code, seq, text_zh, text_en, answer, min_value, unit_zh, unit_en) VALUES
  ('incubator', NULL, 'legal_person', 1, '依法注册的独立法人，运营机构和管理团队健全', 'An independent legal person with an operating body and a management team', 'yes_no', NULL, '', ''),
  ('incubator', 'national', 'years', 2, '孵化器运营时间满3年', 'In operation for 3 years', 'number', 3, '年', 'years'),
  ('incubator', 'national', 'area', 3, '可自主支配场地面积不低于10000平方米', 'At least 10,000 m² at its disposal', 'number', 10000, '平方米', 'm²'),
  ('incubator', 'national', 'incubatee_area_share', 4, '在孵企业使用面积占比不低于75%', 'At least 75 % of the area used by incubatees', 'number', 75, '%', '%'),
  ('incubator', 'national', 'fund', 5, '孵化资金总额不低于500万元', 'An incubation fund of at least 5 million yuan', 'number', 5000000, '元', 'yuan'),
  ('incubator', 'national', 'incubatees', 6, '在孵企业不少于50家', 'At least 50 incubatees', 'number', 50, '家', 'firms'),
  ('incubator', 'national', 'graduates', 7, '累计毕业企业不少于20家', 'At least 20 graduated firms', 'number', 20, '家', 'firms'),
  ('incubator', 'provincial', 'area', 3, '可自主支配场地面积', 'Area at its disposal', 'number', NULL, '平方米', 'm²'),
  ('incubator', 'provincial', 'incubatees', 6, '在孵企业数', 'Incubatees', 'number', NULL, '家', 'firms'),
  ('incubator', 'city', 'area', 3, '可自主支配场地面积', 'Area at its disposal', 'number', NULL, '平方米', 'm²'),
  ('incubator', 'city', 'incubatees', 6, '在孵企业数', 'Incubatees', 'number', NULL, '家', 'firms'),
  ('incubator', NULL, 'hard_region', 8, '属艰苦边远地区（国家标准可下浮20%）', 'In a hard region (national thresholds −20 %)', 'yes_no', NULL, '', ''),
  -- maker spaces (RULES.md): 18 months, ≥ 500 m² or ≥ 30 desks, ≥ 20 teams a year
  ('maker_space', NULL, 'months', 1, '运营时间满18个月', 'In operation for 18 months', 'number', 18, '个月', 'months'),
  ('maker_space', NULL, 'space', 2, '场地面积不低于500平方米或工位不少于30个', 'At least 500 m² or at least 30 desks', 'yes_no', NULL, '', ''),
  ('maker_space', NULL, 'teams', 3, '年服务创业团队和初创企业不少于20个', 'At least 20 start-up teams or firms served a year', 'number', 20, '个', 'teams'),
  ('maker_space', NULL, 'services', 4, '提供创业辅导、投融资对接等专业服务', 'Offers mentoring, financing links and other professional services', 'yes_no', NULL, '', ''),
  -- 星创天地: the maker space of the countryside
  ('star_space', NULL, 'operator', 1, '运营主体为涉农企业、科研院所或合作社等法人单位', 'Run by a legal person in agriculture (firm, institute or cooperative)', 'yes_no', NULL, '', ''),
  ('star_space', NULL, 'base', 2, '有一定规模的创业示范基地和服务场所', 'Has a demonstration base and a service place', 'yes_no', NULL, '', ''),
  ('star_space', NULL, 'teams', 3, '年服务农村创业团队和企业数', 'Rural start-up teams and firms served a year', 'number', NULL, '个', 'teams'),
  -- new R&D institutions 国科发政〔2019〕313号; the shares are set by provinces (RULES.md's example)
  ('new_rd_institution', NULL, 'legal_person', 1, '具有独立法人资格', 'An independent legal person', 'yes_no', NULL, '', ''),
  ('new_rd_institution', NULL, 'rd_staff', 2, '研发人员不少于20人', 'At least 20 R&D staff', 'number', 20, '人', 'people'),
  ('new_rd_institution', NULL, 'rd_staff_share', 3, '研发人员占职工总数比例不低于30%', 'R&D staff at least 30 % of all staff', 'number', 30, '%', '%'),
  ('new_rd_institution', NULL, 'rd_spend_share', 4, '年度研发经费支出占年收入比例不低于30%', 'R&D spending at least 30 % of yearly income', 'number', 30, '%', '%'),
  ('new_rd_institution', NULL, 'mechanism', 5, '投管分离、多元投入、市场化用人等新型运行机制', 'New operating mechanisms (separate ownership and management, mixed funding, market hiring)', 'yes_no', NULL, '', ''),
  -- the others: the common conditions, with figures asked but not judged until the bureau sets them
  ('key_lab', NULL, 'direction', 1, '研究方向明确，在本领域具有优势和特色', 'A clear research direction with strengths in its field', 'yes_no', NULL, '', ''),
  ('key_lab', NULL, 'staff', 2, '固定研究人员数', 'Permanent researchers', 'number', NULL, '人', 'people'),
  ('key_lab', NULL, 'space', 3, '科研用房面积', 'Research space', 'number', NULL, '平方米', 'm²'),
  ('key_lab', NULL, 'equipment', 4, '科研仪器设备原值', 'Original value of research instruments', 'number', NULL, '元', 'yuan'),
  ('engineering_center', NULL, 'host', 1, '依托单位为行业骨干企业或科研院所', 'Hosted by a leading firm or research institute of the industry', 'yes_no', NULL, '', ''),
  ('engineering_center', NULL, 'rd_staff', 2, '工程技术研发人员数', 'Engineering R&D staff', 'number', NULL, '人', 'people'),
  ('engineering_center', NULL, 'transfer', 3, '近三年有成果转化和产业化业绩', 'Achievements transferred and industrialised in the last three years', 'yes_no', NULL, '', ''),
  ('innovation_center', NULL, 'leader', 1, '由行业龙头企业或高水平研究机构牵头，产学研联合组建', 'Led by an industry leader or a strong institute, with partners from industry and research', 'yes_no', NULL, '', ''),
  ('innovation_center', NULL, 'rd_spend', 2, '上年度研发经费投入', 'R&D spending of last year', 'number', NULL, '元', 'yuan'),
  ('enterprise_tech_center', NULL, 'rd_share', 1, '年度研发经费支出占销售收入比例', 'R&D spending as a share of sales', 'number', NULL, '%', '%'),
  ('enterprise_tech_center', NULL, 'rd_staff', 2, '专职研发人员数', 'Full-time R&D staff', 'number', NULL, '人', 'people'),
  ('enterprise_tech_center', NULL, 'organisation', 3, '技术中心组织体系健全，有独立的研发场所', 'A sound organisation and a separate R&D space', 'yes_no', NULL, '', ''),
  ('agri_park', NULL, 'plan', 1, '园区规划经县级以上人民政府批准', 'Park plan approved by a government at county level or above', 'yes_no', NULL, '', ''),
  ('agri_park', NULL, 'area', 2, '核心区面积', 'Core area', 'number', NULL, '亩', 'mu'),
  ('agri_park', NULL, 'industry', 3, '主导产业明确，科技示范带动作用突出', 'A clear leading industry and a strong demonstration effect', 'yes_no', NULL, '', ''),
  ('hightech_zone', NULL, 'approval', 1, '经省级以上人民政府批准设立', 'Established with the approval of a provincial government or above', 'yes_no', NULL, '', ''),
  ('hightech_zone', NULL, 'hightech_firms', 2, '区内高新技术企业数', 'High-tech enterprises in the zone', 'number', NULL, '家', 'firms'),
  ('transfer_demo_zone', NULL, 'plan', 1, '有成果转移转化建设方案和工作机制', 'Has a plan and working mechanisms for technology transfer', 'yes_no', NULL, '', ''),
  ('transfer_demo_zone', NULL, 'contracts', 2, '上年度技术合同成交额', 'Technology contract turnover of last year', 'number', NULL, '元', 'yuan'),
  ('instrument_sharing', NULL, 'instruments', 1, '纳入共享的大型科研仪器数', 'Large instruments open for sharing', 'number', NULL, '台套', 'units'),
  ('instrument_sharing', NULL, 'open', 2, '制定开放共享制度并对外提供服务', 'Has sharing rules and serves outside users', 'yes_no', NULL, '', ''),
  ('instrument_sharing', NULL, 'qualification', 3, '具备检验检测机构资质认定（CMA）或同等资质', 'Holds CMA accreditation or equivalent', 'yes_no', NULL, '', ''),
  ('other', NULL, 'legal_person', 1, '依托单位为依法注册的法人单位', 'Hosted by a registered legal person', 'yes_no', NULL, '', '');

-- The yearly key figures a platform reports (年度主要指标). kind says how to read a value:
-- 'count' (a whole number), 'money' (yuan, shown in 万元), 'hours'.
CREATE TABLE platform_metric (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name_zh  text NOT NULL,
  name_en  text NOT NULL,
  unit_zh  text NOT NULL,
  unit_en  text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('count', 'money', 'hours')),
  sort     smallint NOT NULL
);
INSERT INTO platform_metric (code, name_zh, name_en, unit_zh, unit_en, kind, sort) VALUES
  ('rd_staff', '研发人员', 'R&D staff', '人', 'people', 'count', 10),
  ('rd_spend', '研发经费支出', 'R&D spending', '元', 'yuan', 'money', 20),
  ('instruments', '科研仪器设备', 'Research instruments', '台套', 'units', 'count', 30),
  ('shared_hours', '仪器对外共享机时', 'Instrument hours shared', '小时', 'hours', 'hours', 40),
  ('incubated_firms', '在孵企业', 'Incubated firms', '家', 'firms', 'count', 50),
  ('graduated_firms', '当年毕业企业', 'Firms graduated', '家', 'firms', 'count', 60),
  ('startup_teams', '服务创业团队', 'Start-up teams served', '个', 'teams', 'count', 70),
  ('projects', '承担科研项目', 'Research projects', '项', 'projects', 'count', 80),
  ('patents', '授权专利', 'Patents granted', '件', 'patents', 'count', 90),
  ('income', '总收入', 'Income', '元', 'yuan', 'money', 100);

-- Which figures each type reports, in order (editable: a bureau may ask more).
CREATE TABLE platform_type_metric (
  type_code   text NOT NULL REFERENCES platform_type (code) ON DELETE CASCADE,
  metric_code text NOT NULL REFERENCES platform_metric (code),
  sort        smallint NOT NULL,
  PRIMARY KEY (type_code, metric_code)
);
INSERT INTO platform_type_metric (type_code, metric_code, sort)
SELECT t.code, m.code, m.sort
  FROM platform_type t CROSS JOIN platform_metric m
 WHERE CASE
         WHEN t.code IN ('incubator', 'maker_space', 'star_space') THEN m.code IN ('incubated_firms', 'graduated_firms', 'startup_teams', 'projects', 'patents', 'income')
         WHEN t.code = 'instrument_sharing' THEN m.code IN ('rd_staff', 'instruments', 'shared_hours', 'projects', 'income')
         WHEN t.code IN ('agri_park', 'hightech_zone', 'transfer_demo_zone') THEN m.code IN ('rd_staff', 'rd_spend', 'incubated_firms', 'projects', 'patents', 'income')
         ELSE m.code IN ('rd_staff', 'rd_spend', 'instruments', 'shared_hours', 'projects', 'patents', 'income')
       END;

-- The registry. host_org_id is the lead host (依托单位); every host, the lead included, is in
-- platform_host (ownership checks read platform_host). region_code is where the platform is (a
-- county, or the city or province itself) and is the staff scope. level is the current level;
-- certified_on / certificate_no / valid_until describe the certification at that level.
-- source: 'workflow' (certified through a platform_application) or 'entered' (a record entered by
-- staff for a platform certified before the system, POST /api/v1/platforms).
-- For the indicators, a platform counts on a date D when certified_on ≤ D and it was not revoked
-- by D (revoked_on IS NULL OR revoked_on > D) and its status is not 'preparing'.
CREATE TABLE platform (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  type_code       text NOT NULL REFERENCES platform_type (code),
  level           text NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
  status          text NOT NULL CHECK (status IN ('preparing', 'certified', 'rectifying', 'revoked')),
  host_org_id     bigint NOT NULL REFERENCES organization (id),
  region_code     text NOT NULL REFERENCES region (code),
  field           text NOT NULL DEFAULT '',
  intro           text NOT NULL DEFAULT '',
  address         text NOT NULL DEFAULT '',
  -- 认定部门, e.g. 甘肃省科学技术厅
  authority       text NOT NULL DEFAULT '',
  certified_on    date,
  -- certificate or document number (认定文号), e.g. 甘科基〔2024〕12号
  certificate_no  text,
  valid_until     date,
  -- the reason of the latest status change (整改 or 撤销), and the day it was revoked
  status_reason   text,
  revoked_on      date,
  source          text NOT NULL CHECK (source IN ('workflow', 'entered')),
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (status NOT IN ('certified', 'rectifying', 'revoked') OR certified_on IS NOT NULL),
  CHECK (status <> 'revoked' OR revoked_on IS NOT NULL),
  CHECK (valid_until IS NULL OR certified_on IS NULL OR valid_until >= certified_on)
);
-- one live platform of a name per type
CREATE UNIQUE INDEX platform_name_key ON platform (type_code, lower(btrim(name))) WHERE status <> 'revoked';
CREATE INDEX platform_region_idx ON platform (region_code, status);
CREATE INDEX platform_type_idx ON platform (type_code, level);
CREATE INDEX platform_lead_host_idx ON platform (host_org_id);
CREATE INDEX platform_certified_idx ON platform (certified_on, region_code) WHERE certified_on IS NOT NULL;
CREATE INDEX platform_name_trgm_idx ON platform USING gin (name gin_trgm_ops);

-- The hosts of a platform (共建单位), the lead (is_lead) included.
CREATE TABLE platform_host (
  platform_id bigint NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES organization (id),
  is_lead     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (platform_id, org_id)
);
CREATE UNIQUE INDEX platform_host_lead_key ON platform_host (platform_id) WHERE is_lead;
CREATE INDEX platform_host_org_idx ON platform_host (org_id);

-- Key figures by year: figures maps a platform_metric code to a number (money in yuan), e.g.
-- {"rd_staff": 36, "rd_spend": 4200000}. Entered by the host (or staff) and versioned per year.
CREATE TABLE platform_year_figures (
  platform_id bigint NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  figures     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(figures) = 'object'),
  updated_by  bigint REFERENCES app_user (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  PRIMARY KEY (platform_id, year)
);
CREATE INDEX platform_year_figures_year_idx ON platform_year_figures (year);

-- The status history of a platform (its timeline): entered, certified, level or details changed,
-- put on 整改, restored, revoked. on_date is the day it takes effect; level is the level after.
-- Whoever changes platform.status writes a row here in the same transaction.
CREATE TABLE platform_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id bigint NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  level       text,
  on_date     date NOT NULL,
  comment     text,
  actor_id    bigint REFERENCES app_user (id),
  actor_name  text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_event_platform_idx ON platform_event (platform_id, at, id);

-- A certification application (认定申请). org_id is the applying host and region_code its region
-- (the scope of the staff who recommend and check); platform_id names an existing platform being
-- certified or raised a level (NULL: a new one, created when certified). checklist is the type's
-- conditions for the level with the applicant's answers:
--   [{ code, textZh, textEn, answer: 'yes_no'|'number', min, unitZh, unitEn, required, value, note }]
-- criteria is the type's review_criteria, copied on submission. Certified applications carry the
-- certificate number, date and term, and the platform they created or updated.
CREATE TABLE platform_application (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id           bigint NOT NULL REFERENCES organization (id),
  region_code      text NOT NULL REFERENCES region (code),
  platform_id      bigint REFERENCES platform (id),
  name             text NOT NULL CHECK (length(btrim(name)) > 0),
  type_code        text NOT NULL REFERENCES platform_type (code),
  level            text NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
  field            text NOT NULL DEFAULT '',
  intro            text NOT NULL DEFAULT '',
  co_host_org_ids  bigint[] NOT NULL DEFAULT '{}',
  checklist        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(checklist) = 'array'),
  criteria         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(criteria) = 'array'),
  experts_required smallint NOT NULL DEFAULT 3 CHECK (experts_required BETWEEN 1 AND 15),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'recommended', 'formal_passed',
                     'under_review', 'reviewed', 'certified', 'refused', 'withdrawn')),
  submitted_at     timestamptz,
  recommended_by   bigint REFERENCES app_user (id),
  recommended_at   timestamptz,
  checked_by       bigint REFERENCES app_user (id),
  checked_at       timestamptz,
  -- the mean of the submitted expert totals when the review finished
  score            numeric(8, 2),
  decided_by       bigint REFERENCES app_user (id),
  decided_at       timestamptz,
  -- the reasons of a refusal (or the remarks of a certification)
  decision_reason  text,
  certificate_no   text,
  certified_on     date,
  valid_until      date,
  created_by       bigint REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (status <> 'certified' OR (certificate_no IS NOT NULL AND certified_on IS NOT NULL AND platform_id IS NOT NULL)),
  CHECK (status <> 'refused' OR length(btrim(coalesce(decision_reason, ''))) > 0),
  CHECK (valid_until IS NULL OR certified_on IS NULL OR valid_until >= certified_on)
);
CREATE INDEX platform_application_region_idx ON platform_application (region_code, status);
CREATE INDEX platform_application_org_idx ON platform_application (org_id, status);
CREATE INDEX platform_application_platform_idx ON platform_application (platform_id);

-- The timeline of an application: every transition, who took it and why.
CREATE TABLE platform_application_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES platform_application (id) ON DELETE CASCADE,
  action         text NOT NULL,
  from_status    text,
  to_status      text NOT NULL,
  comment        text,
  actor_id       bigint REFERENCES app_user (id),
  actor_name     text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_application_event_idx ON platform_application_event (application_id, at, id);

-- Supporting files of an application (checked by their magic bytes).
CREATE TABLE platform_application_attachment (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES platform_application (id),
  filename       text NOT NULL,
  content_type   text NOT NULL,
  size           integer NOT NULL,
  content        bytea NOT NULL,
  created_by     bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_application_attachment_idx ON platform_application_attachment (application_id);

-- One expert on one application's review, under the 回避 rules of the shared review engine (the
-- applicant and co-hosts are the "applicant" and "partners"). A declared conflict keeps the row
-- as 'declined' so that the expert is never assigned or drawn again for it.
CREATE TABLE platform_application_assignment (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES platform_application (id),
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
  UNIQUE (application_id, expert_id)
);
CREATE INDEX platform_application_assignment_expert_idx ON platform_application_assignment (expert_id, status);

-- The two indicators computed from the registry (src/server/modules/platforms/indicator-values.ts).
INSERT INTO indicator (code, name_zh, name_en, unit_zh, unit_en, source, direction, rollup, rollup_weight, cumulative, decimals, headline, sort_order, built_in) VALUES
  ('platforms_provincial_or_above', '省级以上创新平台数', 'Provincial-or-above innovation platforms', '个', 'platforms', 'computed', 'higher', 'sum', NULL, false, 0, false, 140, true),
  ('new_rd_institutions', '新型研发机构数', 'New R&D institutions', '家', 'institutions', 'computed', 'higher', 'sum', NULL, false, 0, false, 141, true);

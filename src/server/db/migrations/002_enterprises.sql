-- Enterprises (M3): the registry profile of an organisation of kind 'enterprise', its tier records
-- and its yearly statistics. Amounts are whole yuan in bigint: exact, no floats.

CREATE TABLE enterprise_profile (
  org_id            bigint PRIMARY KEY REFERENCES organization (id),
  address           text,
  legal_rep         text,
  founded_on        date,
  industry_code     text,               -- GB/T 4754-2017, division or deeper (e.g. C3990)
  hightech_field    text CHECK (hightech_field IN ('电子信息', '生物与新医药', '航空航天', '新材料', '高技术服务', '新能源与节能', '资源与环境', '先进制造与自动化')),
  above_scale       boolean NOT NULL DEFAULT false,   -- 规上
  owns_core_ip      boolean NOT NULL DEFAULT false,
  prohibited_industry boolean NOT NULL DEFAULT false,
  direct_qualifications text[] NOT NULL DEFAULT '{}',
  tags              text[] NOT NULL DEFAULT '{}',
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1
);
CREATE INDEX enterprise_profile_industry_idx ON enterprise_profile (industry_code);
CREATE INDEX enterprise_profile_tags_idx ON enterprise_profile USING gin (tags);

-- Tier records with their evidence. tech_sme: 入库登记编号 + year; provincial_innovative: year;
-- high_tech: certificate number and issue date, valid three years; candidate: 后备库 membership.
CREATE TABLE enterprise_tier (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES organization (id),
  tier            text NOT NULL CHECK (tier IN ('tech_sme', 'provincial_innovative', 'high_tech', 'candidate')),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  registration_no text,
  certificate_no  text,
  issued_on       date,
  valid_until     date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (tier <> 'high_tech' OR (certificate_no IS NOT NULL AND issued_on IS NOT NULL AND valid_until IS NOT NULL)),
  UNIQUE (org_id, tier, year)
);
CREATE INDEX enterprise_tier_tier_idx ON enterprise_tier (tier, year);
CREATE INDEX enterprise_tier_valid_idx ON enterprise_tier (tier, valid_until);

CREATE TABLE enterprise_stat (
  org_id              bigint NOT NULL REFERENCES organization (id),
  year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  sales_revenue       bigint NOT NULL DEFAULT 0 CHECK (sales_revenue >= 0),
  total_revenue       bigint NOT NULL DEFAULT 0 CHECK (total_revenue >= 0),
  hightech_revenue    bigint NOT NULL DEFAULT 0 CHECK (hightech_revenue >= 0),
  rd_expense          bigint NOT NULL DEFAULT 0 CHECK (rd_expense >= 0),
  rd_expense_domestic bigint NOT NULL DEFAULT 0 CHECK (rd_expense_domestic >= 0),
  total_cost_expense  bigint NOT NULL DEFAULT 0 CHECK (total_cost_expense >= 0),
  staff               integer NOT NULL DEFAULT 0 CHECK (staff >= 0),
  science_staff       integer NOT NULL DEFAULT 0 CHECK (science_staff >= 0),
  rd_staff            integer NOT NULL DEFAULT 0 CHECK (rd_staff >= 0),
  total_assets        bigint NOT NULL DEFAULT 0 CHECK (total_assets >= 0),
  total_liabilities   bigint NOT NULL DEFAULT 0 CHECK (total_liabilities >= 0),
  ip_class1           integer NOT NULL DEFAULT 0 CHECK (ip_class1 >= 0),
  ip_class2           integer NOT NULL DEFAULT 0 CHECK (ip_class2 >= 0),
  transformations     integer NOT NULL DEFAULT 0 CHECK (transformations >= 0),
  has_rd_institution  boolean NOT NULL DEFAULT false,   -- 四有: 有研发机构
  has_rd_staff        boolean NOT NULL DEFAULT false,   -- 有研发人员
  has_rd_funds        boolean NOT NULL DEFAULT false,   -- 有研发经费
  has_rd_projects     boolean NOT NULL DEFAULT false,   -- 有研发项目
  serious_incident    boolean NOT NULL DEFAULT false,
  abnormal_listed     boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'confirmed', 'returned')),
  review_comment      text,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, year),
  CHECK (rd_expense_domestic <= rd_expense),
  CHECK (science_staff <= staff AND rd_staff <= staff)
);
CREATE INDEX enterprise_stat_year_idx ON enterprise_stat (year);

-- Policy library (M2): policies with their 文号, levels, categories, versions and full text;
-- a Chinese search document built by the app (src/server/search: OpenCC + jieba) stored as a
-- weighted tsvector with a GIN index; pg_trgm on the normalised title for typo-tolerant look-up;
-- 立改废 review rounds; portal notices.

CREATE TABLE policy_category (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  name_en    text NOT NULL DEFAULT '',
  sort       integer NOT NULL DEFAULT 0,
  active     boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1
);

INSERT INTO policy_category (code, name, name_en, sort) VALUES
  ('enterprise', '企业培育', 'Enterprise cultivation', 10),
  ('platform', '平台建设', 'Innovation platforms', 20),
  ('talent', '人才引育', 'Talent', 30),
  ('finance', '科技金融与财税', 'Finance and tax', 40),
  ('transfer', '成果转化', 'Achievement transfer', 50),
  ('ip', '知识产权', 'Intellectual property', 60),
  ('agriculture', '农业农村科技', 'Agriculture and rural S&T', 70),
  ('programme', '科技计划项目', 'Programmes and projects', 80),
  ('integrity', '科研诚信与管理', 'Research integrity and management', 90);

CREATE TABLE policy (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title             text NOT NULL CHECK (length(btrim(title)) > 0),
  doc_number        text,                          -- as entered, e.g. 国科发火〔2016〕32号
  doc_keys          text[] NOT NULL DEFAULT '{}',  -- every key its 文号 answers to (search ranking)
  issuer            text NOT NULL DEFAULT '',
  level             text NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'county')),
  region_code       text REFERENCES region (code), -- NULL for national policies
  maintainer_region text REFERENCES region (code), -- region of the staff who keeps it (NULL: administrators)
  categories        text[] NOT NULL DEFAULT '{}',
  issued_on         date,
  effective_on      date,
  expires_on        date,
  -- 'expired' is not stored: it follows from expires_on (see the view below)
  status            text NOT NULL DEFAULT 'in_force' CHECK (status IN ('draft', 'in_force', 'amended', 'repealed')),
  summary           text NOT NULL DEFAULT '',
  text              text NOT NULL DEFAULT '',
  interpretation    text NOT NULL DEFAULT '',
  benefits          jsonb NOT NULL DEFAULT '[]',   -- [{ kind, description, amount }]
  conditions        jsonb,                         -- who it is for (matching), or NULL
  search_vector     tsvector NOT NULL DEFAULT ''::tsvector,
  title_norm        text NOT NULL DEFAULT '',
  created_by        bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  CHECK (level = 'national' OR region_code IS NOT NULL),
  CHECK (expires_on IS NULL OR effective_on IS NULL OR expires_on >= effective_on)
);
CREATE INDEX policy_search_idx ON policy USING gin (search_vector);
CREATE INDEX policy_title_trgm_idx ON policy USING gin (title_norm gin_trgm_ops);
CREATE INDEX policy_doc_keys_idx ON policy USING gin (doc_keys);
CREATE INDEX policy_categories_idx ON policy USING gin (categories);
CREATE INDEX policy_issued_idx ON policy (issued_on);
CREATE INDEX policy_region_idx ON policy (region_code);
CREATE INDEX policy_level_idx ON policy (level);

-- Links between versions: policy_id amends / replaces / repeals target_id.
CREATE TABLE policy_relation (
  policy_id  bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('amends', 'replaces', 'repeals')),
  target_id  bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (policy_id, kind, target_id),
  CHECK (policy_id <> target_id)
);
CREATE INDEX policy_relation_target_idx ON policy_relation (target_id);

CREATE TABLE policy_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  policy_id    bigint NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_attachment_policy_idx ON policy_attachment (policy_id);

-- 立改废 review rounds over a region's own policies.
CREATE TABLE policy_review (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title       text NOT NULL CHECK (length(btrim(title)) > 0),
  region_code text NOT NULL REFERENCES region (code),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  note        text NOT NULL DEFAULT '',
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz,
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX policy_review_region_idx ON policy_review (region_code);

CREATE TABLE policy_review_item (
  review_id      bigint NOT NULL REFERENCES policy_review (id) ON DELETE CASCADE,
  policy_id      bigint NOT NULL REFERENCES policy (id),
  decision       text CHECK (decision IN ('keep', 'amend', 'repeal')),
  reason         text NOT NULL DEFAULT '',
  replacement_id bigint REFERENCES policy (id),
  decided_by     bigint,
  decided_at     timestamptz,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (review_id, policy_id),
  CHECK (decision IS NULL OR decision = 'keep' OR length(btrim(reason)) > 0)
);

-- Notices published on the public portal.
CREATE TABLE portal_notice (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        text NOT NULL CHECK (length(btrim(title)) > 0),
  body         text NOT NULL DEFAULT '',
  region_code  text REFERENCES region (code),
  published_on date NOT NULL,
  created_by   bigint,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_notice_published_idx ON portal_notice (published_on DESC);

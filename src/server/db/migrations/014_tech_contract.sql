-- 技术合同认定登记 (M7): contracts registered by their seller in its region, decided by the
-- region's registry (staff) within the time limit of the rule set in force on the filing date.
-- Rule sets are data with their dates (RULES.md, "Technology contracts").

CREATE TABLE tech_contract_rule_set (
  code              text PRIMARY KEY,
  name              text NOT NULL,
  name_en           text NOT NULL,
  effective_from    date NOT NULL,
  effective_to      date,
  -- the registry's time limit: N calendar or working days from filing (or from completion)
  limit_days        integer NOT NULL CHECK (limit_days > 0),
  limit_unit        text NOT NULL CHECK (limit_unit IN ('calendar', 'working')),
  -- a 技术交易额 at or above this many yuan, or a disputed contract, gets the longer limit
  large_amount      bigint,
  large_limit_days  integer,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

INSERT INTO tech_contract_rule_set (code, name, name_en, effective_from, effective_to, limit_days, limit_unit, large_amount, large_limit_days) VALUES
  ('2000', '《技术合同认定登记管理办法》（国科发政字〔2000〕063号）、《技术合同认定规则》（国科发政字〔2001〕253号）',
   'Measures of 2000 (国科发政字〔2000〕063号) and Rules of 2001 (国科发政字〔2001〕253号)', '2000-02-16', '2026-01-22', 30, 'calendar', NULL, NULL),
  ('2026', '《技术合同认定登记管理办法》（2026年1月23日起施行）',
   'Measures for the registration of technology contracts (in force from 2026-01-23)', '2026-01-23', NULL, 15, 'working', 5000000, 30);

CREATE TABLE tech_contract (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number                text NOT NULL CHECK (length(btrim(number)) > 0),
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  type                  text NOT NULL CHECK (type IN ('development', 'transfer', 'licence', 'consulting', 'service')),
  sub_type              text,
  -- the seller registers where it is: the contract belongs to the seller's region
  seller_org_id         bigint NOT NULL REFERENCES organization (id),
  region_code           text NOT NULL REFERENCES region (code),
  buyer_name            text NOT NULL CHECK (length(btrim(buyer_name)) > 0),
  buyer_uscc            text,
  -- a GB/T 2260 code anywhere in China; not a foreign key (the region table holds the served area)
  buyer_region_code     text NOT NULL CHECK (buyer_region_code ~ '^[1-9][0-9]{5}$'),
  signed_on             date NOT NULL,
  term_from             date,
  term_to               date,
  field                 text NOT NULL,
  amount                bigint NOT NULL CHECK (amount > 0),
  non_technical_amount  bigint NOT NULL DEFAULT 0 CHECK (non_technical_amount >= 0),
  -- 技术交易额 = 成交额 − the non-technical part (equipment, materials bought for the contract)
  technical_amount      bigint GENERATED ALWAYS AS (amount - non_technical_amount) STORED,
  payment_plan          text NOT NULL DEFAULT '',
  disputed              boolean NOT NULL DEFAULT false,
  status                text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'returned', 'accepted', 'refused')),
  -- the registry's clock: filed (or completed) on, the rule set in force then, and the due date
  filed_on              date NOT NULL,
  rule_set              text NOT NULL REFERENCES tech_contract_rule_set (code),
  due_on                date NOT NULL,
  registration_no       text UNIQUE,
  decided_on            date,
  decided_by            bigint REFERENCES app_user (id),
  reason                text,
  created_by            bigint REFERENCES app_user (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  CHECK (non_technical_amount <= amount),
  CHECK (term_to IS NULL OR term_from IS NULL OR term_to >= term_from),
  UNIQUE (seller_org_id, number)
);
CREATE INDEX tech_contract_region_idx ON tech_contract (region_code, status, due_on);
CREATE INDEX tech_contract_accepted_idx ON tech_contract (decided_on, region_code) WHERE status = 'accepted';
CREATE INDEX tech_contract_seller_idx ON tech_contract (seller_org_id);

-- the signed contract and other files, checked by their magic bytes
CREATE TABLE tech_contract_attachment (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contract_id   bigint NOT NULL REFERENCES tech_contract (id),
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  content       bytea NOT NULL,
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tech_contract_attachment_idx ON tech_contract_attachment (contract_id);

-- registration numbers: year (2) + the registry's region code (6) + a serial (6) per region and year
CREATE TABLE tech_contract_serial (
  region_code  text NOT NULL REFERENCES region (code),
  year         integer NOT NULL,
  last         integer NOT NULL,
  PRIMARY KEY (region_code, year)
);


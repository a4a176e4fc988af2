-- The synonym dictionary of policy search (issue 10): groups of words that mean the same, so that a
-- query with one finds policies that say another (高企 finds 高新技术企业 and the reverse). Staff
-- extend it through /api/v1/policies/synonyms; the search reads it on every query.
CREATE TABLE search_synonym (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  terms      text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
  note       text NOT NULL DEFAULT '',
  active     boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1
);

INSERT INTO search_synonym (terms, note) VALUES
  ('{高企,高新技术企业}', '简称'),
  ('{科小,科技型中小企业}', '简称'),
  ('{加计扣除,研发费用加计扣除,研发费用税前加计扣除}', '简称'),
  ('{双创,大众创业万众创新,创新创业}', '简称'),
  ('{专精特新,专精特新中小企业,专精特新企业}', '简称'),
  ('{小巨人,小巨人企业,科技小巨人}', '简称'),
  ('{规上,规模以上,规上企业,规模以上企业}', '简称'),
  ('{规上工业企业,规模以上工业企业}', '简称'),
  ('{创新券,科技创新券}', '简称'),
  ('{特派员,科技特派员}', '简称'),
  ('{孵化器,科技企业孵化器}', '简称'),
  ('{高新区,高新技术产业开发区}', '简称'),
  ('{技术合同登记,技术合同认定登记}', '简称'),
  ('{新研机构,新型研发机构}', '简称'),
  ('{知产,知识产权}', '简称'),
  ('{成果转化,科技成果转化}', '简称');

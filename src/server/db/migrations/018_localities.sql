-- 乡镇 (townships, 9-digit) and 村/社区 (villages and communities, 12-digit) 统计用区划代码 below the
-- counties of the region tree (M8: 科技特派员 are dispatched to villages). Kept apart from `region`:
-- a staff member's scope (region_subtree) stays the administrative tree of provinces, cities and
-- counties, and a province's ~17,000 villages never enter the recursive scope walk. A locality's
-- county is the first six digits of its code; a village's township the first nine.

CREATE TABLE locality (
  code              text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{8}([0-9]{3})?$'),
  name              text NOT NULL CHECK (length(btrim(name)) > 0),
  -- 4 township (乡/镇/街道), 5 village (村/社区/居委会)
  level             smallint NOT NULL CHECK (level IN (4, 5)),
  county_code       text NOT NULL REFERENCES region (code),
  township_code     text REFERENCES locality (code),
  -- 城乡分类代码 (111 主城区 … 220 村庄) as the statistics bureau publishes it; villages only
  urban_rural_class text CHECK (urban_rural_class ~ '^[12][0-9]{2}$'),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  CHECK (county_code = left(code, 6)),
  CHECK ((level = 4 AND length(code) = 9 AND township_code IS NULL AND urban_rural_class IS NULL)
      OR (level = 5 AND length(code) = 12 AND township_code = left(code, 9)))
);
CREATE INDEX locality_county_idx ON locality (county_code, level, code);
CREATE INDEX locality_township_idx ON locality (township_code, code);

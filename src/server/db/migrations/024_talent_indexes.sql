-- 人才库 at province size (bench/RESULTS.md, bench:talent at 100,000 records): the list's default order, the
-- experts' names (sort and search by name), and the year's service days per record read index-only.
CREATE INDEX talent_created_idx ON talent (created_at, id);
CREATE INDEX expert_name_idx ON expert (name, id);
DROP INDEX talent_service_talent_idx;
CREATE INDEX talent_service_year_idx ON talent_service (talent_id, served_on) INCLUDE (days);

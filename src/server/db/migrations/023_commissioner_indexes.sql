-- 科技特派员 at province size (bench/RESULTS.md "科技特派员 (M8)": 1,000,000 service logs): an index for the
-- service-log list's default order, one per arm of a staff member's scope (the village's county, the served
-- organisation), the county's logs still to confirm (the 待办), and the year's totals per commissioner read
-- index-only (ratings, 双过半, the list's days this year).
CREATE INDEX service_log_served_idx ON service_log (served_on, id);
CREATE INDEX service_log_county_idx ON service_log (left(village_code, 6), served_on);
CREATE INDEX service_log_org_idx ON service_log (org_id) WHERE org_id IS NOT NULL;
CREATE INDEX service_log_unconfirmed_county_idx ON service_log (left(village_code, 6), served_on, id) WHERE status = 'submitted';
DROP INDEX service_log_commissioner_idx;
CREATE INDEX service_log_year_idx ON service_log (commissioner_id, served_on) INCLUDE (days, status, feedback_score);
DROP INDEX service_log_unconfirmed_idx;

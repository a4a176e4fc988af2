-- 待办 reads these on every inbox load: statistics waiting for the bureau (stat.confirm) and
-- returned to an enterprise (stat.returned). Partial indexes, so they stay small at province size:
-- only the rows a to-do can come from.
CREATE INDEX enterprise_stat_submitted_idx ON enterprise_stat (updated_at) WHERE status = 'submitted';
CREATE INDEX enterprise_stat_returned_idx ON enterprise_stat (org_id) WHERE status = 'returned';

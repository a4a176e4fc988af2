-- 精准匹配 (M6): search documents for achievements, demands and experts, built by the app with the
-- policy search's normaliser and segmenter (src/server/search); NULL means "to be indexed" (a new
-- or changed row), filled before the next match. What a demand needs (a minimum maturity), an
-- expert's expertise in words, the users' marks on matches (kept to measure precision) and the
-- matches staff pushed to both sides.

ALTER TABLE achievement ADD COLUMN search_vector tsvector;
ALTER TABLE demand ADD COLUMN search_vector tsvector;
ALTER TABLE demand ADD COLUMN min_maturity smallint CHECK (min_maturity BETWEEN 1 AND 9);
ALTER TABLE expert ADD COLUMN expertise text NOT NULL DEFAULT '';
ALTER TABLE expert ADD COLUMN search_vector tsvector;

CREATE INDEX achievement_search_idx ON achievement USING gin (search_vector) WHERE status = 'published';
CREATE INDEX demand_search_idx ON demand USING gin (search_vector) WHERE status = 'published';
CREATE INDEX expert_search_idx ON expert USING gin (search_vector) WHERE status = 'active';
CREATE INDEX achievement_unindexed_idx ON achievement (id) WHERE search_vector IS NULL;
CREATE INDEX demand_unindexed_idx ON demand (id) WHERE search_vector IS NULL;
CREATE INDEX expert_unindexed_idx ON expert (id) WHERE search_vector IS NULL;

-- One mark per user and pair: useful or dismissed (a dismissed match stays out of that user's list).
CREATE TABLE match_mark (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES app_user (id),
  demand_id       bigint NOT NULL REFERENCES demand (id),
  achievement_id  bigint REFERENCES achievement (id),
  expert_id       bigint REFERENCES expert (id),
  mark            text NOT NULL CHECK (mark IN ('useful', 'dismissed')),
  -- rank and score when marked: precision is measured on what the user was shown
  rank            integer,
  score           numeric(6, 2),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((achievement_id IS NULL) <> (expert_id IS NULL))
);
CREATE UNIQUE INDEX match_mark_achievement_key ON match_mark (user_id, demand_id, achievement_id) WHERE achievement_id IS NOT NULL;
CREATE UNIQUE INDEX match_mark_expert_key ON match_mark (user_id, demand_id, expert_id) WHERE expert_id IS NOT NULL;

-- A match staff pushed to the demand's enterprise and the achievement's owner (once per pair).
CREATE TABLE match_push (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  demand_id       bigint NOT NULL REFERENCES demand (id),
  achievement_id  bigint NOT NULL REFERENCES achievement (id),
  score           numeric(6, 2),
  pushed_by       bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (demand_id, achievement_id)
);

-- The technology market, second part: answers to demands (答题, 阅卷, 揭榜挂帅) and docking events
-- (对接会) with registrations, pairings planned by staff and the outcome of each pair.

-- What the enterprise wants and who may answer. A 揭榜挂帅 open call carries a prize in yuan.
-- Once the enterprise picks an answer the demand's outcome is 'picked'; closing records how it
-- ended: agreement, contract signed, or failed.
ALTER TABLE demand ADD COLUMN cooperation_modes text[] NOT NULL DEFAULT '{}';
ALTER TABLE demand ADD COLUMN open_to text NOT NULL DEFAULT 'everyone' CHECK (open_to IN ('everyone', 'invited'));
ALTER TABLE demand ADD COLUMN invited_org_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE demand ADD COLUMN open_call boolean NOT NULL DEFAULT false;
ALTER TABLE demand ADD COLUMN prize bigint CHECK (prize >= 0);
ALTER TABLE demand ADD COLUMN picked_answer_id bigint;
ALTER TABLE demand ADD COLUMN outcome text CHECK (outcome IN ('picked', 'agreement', 'contract', 'failed'));
ALTER TABLE demand ADD COLUMN outcome_note text;
ALTER TABLE demand ADD COLUMN outcome_at timestamptz;
CREATE INDEX demand_invited_idx ON demand USING gin (invited_org_ids) WHERE open_to = 'invited';

-- An answer comes from an organisation (institution or enterprise) or from an expert in person.
CREATE TABLE demand_answer (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  demand_id       bigint NOT NULL REFERENCES demand (id),
  org_id          bigint REFERENCES organization (id),
  expert_id       bigint REFERENCES expert (id),
  proposal        text NOT NULL CHECK (length(btrim(proposal)) > 0),
  plan            text NOT NULL DEFAULT '',
  price           bigint CHECK (price >= 0),
  duration_months integer CHECK (duration_months BETWEEN 1 AND 240),
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'shortlisted', 'rejected', 'picked', 'withdrawn')),
  decision_note   text,
  decided_at      timestamptz,
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK ((org_id IS NULL) <> (expert_id IS NULL))
);
CREATE INDEX demand_answer_demand_idx ON demand_answer (demand_id, status);
CREATE INDEX demand_answer_org_idx ON demand_answer (org_id) WHERE org_id IS NOT NULL;
CREATE INDEX demand_answer_expert_idx ON demand_answer (expert_id) WHERE expert_id IS NOT NULL;
-- one live answer per answerer and demand; at most one picked answer per demand
CREATE UNIQUE INDEX demand_answer_live_org_key ON demand_answer (demand_id, org_id) WHERE org_id IS NOT NULL AND status <> 'withdrawn';
CREATE UNIQUE INDEX demand_answer_live_expert_key ON demand_answer (demand_id, expert_id) WHERE expert_id IS NOT NULL AND status <> 'withdrawn';
CREATE UNIQUE INDEX demand_answer_one_pick_key ON demand_answer (demand_id) WHERE status = 'picked';
ALTER TABLE demand ADD CONSTRAINT demand_picked_answer_fk FOREIGN KEY (picked_answer_id) REFERENCES demand_answer (id);

CREATE TABLE demand_answer_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  answer_id    bigint NOT NULL REFERENCES demand_answer (id) ON DELETE CASCADE,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  data         bytea NOT NULL,
  uploaded_by  bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demand_answer_attachment_answer_idx ON demand_answer_attachment (answer_id);

-- A docking event (对接会) of a region's bureau: draft → open (registrations) → held → closed.
CREATE TABLE docking_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title       text NOT NULL CHECK (length(btrim(title)) > 0),
  theme       text NOT NULL DEFAULT '',
  field       text,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz,
  place       text NOT NULL DEFAULT '',
  organiser   text NOT NULL DEFAULT '',
  region_code text NOT NULL REFERENCES region (code),
  capacity    integer CHECK (capacity > 0),
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'held', 'closed')),
  created_by  bigint REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX docking_event_region_idx ON docking_event (region_code, starts_at DESC);

-- An organisation registers once per event, bringing demands and achievements of its own; staff confirm.
CREATE TABLE docking_registration (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES docking_event (id) ON DELETE CASCADE,
  org_id          bigint NOT NULL REFERENCES organization (id),
  demand_ids      bigint[] NOT NULL DEFAULT '{}',
  achievement_ids bigint[] NOT NULL DEFAULT '{}',
  attendees       integer NOT NULL DEFAULT 1 CHECK (attendees BETWEEN 1 AND 50),
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined', 'withdrawn')),
  decision_note   text,
  decided_by      bigint REFERENCES app_user (id),
  decided_at      timestamptz,
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (event_id, org_id)
);
CREATE INDEX docking_registration_org_idx ON docking_registration (org_id);
CREATE INDEX docking_registration_pending_idx ON docking_registration (event_id) WHERE status = 'pending';

-- A pair planned by staff: a demand and an achievement (whose organisation is the supplier) or a
-- supplier organisation alone; its outcome is recorded after the meeting. contract_no is text
-- until the technology contract registry can be linked.
CREATE TABLE docking_pairing (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES docking_event (id) ON DELETE CASCADE,
  demand_id       bigint NOT NULL REFERENCES demand (id),
  achievement_id  bigint REFERENCES achievement (id),
  supplier_org_id bigint NOT NULL REFERENCES organization (id),
  note            text NOT NULL DEFAULT '',
  outcome         text CHECK (outcome IN ('met', 'intent', 'agreement', 'contract')),
  contract_no     text,
  outcome_note    text,
  outcome_at      timestamptz,
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (outcome IS DISTINCT FROM 'contract' OR length(btrim(coalesce(contract_no, ''))) > 0)
);
CREATE UNIQUE INDEX docking_pairing_key ON docking_pairing (event_id, demand_id, supplier_org_id, coalesce(achievement_id, 0));
CREATE INDEX docking_pairing_demand_idx ON docking_pairing (demand_id);

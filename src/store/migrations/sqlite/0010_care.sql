-- 0010: care (the inbox). A unit's channels (its accounts on the networks),
-- routing rules (ordered per unit; lists as comma-separated text, the
-- values being checked words), SLA policies, each unit's queue settings
-- (business hours, assignment, the window that joins an author's mentions), the cases
-- mentions become (one per mention: case_mentions), their history, and the
-- unit's agents. care_version moves with every rule change, so that other
-- nodes reload their compiled rules.
CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  network TEXT NOT NULL,
  handle TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (network, handle)
);
CREATE INDEX channels_unit ON channels(unit_id);

CREATE TABLE sla_policies (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  name TEXT NOT NULL,
  first_response_minutes INTEGER NOT NULL,
  next_response_minutes INTEGER NOT NULL,
  resolution_minutes INTEGER NOT NULL,
  notify INTEGER NOT NULL,
  raise_priority INTEGER NOT NULL,
  move_to_unit_id INTEGER REFERENCES units(id),
  then_policy_id INTEGER REFERENCES sla_policies(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (unit_id, name)
);

CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  topics TEXT NOT NULL,
  intents TEXT NOT NULL,
  sentiment_min REAL,
  sentiment_max REAL,
  languages TEXT NOT NULL,
  networks TEXT NOT NULL,
  channels TEXT NOT NULL,
  followers_min INTEGER,
  followers_max INTEGER,
  contact_tiers TEXT NOT NULL,
  contact_tags TEXT NOT NULL,
  keywords TEXT NOT NULL,
  skip INTEGER NOT NULL,
  target_unit_id INTEGER REFERENCES units(id),
  priority TEXT NOT NULL,
  sla_policy_id INTEGER REFERENCES sla_policies(id),
  tags TEXT NOT NULL,
  auto_reply TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX routing_rules_unit ON routing_rules(unit_id, position);

CREATE TABLE care_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO care_version (id, version) VALUES (1, 0);

CREATE TABLE queues (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  time_zone TEXT NOT NULL,
  week TEXT NOT NULL,
  holidays TEXT NOT NULL,
  assignment TEXT NOT NULL,
  join_window_minutes INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  contact_id INTEGER REFERENCES contacts(id),
  network TEXT NOT NULL,
  author_handle TEXT NOT NULL,
  thread_key TEXT NOT NULL,
  subject TEXT NOT NULL,
  language TEXT NOT NULL,
  tags TEXT NOT NULL,
  rule_id INTEGER,
  sla_policy_id INTEGER,
  mention_count INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  last_inbound_at INTEGER NOT NULL,
  first_response_at INTEGER,
  last_response_at INTEGER,
  resolved_at INTEGER,
  first_response_due INTEGER,
  next_response_due INTEGER,
  resolution_due INTEGER,
  due_at INTEGER,
  sweep_at INTEGER,
  active INTEGER NOT NULL,
  due_key INTEGER NOT NULL,
  paused_at INTEGER,
  breached INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
-- A queue sorted by what is due first (active: not resolved; due_key: due_at,
-- or the largest integer when nothing is due, so that the index gives the
-- order), one unit's or across units; the author's latest case; an agent's
-- load; the sweep. The queue's filters (status, assignee, priority) are in
-- the queue indexes too, so that a filtered page and its count read the index
-- alone, never the rows they skip; newest first is its own index.
CREATE INDEX cases_queue ON cases(unit_id, active, due_key, id, status, assignee_id, priority);
CREATE INDEX cases_due_order ON cases(active, due_key, id, unit_id, status, assignee_id, priority);
CREATE INDEX cases_newest ON cases(unit_id, active, id, status, assignee_id, priority);
CREATE INDEX cases_author ON cases(network, author_handle, unit_id, id);
CREATE INDEX cases_assignee ON cases(assignee_id, status);
CREATE INDEX cases_sweep ON cases(sweep_at) WHERE sweep_at IS NOT NULL;

CREATE TABLE case_mentions (
  mention_id INTEGER PRIMARY KEY REFERENCES mentions(id),
  case_id INTEGER NOT NULL REFERENCES cases(id)
);
CREATE INDEX case_mentions_case ON case_mentions(case_id, mention_id);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  mention_id INTEGER
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE agents (
  user_id INTEGER NOT NULL REFERENCES users(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  available INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  languages TEXT NOT NULL,
  last_assigned_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX agents_unit ON agents(unit_id);

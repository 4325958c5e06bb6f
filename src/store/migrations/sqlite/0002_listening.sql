-- 0002: listening. Topics (a unit's queries), contacts (one per network
-- handle), mentions (stored once, unique per network and external id, with an
-- FTS5 index kept by a trigger), which topics each mention matched, hourly
-- rollups for the dashboards, and spike alerts.
CREATE TABLE topics (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (unit_id, name)
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL,
  handle TEXT NOT NULL,
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  followers INTEGER,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  UNIQUE (network, handle)
);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL,
  external_id TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  author_handle TEXT NOT NULL,
  author_name TEXT NOT NULL,
  author_followers INTEGER,
  text TEXT NOT NULL,
  url TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL,
  language TEXT NOT NULL,
  sentiment REAL NOT NULL,
  sentiment_label TEXT NOT NULL,
  intents TEXT NOT NULL,
  hashtags TEXT NOT NULL,
  pii INTEGER NOT NULL,
  reply_to TEXT NOT NULL,
  UNIQUE (network, external_id)
);
CREATE INDEX mentions_created ON mentions(created_at);

CREATE VIRTUAL TABLE mentions_fts USING fts5(
  text, content = 'mentions', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
  INSERT INTO mentions_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE mention_topics (
  topic_id INTEGER NOT NULL,
  mention_id INTEGER NOT NULL REFERENCES mentions(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (topic_id, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_topics_time ON mention_topics(topic_id, created_at, mention_id);

CREATE TABLE rollups_hourly (
  topic_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  network TEXT NOT NULL,
  sentiment TEXT NOT NULL,
  intent TEXT NOT NULL,
  language TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (topic_id, hour, network, sentiment, intent, language)
);
CREATE INDEX rollups_unit_hour ON rollups_hourly(unit_id, hour);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  topic_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL,
  hour INTEGER NOT NULL,
  observed REAL NOT NULL,
  expected REAL NOT NULL,
  z REAL NOT NULL,
  created_at INTEGER NOT NULL,
  acknowledged_by INTEGER REFERENCES users(id),
  UNIQUE (topic_id, kind, hour)
);
CREATE INDEX alerts_unit ON alerts(unit_id, created_at);

-- 0003: index mention text once per batch instead of row by row; keep the
-- handles a post mentions; matches keyed for paging.
--
-- Indexing once per batch: A trigger
-- runs in a savepoint of its own, and FTS5 flushes its pending terms at
-- every savepoint: one tiny segment per mention, then merges (~100 µs a
-- mention). The store now adds a whole batch to mentions_fts in one
-- statement (SqlMentionRepo::InsertBatch).
DROP TRIGGER mentions_fts_insert;

-- Matches keyed by (topic, time, mention): the key itself serves the
-- newest-first pages of a topic, so no second index has to be kept up to
-- date on every match. (A mention has one time, so a (topic, mention) pair
-- still appears once.)
CREATE TABLE mention_topics_new (
  topic_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  mention_id INTEGER NOT NULL REFERENCES mentions(id),
  PRIMARY KEY (topic_id, created_at, mention_id)
) WITHOUT ROWID;
INSERT INTO mention_topics_new (topic_id, created_at, mention_id)
  SELECT topic_id, created_at, mention_id FROM mention_topics;
DROP TABLE mention_topics;
ALTER TABLE mention_topics_new RENAME TO mention_topics;

-- The handles a post mentions (from its text and as the network reported
-- them), space-separated: back-filling an @handle topic needs them. The
-- full-text index holds them and the hashtags too, so that back-fill finds
-- posts whose network reported a tag their text does not spell.
ALTER TABLE mentions ADD COLUMN mentioned TEXT NOT NULL DEFAULT '';

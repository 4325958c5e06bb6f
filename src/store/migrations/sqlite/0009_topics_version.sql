-- 0009: a counter bumped in the same transaction as every topic created,
-- changed or deleted, so that each node notices changes made through the
-- others by reading one row (no clocks to agree on).
CREATE TABLE topics_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO topics_version (id, version) VALUES (1, 0);

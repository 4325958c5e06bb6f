-- 0003: the handles a post mentions (from its text and as the network
-- reported them), space-separated: back-filling an @handle topic needs them.
-- (The SQLite file of this version also moves mention text indexing to one
-- statement per batch; PostgreSQL keeps its tsvector itself.)
ALTER TABLE mentions ADD COLUMN mentioned TEXT NOT NULL DEFAULT '';

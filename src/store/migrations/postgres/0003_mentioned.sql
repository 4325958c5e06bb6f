-- 0003: the handles a post mentions (from its text and as the network
-- reported them), space-separated: back-filling an @handle topic needs them.
ALTER TABLE mentions ADD COLUMN mentioned TEXT NOT NULL DEFAULT '';

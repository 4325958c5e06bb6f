-- 0008: a topic's back-fill runs in the background, page by page: while it
-- runs, backfill_after is the last mention id it went through and
-- backfill_until the newest id when it began (NULL: none running). Kept in
-- the row so that progress shows on every node and a back-fill cut short by
-- a restart goes on from where it was.
ALTER TABLE topics ADD COLUMN backfill_after INTEGER;
ALTER TABLE topics ADD COLUMN backfill_until INTEGER;

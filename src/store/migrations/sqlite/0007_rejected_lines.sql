-- 0007: the server's dead letters: lines sent to POST /api/v1/ingest that
-- yielded no mention, with their line number, the reason and the raw line
-- (its first 16 KiB, made valid UTF-8) so that an admin can see what was
-- wrong and send it again. Raw posts are personal data: kept 30 days.
CREATE TABLE rejected_lines (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT NOT NULL,
  raw_bytes INTEGER NOT NULL
);
CREATE INDEX rejected_lines_received ON rejected_lines(received_at);
CREATE INDEX rejected_lines_reason ON rejected_lines(reason, id);

-- 0005: invitations by e-mail to a role at a unit. Only the SHA-256 of the
-- link's secret is kept; an accepted or withdrawn invitation is deleted.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX invitations_unit ON invitations(unit_id, created_at);
CREATE INDEX invitations_expiry ON invitations(expires_at);

-- 0004: failed logins are keyed by digests (account, client address, the
-- server), no longer by the e-mail typed, and purged by age: the rows kept
-- under the old keys are dropped, and an index on the time makes the purge
-- cheap.
DELETE FROM login_failures;
CREATE INDEX login_failures_at ON login_failures(at);

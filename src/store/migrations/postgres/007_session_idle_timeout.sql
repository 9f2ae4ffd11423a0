-- Sessions end after a time without use (LoginPolicy::session_idle), not
-- only at their fixed end: idle_expires_at moves forward while the session
-- is used. Sessions opened before this keep their fixed end as both.
ALTER TABLE sessions ADD COLUMN idle_expires_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET idle_expires_at = expires_at;

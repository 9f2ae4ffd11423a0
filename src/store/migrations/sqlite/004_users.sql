-- Users of the HTTP API with their roles, browser sessions, API tokens for
-- scripts, and the login attempts that rate-limit password guessing.
-- SQLite dialect; postgres/004 is the pair. Secrets are stored only as hashes:
-- passwords as Argon2id strings, session and API tokens as BLAKE2b digests.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'correspondent', 'viewer')),
  city_id INTEGER REFERENCES cities(id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- a correspondent is bound to exactly one city; nobody else is
  CHECK ((role = 'correspondent') = (city_id IS NOT NULL))
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  csrf_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  ip TEXT NOT NULL,
  succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_user ON login_attempts(user_name, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

-- Server-side sessions and login failure counters, shared by every server process on this database.
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);
CREATE INDEX user_session_last_seen ON user_session(last_seen_at);

CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT
);

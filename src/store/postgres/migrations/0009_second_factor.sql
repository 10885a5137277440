-- Second factor (issue 12): TOTP authenticators (RFC 6238), single-use recovery codes, the sign-in challenges
-- between a correct password and the code, and the organisation's sign-in security settings.

-- One authenticator per person. `secret` is written and read only through the TOTP repository's
-- sealed_totp_secret / opened_totp_secret, so that it can be encrypted at rest there. Until
-- confirmed_at is set the enrolment is pending and does not guard sign-in.
CREATE TABLE second_factor (
  user_id BIGINT PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  -- The last RFC 6238 time step accepted: a code of this step or an earlier one is never accepted again.
  last_step BIGINT
);

-- SHA-256 of each recovery code (120-bit codes, NIST SP 800-63B §5.1.2.2); used_at set when it is spent.
CREATE TABLE recovery_code (
  user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
);

-- A correct password of someone with a second factor opens no session, only this: the SHA-256 of a token
-- the browser sends back with the code, short-lived and used once.
CREATE TABLE sign_in_challenge (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_challenge_expires ON sign_in_challenge(expires_at);

-- Sign-in settings an organisation may change; a missing key means the default in core.
CREATE TABLE security_setting (
  setting_key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

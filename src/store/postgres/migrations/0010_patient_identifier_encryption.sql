-- Patient identifiers encrypted at rest (HIPAA §164.312(a)(2)(iv)). incident.patient_identifier,
-- incident.patient_name and incident_draft.form (a draft holds the form, patient fields included) now hold
-- sealed text, "hqms1:<key id>:<nonce, ciphertext and tag>" (src/core/common/identifier_cipher.hpp). Values
-- written in clear before this migration are sealed the first time the database is opened with its key file.

-- The blind index: a keyed hash of the normalised identifier, so that an exact-match lookup needs neither
-- the identifier in clear nor a decryption of every row.
ALTER TABLE incident ADD COLUMN patient_index TEXT;
CREATE INDEX incident_patient_index ON incident(patient_index);

-- The keys that seal values here. A database is never opened with a key file that lacks one of them: a lost
-- or wrong key file is refused instead of a new key being made. retired_at: a rotation has sealed everything
-- again under a newer key.
CREATE TABLE identifier_key (
  key_id TEXT PRIMARY KEY,
  added_at TEXT NOT NULL,
  retired_at TEXT
);

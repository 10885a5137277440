-- Signed checkpoints of the audit trail's head (core/audit/audit_checkpoint.hpp). The checkpoint file outside
-- the database holds the same ones; it is what still stands when someone controls the database, while these
-- let the server and the audit page check the latest without it. No foreign key to audit_log: a checkpoint
-- must outlive the entries it names, to show that they were removed.
CREATE TABLE audit_checkpoint (
  seq INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (seq, key_id)
);

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN
  SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;

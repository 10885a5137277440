-- Word search over the audit trail with FTS5, kept in step by a trigger (the trail is append-only, so inserts
-- are the only change to follow).
CREATE VIRTUAL TABLE audit_search USING fts5(
  summary, entity_type, entity_id, actor_username,
  content = 'audit_log', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO audit_search(rowid, summary, entity_type, entity_id, actor_username)
  SELECT seq, summary, entity_type, entity_id, actor_username FROM audit_log;

CREATE TRIGGER audit_search_insert AFTER INSERT ON audit_log
BEGIN
  INSERT INTO audit_search(rowid, summary, entity_type, entity_id, actor_username)
    VALUES (new.seq, new.summary, new.entity_type, new.entity_id, new.actor_username);
END;

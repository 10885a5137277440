-- Word search over the audit trail with PostgreSQL's text search: a GIN index over the same expression the
-- queries use (store/sql/dialect.cpp).
CREATE INDEX audit_search ON audit_log USING GIN (
  to_tsvector('simple', summary || ' ' || entity_type || ' ' || entity_id || ' ' || actor_username)
);

-- Anonymous reports must not be placed in time among other records (issue 12, finding 6).
--
-- Incident ids are handed out from id_sequence rather than by the database, so that at a day's first report a
-- block of ids can be set aside for that day's anonymous reports, each of which takes one of them at random: its
-- id, and the reference made from it, then say only the day, never which reports came before or after it.
-- A table's row is made at its first new record after this migration (next_record_id), from its highest id.
CREATE TABLE id_sequence (
  table_name TEXT PRIMARY KEY,
  next_id INTEGER NOT NULL,
  block_day TEXT  -- the day the current block of anonymous ids was set aside (YYYY-MM-DD)
);
CREATE TABLE anonymous_id_slot (
  table_name TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (table_name, id)
);

-- The audit entries of anonymous reports and replies wait here, under random keys, until the day is over; then
-- they join the trail together in random order, so that their place in the chain says nothing either.
CREATE TABLE held_audit_event (
  hold_key TEXT PRIMARY KEY,
  day TEXT NOT NULL,  -- YYYY-MM-DD: the day the entry will carry
  event_json TEXT NOT NULL
);

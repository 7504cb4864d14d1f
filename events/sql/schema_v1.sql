-- accord event log, schema version 1 (PRAGMA user_version = 1).
-- The events table is the log; everything else is derived from it.

CREATE TABLE accord_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,   -- global position, gapless from 1
    id             TEXT    NOT NULL,      -- idempotency key, unique
    type           TEXT    NOT NULL,
    stream         TEXT    NOT NULL,      -- programme | directory | partnership:<id>
    stream_version INTEGER NOT NULL,      -- gapless per stream, from 1
    occurred_at    TEXT    NOT NULL,      -- business time as written
    recorded_at    TEXT    NOT NULL,      -- transaction time, YYYY-MM-DDTHH:MM:SS.ffffffZ
    recorded_by    TEXT    NOT NULL,
    source         TEXT,
    data           TEXT    NOT NULL,      -- canonical JSON, as hashed
    schema_version INTEGER NOT NULL,
    prev_hash      BLOB    NOT NULL,      -- 32 bytes
    hash           BLOB    NOT NULL,      -- 32 bytes: SHA-256 over tag, prev_hash, canonical envelope
    UNIQUE (id),
    UNIQUE (stream, stream_version)       -- also the index for reading one stream
) STRICT;

-- Reading a time range (log --since/--until).
CREATE INDEX events_by_occurred_at ON events (occurred_at);
-- Reading one operator's entries (log --recorded-by).
CREATE INDEX events_by_recorded_by ON events (recorded_by);

-- Append-only. These triggers stop mistakes; they are no defence against
-- someone who holds the file (the hash chain and a head kept elsewhere are).
CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'accord: the event log is append-only; UPDATE is refused');
END;

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'accord: the event log is append-only; DELETE is refused');
END;

-- INSERT OR REPLACE deletes the row it conflicts with without firing the
-- delete trigger (unless recursive_triggers is on in that connection), so
-- every insert must take the next seq and a new id and stream position.
CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM events)
  OR EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND stream_version = NEW.stream_version)
BEGIN
    SELECT RAISE(ABORT, 'accord: an insert must add the next seq with a new id; replacing events is refused');
END;

-- accord event log on PostgreSQL, schema version 1
-- (accord_meta.schema_version = '1'). The same columns, meaning and
-- uniqueness as the SQLite schema (../schema_v1.sql), so that the hash chain,
-- `head`, `verify` and `export` are identical on both.
--
-- `accord init --db postgres://OWNER@HOST/DB` runs this file in one
-- transaction, creating the tables in the first schema of the connection's
-- search_path. Run it as the role that will own the log, not as the role
-- the application appends with: see grants.sql.
--
-- Text columns use the "C" collation: comparisons and ORDER BY are bytewise,
-- as in SQLite, whatever the database's locale (`log --since/--until`
-- compare ISO dates as text; `streams` sort like SQLite's).

CREATE TABLE accord_meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE events (
    -- Global position, gapless from 1. Not a SEQUENCE (sequences leave gaps
    -- on rollback): accord allocates head + 1 inside the write transaction,
    -- under the writers' advisory lock, and the trigger below refuses any
    -- other value.
    seq            BIGINT  PRIMARY KEY CHECK (seq >= 1),
    id             TEXT    COLLATE "C" NOT NULL,  -- idempotency key, unique
    type           TEXT    COLLATE "C" NOT NULL,
    stream         TEXT    COLLATE "C" NOT NULL,  -- programme | directory | partnership:<id>
    stream_version BIGINT  NOT NULL CHECK (stream_version >= 1),  -- gapless per stream
    occurred_at    TEXT    COLLATE "C" NOT NULL,  -- business time as written
    recorded_at    TEXT    COLLATE "C" NOT NULL,  -- transaction time, YYYY-MM-DDTHH:MM:SS.ffffffZ
    recorded_by    TEXT    COLLATE "C" NOT NULL,
    source         TEXT    COLLATE "C",
    data           TEXT    COLLATE "C" NOT NULL,  -- canonical JSON, as hashed (TEXT, not jsonb: jsonb re-encodes)
    schema_version INTEGER NOT NULL,
    prev_hash      BYTEA   NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash           BYTEA   NOT NULL CHECK (octet_length(hash) = 32),  -- SHA-256 over tag, prev_hash, canonical envelope
    CONSTRAINT events_id_key UNIQUE (id),                        -- also the index for stored_by_id
    CONSTRAINT events_stream_version_key UNIQUE (stream, stream_version)  -- also the index for reading streams
);

-- Reading a time range (log --since/--until).
CREATE INDEX events_by_occurred_at ON events (occurred_at);
-- Reading one operator's entries (log --recorded-by).
CREATE INDEX events_by_recorded_by ON events (recorded_by);
-- Reading one type (log --type; the retractions when the rule state is rebuilt).
CREATE INDEX events_by_type ON events (type);

-- Append-only. As in SQLite these triggers stop mistakes; the owner of the
-- table can still disable them, which is why the application appends as a
-- role that owns nothing and holds INSERT and SELECT only (grants.sql), and
-- why the proof is the hash chain plus a head kept elsewhere.
CREATE FUNCTION accord_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accord: the event log is append-only; % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION accord_refuse_change();
CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION accord_refuse_change();
CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION accord_refuse_change();

-- There is no INSERT OR REPLACE in PostgreSQL; INSERT ... ON CONFLICT DO
-- UPDATE fires the UPDATE trigger above. What is left to guard is the
-- position: every insert must take the next seq, so seq stays gapless even
-- for a row written behind accord's back (a concurrent second insert of the
-- same seq fails on the primary key).
CREATE FUNCTION accord_next_seq_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS DISTINCT FROM (SELECT coalesce(max(seq), 0) + 1 FROM events) THEN
        RAISE EXCEPTION 'accord: an insert must add the next seq (got %); the log is append-only', NEW.seq
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER events_next_seq_only BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION accord_next_seq_only();

-- The metadata is written once, at init.
CREATE TRIGGER accord_meta_refuse_update BEFORE UPDATE ON accord_meta
    FOR EACH ROW EXECUTE FUNCTION accord_refuse_change();
CREATE TRIGGER accord_meta_refuse_delete BEFORE DELETE ON accord_meta
    FOR EACH ROW EXECUTE FUNCTION accord_refuse_change();

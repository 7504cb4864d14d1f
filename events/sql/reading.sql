-- The programme's reading index beside the log (events/src/store/reading.rs):
-- the position of each event of the programme stream's rarely read types
-- (stages, frameworks, retractions, translations), so that a reader that
-- needs those, and not the programme's thousands of meetings and
-- interviews, finds them by key instead of scanning the stream. A
-- partnership's state needs exactly these.
--
-- Derived data, never trusted over the log: used only while the log still
-- holds the event at (head_seq, head_hash), while its rows match their
-- digest, and while its layout is this build's; otherwise it is ignored
-- and the stream is scanned as before. Caught up after each append, from
-- the last seq it covers; dropped and rebuilt by `accord rebuild`. Not
-- covered by the hash chain, and never read by verify, export or the
-- rules. Created the first time a writer catches it up, so logs made
-- before it work as they are.
CREATE TABLE IF NOT EXISTS accord_reading (
    event_seq  INTEGER PRIMARY KEY,   -- an event of the programme stream
    event_type TEXT    NOT NULL       -- its type, one of the indexed types
) STRICT;

-- One row, `one = 1`, which every statement names. (No CHECK says so: a
-- read-only connection, such as verify's, never parses a CHECK, so a
-- flipped bit in its text would pass verify yet refuse every writer.)
CREATE TABLE IF NOT EXISTS accord_reading_head (
    one       INTEGER PRIMARY KEY,
    layout    BLOB    NOT NULL,   -- digest of the build's indexed types and code
    head_seq  INTEGER NOT NULL,   -- the last event of the log it covers
    head_hash BLOB    NOT NULL,   -- that event's hash
    digest    BLOB    NOT NULL    -- chained SHA-256 over its rows, in seq order
) STRICT;

-- The programme stream's meetings, activities and interviews that name a
-- partnership: one row per (partnership, event). What a partnership's
-- history reads of them, by key.
CREATE TABLE IF NOT EXISTS accord_reading_names (
    partnership TEXT    NOT NULL,
    event_seq   INTEGER NOT NULL,
    PRIMARY KEY (partnership, event_seq)
) STRICT, WITHOUT ROWID;

-- Per partnership, the SHA-256 digest chained over its rows above, in seq
-- order: a reader checks the rows of the partnership it reads.
CREATE TABLE IF NOT EXISTS accord_reading_names_head (
    partnership TEXT PRIMARY KEY,
    digest      BLOB NOT NULL
) STRICT;

-- The directory stream's events by entry: `org:<id>` for an organisation's
-- registration, `person:<id>` for a person's registration, moves and keys,
-- `*` for any other (retractions). What a partnership's state reads of the
-- directory (the organisations and people it names), by key.
CREATE TABLE IF NOT EXISTS accord_reading_entries (
    entry     TEXT    NOT NULL,
    event_seq INTEGER NOT NULL,
    PRIMARY KEY (entry, event_seq)
) STRICT, WITHOUT ROWID;

-- Per entry, the SHA-256 digest chained over its rows above, in seq
-- order: a reader checks the rows of the entries it reads.
CREATE TABLE IF NOT EXISTS accord_reading_entries_head (
    entry  TEXT PRIMARY KEY,
    digest BLOB NOT NULL
) STRICT;

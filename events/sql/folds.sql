-- Saved folds, in a file beside the log (`<log>.folds`, a database of its
-- own: events/src/store/folds.rs): what a reading command derived from one
-- stream in one view (the as-of date and the known-at time), kept so that
-- the next command in the same view folds again only the streams that
-- changed since.
--
-- Derived data, never trusted over the log: each row names the inputs it
-- was folded from (a digest of the build's code and of the last event,
-- seq and hash, of each stream it read) and is used only while those are
-- still the log's; each row is sealed (a BLAKE3 hash over its other columns)
-- and an edited row is ignored. Written by reading commands when they can
-- (best effort: where the file cannot be written, logs are folded as
-- before), only for the views they were asked for, the latest few kept;
-- the file no larger than its log (at least 256 MB: past that, the rows
-- saved longest ago are deleted); deleted by `accord rebuild`. Not covered by the hash chain, and never read by
-- verify, export or the rules.
--
-- One row of kind 'tails' (view '', stream '*') holds the last event of
-- every stream, its inputs the hash of the log's last event when it was
-- taken: read while that is still the log's last event (folds.rs).
CREATE TABLE IF NOT EXISTS accord_folds (
    kind   TEXT    NOT NULL,   -- what was folded ('status', ...)
    view   TEXT    NOT NULL,   -- the view it was folded in
    stream TEXT    NOT NULL,   -- the stream (or streams) it read
    inputs BLOB    NOT NULL,   -- digest of the code and the streams' last events
    body   BLOB    NOT NULL,   -- what the fold gave, encoded by its reader
    seal   BLOB    NOT NULL,   -- BLAKE3 over the columns above
    saved  INTEGER NOT NULL,   -- a counter: the views saved last are kept
    PRIMARY KEY (kind, view, stream)
) STRICT;

-- Which views were saved last, without reading the rows' bodies (`saved`
-- comes after them in a row: found by the table alone, each save read
-- every body's overflow pages).
CREATE INDEX IF NOT EXISTS accord_folds_saved ON accord_folds (kind, view, saved);

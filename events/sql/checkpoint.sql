-- The rule state saved beside the log (events/src/store/checkpoint.rs):
-- derived data, used only while the log still holds the event at
-- (head_seq, head_hash), dropped and rebuilt by `accord rebuild`. Created
-- the first time a checkpoint is saved, so logs made before it work as
-- they are. Not covered by the hash chain, and never read by verify,
-- export or any report.
CREATE TABLE IF NOT EXISTS accord_checkpoint (
    name      TEXT    PRIMARY KEY,   -- 'rules'
    head_seq  INTEGER NOT NULL,
    head_hash BLOB    NOT NULL,
    body      BLOB    NOT NULL       -- postcard-encoded, with a layout digest
) STRICT;

-- The rule state saved beside the log (events/src/store/checkpoint.rs):
-- derived data, used only while the log still holds the event at
-- (head_seq, head_hash), dropped and rebuilt by `accord rebuild`. Created
-- by `accord init` with the schema (and by the first save of an owner role
-- on a log made before it); grants.sql lets the application role replace
-- it. Not covered by the hash chain, and never read by verify, export or
-- any report.
CREATE TABLE IF NOT EXISTS accord_checkpoint (
    name      TEXT   COLLATE "C" PRIMARY KEY,   -- 'rules'
    head_seq  BIGINT NOT NULL,
    head_hash BYTEA  NOT NULL,
    body      BYTEA  NOT NULL                   -- postcard-encoded, with a layout digest
);

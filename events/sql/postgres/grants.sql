-- The application role: it may read the log and append to it, nothing else.
--
-- Run as the role that owns the log (the one that ran `accord init`), once
-- the log exists, with psql variables naming the schema and the role:
--
--   psql "postgres://OWNER@HOST/DB" -v schema=public -v app=accord_app -f grants.sql
--
-- (accord's test suite runs the same text through postgres_grants()). The
-- role itself is made once by an administrator, e.g.
--
--   CREATE ROLE accord_app LOGIN PASSWORD '…';
--   GRANT CONNECT ON DATABASE accord TO accord_app;
--
-- and then every office's accord uses `--db postgres://accord_app@HOST/DB`
-- (password in ACCORD_DB or PGPASSWORD, never on the command line).
--
-- Why INSERT and SELECT only: with no UPDATE, DELETE or TRUNCATE grant a
-- bug or a mistaken script running as the application cannot change what
-- is recorded, even with the triggers disabled; only the owner can disable
-- triggers, and the application is not the owner. accord serialises its
-- writers with a transaction-level advisory lock, which needs no grant
-- (LOCK TABLE ... IN EXCLUSIVE MODE would need UPDATE or DELETE).
--
-- The saved rule state (accord_checkpoint, derived data that only spares a
-- refold of the log, see checkpoint.sql) is the one table the application
-- may replace. A forged one could make the rules accept an event they
-- should refuse, but a role that can write it can INSERT rows into events
-- directly anyway; the hash chain and a head kept elsewhere remain the proof.

GRANT USAGE ON SCHEMA :"schema" TO :"app";
REVOKE ALL ON :"schema".events, :"schema".accord_meta FROM :"app";
GRANT SELECT, INSERT ON :"schema".events TO :"app";
GRANT SELECT ON :"schema".accord_meta TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON :"schema".accord_checkpoint TO :"app";

-- DuckLake: the ledger of applied migrations (no PRIMARY KEY there: migrate() runs each
-- migration in a write transaction, so two workers never record one twice), and the
-- one-row table every write transaction updates first (warehouse/lake.py).
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL,
    name       VARCHAR NOT NULL,
    checksum   VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS lake_writes (
    writes BIGINT NOT NULL                       -- write transactions committed so far
);
INSERT INTO lake_writes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM lake_writes);

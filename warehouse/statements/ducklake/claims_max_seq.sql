-- DuckLake: the highest claims.seq so far (0 when empty); see claim_insert.sql.
SELECT coalesce(max(seq), 0) FROM claims;

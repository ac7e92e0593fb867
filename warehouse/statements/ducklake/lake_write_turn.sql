-- DuckLake: a write transaction's first statement. Two overlapping transactions both
-- update this row, so DuckLake refuses the second commit and the writer retries it.
UPDATE lake_writes SET writes = writes + 1;

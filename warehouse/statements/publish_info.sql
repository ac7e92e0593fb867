-- Which base this is: readers check it against the manifest they read (publish.py).
CREATE TABLE claimwatch_snapshot.read_copy_info AS
SELECT CAST($generation AS VARCHAR) AS generation, CAST($published_at AS TIMESTAMP) AS published_at;

-- Empty the scratch table once its claims are placed.
DELETE FROM figure_batch;

-- Every claim's figure, before `rederive_figures` assigns them again.
DELETE FROM figure_claims;

-- Every figure, before `rederive_figures` founds them again.
DELETE FROM figures;

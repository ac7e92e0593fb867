-- name: stale_figures
-- Figures still repeated $years years or more after they first appeared: first source and date, last repeat, age.
-- params: $years (float) = 2, $fate (text) = null
SELECT
    count_range AS figure,
    subject,
    fate,
    places,
    first_date,
    first_source,
    first_site,
    last_date,
    age_years,
    repeats,
    unattributed_repeats,
    outlets,
    competitors,
    figure_id
FROM figures_current
WHERE repeats > 0
  AND age_days >= $years * 365.25
  AND ($fate IS NULL OR fate = $fate)
ORDER BY age_days DESC, repeats DESC, figure_id;

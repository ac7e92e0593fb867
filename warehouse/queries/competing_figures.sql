-- name: competing_figures
-- Figures competing for the same quantity (same subject, fate and places), each with its own first source and use.
-- params: $fate (text) = null, $country (text) = null
SELECT
    subject,
    fate,
    places,
    count_range AS figure,
    polarity,
    first_date,
    first_source,
    first_site,
    appearances,
    last_date,
    competitors,
    figure_id
FROM figures_current
WHERE competitors > 0
  AND ($fate IS NULL OR fate = $fate)
  AND ($country IS NULL OR list_contains(places, upper($country)))
ORDER BY subject, fate, places, first_date, figure_id;

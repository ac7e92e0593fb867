-- Statements of scripts/make_big_warehouse.py, run in order on a migrated, empty warehouse.
-- Each `-- step: NAME` starts one statement. Values come in as bound parameters:
-- $claims, $originals, $first_day, $last_day, $extractor_version.
-- Randomness is a hash of the row number and a salt, so the same N builds the same data.

-- step: macros
CREATE OR REPLACE TEMP MACRO u(i, salt) AS (hash(i, salt) % 1000003) / 1000003.0;

-- step: pick
-- A skewed pick from a list: the first items are the most frequent (power > 1).
CREATE OR REPLACE TEMP MACRO pick(items, i, salt, power) AS
    items[1 + least(len(items) - 1, CAST(floor(len(items) * pow(u(i, salt), power)) AS BIGINT))];

-- step: runs
-- One scheduled monitoring run a day, at 06:00 UTC; one in 40 failed.
INSERT INTO runs (run_id, flow, started_at, finished_at, status, extractor_version, summary)
SELECT
    md5('run' || CAST(day AS DATE)),
    'monitor_feeds',
    day + INTERVAL 6 HOUR,
    day + INTERVAL 6 HOUR + INTERVAL 7 MINUTE,
    CASE WHEN u(epoch(day), 'run-failed') < 0.025 THEN 'failed' ELSE 'completed' END,
    $extractor_version,
    '{"generated": true}'
FROM range(CAST($first_day AS TIMESTAMP), CAST($last_day AS TIMESTAMP) + INTERVAL 1 DAY,
           INTERVAL 1 DAY) AS t(day);

-- step: feeds
INSERT INTO feeds (feed_url, name, last_fetched_at, last_status, failures)
SELECT 'https://' || site || '/feeds/middle-east.xml', site,
       CAST($last_day AS TIMESTAMP) + INTERVAL 6 HOUR, 'ok', 0
FROM (SELECT unnest([
    'news.example', 'wire.example', 'levant-times.example', 'gulf-daily.example',
    'euro-monitor.example', 'sahel-report.example', 'kabul-post.example',
    'tigris-news.example', 'anatolia-wire.example', 'maghreb-journal.example',
    'caucasus-watch.example', 'asia-security.example']) AS site);

-- step: originals
-- Original articles: the i-th has a date spread over the period (a little more recent
-- news than old), a site, author, language, a ~3,000-character text and a unique fingerprint.
CREATE OR REPLACE TEMP TABLE gen_articles AS
WITH base AS (
    SELECT
        i,
        CAST($first_day AS DATE)
            + CAST(floor(pow(u(i, 'day'), 0.85) * (CAST($last_day AS DATE) - CAST($first_day AS DATE) - 2))
                   AS INTEGER) AS day,
        pick(['news.example', 'wire.example', 'levant-times.example', 'gulf-daily.example',
              'euro-monitor.example', 'sahel-report.example', 'kabul-post.example',
              'tigris-news.example', 'anatolia-wire.example', 'maghreb-journal.example',
              'caucasus-watch.example', 'asia-security.example'], i, 'site', 1.6) AS site,
        pick(['isis-returnees', 'camp-detainees', 'foreign-fighters', 'prison-break',
              'repatriation', 'sleeper-cells', 'court-ruling', 'families-in-camps',
              'militants-relocate', 'border-arrests', 'amnesty-deal', 'insurgency'],
             i, 'slug', 1.3) AS slug
    FROM range($originals) AS t(i)
)
SELECT
    i,
    left(sha256('article' || chr(0) || 'https://' || site || '/' || year(day) || '/' || slug
                || '-' || i), 32) AS article_id,
    'https://' || site || '/' || year(day) || '/' || slug || '-' || i AS normalized_url,
    site,
    'https://' || site || '/feeds/middle-east.xml' AS feed_url,
    CASE WHEN u(i, 'nodate') < 0.03 THEN NULL ELSE day END AS published,
    day + INTERVAL 6 HOUR + to_minutes(CAST(floor(u(i, 'lag') * 2880) AS BIGINT)) AS fetched_at,
    slug
FROM base;

-- step: paragraphs
-- 500 paragraphs of 10-18 stock sentences; an article's text is three of them.
CREATE OR REPLACE TEMP TABLE gen_paragraphs AS
SELECT n,
    array_to_string(list_transform(range(10 + CAST(floor(u(n, 'len') * 9) AS BIGINT)),
        lambda k: pick([
            'Officials gave no timetable for further transfers.',
            'The camp, run by a Kurdish-led administration, is badly overcrowded.',
            'Human rights groups have criticised the conditions in the detention centres.',
            'The figures could not be independently verified.',
            'Security forces said the operation was continuing in the surrounding villages.',
            'Several governments have been reluctant to take back their citizens.',
            'A spokesman declined to comment on the number of people involved.',
            'Local residents described a tense night with checkpoints on every main road.',
            'The court is expected to hear further cases later this year.',
            'Analysts warn that the group still exploits gaps along the border.',
            'Aid agencies say children make up a majority of those held.',
            'The ministry published its own estimate in a statement on its website.',
            'Lawyers for the families said they had not been informed in advance.',
            'The transfer took place under a deal brokered by tribal elders.',
            'Researchers compiled the estimate from court records and media reports.',
            'It was not clear how many of those returning would face prosecution.'],
            n * 64 + k, 'sentence', 1.0)), ' ') AS text
FROM range(500) AS t(n);

-- step: articles
INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
)
SELECT
    a.article_id,
    a.normalized_url || '?utm_source=rss',
    a.normalized_url,
    a.feed_url,
    pick(['Hundreds of fighters said to have returned', 'Camp still holds thousands',
          'Court sentences foreign fighters', 'Ministry denies figures on returnees',
          'Militants moved across the border, officials say', 'Report counts the missing',
          'Families wait for repatriation', 'Prison break frees detainees',
          'Cells regroup in the desert', 'Deal lets fighters leave the city'],
         a.i, 'title', 1.2) || ' (' || strftime(a.fetched_at, '%d %b %Y') || ')',
    CASE WHEN u(a.i, 'author') < 0.4 THEN NULL
         ELSE pick(['Staff reporter', 'A. Haddad', 'L. Moreau', 'J. Okafor', 'M. Petrova',
                    'S. Rahimi', 'K. Yilmaz', 'T. Lindqvist', 'R. Benali', 'D. Kowalski'],
                   a.i, 'author', 1.0) END,
    a.site,
    pick(['en', 'en', 'en', 'en', 'en', 'fr', 'ar', 'de', 'tr', 'ru'], a.i, 'lang', 1.0),
    a.published,
    a.fetched_at,
    p.texts[1 + CAST(hash(a.i, 'p1') % 500 AS BIGINT)] || ' ' || p.texts[1 + CAST(hash(a.i, 'p2') % 500 AS BIGINT)] || ' '
        || p.texts[1 + CAST(hash(a.i, 'p3') % 500 AS BIGINT)]
        || ' Reference ' || a.article_id || '.',
    'fp-' || md5('fingerprint' || a.i),
    NULL,
    md5('run' || CAST(a.fetched_at AS DATE)),
    $extractor_version
FROM gen_articles AS a, (SELECT list(text ORDER BY n) AS texts FROM gen_paragraphs) AS p
ORDER BY a.fetched_at;

-- step: copies
-- Syndicated copies: the same text fingerprint on a wire site, a few hours later, no claims.
INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
)
SELECT
    left(sha256('article' || chr(0) || 'https://syndicate.example/copy/' || o.article_id), 32),
    'https://syndicate.example/copy/' || o.article_id,
    'https://syndicate.example/copy/' || o.article_id,
    'https://wire.example/feeds/middle-east.xml',
    o.title, o.author, 'syndicate.example', o.language, o.published,
    o.fetched_at + INTERVAL 3 HOUR,
    o.text, o.fingerprint, o.article_id,
    md5('run' || CAST(o.fetched_at + INTERVAL 3 HOUR AS DATE)),
    o.extractor_version
FROM articles AS o
JOIN gen_articles AS g ON g.article_id = o.article_id
WHERE g.i % 20 = 7;

-- step: claims
-- Claims: each on a random original (about five per article), with a realistic spread of
-- fates, subjects, places, sources, figures, certainty and denials; stored in time order
-- (seq follows created_at), as the writer would have stored them.
INSERT INTO claims (
    claim_id, article_id, doc, sentence, subject, origin, fate, count_low, count_high, share,
    location, location_country, from_location, counterpart, time_text, year, source,
    source_type, certainty, polarity, seq, created_at, run_id, extractor_version
)
WITH known AS (
    SELECT [
            {'name': 'Syrian Democratic Forces', 'type': 'armed_group'},
            {'name': 'Iraqi Interior Ministry', 'type': 'government'},
            {'name': 'Syrian Observatory for Human Rights', 'type': 'monitor'},
            {'name': 'UN monitoring team', 'type': 'monitor'},
            {'name': 'Home Office', 'type': 'government'},
            {'name': 'Pentagon', 'type': 'military'},
            {'name': 'Soufan Center', 'type': 'research'},
            {'name': 'a security official', 'type': 'unnamed'},
            {'name': 'French prosecutors', 'type': 'government'},
            {'name': 'Human Rights Watch', 'type': 'monitor'},
            {'name': 'ICSR', 'type': 'research'},
            {'name': 'Kurdish officials', 'type': 'government'},
            {'name': 'Reuters', 'type': 'media'},
            {'name': 'Turkish Interior Ministry', 'type': 'government'},
            {'name': 'Tunisian Interior Ministry', 'type': 'government'},
            {'name': 'local residents', 'type': 'local'},
            {'name': 'Iraqi Joint Operations Command', 'type': 'military'},
            {'name': 'CENTCOM', 'type': 'military'},
            {'name': 'Europol', 'type': 'government'},
            {'name': 'a researcher', 'type': 'research'},
            {'name': 'Save the Children', 'type': 'monitor'},
            {'name': 'Kazakh Foreign Ministry', 'type': 'government'},
            {'name': 'Afghan intelligence', 'type': 'government'},
            {'name': 'Libyan National Army', 'type': 'armed_group'},
            {'name': 'Nigerian army', 'type': 'military'},
            {'name': 'Le Monde', 'type': 'media'},
            {'name': 'BBC', 'type': 'media'},
            {'name': 'Al Jazeera', 'type': 'media'},
            {'name': 'Egyptian military', 'type': 'military'},
            {'name': 'Philippine army', 'type': 'military'},
            {'name': 'Indonesian police', 'type': 'government'},
            {'name': 'Belgian federal prosecutor', 'type': 'government'},
            {'name': 'Dutch intelligence service', 'type': 'government'},
            {'name': 'Russian FSB', 'type': 'government'},
            {'name': 'Moroccan Interior Ministry', 'type': 'government'},
            {'name': 'German Interior Ministry', 'type': 'government'},
            {'name': 'Somali officials', 'type': 'government'},
            {'name': 'camp administration', 'type': 'local'},
            {'name': 'tribal elders', 'type': 'local'},
            {'name': 'an analyst', 'type': 'research'},
            {'name': 'Counter Extremism Project', 'type': 'research'}] AS known_sources
),
drawn AS (
    SELECT
        k,
        CAST(floor(u(k, 'article') * $originals) AS BIGINT) AS i,
        u(k, 'fate') AS uf,
        u(k, 'figure') AS ug,
        u(k, 'size') AS us,
        u(k, 'places') AS up
    FROM range($claims) AS t(k)
),
shaped AS (
    SELECT
        d.k,
        a.article_id,
        a.fetched_at,
        coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
        CASE
            WHEN d.uf < 0.28 THEN 'detained'
            WHEN d.uf < 0.48 THEN 'returned'
            WHEN d.uf < 0.57 THEN 'travelled'
            WHEN d.uf < 0.66 THEN 'killed'
            WHEN d.uf < 0.74 THEN 'relocated'
            WHEN d.uf < 0.82 THEN 'at_large'
            WHEN d.uf < 0.89 THEN 'fled'
            WHEN d.uf < 0.93 THEN 'insurgent'
            WHEN d.uf < 0.95 THEN 'released'
            WHEN d.uf < 0.965 THEN 'surrendered'
            WHEN d.uf < 0.975 THEN 'executed'
            WHEN d.uf < 0.98 THEN 'defected'
            ELSE 'unknown'
        END AS fate,
        pick(['fighters', 'foreign_fighters', 'families', 'supporters', 'leaders'],
             d.k, 'subject', 1.8) AS subject,
        CASE WHEN u(d.k, 'denies') < 0.03 THEN 'denies' ELSE 'affirms' END AS polarity,
        -- figures: none (35%), exact, a range, "at least", "up to"; log-uniform 1..20,000
        CASE WHEN d.ug < 0.35 THEN NULL
             ELSE greatest(1, CAST(round(exp(d.us * ln(20000)),
                                         1 - CAST(floor(log10(exp(d.us * ln(20000)))) AS INTEGER))
                                   AS BIGINT))
        END AS figure,
        d.ug,
        -- places: one country (85%), two (10%) or none (5%), Syria and Iraq most of all
        CASE WHEN d.up < 0.05 THEN []
             WHEN d.up < 0.15 THEN list_distinct([
                 pick(['SY', 'IQ', 'TR', 'LY', 'AF', 'NG', 'ML', 'SO', 'EG', 'PH'], d.k, 'c1', 2.2),
                 pick(['SY', 'IQ', 'TR', 'LY', 'AF', 'NG', 'ML', 'SO', 'EG', 'PH'], d.k, 'c2', 1.5)])
             ELSE [pick(['SY', 'IQ', 'TR', 'LY', 'AF', 'GB', 'FR', 'DE', 'TN', 'MA', 'RU', 'KZ',
                         'NG', 'ML', 'SO', 'EG', 'PH', 'ID', 'BE', 'NL'], d.k, 'c1', 2.4)]
        END AS countries
    FROM drawn AS d
    JOIN gen_articles AS a ON a.i = d.i
),
filled AS (
    SELECT
        s.*,
        CASE WHEN s.polarity = 'denies' OR s.figure IS NULL OR s.ug >= 0.95 THEN NULL
             ELSE s.figure END AS count_low,
        CASE WHEN s.polarity = 'denies' OR s.figure IS NULL THEN NULL
             WHEN s.ug BETWEEN 0.70 AND 0.88
                 THEN s.figure + CAST(s.figure * u(s.k, 'spread') * 2 AS BIGINT)
             WHEN s.ug < 0.88 OR s.ug >= 0.95 THEN s.figure
             ELSE NULL END AS count_high,
        list_transform(s.countries, lambda c: CASE c
            WHEN 'SY' THEN pick(['al-Hol', 'Raqqa', 'Idlib', 'Deir ez-Zor', 'Roj', 'Syria'], s.k, 'loc', 1.4)
            WHEN 'IQ' THEN pick(['Mosul', 'Baghdad', 'Anbar', 'Kirkuk', 'Iraq'], s.k, 'loc', 1.4)
            WHEN 'TR' THEN pick(['Turkey', 'Gaziantep', 'Istanbul'], s.k, 'loc', 1.4)
            WHEN 'LY' THEN pick(['Libya', 'Sirte', 'Sabha'], s.k, 'loc', 1.4)
            WHEN 'AF' THEN pick(['Afghanistan', 'Nangarhar', 'Kunar'], s.k, 'loc', 1.4)
            WHEN 'GB' THEN 'UK' WHEN 'FR' THEN 'France' WHEN 'DE' THEN 'Germany'
            WHEN 'TN' THEN 'Tunisia' WHEN 'MA' THEN 'Morocco' WHEN 'RU' THEN 'Russia'
            WHEN 'KZ' THEN 'Kazakhstan' WHEN 'NG' THEN 'Borno' WHEN 'ML' THEN 'Sahel'
            WHEN 'SO' THEN 'Puntland' WHEN 'EG' THEN 'Sinai' WHEN 'PH' THEN 'Mindanao'
            WHEN 'ID' THEN 'Indonesia' WHEN 'BE' THEN 'Belgium' ELSE 'the Netherlands' END)
            AS locations,
        list_transform(
            CASE WHEN u(s.k, 'nsrc') < 0.15 THEN [0]
                 WHEN u(s.k, 'nsrc') < 0.95 THEN [1 + CAST(floor(40 * pow(u(s.k, 'src1'), 1.7)) AS INTEGER)]
                 ELSE list_distinct([1 + CAST(floor(40 * pow(u(s.k, 'src1'), 1.7)) AS INTEGER),
                                     1 + CAST(floor(40 * pow(u(s.k, 'src2'), 1.7)) AS INTEGER)]) END,
            lambda n: CASE WHEN n = 0 THEN {'name': 'author', 'type': 'author'}
                           ELSE v.known_sources[n] END) AS sources
    FROM shaped AS s, known AS v
)
SELECT
    left(sha256('claim' || chr(0) || f.article_id || chr(0) || f.k), 32),
    f.article_id,
    f.article_id,
    concat_ws(' ',
        CASE WHEN f.polarity = 'denies' THEN 'No'
             WHEN f.count_low IS NULL AND f.count_high IS NULL THEN 'Some'
             WHEN f.count_high IS NULL THEN 'At least ' || f.count_low
             WHEN f.count_low IS NULL THEN 'Up to ' || f.count_high
             WHEN f.count_low < f.count_high THEN 'Between ' || f.count_low || ' and ' || f.count_high
             ELSE CAST(f.count_low AS VARCHAR) END,
        replace(f.subject, '_', ' '),
        CASE f.fate WHEN 'detained' THEN 'are held' WHEN 'returned' THEN 'returned home'
                    WHEN 'travelled' THEN 'travelled' WHEN 'killed' THEN 'were killed'
                    WHEN 'relocated' THEN 'moved' WHEN 'at_large' THEN 'remain at large'
                    WHEN 'fled' THEN 'fled' WHEN 'insurgent' THEN 'operate as cells'
                    WHEN 'released' THEN 'were released' WHEN 'surrendered' THEN 'surrendered'
                    WHEN 'executed' THEN 'were executed' WHEN 'defected' THEN 'defected'
                    ELSE 'are unaccounted for' END,
        CASE WHEN len(f.locations) = 0 THEN NULL
             WHEN f.fate IN ('returned', 'travelled', 'relocated', 'fled') THEN 'to '
             ELSE 'in ' END || array_to_string(f.locations, ' and '))
        || CASE WHEN f.sources[1].name = 'author' THEN '.'
                ELSE ', ' || f.sources[1].name || ' said.' END,
    f.subject,
    CASE WHEN f.subject = 'foreign_fighters' AND u(f.k, 'origin') < 0.85
            THEN [pick(['GB', 'FR', 'DE', 'TN', 'MA', 'RU', 'KZ', 'BE', 'NL', 'UZ', 'TJ', 'ID'],
                       f.k, 'origin-code', 1.5)]
         WHEN u(f.k, 'origin') < 0.1 THEN [pick(['SY', 'IQ'], f.k, 'origin-code', 1.0)]
         ELSE [] END,
    f.fate,
    f.count_low,
    f.count_high,
    CASE WHEN u(f.k, 'share') < 0.04 THEN round(5 + 90 * u(f.k, 'share-value'), 0) END,
    f.locations,
    f.countries,
    CASE WHEN f.fate IN ('fled', 'relocated', 'returned') AND u(f.k, 'from') < 0.5
         THEN [pick(['Raqqa', 'Mosul', 'Baghuz', 'al-Hol', 'Syria', 'Iraq', 'Sirte'],
                    f.k, 'from-place', 1.3)] ELSE [] END,
    CASE WHEN f.fate IN ('detained', 'released', 'surrendered') AND u(f.k, 'counterpart') < 0.4
         THEN pick(['SDF', 'Iraqi forces', 'Turkish police', 'Taliban', 'Nigerian army'],
                   f.k, 'counterpart-name', 1.5) END,
    CASE WHEN u(f.k, 'year') < 0.55 THEN 'in ' || (year(f.claim_date) - (u(f.k, 'y-1') < 0.3)::INTEGER) END,
    CASE WHEN u(f.k, 'year') < 0.55 THEN year(f.claim_date) - (u(f.k, 'y-1') < 0.3)::INTEGER END,
    list_transform(f.sources, lambda s: s.name),
    f.sources[1].type,
    CASE WHEN u(f.k, 'hedged') < 0.3 THEN 'hedged' ELSE 'asserted' END,
    f.polarity,
    row_number() OVER (ORDER BY f.created_at, f.k),
    f.created_at,
    md5('run' || CAST(f.fetched_at AS DATE)),
    $extractor_version
FROM (SELECT *, fetched_at + to_seconds(CAST(floor(u(k, 'created') * 60) AS BIGINT)) AS created_at
      FROM filled) AS f
ORDER BY f.created_at, f.k;

-- step: failures
-- A few fetch failures a week.
INSERT INTO fetch_failures (run_id, url, feed_url, stage, reason, detail, failed_at)
SELECT r.run_id, 'https://news.example/broken/' || r.run_id,
       'https://news.example/feeds/middle-east.xml', 'page',
       pick(['timeout', 'too_large', 'not_html', 'http_404', 'http_503'], epoch(r.started_at), 'reason', 1.3),
       'generated', r.started_at + INTERVAL 2 MINUTE
FROM runs AS r
WHERE u(epoch(r.started_at), 'failure') < 0.4;

-- step: drop
DROP TABLE gen_articles;
DROP TABLE gen_paragraphs;

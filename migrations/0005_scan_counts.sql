-- Demand statistics, privacy first: only counts per day, procedure, the
-- language the phone asked for first, the language served, and where the
-- code was printed. No address, no user agent, no identifier of any kind.

CREATE TABLE scan_counts (
    day        TEXT    NOT NULL,              -- YYYY-MM-DD (UTC)
    code       TEXT    NOT NULL,
    requested  TEXT    NOT NULL DEFAULT '',   -- top of Accept-Language/?lang, '' if none
    served     TEXT    NOT NULL,              -- the page's language
    source     TEXT    NOT NULL DEFAULT '',   -- '', poster, letter, counter
    count      INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, code, requested, served, source)
) STRICT;

-- PostgreSQL twin of migrations/0005: privacy-first scan counts.

CREATE TABLE scan_counts (
    day        TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    requested  TEXT    NOT NULL DEFAULT '',
    served     TEXT    NOT NULL,
    source     TEXT    NOT NULL DEFAULT '',
    count      BIGINT  NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, code, requested, served, source)
);

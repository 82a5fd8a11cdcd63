-- PostgreSQL twin of migrations/0005: privacy-first scan counts.

CREATE TABLE scan_counts (
    day        TEXT    COLLATE "C" NOT NULL,
    code       TEXT    COLLATE "C" NOT NULL,
    requested  TEXT    COLLATE "C" NOT NULL DEFAULT '',
    served     TEXT    COLLATE "C" NOT NULL,
    source     TEXT    COLLATE "C" NOT NULL DEFAULT '',
    count      BIGINT  NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, code, requested, served, source)
);

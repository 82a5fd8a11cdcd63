-- Procedures and their per-language texts.
-- A procedure's code is public (printed in QR codes) and resolves forever:
-- it can never change and a procedure is never deleted, only archived.

CREATE TABLE procedures (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE
                CHECK (length(code) BETWEEN 4 AND 6
                       AND code NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    category    TEXT    NOT NULL,
    -- Revision of the Japanese (source) text; bumped when it changes.
    revision    INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TRIGGER procedures_code_is_immutable
BEFORE UPDATE OF code ON procedures
WHEN NEW.code IS NOT OLD.code
BEGIN
    SELECT RAISE(ABORT, 'a procedure code never changes');
END;

CREATE TRIGGER procedures_are_never_deleted
BEFORE DELETE ON procedures
BEGIN
    SELECT RAISE(ABORT, 'procedures are archived, never deleted');
END;

CREATE TABLE procedure_texts (
    procedure_id INTEGER NOT NULL REFERENCES procedures (id),
    lang         TEXT    NOT NULL,
    -- For Japanese: the source revision. For a translation: the Japanese
    -- revision it was translated from (older than the procedure's = out of date).
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    title        TEXT    NOT NULL CHECK (title <> ''),
    summary      TEXT    NOT NULL,
    bring        TEXT    NOT NULL CHECK (json_valid(bring) AND json_type(bring) = 'array'),
    steps        TEXT    NOT NULL CHECK (json_valid(steps) AND json_type(steps) = 'array'),
    office       TEXT    NOT NULL,
    floor        TEXT    NOT NULL,
    counter      TEXT    NOT NULL,
    hours        TEXT    NOT NULL,
    fee          TEXT    NOT NULL,
    contact      TEXT    NOT NULL,
    notes        TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (procedure_id, lang)
) STRICT;

CREATE INDEX procedures_status ON procedures (status);

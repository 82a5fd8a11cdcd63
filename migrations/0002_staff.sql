-- Staff accounts, sessions, API tokens, offices, the audit log, and what
-- the staff interface needs on procedures and texts.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'translator')),
    -- Languages a translator may edit, as a JSON array of tags.
    langs         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(langs) AND json_type(langs) = 'array'),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Server-side sessions; the cookie carries a random token whose SHA-256 is the key.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,  -- unix seconds
    last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- API bearer tokens, stored hashed; shown once at creation.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'translator')),
    langs       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(langs) AND json_type(langs) = 'array'),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    revoked_at  TEXT
) STRICT;

-- Every change to a procedure, text, office, user or token.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor       TEXT    NOT NULL,   -- user name, or "token:NAME"
    action      TEXT    NOT NULL,   -- e.g. procedure.create, text.update, user.disable
    entity      TEXT    NOT NULL,   -- e.g. "K7Q2", "K7Q2/vi", "office:3", "user:tanaka"
    procedure   TEXT,               -- the procedure code, when there is one (for filtering)
    before      TEXT,               -- JSON, for texts
    after       TEXT
) STRICT;
CREATE INDEX audit_by_procedure ON audit_log (procedure, id);
CREATE INDEX audit_by_actor ON audit_log (actor, id);

-- Every edit of a text bumps its version; an edit started from an older
-- version is a conflict, shown to the editor instead of overwriting.
ALTER TABLE procedure_texts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- What an archived procedure's page tells people who scan an old poster.
ALTER TABLE procedure_texts ADD COLUMN ended_note TEXT NOT NULL DEFAULT '';

CREATE TABLE offices (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE office_texts (
    office_id   INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
    lang        TEXT    NOT NULL,
    name        TEXT    NOT NULL CHECK (name <> ''),
    address     TEXT    NOT NULL,
    floor       TEXT    NOT NULL,
    counter     TEXT    NOT NULL,
    hours       TEXT    NOT NULL,
    PRIMARY KEY (office_id, lang)
) STRICT;

-- A procedure may point at a shared office record; its own where-fields
-- remain as a per-procedure override and for procedures without one.
ALTER TABLE procedures ADD COLUMN office_id INTEGER REFERENCES offices (id);

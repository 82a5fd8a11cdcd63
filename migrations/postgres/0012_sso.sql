-- PostgreSQL twin of migrations/0012: single sign-on.
CREATE TABLE sso (
    id            BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    issuer        TEXT   NOT NULL,
    client_id     TEXT   NOT NULL,
    client_secret TEXT   NOT NULL,
    passwords     BIGINT NOT NULL DEFAULT 1 CHECK (passwords IN (0, 1)),
    scopes        TEXT   NOT NULL DEFAULT 'profile groups',
    groups_claim  TEXT   NOT NULL DEFAULT 'groups'
);

CREATE TABLE sso_groups (
    grp   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    role  TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'translator')),
    langs TEXT NOT NULL DEFAULT '[]' CHECK (json_typeof(langs::json) = 'array')
);

CREATE TABLE sso_logins (
    state_hash   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    browser_hash TEXT   NOT NULL,
    issuer       TEXT   NOT NULL,
    nonce        TEXT   NOT NULL,
    verifier     TEXT   NOT NULL,
    next         TEXT   NOT NULL,
    created_ms   BIGINT NOT NULL
);
CREATE INDEX sso_logins_created ON sso_logins (created_ms);

ALTER TABLE users ADD COLUMN sso_subject TEXT COLLATE "C";
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject) WHERE sso_subject IS NOT NULL;
ALTER TABLE sessions ADD COLUMN id_token TEXT;

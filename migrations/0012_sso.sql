-- Single sign-on with OpenID Connect, per site (each tenant's database has
-- its own): the provider and this service's client there, and which of the
-- provider's groups give which role.
CREATE TABLE sso (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    issuer        TEXT    NOT NULL,
    client_id     TEXT    NOT NULL,
    client_secret TEXT    NOT NULL,
    -- Whether local passwords still sign in beside the provider.
    passwords     INTEGER NOT NULL DEFAULT 1 CHECK (passwords IN (0, 1)),
    -- Scopes asked for besides openid (space-separated), and the claim
    -- holding the groups (providers name both differently).
    scopes        TEXT    NOT NULL DEFAULT 'profile groups',
    groups_claim  TEXT    NOT NULL DEFAULT 'groups'
) STRICT;

CREATE TABLE sso_groups (
    grp   TEXT NOT NULL PRIMARY KEY,
    role  TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'translator')),
    langs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(langs) AND json_type(langs) = 'array')
) STRICT;

-- Sign-ins under way (state, nonce and PKCE verifier), so whichever server
-- gets the provider's answer can finish it; used once, kept 10 minutes.
CREATE TABLE sso_logins (
    state_hash   TEXT    NOT NULL PRIMARY KEY,  -- SHA-256 of the state
    browser_hash TEXT    NOT NULL,              -- SHA-256 of the cookie that started it
    issuer       TEXT    NOT NULL,              -- the provider it was sent to
    nonce        TEXT    NOT NULL,
    verifier     TEXT    NOT NULL,
    next         TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX sso_logins_created ON sso_logins (created_ms);

-- The provider's subject (issuer and sub) of an account made by single
-- sign-on; such accounts have no password of ours.
ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject) WHERE sso_subject IS NOT NULL;
-- The ID token a session was signed in with, for signing out at the provider.
ALTER TABLE sessions ADD COLUMN id_token TEXT;

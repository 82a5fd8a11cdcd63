-- Tenants: other municipalities (or office groups) served by this
-- service, each chosen by host name and each with a database of its own
-- (a SQLite file in a folder beside this one, or a schema of the same
-- PostgreSQL database), so no query of one can see another's rows. The
-- list lives in the home database, whose own data answers every host no
-- tenant claims: an install without rows here is a single city, as before.
CREATE TABLE tenants (
    slug       TEXT NOT NULL PRIMARY KEY,
    site_name  TEXT NOT NULL DEFAULT '',   -- as --site-name takes it
    base_url   TEXT NOT NULL,
    -- Languages offered to residents and staff, as a JSON array of tags;
    -- empty: every language the server has.
    langs      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(langs) AND json_type(langs) = 'array'),
    -- The tenant's database: a file name in the tenants folder, or a schema.
    location   TEXT NOT NULL UNIQUE,
    -- PostgreSQL: the password of the tenant's own login role (its schema's
    -- owner, with no rights elsewhere); SQLite: none.
    db_password TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- The host names that reach each tenant (lower case, no port).
CREATE TABLE tenant_hosts (
    host   TEXT NOT NULL PRIMARY KEY,
    tenant TEXT NOT NULL REFERENCES tenants (slug) ON DELETE CASCADE
) STRICT;
CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant);

-- Home accounts that may add tenants (the platform operators).
CREATE TABLE operators (
    user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
) STRICT;

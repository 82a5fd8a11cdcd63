-- PostgreSQL twin of migrations/0011: the tenants, their hosts, the operators.
CREATE TABLE tenants (
    slug       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    site_name  TEXT NOT NULL DEFAULT '',
    base_url   TEXT NOT NULL,
    langs      TEXT NOT NULL DEFAULT '[]' CHECK (json_typeof(langs::json) = 'array'),
    location   TEXT COLLATE "C" NOT NULL UNIQUE,
    db_password TEXT,
    created_at TEXT NOT NULL DEFAULT rfc3339_now()
);

CREATE TABLE tenant_hosts (
    host   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    tenant TEXT COLLATE "C" NOT NULL REFERENCES tenants (slug) ON DELETE CASCADE
);
CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant);

CREATE TABLE operators (
    user_id BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
);

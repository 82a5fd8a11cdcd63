-- PostgreSQL twin of migrations/0010: failed sign-ins, shared by every server.
CREATE TABLE sign_in_failures (
    key      TEXT    COLLATE "C" PRIMARY KEY,
    failures BIGINT  NOT NULL CHECK (failures > 0),
    last_ms  BIGINT  NOT NULL
);
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_ms);

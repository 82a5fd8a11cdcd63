-- Failed sign-ins per account and per address (the throttle of
-- web/admin/throttle.rs), kept in the database so that every server on it
-- slows a guesser down alike, and a restart does not forget.
CREATE TABLE sign_in_failures (
    key      TEXT    PRIMARY KEY,           -- "user:NAME" or "ip:ADDRESS"
    failures INTEGER NOT NULL CHECK (failures > 0),
    last_ms  INTEGER NOT NULL               -- unix milliseconds of the last failure
) STRICT;
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_ms);

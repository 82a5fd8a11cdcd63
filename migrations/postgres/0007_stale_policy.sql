-- PostgreSQL twin of migrations/0007.
ALTER TABLE procedures ADD COLUMN stale_policy TEXT NOT NULL DEFAULT 'notice'
    CHECK (stale_policy IN ('notice', 'fallback'));

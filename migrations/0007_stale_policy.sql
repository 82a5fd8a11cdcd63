-- What readers of an out-of-date translation get: the older translation
-- with a notice (the default), or an up-to-date language instead.
ALTER TABLE procedures ADD COLUMN stale_policy TEXT NOT NULL DEFAULT 'notice'
    CHECK (stale_policy IN ('notice', 'fallback'));

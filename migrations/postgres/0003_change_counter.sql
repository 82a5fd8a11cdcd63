-- PostgreSQL twin of migrations/0003. SQLite's single change counter was
-- replaced by the `changes` table (0009) before PostgreSQL was supported:
-- a PostgreSQL database gets 0009's table directly, and this version is
-- kept, empty, so both stores number their migrations alike.
SELECT 1;

-- PostgreSQL twin of migrations/0006: empty, as 0003 (see there).
SELECT 1;

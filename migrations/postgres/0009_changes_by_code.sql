-- PostgreSQL twin of migrations/0009: which procedure each change touched.
-- Readers remember the last `seq` they saw and read the rows after it, so
-- rows must become visible in `seq` order: a row numbered below one a
-- reader already saw must never commit later. Each row therefore takes
-- the write lock (the advisory lock Store::write holds, keyed by
-- madoguchi_write_lock() below) and only then its number; the lock is
-- held to commit, so numbers are handed out in commit order. Numbers a
-- rolled-back write took are gaps, which readers do not mind.

-- The path pinned to the schema migrated (see 0001).
SELECT set_config('search_path', quote_ident(current_schema()), true);

CREATE SEQUENCE changes_seq;

-- `seq` has no default: the trigger below numbers each row once it holds
-- the lock (a default would be drawn before, and waste a number a row).
CREATE TABLE changes (
    seq  BIGINT PRIMARY KEY,
    code TEXT
);

-- The write lock's key: one per schema, so municipalities in schemas of
-- their own on one database do not wait for each other's writes.
CREATE FUNCTION madoguchi_write_lock() RETURNS BIGINT LANGUAGE sql STABLE
    SET search_path FROM CURRENT
    AS $$ SELECT ('x' || substr(md5('madoguchi write lock ' || current_schema()), 1, 16))::bit(64)::bigint $$;

CREATE FUNCTION changes_in_commit_order() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(madoguchi_write_lock());
    NEW.seq := nextval('changes_seq');
    -- Delivered at commit, once per transaction: servers listening on
    -- this schema read what changed at once, not at their next check.
    PERFORM pg_notify('madoguchi_changes', current_schema());
    RETURN NEW;
END $$;
CREATE TRIGGER changes_in_commit_order BEFORE INSERT ON changes
    FOR EACH ROW EXECUTE FUNCTION changes_in_commit_order();

-- Never empty: a reader always finds the row it last saw or a newer one.
INSERT INTO changes (code) VALUES (NULL);

CREATE FUNCTION changes_pruned() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM changes WHERE seq <= NEW.seq - 10000;
    RETURN NULL;
END $$;
CREATE TRIGGER changes_pruned AFTER INSERT ON changes
    FOR EACH ROW EXECUTE FUNCTION changes_pruned();

CREATE FUNCTION procedures_changes() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO changes (code) VALUES (NEW.code);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.code IS DISTINCT FROM NEW.code) THEN
        INSERT INTO changes (code) VALUES (OLD.code);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER procedures_changes AFTER INSERT OR UPDATE OR DELETE ON procedures
    FOR EACH ROW EXECUTE FUNCTION procedures_changes();

CREATE FUNCTION procedure_texts_changes() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO changes (code) SELECT code FROM procedures WHERE id = NEW.procedure_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.procedure_id IS DISTINCT FROM NEW.procedure_id) THEN
        INSERT INTO changes (code) SELECT code FROM procedures WHERE id = OLD.procedure_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER procedure_texts_changes AFTER INSERT OR UPDATE OR DELETE ON procedure_texts
    FOR EACH ROW EXECUTE FUNCTION procedure_texts_changes();

-- An office's texts are shown on the pages of the procedures done there.
CREATE FUNCTION office_texts_changes() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO changes (code) SELECT code FROM procedures WHERE office_id = NEW.office_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.office_id IS DISTINCT FROM NEW.office_id) THEN
        INSERT INTO changes (code) SELECT code FROM procedures WHERE office_id = OLD.office_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER office_texts_changes AFTER INSERT OR UPDATE OR DELETE ON office_texts
    FOR EACH ROW EXECUTE FUNCTION office_texts_changes();

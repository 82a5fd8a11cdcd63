-- Which procedure each change touched, so a server drops only the cached
-- pages of the codes that changed instead of all of them (issue 14).
-- `code` NULL means "anything may have changed". Readers remember the last
-- `seq` they saw; only the newest rows are kept (a prefix is pruned), and
-- a reader whose last row is gone empties its whole cache.
-- Replaces the single change counter of 0003/0006: its triggers are dropped.

CREATE TABLE changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT
) STRICT;

-- Never empty: a reader always finds the row it last saw or a newer one.
INSERT INTO changes (code) VALUES (NULL);

CREATE TRIGGER changes_pruned AFTER INSERT ON changes
BEGIN DELETE FROM changes WHERE seq <= NEW.seq - 10000; END;

DROP TRIGGER procedures_insert_counts;
DROP TRIGGER procedures_update_counts;
DROP TRIGGER procedures_delete_counts;
DROP TRIGGER procedure_texts_insert_counts;
DROP TRIGGER procedure_texts_update_counts;
DROP TRIGGER procedure_texts_delete_counts;
DROP TRIGGER offices_insert_counts;
DROP TRIGGER office_texts_insert_counts;
DROP TRIGGER office_texts_update_counts;
DROP TRIGGER office_texts_delete_counts;
DROP TABLE change_counter;

CREATE TRIGGER procedures_insert_changes AFTER INSERT ON procedures
BEGIN INSERT INTO changes (code) VALUES (NEW.code); END;

CREATE TRIGGER procedures_update_changes AFTER UPDATE ON procedures
BEGIN
    INSERT INTO changes (code) VALUES (NEW.code);
    INSERT INTO changes (code) SELECT OLD.code WHERE OLD.code IS NOT NEW.code;
END;

CREATE TRIGGER procedures_delete_changes AFTER DELETE ON procedures
BEGIN INSERT INTO changes (code) VALUES (OLD.code); END;

CREATE TRIGGER procedure_texts_insert_changes AFTER INSERT ON procedure_texts
BEGIN INSERT INTO changes (code) SELECT code FROM procedures WHERE id = NEW.procedure_id; END;

CREATE TRIGGER procedure_texts_update_changes AFTER UPDATE ON procedure_texts
BEGIN
    INSERT INTO changes (code) SELECT code FROM procedures WHERE id = NEW.procedure_id;
    INSERT INTO changes (code) SELECT code FROM procedures
        WHERE id = OLD.procedure_id AND OLD.procedure_id IS NOT NEW.procedure_id;
END;

CREATE TRIGGER procedure_texts_delete_changes AFTER DELETE ON procedure_texts
BEGIN INSERT INTO changes (code) SELECT code FROM procedures WHERE id = OLD.procedure_id; END;

-- An office's texts are shown on the pages of the procedures done there.
CREATE TRIGGER office_texts_insert_changes AFTER INSERT ON office_texts
BEGIN INSERT INTO changes (code) SELECT code FROM procedures WHERE office_id = NEW.office_id; END;

CREATE TRIGGER office_texts_update_changes AFTER UPDATE ON office_texts
BEGIN
    INSERT INTO changes (code) SELECT code FROM procedures WHERE office_id = NEW.office_id;
    INSERT INTO changes (code) SELECT code FROM procedures
        WHERE office_id = OLD.office_id AND OLD.office_id IS NOT NEW.office_id;
END;

CREATE TRIGGER office_texts_delete_changes AFTER DELETE ON office_texts
BEGIN INSERT INTO changes (code) SELECT code FROM procedures WHERE office_id = OLD.office_id; END;

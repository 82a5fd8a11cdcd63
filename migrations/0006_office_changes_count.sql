-- Office records are shown on guidance pages too: changing one must make
-- cached pages stale, like a change to a procedure (see 0003).

CREATE TRIGGER offices_insert_counts AFTER INSERT ON offices
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER office_texts_insert_counts AFTER INSERT ON office_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER office_texts_update_counts AFTER UPDATE ON office_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER office_texts_delete_counts AFTER DELETE ON office_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

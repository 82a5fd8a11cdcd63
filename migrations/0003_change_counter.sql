-- One number that goes up on every change to procedures or their texts.
-- A running server compares it with the number its rendered pages were
-- made from: one tiny read tells it that its cache is stale, even when the
-- change came from another process (`madoguchi import` while it serves).

CREATE TABLE change_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
) STRICT;

INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TRIGGER procedures_insert_counts AFTER INSERT ON procedures
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER procedures_update_counts AFTER UPDATE ON procedures
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER procedures_delete_counts AFTER DELETE ON procedures
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER procedure_texts_insert_counts AFTER INSERT ON procedure_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER procedure_texts_update_counts AFTER UPDATE ON procedure_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

CREATE TRIGGER procedure_texts_delete_counts AFTER DELETE ON procedure_texts
BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;

-- PostgreSQL twin of migrations/0008: categories as a managed list.
-- The path pinned to the schema migrated (see 0001).
SELECT set_config('search_path', quote_ident(current_schema()), true);

CREATE TABLE categories (
    slug TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (length(slug) BETWEEN 1 AND 40),
    created_at TEXT NOT NULL DEFAULT rfc3339_now()
);

CREATE TABLE category_names (
    slug TEXT COLLATE "C" NOT NULL REFERENCES categories (slug),
    lang TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    PRIMARY KEY (slug, lang)
);

INSERT INTO categories (slug) VALUES
    ('residence'), ('insurance'), ('children'), ('tax'), ('living'), ('certificates'), ('mynumber');
INSERT INTO category_names (slug, lang, name) VALUES
    ('residence', 'ja', '住まい・引っ越し'), ('residence', 'en', 'Housing and moving'), ('residence', 'vi', 'Nhà ở và chuyển nhà'),
    ('insurance', 'ja', '健康保険'), ('insurance', 'en', 'Health insurance'), ('insurance', 'vi', 'Bảo hiểm y tế'),
    ('children', 'ja', '子育て'), ('children', 'en', 'Raising children'), ('children', 'vi', 'Nuôi dạy con'),
    ('tax', 'ja', '税金'), ('tax', 'en', 'Taxes'), ('tax', 'vi', 'Thuế'),
    ('living', 'ja', 'ごみ・暮らし'), ('living', 'en', 'Rubbish and daily life'), ('living', 'vi', 'Rác và đời sống'),
    ('certificates', 'ja', '証明書'), ('certificates', 'en', 'Certificates'), ('certificates', 'vi', 'Giấy chứng nhận'),
    ('mynumber', 'ja', 'マイナンバー'), ('mynumber', 'en', 'My Number'), ('mynumber', 'vi', 'Mã số cá nhân (My Number)');

INSERT INTO categories (slug) SELECT DISTINCT category FROM procedures ON CONFLICT DO NOTHING;
INSERT INTO category_names (slug, lang, name)
    SELECT DISTINCT category, 'ja', category FROM procedures ON CONFLICT DO NOTHING;

-- A procedure written with a slug not yet listed creates it, named by its
-- slug until staff name it: every stored slug has a row.
CREATE FUNCTION procedures_category_listed() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO categories (slug) VALUES (NEW.category) ON CONFLICT DO NOTHING;
    INSERT INTO category_names (slug, lang, name) VALUES (NEW.category, 'ja', NEW.category)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER procedures_category_insert AFTER INSERT ON procedures
    FOR EACH ROW EXECUTE FUNCTION procedures_category_listed();
CREATE TRIGGER procedures_category_update AFTER UPDATE OF category ON procedures
    FOR EACH ROW EXECUTE FUNCTION procedures_category_listed();

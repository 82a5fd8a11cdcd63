-- Categories as a managed, translatable list (issue 12, item 2). The slug
-- stays the key stored in procedures.category (import format and API).
CREATE TABLE categories (
    slug TEXT PRIMARY KEY NOT NULL CHECK (length(slug) BETWEEN 1 AND 40),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE category_names (
    slug TEXT NOT NULL REFERENCES categories (slug),
    lang TEXT NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    PRIMARY KEY (slug, lang)
);

-- The sample categories, named in Japanese, English and Vietnamese.
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

-- Every other slug already used, its slug as a provisional Japanese name.
INSERT OR IGNORE INTO categories (slug) SELECT DISTINCT category FROM procedures;
INSERT OR IGNORE INTO category_names (slug, lang, name)
    SELECT DISTINCT category, 'ja', category FROM procedures;

-- A procedure written with a slug not yet listed (a JSON import) creates it,
-- named by its slug until staff name it: every stored slug has a row.
-- (NOT EXISTS, not OR IGNORE: an UPSERT firing the trigger would impose
-- its own conflict policy on the trigger's statements.)
CREATE TRIGGER procedures_category_insert AFTER INSERT ON procedures
BEGIN
    INSERT INTO categories (slug) SELECT NEW.category
        WHERE NOT EXISTS (SELECT 1 FROM categories WHERE slug = NEW.category);
    INSERT INTO category_names (slug, lang, name) SELECT NEW.category, 'ja', NEW.category
        WHERE NOT EXISTS (SELECT 1 FROM category_names WHERE slug = NEW.category AND lang = 'ja');
END;
CREATE TRIGGER procedures_category_update AFTER UPDATE OF category ON procedures
BEGIN
    INSERT INTO categories (slug) SELECT NEW.category
        WHERE NOT EXISTS (SELECT 1 FROM categories WHERE slug = NEW.category);
    INSERT INTO category_names (slug, lang, name) SELECT NEW.category, 'ja', NEW.category
        WHERE NOT EXISTS (SELECT 1 FROM category_names WHERE slug = NEW.category AND lang = 'ja');
END;

//! Categories: a slug (the key procedures keep) and a name per language,
//! Japanese always present. Managed by editors and admins, audited.

use std::collections::BTreeMap;

use super::db::{exec, rows, scalar};
use super::{Store, audit};
use crate::domain::{Actor, CategorySlug};

/// One category with its names by language tag.
#[derive(Debug, Clone)]
pub struct Category {
    pub slug: String,
    pub names: BTreeMap<String, String>,
}

impl Category {
    pub fn name(&self, lang: &str) -> Option<&str> {
        self.names.get(lang).map(String::as_str)
    }

    /// The Japanese name (always stored; the slug should it be missing).
    pub fn name_ja(&self) -> &str {
        self.name("ja").unwrap_or(&self.slug)
    }
}

#[derive(sqlx::FromRow)]
struct NameRow {
    slug: String,
    lang: Option<String>,
    name: Option<String>,
}

/// The outcome of creating a category.
#[derive(Debug, PartialEq, Eq)]
pub enum CategoryCreated {
    Created,
    SlugTaken,
}

/// Names as the audit log keeps them, `{"vi": {"category_name": …}}`, so
/// its diff labels each one as a field of its language.
fn names_json(names: &BTreeMap<String, String>) -> serde_json::Map<String, serde_json::Value> {
    names
        .iter()
        .map(|(lang, name)| (lang.clone(), serde_json::json!({ "category_name": name })))
        .collect()
}

impl Store {
    /// Every category with its names, ordered by slug.
    pub async fn categories(&self) -> anyhow::Result<Vec<Category>> {
        let mut c = self.conn().await?;
        let rows = rows!(
            fetch_all,
            c.on(),
            NameRow,
            r#"SELECT c.slug AS "slug!", n.lang AS "lang?", n.name AS "name?"
               FROM categories c LEFT JOIN category_names n ON n.slug = c.slug
               ORDER BY c.slug, n.lang"#
        )?;
        let mut out: Vec<Category> = Vec::new();
        for r in rows {
            if out.last().is_none_or(|c| c.slug != r.slug) {
                out.push(Category {
                    slug: r.slug,
                    names: BTreeMap::new(),
                });
            }
            if let (Some(lang), Some(name), Some(last)) = (r.lang, r.name, out.last_mut()) {
                last.names.insert(lang, name);
            }
        }
        Ok(out)
    }

    pub async fn category(&self, slug: &str) -> anyhow::Result<Option<Category>> {
        Ok(self.categories().await?.into_iter().find(|c| c.slug == slug))
    }

    pub async fn category_exists(&self, slug: &str) -> anyhow::Result<bool> {
        let mut c = self.conn().await?;
        Ok(scalar!(
            fetch_one,
            c.on(),
            i64,
            r#"SELECT count(*) AS "n!: i64" FROM categories WHERE slug = ?"#,
            slug
        )? > 0)
    }

    /// Creates a category with its names (`ja` among them: the caller
    /// checks), audited as `category.create`.
    pub async fn create_category(
        &self,
        slug: &CategorySlug,
        names: &BTreeMap<String, String>,
        actor: &Actor,
    ) -> anyhow::Result<CategoryCreated> {
        let mut tx = self.write().await?;
        let s = slug.as_str();
        let done = exec!(
            tx.on(),
            "INSERT INTO categories (slug) VALUES (?) ON CONFLICT (slug) DO NOTHING",
            s
        )?;
        if done == 0 {
            return Ok(CategoryCreated::SlugTaken);
        }
        for (lang, name) in names {
            exec!(
                tx.on(),
                "INSERT INTO category_names (slug, lang, name) VALUES (?, ?, ?)",
                s,
                lang,
                name
            )?;
        }
        let mut after = names_json(names);
        after.insert("slug".into(), s.into());
        let after = serde_json::Value::Object(after);
        let entity = format!("category:{s}");
        audit::record(
            tx.on(),
            actor,
            "category.create",
            &entity,
            None,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(CategoryCreated::Created)
    }

    /// Replaces a category's names (a language left out loses its name),
    /// audited as `category.update` with before and after. False when
    /// there is no such category.
    pub async fn update_category(
        &self,
        slug: &str,
        names: &BTreeMap<String, String>,
        actor: &Actor,
    ) -> anyhow::Result<bool> {
        let Some(before) = self.category(slug).await? else {
            return Ok(false);
        };
        let mut tx = self.write().await?;
        exec!(tx.on(), "DELETE FROM category_names WHERE slug = ?", slug)?;
        for (lang, name) in names {
            exec!(
                tx.on(),
                "INSERT INTO category_names (slug, lang, name) VALUES (?, ?, ?)",
                slug,
                lang,
                name
            )?;
        }
        if before.names != *names {
            let b = serde_json::Value::Object(names_json(&before.names));
            let a = serde_json::Value::Object(names_json(names));
            let entity = format!("category:{slug}");
            audit::record(
                tx.on(),
                actor,
                "category.update",
                &entity,
                None,
                Some(&b),
                Some(&a),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

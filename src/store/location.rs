//! Which database `--db` names: a SQLite file (the default) or a
//! PostgreSQL server, told apart by the URL scheme.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;

/// A parsed `--db`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file, created if missing.
    Sqlite(PathBuf),
    /// A `postgres://` or `postgresql://` URL (libpq's form, as sqlx reads it).
    Postgres(String),
}

impl FromStr for Database {
    type Err = String;

    fn from_str(s: &str) -> Result<Database, String> {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            PgConnectOptions::from_str(s).map_err(|e| format!("not a PostgreSQL URL: {e}"))?;
            return Ok(Database::Postgres(s.to_owned()));
        }
        if s.is_empty() {
            return Err("the database is an empty path".into());
        }
        Ok(Database::Sqlite(PathBuf::from(s)))
    }
}

impl From<&Path> for Database {
    fn from(path: &Path) -> Database {
        Database::Sqlite(path.to_owned())
    }
}

impl Database {
    /// The SQLite file, if this is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Database::Sqlite(path) => Some(path),
            Database::Postgres(_) => None,
        }
    }
}

/// For logs and messages: the path, or the URL without its password.
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => match url::Url::parse(url) {
                Ok(mut u) => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    f.write_str(u.as_str())
                }
                Err(_) => f.write_str("postgres://…"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_names_postgres_and_anything_else_is_a_file() {
        assert_eq!(
            "madoguchi.db".parse::<Database>().unwrap(),
            Database::Sqlite("madoguchi.db".into())
        );
        assert_eq!(
            "/var/lib/x/postgres.db".parse::<Database>().unwrap().file(),
            Some(Path::new("/var/lib/x/postgres.db"))
        );
        let pg: Database = "postgres://app:s3cret@127.0.0.1:5432/city".parse().unwrap();
        assert!(matches!(pg, Database::Postgres(_)));
        assert_eq!(pg.to_string(), "postgres://app:***@127.0.0.1:5432/city");
        assert!(matches!(
            "PostgreSQL://localhost/x".parse::<Database>(),
            Ok(Database::Postgres(_))
        ));
        assert!("postgres://[bad".parse::<Database>().is_err());
        assert!("".parse::<Database>().is_err());
    }
}

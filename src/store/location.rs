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

    /// A URL is taken as it is: one PostgreSQL cannot read fails when it is
    /// opened, with the URL shown redacted (an error here would be printed
    /// by the command line with the value, password and all).
    fn from_str(s: &str) -> Result<Database, String> {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
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

/// For logs and messages: the path, or the URL without its password
/// (given before the host or as `?password=`).
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => match url::Url::parse(url) {
                Ok(mut u) if PgConnectOptions::from_str(url).is_ok() => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    let pairs: Vec<(String, String)> = u
                        .query_pairs()
                        .map(|(k, v)| {
                            let v = if k == "password" {
                                "***".into()
                            } else {
                                v.into_owned()
                            };
                            (k.into_owned(), v)
                        })
                        .collect();
                    if !pairs.is_empty() {
                        u.query_pairs_mut().clear().extend_pairs(pairs);
                    }
                    f.write_str(u.as_str())
                }
                _ => f.write_str("postgres://… (not a URL PostgreSQL can read)"),
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
        let hidden: Database = "postgres://db.internal/city?password=s3cret&sslmode=require"
            .parse()
            .unwrap();
        assert!(!hidden.to_string().contains("s3cret"), "{hidden}");
        assert!(hidden.to_string().contains("sslmode=require"), "{hidden}");
        // Not a URL sqlx reads: kept, refused when opened, never echoed.
        let bad: Database = "postgres://app:s3cret@[bad".parse().unwrap();
        assert!(!bad.to_string().contains("s3cret"), "{bad}");
        assert!("".parse::<Database>().is_err());
    }
}

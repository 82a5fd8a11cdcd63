//! The two databases a [`Store`](super::Store) sits on, SQLite and
//! PostgreSQL, and the macros that run one statement on either.
//!
//! Each statement is written once, in SQLite's spelling with `?`
//! placeholders. The SQLite arm goes through sqlx's `query!` macros,
//! checked at compile time against `migrations/` (the `.sqlx/` cache).
//! The PostgreSQL arm runs the same text, translated once by
//! [`to_postgres`] (`?` → `$n`, type overrides dropped), or a second text
//! where the dialects differ. sqlx checks one database per crate at
//! compile time, so the PostgreSQL arm is checked by the whole test suite
//! run against PostgreSQL (`MADOGUCHI_TEST_PG`, run by `.ci/run`).

use sqlx::pool::PoolConnection;
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// A pool of either database.
#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Where one statement runs: a connection or transaction of either
/// database. Helpers that run several take an `On` and [`On::re`]-borrow it.
pub(crate) enum On<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl On<'_> {
    /// The same connection again, for the next statement.
    pub(crate) fn re(&mut self) -> On<'_> {
        match self {
            On::Sqlite(c) => On::Sqlite(c),
            On::Postgres(c) => On::Postgres(c),
        }
    }
}

/// A connection taken from the pool for a few reads.
pub(crate) enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Conn {
    pub(crate) fn on(&mut self) -> On<'_> {
        match self {
            Conn::Sqlite(c) => On::Sqlite(c),
            Conn::Postgres(c) => On::Postgres(c),
        }
    }
}

/// A write transaction (see [`Store::write`](super::Store::write)).
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) fn on(&mut self) -> On<'_> {
        match self {
            Tx::Sqlite(t) => On::Sqlite(t),
            Tx::Postgres(t) => On::Postgres(t),
        }
    }

    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

/// A statement in SQLite's spelling, in PostgreSQL's: `?` and `?N`
/// placeholders become `$n`, and sqlx's column type overrides
/// (`AS "n!: i64"`, `"lang?"`) become plain names. Quoted strings are
/// left alone.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next = 0;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                out.push(c);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == '\'' {
                        break;
                    }
                }
            }
            '"' => {
                let name: String = chars.by_ref().take_while(|&q| q != '"').collect();
                let plain = name.split(['!', '?', ':']).next().unwrap_or_default();
                out.push('"');
                out.push_str(plain.trim());
                out.push('"');
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                }
                out.push('$');
                out.push_str(&digits);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The PostgreSQL text of a statement literal, translated once per call site.
macro_rules! pg_text {
    ($sql:literal) => {{
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        TEXT.get_or_init(|| $crate::store::db::to_postgres($sql)).as_str()
    }};
}

/// Runs a statement that returns no rows; gives the rows affected.
/// `exec!(on, "SQL", args…)`, or `exec!(on, ["SQLite", "PostgreSQL"], args…)`
/// where the dialects differ.
macro_rules! exec {
    ($on:expr, [$lite:literal, $pg:literal] $(, $arg:expr)* $(,)?) => {
        match $on {
            $crate::store::db::On::Sqlite(c) => sqlx::query!($lite $(, $arg)*)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected()),
            $crate::store::db::On::Postgres(c) => sqlx::query($crate::store::db::pg_text!($pg))
                $(.bind(&$arg))*
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected()),
        }
    };
    ($on:expr, $sql:literal $(, $arg:expr)* $(,)?) => {
        $crate::store::db::exec!($on, [$sql, $sql] $(, $arg)*)
    };
}

/// Runs a query whose rows are `T` (a `sqlx::FromRow` struct):
/// `rows!(fetch_all, on, T, "SQL", args…)`; `fetch_one` and
/// `fetch_optional` too. Two texts as in [`exec!`].
macro_rules! rows {
    ($fetch:ident, $on:expr, $T:ty, [$lite:literal, $pg:literal] $(, $arg:expr)* $(,)?) => {
        match $on {
            $crate::store::db::On::Sqlite(c) => sqlx::query_as!($T, $lite $(, $arg)*)
                .$fetch(&mut *c)
                .await,
            $crate::store::db::On::Postgres(c) => {
                sqlx::query_as::<sqlx::Postgres, $T>($crate::store::db::pg_text!($pg))
                    $(.bind(&$arg))*
                    .$fetch(&mut *c)
                    .await
            }
        }
    };
    ($fetch:ident, $on:expr, $T:ty, $sql:literal $(, $arg:expr)* $(,)?) => {
        $crate::store::db::rows!($fetch, $on, $T, [$sql, $sql] $(, $arg)*)
    };
}

/// Runs a query of one column of type `T`: `scalar!(fetch_one, on, T,
/// "SQL", args…)`. Two texts as in [`exec!`].
macro_rules! scalar {
    ($fetch:ident, $on:expr, $T:ty, [$lite:literal, $pg:literal] $(, $arg:expr)* $(,)?) => {
        match $on {
            $crate::store::db::On::Sqlite(c) => sqlx::query_scalar!($lite $(, $arg)*)
                .$fetch(&mut *c)
                .await,
            $crate::store::db::On::Postgres(c) => {
                sqlx::query_scalar::<sqlx::Postgres, $T>($crate::store::db::pg_text!($pg))
                    $(.bind(&$arg))*
                    .$fetch(&mut *c)
                    .await
            }
        }
    };
    ($fetch:ident, $on:expr, $T:ty, $sql:literal $(, $arg:expr)* $(,)?) => {
        $crate::store::db::scalar!($fetch, $on, $T, [$sql, $sql] $(, $arg)*)
    };
}

pub(crate) use {exec, pg_text, rows, scalar};

#[cfg(test)]
mod tests {
    use super::to_postgres;

    #[test]
    fn placeholders_are_numbered_and_overrides_dropped() {
        assert_eq!(
            to_postgres("UPDATE t SET a = ?, b = ? WHERE c = ?"),
            "UPDATE t SET a = $1, b = $2 WHERE c = $3"
        );
        assert_eq!(
            to_postgres("WHERE (?1 IS NULL OR p = ?1) LIMIT ?3"),
            "WHERE ($1 IS NULL OR p = $1) LIMIT $3"
        );
        assert_eq!(
            to_postgres(r#"SELECT count(*) AS "n!: i64", n.lang AS "lang?", c.slug AS "slug!" FROM c"#),
            r#"SELECT count(*) AS "n", n.lang AS "lang", c.slug AS "slug" FROM c"#
        );
        assert_eq!(
            to_postgres(r"WHERE x LIKE ? ESCAPE '\' AND y = 'why?'"),
            r"WHERE x LIKE $1 ESCAPE '\' AND y = 'why?'"
        );
    }
}

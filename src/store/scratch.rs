//! Throwaway databases for tests: SQLite in memory, or a schema of its own
//! on a PostgreSQL server, dropped when the last handle on it goes.
//!
//! The server is `MADOGUCHI_TEST_PG` (a URL; it must answer), else the
//! local default `postgres://postgres@127.0.0.1:5432/test` when something
//! listens there. Tests that run on both stores skip PostgreSQL when
//! neither is at hand; `.ci/run` sets the variable, so CI never skips.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

use super::{Database, OpenOptions, Store};

/// The variable naming the PostgreSQL server tests use.
pub const ENV: &str = "MADOGUCHI_TEST_PG";
const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The server's URL, if tests have one: the variable's (which must be a
/// URL), or the default when its port answers.
pub fn server() -> Option<String> {
    static SERVER: OnceLock<Option<String>> = OnceLock::new();
    SERVER
        .get_or_init(|| match std::env::var(ENV) {
            Ok(url) if !url.is_empty() => Some(url),
            _ => {
                let answers = ("127.0.0.1", 5432)
                    .to_socket_addrs()
                    .ok()
                    .and_then(|mut a| a.next())
                    .is_some_and(|a: SocketAddr| {
                        TcpStream::connect_timeout(&a, Duration::from_millis(300)).is_ok()
                    });
                answers.then(|| DEFAULT_URL.to_owned())
            }
        })
        .clone()
}

/// Whether the whole suite runs on PostgreSQL: `MADOGUCHI_TEST_PG` is set.
/// (Without it, only the tests written for both stores use the default
/// server; the rest use SQLite.)
pub fn suite_on_postgres() -> bool {
    std::env::var(ENV).is_ok_and(|v| !v.is_empty())
}

/// Drops its schema when the last [`Store`] clone holding it goes.
#[derive(Debug)]
pub(crate) struct Schema {
    server: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        // Not waited for: Drop may run on the only thread of a test's
        // runtime, which must go on to roll back and release the
        // connections still in use (the DROP waits for their locks). A
        // test process that ends first leaves the schema to [`sweep`].
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let mut c = PgConnection::connect(&server).await.ok()?;
                let sql = format!("SET lock_timeout = '10s'; {}", drop_with_tenants(&name));
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.ok()
            })
        });
    }
}

/// Makes a schema on the test server, marked with this process's id so a
/// later run can drop it if this one never did ([`sweep`]).
async fn create_schema(server: &str) -> Option<String> {
    static SWEPT: OnceLock<()> = OnceLock::new();
    let token: String = crate::auth::random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    let name = format!("t_{}", token.to_ascii_lowercase());
    let mut admin = match PgConnection::connect(server).await {
        Ok(c) => c,
        // Named on purpose: it must work. Found by its open port: it may
        // not be ours to use (no such database or role), so tests skip it.
        Err(e) if suite_on_postgres() => panic!("{ENV}: cannot connect to {server}: {e}"),
        Err(e) => {
            eprintln!("PostgreSQL on 127.0.0.1:5432 refused the tests ({e}): SQLite only");
            return None;
        }
    };
    if SWEPT.set(()).is_ok() {
        sweep(&mut admin).await;
    }
    let sql = format!(
        "CREATE SCHEMA {name}; COMMENT ON SCHEMA {name} IS '{}'",
        Mark::ours()
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&mut admin)
        .await
        .expect("CREATE SCHEMA");
    Some(name)
}

/// Who made a test schema: this machine's boot, the process and when
/// (unix seconds), kept as the schema's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    boot: String,
    pid: u32,
    at: i64,
}

impl Mark {
    fn ours() -> Mark {
        Mark {
            boot: boot_id(),
            pid: std::process::id(),
            at: jiff::Timestamp::now().as_second(),
        }
    }

    fn parse(comment: &str) -> Option<Mark> {
        let rest = comment.strip_prefix("madoguchi test, boot ")?;
        let (boot, rest) = rest.split_once(", pid ")?;
        let (pid, at) = rest.split_once(", at ")?;
        Some(Mark {
            boot: boot.to_owned(),
            pid: pid.parse().ok()?,
            at: at.parse().ok()?,
        })
    }

    /// Left behind: made by a process of this boot that has ended, or
    /// (from anywhere) more than a day ago. A schema of another machine
    /// sharing the server is not judged by this machine's processes.
    fn is_left_behind(&self, now: &Mark) -> bool {
        let ended = self.boot == now.boot && !std::path::Path::new(&format!("/proc/{}", self.pid)).exists();
        ended || now.at - self.at > 24 * 60 * 60
    }
}

impl std::fmt::Display for Mark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "madoguchi test, boot {}, pid {}, at {}",
            self.boot, self.pid, self.at
        )
    }
}

fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|b| b.trim().chars().filter(char::is_ascii_hexdigit).collect())
        .unwrap_or_default()
}

/// Drops the schemas test processes left behind (killed, or whose schemas
/// outlived them by design: see [`schema_for_file`]).
async fn sweep(admin: &mut PgConnection) {
    let marked: Vec<(String, String)> = sqlx::query_as(
        "SELECT nspname::text, obj_description(oid, 'pg_namespace') FROM pg_namespace
         WHERE obj_description(oid, 'pg_namespace') LIKE 'madoguchi test, %'",
    )
    .fetch_all(&mut *admin)
    .await
    .unwrap_or_default();
    let now = Mark::ours();
    for (name, comment) in marked {
        if Mark::parse(&comment).is_some_and(|m| m.is_left_behind(&now)) {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(drop_with_tenants(&name)))
                .execute(&mut *admin)
                .await;
        }
    }
}

/// Drops test schema `name` and the schemas of the tenants made on it
/// (`{name}_t_{slug}`, see `sites::create_tenant`) with their roles. `name` is ours
/// (`t_` and letters and digits).
fn drop_with_tenants(name: &str) -> String {
    assert!(
        name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
        "{name:?}"
    );
    format!(
        "DO $$DECLARE s text; BEGIN
           FOR s IN SELECT nspname FROM pg_namespace WHERE nspname = '{name}' OR nspname LIKE '{name}\\_t\\_%' LOOP
             EXECUTE format('DROP SCHEMA %I CASCADE', s);
             IF s <> '{name}' THEN
               BEGIN
                 EXECUTE format('DROP ROLE IF EXISTS %I', s);
               EXCEPTION WHEN OTHERS THEN NULL;  -- still logged in somewhere: left to the next sweep
               END;
             END IF;
           END LOOP;
         END$$"
    )
}

/// A `--db` URL for a schema of its own, made without a runtime (for
/// tests that name a database by a file path and hand it to processes);
/// `None` without a server. The schema outlives the call: the next test
/// run's [`sweep`] drops it.
pub fn schema_for_file() -> Option<String> {
    let server = server()?;
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let name = runtime.block_on(create_schema(&server))?;
        Some(in_schema(&server, &name))
    })
    .join()
    .expect("the schema is made")
}

/// A schema of its own on the test server, or `None` without one.
/// Returns the store (migrated) and the URL another process can open it
/// with (`--db`).
pub async fn postgres() -> Option<(Store, String)> {
    let server = server()?;
    let name = create_schema(&server).await?;
    let url = in_schema(&server, &name);
    let mut store = Store::open_database(&Database::Postgres(url.clone()), &OpenOptions::default())
        .await
        .expect("the scratch schema opens");
    store.scratch = Some(Arc::new(Schema { server, name }));
    Some((store, url))
}

/// `server` with every connection's `search_path` set to `schema`.
fn in_schema(server: &str, schema: &str) -> String {
    PgConnectOptions::from_str(server).expect("the test server URL parses");
    let sep = if server.contains('?') { '&' } else { '?' };
    format!("{server}{sep}options%5Bsearch_path%5D={schema}")
}

/// The store the whole suite runs on: PostgreSQL when
/// [`suite_on_postgres`], else SQLite in memory.
pub async fn store() -> Store {
    if suite_on_postgres() {
        return postgres().await.expect("MADOGUCHI_TEST_PG names a server").0;
    }
    Store::in_memory().await.expect("in-memory store")
}

/// Both stores, for tests written to run on each: SQLite always,
/// PostgreSQL when a server is at hand.
pub async fn each() -> Vec<Store> {
    let mut stores = vec![Store::in_memory().await.expect("in-memory store")];
    match postgres().await {
        Some((pg, _)) => stores.push(pg),
        None => eprintln!("no PostgreSQL server ({ENV} unset, nothing on 127.0.0.1:5432): SQLite only"),
    }
    stores
}

#[cfg(test)]
mod tests {
    use super::Mark;

    #[test]
    fn only_schemas_left_behind_here_or_long_ago_are_swept() {
        let now = Mark::ours();
        assert_eq!(
            Mark::parse(&now.to_string()),
            Some(Mark::ours()).map(|m| Mark { at: now.at, ..m })
        );
        assert!(!now.is_left_behind(&now), "this process is alive");
        let gone = Mark {
            pid: u32::MAX,
            ..Mark::parse(&now.to_string()).unwrap()
        };
        assert!(gone.is_left_behind(&now), "a process of this boot that ended");
        let elsewhere = Mark {
            boot: "another machine".into(),
            ..Mark::parse(&gone.to_string()).unwrap()
        };
        assert!(!elsewhere.is_left_behind(&now), "not judged by our processes");
        let old = Mark {
            at: now.at - 2 * 24 * 60 * 60,
            ..Mark::parse(&elsewhere.to_string()).unwrap()
        };
        assert!(old.is_left_behind(&now), "anything older than a day");
        assert_eq!(
            Mark::parse("madoguchi test, pid 12"),
            None,
            "the old form is not ours to judge"
        );
    }
}

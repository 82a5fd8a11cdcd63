//! Database faults that are not bugs: the write lock held too long by
//! someone else, a full disk, a read-only file. Each fails one write
//! (SQLite rolls the transaction back), so the caller can say "nothing was
//! saved, try again" instead of "internal error".

use std::fmt;

/// Why the database refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Another connection or process held the lock past the busy timeout
    /// (`SQLITE_BUSY`, `SQLITE_LOCKED`, or no pooled connection free).
    Busy,
    /// `SQLITE_FULL`: the disk (or the page limit) is full.
    Full,
    /// `SQLITE_READONLY`: the file, its folder or the connection is read-only.
    ReadOnly,
}

// Primary result codes (https://www.sqlite.org/rescode.html); extended
// codes carry the primary one in their low byte.
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_READONLY: i32 = 8;
const SQLITE_FULL: i32 = 13;

/// PostgreSQL's SQLSTATEs for the same three faults.
fn postgres_fault(sqlstate: &str) -> Option<Fault> {
    match sqlstate {
        // serialization_failure, deadlock_detected, lock_not_available
        // (lock_timeout), query_canceled (statement_timeout),
        // too_many_connections, idle_in_transaction_session_timeout;
        // the server shutting down or starting (a restart, a failover)
        "40001" | "40P01" | "55P03" | "57014" | "53300" | "25P03" | "57P01" | "57P02" | "57P03" => {
            Some(Fault::Busy)
        }
        // connection_exception and its kinds
        s if s.starts_with("08") => Some(Fault::Busy),
        // disk_full
        "53100" => Some(Fault::Full),
        // read_only_sql_transaction (a standby, or default_transaction_read_only)
        "25006" => Some(Fault::ReadOnly),
        _ => None,
    }
}

impl Fault {
    /// The fault behind an error, looking through `anyhow` context.
    pub fn of(e: &anyhow::Error) -> Option<Fault> {
        e.chain()
            .filter_map(|c| c.downcast_ref::<sqlx::Error>())
            .find_map(Fault::of_sqlx)
    }

    pub fn of_sqlx(e: &sqlx::Error) -> Option<Fault> {
        match e {
            // No connection free, or the database server gone for now
            // (PostgreSQL restarting): try again soon.
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_) => Some(Fault::Busy),
            sqlx::Error::Database(db)
                if db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>().is_some() =>
            {
                postgres_fault(&db.code()?)
            }
            sqlx::Error::Database(db) => {
                let code: i32 = db.code()?.parse().ok()?;
                match code & 0xff {
                    SQLITE_BUSY | SQLITE_LOCKED => Some(Fault::Busy),
                    SQLITE_FULL => Some(Fault::Full),
                    SQLITE_READONLY => Some(Fault::ReadOnly),
                    _ => None,
                }
            }
            sqlx::Error::Migrate(m) => match &**m {
                sqlx::migrate::MigrateError::Execute(e)
                | sqlx::migrate::MigrateError::ExecuteMigration(e, _) => Fault::of_sqlx(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// A short stable word, for logs and the API message.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Busy => "busy",
            Fault::Full => "full",
            Fault::ReadOnly => "read-only",
        }
    }

    /// Seconds a client should wait before trying again: a lock passes
    /// soon; a full or read-only disk needs someone to act.
    pub fn retry_after_secs(self) -> u64 {
        match self {
            Fault::Busy => 5,
            Fault::Full | Fault::ReadOnly => 60,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Fault {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        [Fault::Busy, Fault::Full, Fault::ReadOnly]
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_faults_by_sqlstate() {
        for busy in [
            "40001", "40P01", "55P03", "57014", "53300", "57P01", "57P03", "08006", "08001",
        ] {
            assert_eq!(postgres_fault(busy), Some(Fault::Busy), "{busy}");
        }
        assert_eq!(postgres_fault("53100"), Some(Fault::Full));
        assert_eq!(postgres_fault("25006"), Some(Fault::ReadOnly));
        // A bug stays a bug: unique violation, syntax error, undefined table.
        for bug in ["23505", "42601", "42P01"] {
            assert_eq!(postgres_fault(bug), None, "{bug}");
        }
        let gone = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert_eq!(Fault::of_sqlx(&gone), Some(Fault::Busy));
    }
}

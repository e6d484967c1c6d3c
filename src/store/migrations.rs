//! The schema, as versioned migrations. The version applied is kept in SQLite's
//! `PRAGMA user_version`; each migration runs once, in order, inside a transaction.
//! Never edit a migration that has shipped: add the next one.

use anyhow::{bail, Context, Result};
use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_mention_topics.sql"),
    include_str!("migrations/003_conflicts.sql"),
];

/// The schema version this build writes.
pub const LATEST: usize = MIGRATIONS.len();

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > LATEST {
        bail!("the database has schema version {current}, newer than this timeline ({LATEST}): upgrade timeline");
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let version = index + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {version} failed"))?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_record_their_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: usize = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST);
    }

    #[test]
    fn newer_databases_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1).unwrap();
        assert!(migrate(&mut conn).unwrap_err().to_string().contains("newer"));
    }
}

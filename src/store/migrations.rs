//! The schema, as versioned migrations. The version applied is kept in SQLite's
//! `PRAGMA user_version`; each migration runs once, in order. All the migrations a database
//! needs run in one exclusive transaction that reads the version itself, so that processes
//! opening a new database at the same time apply them once, one after the other.
//! Never edit a migration that has shipped: add the next one.

use anyhow::{bail, Context, Result};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_mention_topics.sql"),
    include_str!("migrations/003_conflicts.sql"),
    include_str!("migrations/004_event_windows.sql"),
    include_str!("migrations/005_mention_parties.sql"),
    include_str!("migrations/006_inferred_publication.sql"),
    include_str!("migrations/007_mention_roles.sql"),
    include_str!("migrations/008_mention_published.sql"),
    include_str!("migrations/009_event_core.sql"),
    include_str!("migrations/010_event_span.sql"),
    include_str!("migrations/011_event_span_by_day.sql"),
    include_str!("migrations/012_article_path.sql"),
    include_str!("migrations/013_article_byline.sql"),
    include_str!("migrations/014_article_rules.sql"),
    include_str!("migrations/015_article_order.sql"),
    include_str!("migrations/016_event_party_bits.sql"),
    include_str!("migrations/017_unused_indexes.sql"),
    include_str!("migrations/018_party_bits_with_people.sql"),
];

/// The schema version this build writes.
pub const LATEST: usize = MIGRATIONS.len();

pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Applies the migrations after the database's version up to `target`.
fn migrate_to(conn: &mut Connection, target: usize) -> Result<()> {
    let version = |conn: &Connection| -> rusqlite::Result<usize> {
        conn.pragma_query_value(None, "user_version", |row| row.get(0))
    };
    // Most opens find the schema current: a read, no lock held.
    let current = version(conn)?;
    if current > LATEST {
        bail!("the database has schema version {current}, newer than this timeline ({LATEST}): upgrade timeline");
    }
    if current >= target {
        return Ok(());
    }
    // What a migration computes in Rust (016: an event's party bits from its core).
    conn.create_scalar_function(
        "timeline_party_bits",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let core: Option<String> = ctx.get(0)?;
            Ok(core.and_then(|json| super::write::party_bits_of_core(&json)))
        },
    )?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Again under the lock: another process may have migrated since the read above.
    let current = version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target).skip(current) {
        let version = index + 1;
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {version} failed"))?;
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
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

    /// A database written by every earlier version, with an event in it, upgrades to the
    /// latest schema and reads back with nothing lost.
    #[test]
    fn databases_of_every_earlier_version_upgrade_with_their_data() {
        for version in 1..LATEST {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, version).unwrap();
            // Rows as version 1 wrote them: every later migration must keep them readable.
            conn.execute_batch(
                "INSERT INTO articles (id, name, published, content_hash, text, ingested_at)
                   VALUES (1, 'a.txt', '2025-03-18', 'h', 'Trump spoke with Putin on Tuesday.', '2025-03-18T00:00:00Z');
                 INSERT INTO events (id, type, start_day, end_day, precision, value, modality, summary)
                   VALUES (1, 'call', '2025-03-18', '2025-03-18', 'day', '2025-03-18', 'asserted', 'Trump, Putin: spoke');
                 INSERT INTO event_actors (event_id, actor, position) VALUES (1, 'Trump', 0), (1, 'Putin', 1);
                 INSERT INTO mentions (event_id, article_id, sentence, sentence_start, sentence_end, trigger,
                   trigger_start, trigger_end, rule, type, actors, actor_text, modality, summary,
                   date_start, date_end, date_precision, date_value, date_text, date_rule, date_basis)
                   VALUES (1, 1, 'Trump spoke with Putin on Tuesday.', 0, 34, 'spoke', 6, 11, 'call.spoke', 'call',
                   '[\"Trump\",\"Putin\"]', '[\"Trump\",\"Putin\"]', 'asserted', 'Trump, Putin: spoke',
                   '2025-03-18', '2025-03-18', 'day', '2025-03-18', 'Tuesday', 'weekday', 'expression');",
            )
            .unwrap();
            let store = crate::store::Store::setup(conn, std::time::Duration::from_secs(5)).unwrap();
            let event = store
                .event(1)
                .unwrap()
                .unwrap_or_else(|| panic!("version {version}: event lost"));
            assert_eq!(event.event_type, "call", "from version {version}");
            assert_eq!(event.actors, ["Trump", "Putin"], "from version {version}");
            assert_eq!(event.mentions.len(), 1, "from version {version}");
            assert_eq!(event.mentions[0].rule, "call.spoke", "from version {version}");
            assert_eq!(event.mentions[0].article, "a.txt", "from version {version}");
            assert!(
                event.mentions[0].topics.is_empty(),
                "a column added later takes its default"
            );
            assert!(event.conflicts.is_empty());
            let version_now: usize = store
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version_now, LATEST);
        }
    }

    /// Migrations 016 and 018 give the events stored before them the party bits of their
    /// core, parties and people, as write::refresh_event stores them for new ones; an event
    /// without a core keeps NULL, which find_same never passes over.
    #[test]
    fn stored_events_get_the_party_bits_of_their_core() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 15).unwrap();
        let core = r#"{"parties":["USA"],"all_parties":["USA","Russia"],"people":["Assad"],"topics":[]}"#;
        conn.execute(
            "INSERT INTO events (id, type, start_day, end_day, precision, value, modality, summary, core)
             VALUES (1, 'call', '2025-03-18', '2025-03-18', 'day', '2025-03-18', 'asserted', '', ?1),
                    (2, 'call', '2025-03-18', '2025-03-18', 'day', '2025-03-18', 'asserted', '', NULL)",
            [core],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let bits: Vec<Option<i64>> = conn
            .prepare("SELECT party_bits FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            bits,
            [
                Some(super::super::write::party_bits(["USA", "Russia", "Assad"])),
                None
            ]
        );
    }

    #[test]
    fn newer_databases_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1).unwrap();
        assert!(migrate(&mut conn).unwrap_err().to_string().contains("newer"));
    }
}

//! Checkpoints of the write-ahead log, on a thread of their own while an ingest writes.
//!
//! Under WAL every commit appends the pages it changed to the log, and a checkpoint copies
//! them into the database file, then syncs the log and the file. SQLite runs a checkpoint
//! in the commit that takes the log past 1,000 pages, so the writer waited for both syncs:
//! in a stream of batches they were most of a commit's cost, and grew with the store (the
//! more distinct pages each batch changes, the more a sync has to write). A checkpoint in
//! passive mode runs beside the writer (it copies only committed pages and never blocks a
//! commit), so here a second connection does it, and the writer only tells it when a batch
//! is committed. The syncs are the same as before, each checkpoint as durable; the writer no
//! longer waits for the disk.

use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

/// The thread that checkpoints `writer`'s database, and the way to wake it.
pub(super) struct Checkpointer {
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Takes over the checkpoints of `writer`'s database, or returns None (and leaves them
    /// to SQLite) when a second connection cannot be opened, e.g. on an in-memory database.
    pub(super) fn start(writer: &Connection, wait: Duration) -> Option<Checkpointer> {
        let path = writer.path().filter(|p| !p.is_empty())?;
        let conn = Connection::open(Path::new(path)).ok()?;
        conn.busy_timeout(wait).ok()?;
        conn.pragma_update(None, "synchronous", "NORMAL").ok()?;
        // One pending wake is enough: the checkpoint it brings copies every page committed
        // before it starts.
        let (wake, woken) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("timeline-checkpoint".into())
            .spawn(move || {
                while woken.recv().is_ok() {
                    // A checkpoint that fails (another is running, or the disk is full)
                    // leaves the log to the next one, or to the last connection's close.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        writer.pragma_update(None, "wal_autocheckpoint", 0).ok()?;
        Some(Checkpointer {
            wake: Some(wake),
            thread: Some(thread),
        })
    }

    /// Asks for a checkpoint of what is committed now; returns at once.
    pub(super) fn request(&self) {
        // Full: a checkpoint is asked for already, and will copy this commit too.
        if let Some(wake) = &self.wake {
            let _ = wake.try_send(());
        }
    }
}

impl Drop for Checkpointer {
    /// Waits for the checkpoint under way, if any: the writer's close, after this, copies
    /// what is left and removes the log.
    fn drop(&mut self) {
        self.wake.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the database file itself holds, without the log: opened as immutable, SQLite
    /// reads neither the WAL nor its locks.
    fn rows_in_file(path: &Path) -> i64 {
        let uri = format!("file:{}?immutable=1", path.display());
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(uri, flags).unwrap();
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn commits_reach_the_database_file_while_the_writer_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let writer = Connection::open(&path).unwrap();
        writer.pragma_update(None, "journal_mode", "WAL").unwrap();
        writer.execute_batch("CREATE TABLE t (x)").unwrap();
        // The table exists in the file, so that an immutable reader can count its rows.
        writer
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let checkpointer = Checkpointer::start(&writer, Duration::from_secs(5)).unwrap();
        let autocheckpoint: i64 = writer
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
            .unwrap();
        assert_eq!(autocheckpoint, 0, "the writer no longer checkpoints");
        writer.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(rows_in_file(&path), 0, "a commit stays in the log");
        checkpointer.request();
        // Dropping waits for the checkpoint asked for.
        drop(checkpointer);
        assert_eq!(rows_in_file(&path), 1);
    }

    #[test]
    fn an_in_memory_database_keeps_its_own_checkpoints() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(Checkpointer::start(&conn, Duration::from_secs(1)).is_none());
    }
}

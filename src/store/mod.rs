//! The timeline in SQLite: one file, no server. Articles, events, their actors, and the
//! mentions that are each event's evidence. Ingesting an article is all or nothing: a
//! transaction of its own, or a savepoint of a batch (see [`Batching`]).

mod checkpoint;
mod migrations;
mod records;
mod write;

pub use records::{ArticleRecord, Event, EventDate, Mention, MentionDate};
use write::{
    among_first_reports, find_same, insert_event, insert_mention, julian_day, reaching_window, refresh_event,
    remove_article,
};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::article::Article;
use crate::extract::{EventTypes, ExtractedEvent, Extractor, Gazetteer};
use crate::model::Precision;
use crate::model::{Conflict, Modality, RoleKind};
use crate::ordered::first_seen;
use crate::time::{format_day as day, parse_day};

/// The environment variable that names the database file when `--db` is not given.
pub const DB_ENV: &str = "TIMELINE_DB";

/// How many reports of one event one article may add: enough for every way a real article
/// retells an event, few enough that a text repeating a sentence stays linear.
pub const MENTIONS_PER_ARTICLE: usize = 16;

/// How many reports of an event make it what it is: its date, actors, place, modality,
/// conflicts and the parties it is compared by are drawn from its earliest reports (in
/// publication order), this many at most. Later reports are kept as evidence and counted as
/// sources, but an event retold by thousands of syndicated copies costs each new copy a
/// bounded amount of work instead of a re-read of every earlier copy.
pub const CONSENSUS_REPORTS: usize = 100;

/// The database used when neither `--db` nor `TIMELINE_DB` is given:
/// `$XDG_DATA_HOME/timeline/timeline.db` (`~/.local/share/timeline/timeline.db`).
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("timeline")
        .join("timeline.db")
}

/// A timeline database: where it is, and how long a write waits for another writer.
#[derive(Debug, Clone)]
pub struct Database {
    pub path: PathBuf,
    /// How long to wait for a lock another process holds (SQLite's busy timeout).
    pub wait: Duration,
}

pub struct Store {
    /// Set with `batching`: checkpoints the log beside the writer. Dropped before `conn`.
    checkpointer: Option<checkpoint::Checkpointer>,
    conn: Connection,
    /// Set by [`Store::batch_writes`]: the limits of a batch, and the one open now.
    batching: Option<(Batching, Option<OpenBatch>)>,
    /// How long to wait for another connection's lock.
    wait: Duration,
}

/// How many articles one transaction may hold, and for how long. A commit costs more than
/// storing an article does (the WAL frames of the same index pages, written again by every
/// article, and the checkpoints they bring); each article is still all or nothing, in a
/// savepoint of its own, and a batch lost to a kill is stored again by the next run.
#[derive(Debug, Clone, Copy)]
pub struct Batching {
    pub articles: usize,
    /// Also how long another writer may wait for this one on top of its own transaction.
    pub every: Duration,
}

impl Default for Batching {
    /// What `ingest` uses: 100 ms, or 1,000 articles if they come first. Extraction takes
    /// several ms an article, so an ingest commits by time; storing extracted mentions
    /// (`ingest --mentions`) takes about 0.5 ms, some 200 articles a batch. Batches of 100
    /// articles there were 13% slower (1,713 against 1,924–1,972 articles/s over 100,000
    /// with `store_scale`): every commit writes the hot pages of the indexes again.
    fn default() -> Batching {
        Batching {
            articles: 1_000,
            every: Duration::from_millis(100),
        }
    }
}

/// The transaction open for a batch: since when, and how many articles it holds.
#[derive(Debug, Clone, Copy)]
struct OpenBatch {
    opened: std::time::Instant,
    articles: usize,
}

/// Where one article's writes go: a transaction of their own, or a savepoint of the open
/// batch. Dropped without `commit`, either leaves the store as it was before the article.
enum Write<'c> {
    Alone(rusqlite::Transaction<'c>),
    InBatch(rusqlite::Savepoint<'c>),
}

impl std::ops::Deref for Write<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            Write::Alone(tx) => tx,
            Write::InBatch(savepoint) => savepoint,
        }
    }
}

impl Write<'_> {
    fn commit(self) -> rusqlite::Result<()> {
        match self {
            Write::Alone(tx) => tx.commit(),
            Write::InBatch(savepoint) => savepoint.commit(),
        }
    }
}

impl Drop for Store {
    /// A batch still open is committed: every article in it is whole.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// What ingesting one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    Added {
        new_events: usize,
        merged: usize,
        replaced: Option<String>,
    },
    /// The same text is stored already, under this name.
    Unchanged { stored_as: String },
}

/// Which events `list` returns. Dates are inclusive.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub types: Vec<String>,
    pub actors: Vec<String>,
    /// Places of which the event's must be one (empty: any).
    pub places: Vec<String>,
    /// Only events whose reports disagree (`timeline conflicts`).
    pub with_conflicts: bool,
    pub min_sources: usize,
    /// Modalities to include; empty means all.
    pub modalities: Vec<Modality>,
    /// Leave out planned events that no report dates (`list`'s default, "reported").
    pub hide_undated_plans: bool,
}

impl Database {
    /// The database, created (with its folders) when there is none: for `ingest`.
    pub fn open_or_create(&self) -> Result<Store> {
        let path = &self.path;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create directory", parent.display()))?;
        }
        self.open_writable()
    }

    /// The database, which must exist, for a command that changes it (`remove`).
    pub fn open_existing(&self) -> Result<Store> {
        self.require_existing()?;
        self.open_writable()
    }

    /// The database, which must exist, for a command that only reads it: never created,
    /// never migrated unless its schema is older (which needs write access once). On storage
    /// the process cannot write to (a read-only folder or medium, where SQLite cannot make
    /// the WAL's shared-memory file) it is opened as immutable.
    pub fn open_for_reading(&self) -> Result<Store> {
        self.require_existing()?;
        let path = &self.path;
        let readable = |conn: Connection| -> rusqlite::Result<(Connection, usize)> {
            conn.busy_timeout(self.wait)?;
            prepare_connection(&conn)?;
            let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            // Reading the schema is what fails when the WAL files cannot be made.
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            Ok((conn, version))
        };
        // Opened for writing though only read, where allowed: the last connection to close
        // then folds the WAL back and removes its files, as a read-only one cannot.
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let opened = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_WRITE)
            .and_then(readable)
            .or_else(|_| {
                Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .and_then(readable)
            });
        let (conn, version) = opened.with_context(|| format!("{}: cannot open database", path.display()))?;
        if version == migrations::LATEST {
            return Ok(Store {
                checkpointer: None,
                conn,
                batching: None,
                wait: self.wait,
            });
        }
        if version > migrations::LATEST {
            bail!(
                "{}: the database has schema version {version}, newer than this timeline ({}): upgrade timeline",
                path.display(),
                migrations::LATEST
            );
        }
        drop(conn);
        self.open_writable().with_context(|| {
            format!(
                "{}: the database has schema version {version} and must be upgraded to {} before it can be read",
                path.display(),
                migrations::LATEST
            )
        })
    }

    fn require_existing(&self) -> Result<()> {
        if !self.path.exists() {
            bail!(
                "{}: no timeline database there (`timeline ingest` creates one; --db or TIMELINE_DB chooses it)",
                self.path.display()
            );
        }
        Ok(())
    }

    fn open_writable(&self) -> Result<Store> {
        let path = &self.path;
        let conn =
            Connection::open(path).with_context(|| format!("{}: cannot open database", path.display()))?;
        Store::setup(conn, self.wait)
            .with_context(|| format!("{}: not a usable timeline database", path.display()))
    }
}

/// What every connection needs, reading or writing: the `rarray` table function that the
/// set-based reads pass their event IDs in, and a page cache of 32 MB (SQLite's default is
/// 2 MB; a list of a month at a million events reads more than that).
fn prepare_connection(conn: &Connection) -> rusqlite::Result<()> {
    // Room for every statement of the write path, each prepared once per run.
    conn.set_prepared_statement_cache_capacity(64);
    rusqlite::vtab::array::load_module(conn)?;
    conn.pragma_update(None, "cache_size", -32_768)
}

/// An SQLite URI that opens `path` as immutable: no locks and no WAL files, for storage
/// nobody writes to.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri += &format!("%{:02X}", c as u32),
            c => uri.push(c),
        }
    }
    uri + "?immutable=1"
}

impl Store {
    fn setup(mut conn: Connection, wait: Duration) -> Result<Store> {
        // First, so that every step below waits for another process instead of failing.
        conn.busy_timeout(wait)?;
        // WAL lets `list` read while an ingest writes; NORMAL is durable enough under WAL.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The savepoint of each article of a batch keeps, for its rollback, a copy of every
        // page the article is first to change, in a temporary file of its own: on disk,
        // the kernel's writes of those copies were an eighth of an ingest's time, and more
        // the larger the store (an article's changes reach more distinct pages). In memory
        // they cost a copy, at most the pages of one article.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        prepare_connection(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            checkpointer: None,
            conn,
            batching: None,
            wait,
        })
    }

    /// The name an article with this content hash is stored under, if it is stored: the
    /// same text is the same article, so there is nothing to extract or store again.
    /// The content hashes of every stored article: what a run need not extract again.
    pub fn content_hashes(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT content_hash FROM articles")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn stored_as(&self, hash: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT name FROM articles WHERE content_hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores `article` and its `events`, all or nothing: each event becomes a mention of
    /// the stored event it is the same as, or a new event (an article's reports of one event
    /// beyond the first `MENTIONS_PER_ARTICLE` count as merged but are not stored). An article whose text is stored
    /// already changes nothing; one with a stored URL and new text replaces that version.
    pub fn ingest(
        &mut self,
        article: &Article,
        events: &[ExtractedEvent],
        rules: Option<&str>,
        knowledge: Knowledge,
    ) -> Result<IngestOutcome> {
        let tx = self.write()?;
        if let Some(stored_as) = tx
            .prepare_cached("SELECT name FROM articles WHERE content_hash = ?1")?
            .query_row([&article.hash], |r| r.get(0))
            .optional()?
        {
            return Ok(IngestOutcome::Unchanged { stored_as });
        }
        let here = (day(article.published), article.hash.clone());
        let mut replaced = None;
        if let Some(url) = &article.url {
            let earlier: Option<(i64, String, String, String)> = tx
                .prepare_cached("SELECT id, name, published, content_hash FROM articles WHERE url = ?1")?
                .query_row([url], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            if let Some((id, name, published, hash)) = earlier {
                // Taking the earlier version out changes what every later article merged with.
                let from = (published, hash).min(here.clone());
                detach(&tx, &from, After::Only, knowledge)?;
                for event_id in remove_article(&tx, id)? {
                    refresh_event(&tx, event_id, knowledge)?;
                }
                replaced = Some(name);
            }
        }
        detach(&tx, &here, After::Only, knowledge)?;
        let ingested_at = chrono::Utc::now().to_rfc3339();
        let (new_events, merged) = add_article(&tx, article, events, rules, &ingested_at, knowledge)?;
        tx.commit()?;
        self.written()?;
        Ok(IngestOutcome::Added {
            new_events,
            merged,
            replaced,
        })
    }

    /// Stores articles in batches of `batching` from now on (see [`Batching`]), until
    /// [`Store::flush`] or the store is dropped.
    pub fn batch_writes(&mut self, batching: Batching) {
        self.batching = Some((batching, None));
        if self.checkpointer.is_none() {
            self.checkpointer = checkpoint::Checkpointer::start(&self.conn, self.wait);
        }
    }

    /// Commits the open batch, if any: what is stored so far is then visible to others and
    /// safe from a kill.
    pub fn flush(&mut self) -> Result<()> {
        let Some(batch) = self.batching.as_mut().and_then(|(_, open)| open.take()) else {
            return Ok(());
        };
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            // Under WAL a commit fails only on an I/O error; the batch is gone, and the
            // connection is left ready for the next one.
            let _ = self.conn.execute_batch("ROLLBACK");
            bail!(
                "the last {} stored could not be committed ({e}); ingest them again",
                crate::words::count(batch.articles, "article")
            );
        }
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.request();
        }
        Ok(())
    }

    /// Where the next article's writes (or any other change) go: a savepoint of the open
    /// batch (opened now if none is), or a transaction of its own. `IMMEDIATE` either way: the write lock is
    /// taken before anything is read, so two writers never read the same state.
    fn write(&mut self) -> Result<Write<'_>> {
        match &mut self.batching {
            None => Ok(Write::Alone(
                self.conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?,
            )),
            Some((_, open)) => {
                if open.is_none() {
                    self.conn.execute_batch("BEGIN IMMEDIATE")?;
                    *open = Some(OpenBatch {
                        opened: std::time::Instant::now(),
                        articles: 0,
                    });
                }
                Ok(Write::InBatch(self.conn.savepoint()?))
            }
        }
    }

    /// Counts an article written in the open batch, and commits the batch when it is full.
    fn written(&mut self) -> Result<()> {
        if let Some((limits, Some(open))) = &mut self.batching {
            open.articles += 1;
            if open.articles >= limits.articles || open.opened.elapsed() >= limits.every {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// The earliest detached article (see [`Store::ingest`]) that comes before `next` in the
    /// timeline's order: the next to store again before `next` is stored.
    pub fn detached_before(&self, next: &Article) -> Result<Option<Article>> {
        let mut found = self.articles_where(
            "detached = 1 AND (published, content_hash) < (?1, ?2)
             ORDER BY published, content_hash LIMIT 1",
            params![day(next.published), next.hash],
        )?;
        Ok(found.pop())
    }

    /// How many articles are detached, waiting to be stored again.
    pub fn detached_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles WHERE detached = 1", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
    }

    /// The first `limit` detached articles, in the order they are to be stored again.
    pub fn detached(&self, limit: usize) -> Result<Vec<Article>> {
        self.articles_where(
            "detached = 1 ORDER BY published, content_hash LIMIT ?1",
            [limit as i64],
        )
    }

    /// Stores a detached article's `events` (extracted again, by `rules`) as ingest stores an
    /// article's; `Unchanged` when it is no longer detached (another run stored it).
    pub fn reattach(
        &mut self,
        article: &Article,
        events: &[ExtractedEvent],
        rules: &str,
        knowledge: Knowledge,
    ) -> Result<IngestOutcome> {
        let tx = self.write()?;
        let id: Option<i64> = tx
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1 AND detached = 1")?
            .query_row([&article.hash], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            return Ok(IngestOutcome::Unchanged {
                stored_as: article.name.clone(),
            });
        };
        // Another run may have stored later articles meanwhile.
        detach(
            &tx,
            &(day(article.published), article.hash.clone()),
            After::Only,
            knowledge,
        )?;
        tx.prepare_cached("UPDATE articles SET detached = 0, rules = ?2 WHERE id = ?1")?
            .execute(params![id, rules])?;
        let (new_events, merged) = attach_mentions(&tx, id, article, events, knowledge)?;
        tx.commit()?;
        self.written()?;
        Ok(IngestOutcome::Added {
            new_events,
            merged,
            replaced: None,
        })
    }

    /// Detaches the articles to extract again with the rules `rules`: from the first one
    /// other rules extracted (every one with `all`) to the last, as the timeline after an
    /// article depends on it.
    pub fn detach_for_reextract(&mut self, rules: &str, all: bool, knowledge: Knowledge) -> Result<()> {
        let tx = self.write()?;
        let first: Option<(String, String)> = tx
            .query_row(
                "SELECT published, content_hash FROM articles WHERE detached = 0 AND (?2 OR rules IS NOT ?1)
                 ORDER BY published, content_hash LIMIT 1",
                params![rules, all],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some(first) = first {
            detach(&tx, &first, After::AndItself, knowledge)?;
        }
        tx.commit()?;
        self.written()
    }

    /// How many stored articles were extracted by rules or models other than `rules`
    /// (or before fingerprints were stored).
    pub fn articles_by_other_rules(&self, rules: &str) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM articles WHERE rules IS NOT ?1",
            [rules],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }

    /// The stored articles that `condition` (a WHERE clause on `articles`, with its ORDER
    /// BY and LIMIT) selects, as ingest read them.
    fn articles_where(&self, condition: &str, args: impl rusqlite::Params) -> Result<Vec<Article>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT name, title, source, url, byline, published, published_from, path, text, content_hash
             FROM articles WHERE {condition}"
        ))?;
        let rows = stmt.query_map(args, |r| {
            let published: String = r.get(5)?;
            Ok(Article {
                name: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                url: r.get(3)?,
                byline: r.get(4)?,
                published: parse_day(&published).unwrap_or_default(),
                published_from: r.get(6)?,
                path: r.get(7)?,
                text: r.get(8)?,
                hash: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every actor of a stored event, in name order.
    pub fn actor_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT actor FROM event_actors ORDER BY actor")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn article_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize)
    }

    pub fn event_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Events matching `filter`, in date order. An event is in a date range when its
    /// interval overlaps it; an undated event is placed at the date it was reported by.
    ///
    /// Set-based: one query for the events, then one each for the actors, mentions and
    /// conflicts of all of them, whatever their number, in one read transaction so that an
    /// ingest writing meanwhile cannot change what is read halfway.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Event>> {
        let (mut sql, args) = where_clause(filter, true);
        sql += " ORDER BY COALESCE(e.start_day, e.end_day), e.end_day, e.id";
        let snapshot = self.conn.unchecked_transaction()?;
        let events = self.events_where(&sql, rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())))?;
        snapshot.finish()?;
        Ok(events
            .into_iter()
            .filter(|e| e.sources >= filter.min_sources)
            .collect())
    }

    /// How many events `filter` would select with any modality, by each modality it leaves
    /// out, the plans no report dates apart: what a table says it does not show ("4
    /// hypothetical, 1 negated, 2 planned, undated").
    pub fn left_out_by_modality(&self, filter: &Filter) -> Result<Vec<(String, usize)>> {
        let (mut sql, mut args) = where_clause(filter, false);
        let shown: Vec<String> = filter.modalities.iter().map(|m| m.as_str().to_owned()).collect();
        if shown.is_empty() {
            return Ok(Vec::new());
        }
        args.push(Box::new(std::rc::Rc::new(
            shown.into_iter().map(Value::Text).collect::<Vec<_>>(),
        )));
        let hidden_plans = if filter.hide_undated_plans {
            format!(" OR {UNDATED_PLAN}")
        } else {
            String::new()
        };
        sql += &format!(" AND (e.modality NOT IN rarray(?{}){hidden_plans})", args.len());
        let mut stmt = self.conn.prepare(&format!(
            "SELECT CASE WHEN {UNDATED_PLAN} THEN 'planned, undated' ELSE e.modality END AS shown_as, count(*)
             FROM events e {sql} GROUP BY shown_as ORDER BY count(*) DESC, shown_as"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One event with all its mentions, or `None` when there is no event `id`.
    pub fn event(&self, id: i64) -> Result<Option<Event>> {
        let snapshot = self.conn.unchecked_transaction()?;
        let mut events = self.events_where("WHERE e.id = ?1", [id])?;
        snapshot.finish()?;
        Ok(events.pop())
    }

    /// The events that `condition` (a WHERE clause on `events e`, with its ORDER BY)
    /// selects, in its order, each with its actors, mentions and conflicts.
    fn events_where(&self, condition: &str, args: impl rusqlite::Params) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.id, e.type, e.cameo, e.start_day, e.end_day, e.precision, e.value, e.place, e.modality,
                    e.summary
             FROM events e {condition}"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok(EventRow {
                id: r.get(0)?,
                event_type: r.get(1)?,
                cameo: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                precision: precision_column(r, 5)?,
                value: r.get(6)?,
                place: r.get(7)?,
                modality: r.get(8)?,
                summary: r.get(9)?,
            })
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids = std::rc::Rc::new(rows.iter().map(|r| Value::Integer(r.id)).collect::<Vec<_>>());
        let mut actors = self.grouped(
            "SELECT event_id, actor FROM event_actors WHERE event_id IN rarray(?1) ORDER BY event_id, position",
            [ids.clone()],
            |r| r.get::<_, String>(1),
        )?;
        let mut conflicts = self.grouped(
            "SELECT event_id, kind, note FROM event_conflicts WHERE event_id IN rarray(?1) ORDER BY event_id, rowid",
            [ids.clone()],
            |r| {
                Ok(Conflict {
                    kind: r.get(1)?,
                    note: r.get(2)?,
                })
            },
        )?;
        let mut mentions = self.mentions(&ids)?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let id = row.id;
                row.into_event(
                    actors.remove(&id).unwrap_or_default(),
                    mentions.remove(&id).unwrap_or_default(),
                    conflicts.remove(&id).unwrap_or_default(),
                )
            })
            .collect())
    }

    /// The rows of `sql` (whose first column is an event ID, and whose `?1` is the IDs),
    /// read by `read` and grouped by event, each group in the query's order.
    fn grouped<T>(
        &self,
        sql: &str,
        args: impl rusqlite::Params,
        read: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<HashMap<i64, Vec<T>>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
        let mut rows = stmt.query(args)?;
        while let Some(row) = rows.next()? {
            groups.entry(row.get(0)?).or_default().push(read(row)?);
        }
        Ok(groups)
    }

    fn mentions(&self, ids: &std::rc::Rc<Vec<Value>>) -> Result<HashMap<i64, Vec<Mention>>> {
        self.grouped(
            "SELECT m.event_id, a.name, a.title, a.source, a.url, a.published,
                    m.sentence, m.sentence_start, m.sentence_end, m.trigger, m.trigger_start, m.trigger_end,
                    m.attributed_to, m.rule, m.type, m.actors, m.actor_text, m.modality,
                    m.date_start, m.date_end, m.date_precision, m.date_value, m.date_text, m.date_rule, m.date_basis,
                    m.topics, a.published_from, m.lemma, m.roles, m.date_clause,
                    COALESCE(m.parties, m.actors), m.id, substr(a.content_hash, 1, ?2)
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.event_id IN rarray(?1) ORDER BY m.event_id, a.published, a.name, m.sentence_start",
            params![ids.clone(), crate::article::KEY_DIGITS as i64],
            |r| {
                Ok(Mention {
                    article: r.get(1)?,
                    article_key: r.get(32)?,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    url: r.get(4)?,
                    published: r.get(5)?,
                    published_from: r.get(26)?,
                    sentence: r.get(6)?,
                    start: r.get::<_, i64>(7)? as usize,
                    end: r.get::<_, i64>(8)? as usize,
                    trigger: r.get(9)?,
                    trigger_start: r.get::<_, i64>(10)? as usize,
                    trigger_end: r.get::<_, i64>(11)? as usize,
                    attributed_to: r.get(12)?,
                    rule: r.get(13)?,
                    lemma: r.get(27)?,
                    roles: json_column(r, 28)?,
                    event_type: r.get(14)?,
                    actors: json_column(r, 15)?,
                    // Reports stored before parties were (NULL) count their actors as parties.
                    parties: json_column(r, 30)?,
                    report: r.get(31)?,
                    actor_text: json_column(r, 16)?,
                    modality: r.get(17)?,
                    topics: json_column(r, 25)?,
                    date: MentionDate {
                        start: r.get(18)?,
                        end: r.get(19)?,
                        precision: r.get(20)?,
                        value: r.get(21)?,
                        text: r.get(22)?,
                        rule: r.get(23)?,
                        basis: r.get(24)?,
                        clause: r.get(29)?,
                    },
                })
            },
        )
    }

    pub fn articles(&self) -> Result<Vec<ArticleRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.published, a.name"
        ))?;
        let rows = stmt.query_map([crate::article::KEY_DIGITS as i64], article_record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes the article `selector` names, with its mentions; events left without a
    /// mention go too. `selector` is the article's key, its path (as `ingest` printed it, or
    /// any path to the same file), its URL, or its file name when only one article has it.
    /// With `dry_run`, says what would go and changes nothing.
    pub fn remove(&mut self, selector: &str, dry_run: bool, knowledge: Knowledge) -> Result<Removal> {
        let tx = self.write()?;
        let article = pick_article(&tx, selector)?;
        let position: (String, String) = tx.query_row(
            "SELECT published, content_hash FROM articles WHERE id = ?1",
            [article.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let events_before: i64 = tx.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        let touched = remove_article(&tx, article.id)?;
        for &event_id in &touched {
            refresh_event(&tx, event_id, knowledge)?;
        }
        let events_after: i64 = tx.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        let removal = Removal {
            events_removed: (events_before - events_after) as usize,
            events_changed: touched.len(),
            article,
        };
        if !dry_run {
            // What later articles merged with changed: they are stored again after it.
            detach(&tx, &position, After::Only, knowledge)?;
            tx.commit()?;
            self.written()?;
        }
        Ok(removal)
    }
}

/// An event's stored precision: "undated" or a precision's name.
fn precision_column(r: &rusqlite::Row, index: usize) -> rusqlite::Result<Option<Precision>> {
    let text: String = r.get(index)?;
    if text == records::precision_name(None) {
        return Ok(None);
    }
    Precision::parse(&text).map(Some).ok_or_else(|| {
        let column = r.as_ref().column_name(index).unwrap_or("?").to_owned();
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("column {column} holds {text:?}, not a precision").into(),
        )
    })
}

/// The JSON list in column `index` of a row, or an error naming the column: a stored list
/// that does not parse is a damaged database, not an empty list.
pub(super) fn json_column<T: serde::de::DeserializeOwned>(
    r: &rusqlite::Row,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = r.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        let column = r.as_ref().column_name(index).unwrap_or("?").to_owned();
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("column {column} holds {text:?}, not a JSON list: {e}").into(),
        )
    })
}

/// An event planned and dated by no report (an undated event's `start_day` is NULL).
const UNDATED_PLAN: &str = "e.modality = 'planned' AND e.start_day IS NULL";

/// The WHERE clause (and its parameters) of the events `filter` selects, on `events e`;
/// without its modalities unless `with_modalities`. `min_sources` is applied by the caller.
fn where_clause(filter: &Filter, with_modalities: bool) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
    let mut sql = String::from("WHERE 1 = 1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    if let Some(from) = filter.from {
        args.push(Box::new(day(from)));
        sql += &format!(" AND e.end_day >= ?{}", args.len());
        // The same window as index ranges, one per size class (migration 011): what
        // keeps a week of a large store from reading every later event.
        let last = filter.to.map_or(i64::MAX, julian_day);
        args.push(Box::new(julian_day(from)));
        args.push(Box::new(last));
        let n = args.len();
        let [first, last] = [n - 1, n].map(|i| format!("?{i}"));
        let window = reaching_window("w", "", [&first, &last]);
        sql += &format!(" AND e.id IN (SELECT w.id FROM {window})");
    }
    if let Some(to) = filter.to {
        args.push(Box::new(day(to)));
        sql += &format!(" AND COALESCE(e.start_day, e.end_day) <= ?{}", args.len());
    }
    let types: Vec<String> = filter.types.clone();
    one_of(&mut sql, &mut args, "e.type", types);
    for actor in &filter.actors {
        args.push(Box::new(actor.to_lowercase()));
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND lower(a.actor) = ?{})",
            args.len()
        );
    }
    let places: Vec<String> = filter.places.iter().map(|p| p.to_lowercase()).collect();
    one_of(&mut sql, &mut args, "lower(e.place)", places);
    if with_modalities {
        let modalities: Vec<String> = filter.modalities.iter().map(|m| m.as_str().to_owned()).collect();
        one_of(&mut sql, &mut args, "e.modality", modalities);
        if filter.hide_undated_plans {
            sql += &format!(" AND NOT ({UNDATED_PLAN})");
        }
    }
    if filter.with_conflicts {
        // Driven by the conflicts table: only the events it names are read.
        sql += " AND e.id IN (SELECT event_id FROM event_conflicts)";
    }
    (sql, args)
}

/// Stores `article` and its events in `tx`: each event becomes a mention of the stored
/// event it is the same as, or a new event. Returns how many were new and how many merged.
fn add_article(
    tx: &Connection,
    article: &Article,
    events: &[ExtractedEvent],
    rules: Option<&str>,
    ingested_at: &str,
    knowledge: Knowledge,
) -> Result<(usize, usize)> {
    tx.prepare_cached(
        "INSERT INTO articles (name, title, source, url, published, content_hash, text, ingested_at,
                               published_from, path, byline, rules)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        article.name,
        article.title,
        article.source,
        article.url,
        day(article.published),
        article.hash,
        article.text,
        ingested_at,
        article.published_from,
        article.path,
        article.byline,
        rules,
    ])?;
    attach_mentions(tx, tx.last_insert_rowid(), article, events, knowledge)
}

/// Which articles [`detach`] takes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// Those after the position.
    Only,
    /// Those after it and the article at it.
    AndItself,
}

/// Detaches the attached articles after `position` (publication day, content hash), or
/// from it: their mentions go, the events only they reported go, the others are computed
/// again from the reports left; the articles stay, marked to be stored again (migration
/// 015).
fn detach(tx: &Connection, position: &(String, String), which: After, knowledge: Knowledge) -> Result<()> {
    let ids: Vec<i64> = {
        let after = match which {
            After::Only => ">",
            After::AndItself => ">=",
        };
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT id FROM articles WHERE detached = 0 AND (published, content_hash) {after} (?1, ?2)"
        ))?;
        let rows = stmt.query_map(params![position.0, position.1], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut touched = std::collections::BTreeSet::new();
    for &id in &ids {
        touched.extend(write::remove_mentions(tx, id)?);
        tx.prepare_cached("UPDATE articles SET detached = 1 WHERE id = ?1")?
            .execute([id])?;
    }
    for event_id in touched {
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
            .query_row([event_id], |r| r.get(0))?;
        if exists {
            refresh_event(tx, event_id, knowledge)?;
        }
    }
    Ok(())
}

/// Stores `events` as the mentions of the stored article `article_id`: each becomes a
/// mention of the stored event it is the same as, or a new event. Returns how many were new
/// and how many merged.
fn attach_mentions(
    tx: &Connection,
    article_id: i64,
    article: &Article,
    events: &[ExtractedEvent],
    knowledge: Knowledge,
) -> Result<(usize, usize)> {
    let (mut new_events, mut merged) = (0, 0);
    let mut told: HashMap<i64, usize> = HashMap::new();
    for event in events {
        match find_same(tx, event, &told, article.published, knowledge)? {
            Some(event_id) => {
                merged += 1;
                // One article telling one event over and over adds no evidence after the
                // first few reports, and each report re-reads the others: a text repeating
                // one sentence must not make ingest quadratic.
                let times = told.entry(event_id).or_default();
                *times += 1;
                if *times > MENTIONS_PER_ARTICLE {
                    continue;
                }
                insert_mention(tx, event_id, article_id, article.published, event)?;
                // A report after the event's first CONSENSUS_REPORTS cannot change it.
                if among_first_reports(tx, event_id, article.published)? {
                    refresh_event(tx, event_id, knowledge)?;
                }
            }
            None => {
                let event_id = insert_event(tx, event, article.published, knowledge)?;
                told.insert(event_id, 1);
                insert_mention(tx, event_id, article_id, article.published, event)?;
                refresh_event(tx, event_id, knowledge)?;
                new_events += 1;
            }
        }
    }
    Ok((new_events, merged))
}

/// The columns of an `articles a` row that [`article_record`] reads, `?1` being
/// [`crate::article::KEY_DIGITS`].
const ARTICLE_COLUMNS: &str = "a.id, a.name, a.title, a.source, a.url, a.published,
    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id), a.published_from,
    substr(a.content_hash, 1, ?1), a.path, a.byline";

fn article_record(r: &rusqlite::Row) -> rusqlite::Result<ArticleRecord> {
    Ok(ArticleRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        published: r.get(5)?,
        mentions: r.get::<_, i64>(6)? as usize,
        published_from: r.get(7)?,
        key: r.get(8)?,
        path: r.get(9)?,
        byline: r.get(10)?,
    })
}

/// What `remove` took out, or would.
#[derive(Debug)]
pub struct Removal {
    pub article: ArticleRecord,
    /// Events that no other article reports.
    pub events_removed: usize,
    /// Events that lost this article's reports but keep others.
    pub events_changed: usize,
}

/// The one article `selector` names: by key, path or URL, else by a file name no other
/// article has. An ambiguous name is an error that lists the candidates.
fn pick_article(tx: &Connection, selector: &str) -> Result<ArticleRecord> {
    let canonical = std::fs::canonicalize(selector)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| selector.to_owned());
    let mut stmt = tx.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS},
                (substr(a.content_hash, 1, ?1) = ?2 OR a.path IS ?2 OR a.path IS ?3 OR a.url IS ?2) AS exact
         FROM articles a
         WHERE substr(a.content_hash, 1, ?1) = ?2 OR a.path IS ?2 OR a.path IS ?3 OR a.url IS ?2 OR a.name = ?2
         ORDER BY exact DESC, a.published, a.id"
    ))?;
    let rows = stmt.query_map(
        params![crate::article::KEY_DIGITS as i64, selector, canonical],
        |r| Ok((article_record(r)?, r.get::<_, bool>("exact")?)),
    )?;
    let found = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let exact: Vec<&ArticleRecord> = found.iter().filter(|(_, e)| *e).map(|(a, _)| a).collect();
    let candidates: Vec<&ArticleRecord> = if exact.is_empty() {
        found.iter().map(|(a, _)| a).collect()
    } else {
        exact
    };
    match candidates[..] {
        [] => bail!(
            "no article {selector:?} (name one by the key, path, URL or file name `timeline articles` shows)"
        ),
        [one] => Ok(one.clone()),
        ref many => {
            let listed: Vec<String> = many
                .iter()
                .map(|a| {
                    format!(
                        "{} {}",
                        a.key,
                        a.path.as_deref().or(a.url.as_deref()).unwrap_or(&a.name)
                    )
                })
                .collect();
            bail!(
                "{} articles are called {selector:?}; name one by its key, path or URL: {}",
                many.len(),
                listed.join("; ")
            )
        }
    }
}

/// What storing reads of the rules: the event types (which reports can be one event, their
/// CAMEO codes) and the gazetteer (where a place lies, whom a person acts for). Not the
/// extractor: the store never extracts; the articles it detaches are extracted again by
/// its caller.
#[derive(Clone, Copy)]
pub struct Knowledge<'a> {
    pub types: &'a EventTypes,
    pub gazetteer: &'a Gazetteer,
}

impl<'a> Knowledge<'a> {
    /// The types and gazetteer an extractor was loaded with.
    pub fn of(extractor: &'a Extractor) -> Knowledge<'a> {
        Knowledge {
            types: &extractor.types,
            gazetteer: &extractor.gazetteer,
        }
    }
}

/// An event's own row, before its actors, mentions and conflicts join it.
struct EventRow {
    id: i64,
    event_type: String,
    cameo: Option<String>,
    start: Option<String>,
    end: String,
    precision: Option<Precision>,
    value: String,
    place: Option<String>,
    modality: Modality,
    summary: String,
}

impl EventRow {
    fn into_event(self, actors: Vec<String>, mentions: Vec<Mention>, conflicts: Vec<Conflict>) -> Event {
        let mut outlets: Vec<&str> = mentions
            .iter()
            .map(|m| m.source.as_deref().unwrap_or(&m.article))
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let sources = outlets.len();
        let mut articles: Vec<&str> = mentions.iter().map(|m| m.article.as_str()).collect();
        articles.sort_unstable();
        articles.dedup();
        let articles = articles.len();
        let label = date_label(
            self.start.as_deref(),
            &self.end,
            self.precision,
            &self.value,
            self.modality,
        );
        let topics = first_seen(mentions.iter().flat_map(|m| m.topics.iter().cloned()));
        let with_role = |role: RoleKind| {
            first_seen(mentions.iter().flat_map(|m| {
                m.roles
                    .iter()
                    .filter(move |r| r.role == role)
                    .map(|r| r.actor.clone())
            }))
        };
        let (source, target) = (with_role(RoleKind::Source), with_role(RoleKind::Target));
        // In the order the reports were stored, as the parties of the first report lead.
        let mut by_report: Vec<&Mention> = mentions.iter().collect();
        by_report.sort_by_key(|m| m.report);
        let parties = first_seen(by_report.iter().flat_map(|m| m.parties.iter().cloned()));
        let key = event_key(&self.event_type, &mentions);
        Event {
            id: self.id,
            key,
            event_type: self.event_type,
            cameo: self.cameo,
            date: EventDate {
                start: self.start,
                end: self.end,
                // An undated event's stored value is its report date, which is not its date.
                value: self.precision.is_some().then_some(self.value),
                precision: self.precision,
                label,
            },
            actors,
            parties,
            source,
            target,
            place: self.place,
            modality: self.modality,
            topics,
            summary: self.summary,
            sources,
            articles,
            conflicts,
            mentions,
        }
    }
}

/// An event's key: from its earliest report by publication date, then article key, then
/// offset (an order that does not depend on which article was stored first), with the
/// event's type, hashed to 12 hex digits.
fn event_key(event_type: &str, mentions: &[Mention]) -> String {
    use sha2::{Digest, Sha256};
    let first = mentions.iter().min_by(|a, b| {
        (&a.published, &a.article_key, a.trigger_start).cmp(&(&b.published, &b.article_key, b.trigger_start))
    });
    let seed = match first {
        Some(m) => format!("{}:{}:{event_type}", m.article_key, m.trigger_start),
        None => event_type.to_owned(),
    };
    Sha256::digest(seed.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Adds `AND column IN (?, ...)` for `values` to a query, unless there are none.
fn one_of(sql: &mut String, args: &mut Vec<Box<dyn rusqlite::ToSql>>, column: &str, values: Vec<String>) {
    if values.is_empty() {
        return;
    }
    let mut marks = Vec::with_capacity(values.len());
    for value in values {
        args.push(Box::new(value));
        marks.push(format!("?{}", args.len()));
    }
    *sql += &format!(" AND {column} IN ({})", marks.join(", "));
}

/// How a person reads a stored date: "2025-03-18", "2025-W11 (Mar 10–16)", and for an
/// undated event "≤ 2025-03-18" (reported by then) or, when planned, "after 2025-03-18".
fn date_label(
    start: Option<&str>,
    end: &str,
    precision: Option<Precision>,
    value: &str,
    modality: Modality,
) -> String {
    let (Some(start), Some(end_day)) = (start.and_then(parse_day), parse_day(end)) else {
        // Undated: reported by `end`, or, still to come, after it.
        return if modality == Modality::Planned {
            format!("after {end}")
        } else {
            format!("≤ {end}")
        };
    };
    match precision {
        Some(p) if p != Precision::Day && value.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            crate::time::DateInterval {
                start,
                end: end_day,
                precision: p,
                value: value.to_owned(),
            }
            .label()
        }
        _ if start == end_day => day(start),
        _ => value.to_owned(),
    }
}

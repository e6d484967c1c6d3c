//! How the store scales: the cost of storing each 1,000 articles as the store grows, and
//! how long `list` takes to read a window of events from a large store.
//!
//! ```sh
//! cargo run --release --example store_scale -- ../shared/data/articles2 100000
//! ```
//!
//! The corpus is generated, by replication, from the extractions of a folder of dated
//! articles: extraction runs once per real article, and each copy is one of them with every
//! date shifted (by 9 days per round of copies, so that copies land on other weeks), every
//! party swapped for another party of the collection (rotated per round), its own URL and
//! a line of its own at the end of its text (so that its content hash is its own). Only the
//! store is measured (what `timeline ingest --mentions` does), in batches of articles, a
//! savepoint each, as a real ingest stores them. The database is a temporary file.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use timeline::article::{
    collect_inputs, content_hash, read_input, Article, FieldNames, Metadata, ARTICLE_EXTENSIONS,
};
use timeline::extract::{ExtractedEvent, Extractor};
use timeline::store::{Batching, Database, Filter, Knowledge};
use timeline::time::format_day;

/// The binary's allocator, so that the store costs here what it costs `timeline ingest`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHUNK: usize = 1_000;
const DAYS_PER_ROUND: i64 = 9;

/// A copy waiting for its place in the timeline's order.
struct Pending {
    article: Article,
    events: Vec<ExtractedEvent>,
}

impl Pending {
    fn key(&self) -> (NaiveDate, &str) {
        (self.article.published, &self.article.hash)
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Pending) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Pending) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Pending) -> Ordering {
        self.key().cmp(&other.key())
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data/articles2".into()));
    let total: usize = args.next().map_or(Ok(10_000), |n| n.parse())?;

    let extractor = Extractor::load()?;
    let mut originals = Vec::new();
    let fields = FieldNames::default();
    for input in collect_inputs(std::slice::from_ref(&folder), ARTICLE_EXTENSIONS, &fields).inputs {
        let input = input?;
        let raw = read_input(&input)?;
        let article = Article::read(
            &input.name(),
            &raw,
            input.format(),
            &fields,
            &Metadata::default(),
            &|_| None,
        )
        .with_context(|| input.display())?;
        let events = extractor.extract(&article);
        originals.push((article, events));
    }
    anyhow::ensure!(!originals.is_empty(), "{}: no dated articles", folder.display());
    let mut parties: Vec<String> = originals
        .iter()
        .flat_map(|(_, events)| events.iter().flat_map(|e| e.parties.iter().cloned()))
        .collect();
    parties.sort();
    parties.dedup();
    println!(
        "{} articles ({} events, {} parties) from {}, replicated to {total}",
        originals.len(),
        originals.iter().map(|(_, e)| e.len()).sum::<usize>(),
        parties.len(),
        folder.display()
    );

    let dir = tempfile_dir()?;
    let db = Database {
        path: dir.join("scale.db"),
        wait: Duration::from_secs(60),
    };
    let mut store = db.open_or_create()?;
    // As `ingest` stores: a transaction per batch, a savepoint per article.
    store.batch_writes(Batching::default());
    let mut chunks = Vec::new();
    let mut started = Instant::now();
    // Copies are stored in the timeline's order (publication date, then content hash), as
    // an ingest of the whole corpus would: an article stored before a later-published one
    // would be detached for storing again, which only the CLI does. The originals span
    // years and each round moves 9 days, so rounds interleave: copies wait in a heap until
    // no later round can publish before them (a window of some hundred rounds).
    let earliest = originals
        .iter()
        .map(|(a, _)| a.published)
        .min()
        .expect("originals");
    let mut waiting: BinaryHeap<Reverse<Pending>> = BinaryHeap::new();
    let mut stored = 0usize;
    for round in 0..=total / originals.len() {
        for (i, (article, events)) in originals.iter().enumerate() {
            if round * originals.len() + i < total {
                let (article, events) = copy(article, events, round, &parties);
                waiting.push(Reverse(Pending { article, events }));
            }
        }
        let next_round_starts = earliest + chrono::Duration::days(DAYS_PER_ROUND * (round as i64 + 1));
        let last_round = (round + 1) * originals.len() >= total;
        while let Some(Reverse(first)) = waiting.peek() {
            if !last_round && first.article.published >= next_round_starts {
                break;
            }
            let Reverse(Pending { article, events }) = waiting.pop().expect("peeked");
            store.ingest(
                &article,
                &events,
                Some(&extractor.fingerprint),
                Knowledge::of(&extractor),
            )?;
            stored += 1;
            // The last batch's commit belongs to the last chunk's cost.
            if stored == total {
                store.flush()?;
            }
            if stored.is_multiple_of(CHUNK) {
                chunks.push(started.elapsed());
                started = Instant::now();
            }
        }
    }
    anyhow::ensure!(
        store.detached_count()? == 0,
        "copies were stored out of the timeline's order"
    );
    let events = store.event_count()?;
    let per_article = |d: &Duration| d.as_secs_f64() * 1e3 / CHUNK as f64;
    if let (Some(first), Some(last)) = (chunks.first(), chunks.last()) {
        println!(
            "stored {total} articles, {events} events: first {CHUNK} {:.2} ms/article, last {CHUNK} {:.2} ms/article (last/first {:.2}); {:.0} articles/s overall",
            per_article(first),
            per_article(last),
            last.as_secs_f64() / first.as_secs_f64(),
            total as f64 / chunks.iter().map(Duration::as_secs_f64).sum::<f64>()
        );
        let step = (chunks.len() / 10).max(1);
        let curve: Vec<String> = chunks
            .iter()
            .enumerate()
            .step_by(step)
            .map(|(k, d)| format!("{}k {:.2}", (k + 1) * CHUNK / 1000, per_article(d)))
            .collect();
        println!("ms/article by articles stored: {}", curve.join(", "));
    }

    // Windows of the store, read as `list` does and rendered as JSON.
    let first_day = originals.iter().map(|(a, _)| a.published).min().unwrap();
    let span_days = DAYS_PER_ROUND * (total / originals.len()) as i64 + 60;
    for days in [7, 30, 90, 365] {
        if days > span_days {
            continue;
        }
        let from = first_day + chrono::Duration::days(span_days / 2);
        let filter = Filter {
            from: Some(from),
            to: Some(from + chrono::Duration::days(days - 1)),
            ..Filter::default()
        };
        let read = Instant::now();
        let listed = store.list(&filter)?;
        let read = read.elapsed();
        let render = Instant::now();
        let mut json = Vec::new();
        timeline::render::json(&listed, &mut json)?;
        println!(
            "list of {days} days: {} events, read {:.1} ms, as JSON {:.1} ms ({:.1} MB)",
            listed.len(),
            read.as_secs_f64() * 1e3,
            render.elapsed().as_secs_f64() * 1e3,
            json.len() as f64 / 1e6
        );
    }
    drop(store);
    if std::env::var_os("STORE_SCALE_KEEP").is_some() {
        println!("kept {}", db.path.display());
    } else {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}

/// Copy `round` of an article and its events: dates shifted, parties rotated, its own URL
/// and text.
fn copy(
    article: &Article,
    events: &[ExtractedEvent],
    round: usize,
    parties: &[String],
) -> (Article, Vec<ExtractedEvent>) {
    let shift = chrono::Duration::days(DAYS_PER_ROUND * round as i64);
    let moved = |d: NaiveDate| d.checked_add_signed(shift).unwrap_or(d);
    let swap = |name: &String| match parties.binary_search(name) {
        Ok(k) => parties[(k + round) % parties.len()].clone(),
        Err(_) => name.clone(),
    };
    let mut article = article.clone();
    article.published = moved(article.published);
    article.url = Some(format!(
        "{}#copy-{round}",
        article.url.as_deref().unwrap_or("https://example.org/")
    ));
    article.name = format!("{}-{round}", article.name);
    article.text = format!("{}\n(copy {round})", article.text);
    article.hash = content_hash(&article.text);
    let events = events
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.parties = e.parties.iter().map(swap).collect();
            e.actors = e.actors.iter().map(swap).collect();
            if let Some(interval) = &mut e.date.interval {
                interval.start = moved(interval.start);
                interval.end = moved(interval.end);
                if interval.start == interval.end {
                    interval.value = format_day(interval.start);
                }
            }
            e
        })
        .collect();
    (article, events)
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("timeline-store-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

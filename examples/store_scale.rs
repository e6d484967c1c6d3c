//! How the store scales: the cost of storing each 1,000 articles as the store grows, and
//! how long `list` takes to read a window of events from a large store.
//!
//! ```sh
//! cargo run --release --example store_scale -- ../shared/data/articles2 100000
//! ```
//!
//! The corpus is generated, by replication, from the extractions of a folder of dated
//! articles: extraction runs once per real article, and each copy is one of them with every
//! date shifted, every party swapped for another party of the collection (rotated per
//! round), its own URL and a line of its own at the end of its text (so that its content
//! hash is its own). Round r of the copies is published in the 9 days from the earliest
//! original's day + 9r, each copy on the day of those 9 that its original's day falls on
//! (counted from the earliest, modulo 9), and all its dates move with it: every 9 days of
//! the stream bring one copy of each original, so that the stream is alike from its first
//! article to its last, as a news feed is. (Shifting every copy of a round by 9r days
//! instead keeps the originals' own spread of two years and more, so the rounds overlap
//! more and more for the first ~10,000 copies: the first thousand then met half the
//! candidate events the later ones did, which measured the generator, not the store.)
//! Originals published on one day stay on one day, so their reports of one event still
//! merge. What stays uneven is history: a report of an event years before its article
//! (a peace agreement of 2016 in an article of 2023) finds nothing to compare with until
//! the stream is that many years long, as in a store begun empty; over the first ~8,000
//! copies the events a report is compared with grow from 3.5 to 4.8; the output says after
//! how many articles the stream's history is complete, and how the chunks after that
//! compare. Only the store is measured (what `timeline ingest --mentions` does), in batches
//! of articles, a savepoint each, as a real ingest stores them. The database is a
//! temporary file.

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
    // would be detached for storing again, which only the CLI does. Each round is published
    // in its own 9 days, so sorting a round's copies is enough.
    let earliest = originals
        .iter()
        .map(|(a, _)| a.published)
        .min()
        .expect("originals");
    let mut stored = 0usize;
    for round in 0..=total / originals.len() {
        let mut copies: Vec<(Article, Vec<ExtractedEvent>)> = originals
            .iter()
            .take(total - (round * originals.len()).min(total))
            .map(|(article, events)| copy(article, events, round, &parties, earliest))
            .collect();
        copies.sort_by(|(a, _), (b, _)| (a.published, &a.hash).cmp(&(b.published, &b.hash)));
        for (article, events) in copies {
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
        // A report of an event D days before its article finds every stored event it could
        // be of only once the stream is D days long: until then the store is younger than
        // the news it is told (as any store begun empty is). The store's own growth shows
        // in the chunks after that.
        let history_days = originals
            .iter()
            .flat_map(|(a, events)| {
                events
                    .iter()
                    .filter_map(|e| e.date.interval.as_ref())
                    .map(move |i| (a.published - i.start).num_days())
            })
            .max()
            .unwrap_or(0)
            .max(0);
        let history = (history_days as usize).div_ceil(DAYS_PER_ROUND as usize) * originals.len();
        let settled = &chunks[history.div_ceil(CHUNK).min(chunks.len() - 1)..];
        let (lo, hi) = settled.iter().fold((f64::MAX, 0f64), |(lo, hi), d| {
            (lo.min(per_article(d)), hi.max(per_article(d)))
        });
        println!(
            "the stream's history is complete after {history} articles (reports up to {history_days} days before their article); \
             from there {lo:.2}–{hi:.2} ms/article (slowest/fastest chunk {:.2}; last/first {:.2})",
            hi / lo,
            settled.last().unwrap().as_secs_f64() / settled[0].as_secs_f64(),
        );
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
    earliest: NaiveDate,
) -> (Article, Vec<ExtractedEvent>) {
    let offset = (article.published - earliest).num_days();
    let shift =
        chrono::Duration::days(DAYS_PER_ROUND * round as i64 + offset.rem_euclid(DAYS_PER_ROUND) - offset);
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

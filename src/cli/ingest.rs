//! `timeline ingest`: read articles, extract their events, store them.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::Result;

use super::{DateArg, Outcome};
use crate::article::{collect_inputs, read_input, Article, Input, Metadata, ARTICLE_EXTENSIONS};
use crate::extract::{ExtractedEvent, Extractor};
use crate::store::{Database, IngestOutcome};
use crate::time::publication_date;

/// An input read and, unless its text is stored already, extracted.
enum Prepared {
    Stored(Article),
    New(Article, Vec<ExtractedEvent>),
}

/// Reads `input` into an article and extracts its events, unless a stored article has the
/// same text (`known` holds the stored content hashes; ingest checks again when it writes).
fn prepare(
    input: &Input,
    overrides: &Metadata,
    known: &HashSet<String>,
    extractor: &Extractor,
) -> Result<Prepared> {
    let raw = read_input(input)?;
    let dateline = |text: &str| publication_date(text, &extractor.tagger);
    let article = Article::parse_dating(&input.name(), &raw, overrides, &dateline)
        .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
    if known.contains(&article.hash) {
        return Ok(Prepared::Stored(article));
    }
    let events = extractor.extract(&article);
    Ok(Prepared::New(article, events))
}

/// Read articles (files, folders of .txt/.md, or - for stdin) into the timeline.
///
/// An article starts with a front matter block (title, source, url, published); the flags
/// below supply or override it. An article with no publication date is refused, since
/// "Tuesday" cannot be resolved without one. Each article is stored in one transaction, and
/// an article whose text is already stored is skipped.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (searched recursively for .txt and .md) or - for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD), for articles whose front matter lacks one
    #[arg(long, value_name = "DATE")]
    published: Option<DateArg>,
    /// The outlet (e.g. "CBS News")
    #[arg(long)]
    source: Option<String>,
    /// The article's title
    #[arg(long)]
    title: Option<String>,
    /// The article's URL
    #[arg(long)]
    url: Option<String>,
    /// Print only failures and the closing count, not a line per article
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let overrides = Metadata {
        title: args.title,
        source: args.source,
        url: args.url,
        published: args.published.map(|d| d.first_day()),
    };
    let extractor = Extractor::load()?;
    let mut store = db.open_or_create()?;
    let known = store.content_hashes()?;
    let inputs = collect_inputs(&args.paths, ARTICLE_EXTENSIONS);
    let total = inputs.len();
    let mut failed = 0;
    let (mut added, mut skipped) = (0, 0);
    // Reading and extraction (most of the time: the parse) run on every core, one article
    // at a time per thread; the store writes the results in input order on this thread, so
    // a run gives the same database however many cores it has.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len().max(1));
    std::thread::scope(|scope| -> Result<()> {
        let (sender, results) = mpsc::sync_channel::<(usize, Result<Prepared>)>(workers * 4);
        for _ in 0..workers {
            let sender = sender.clone();
            let (inputs, next, known, overrides, extractor) =
                (&inputs, &next, &known, &overrides, &extractor);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(index) else { break };
                let prepared = match input {
                    Ok(input) => prepare(input, overrides, known, extractor),
                    Err(e) => Err(anyhow::anyhow!("{e:#}")),
                };
                if sender.send((index, prepared)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, prepared) in results {
            waiting.insert(index, prepared);
            while let Some(prepared) = waiting.remove(&wanted) {
                let display = inputs[wanted]
                    .as_ref()
                    .map(|input| input.display().to_string())
                    .unwrap_or_default();
                wanted += 1;
                let result = prepared.and_then(|prepared| match prepared {
                    Prepared::Stored(article) => Ok(IngestOutcome::Unchanged {
                        stored_as: store
                            .stored_as(&article.hash)?
                            .unwrap_or_else(|| article.name.clone()),
                    }),
                    Prepared::New(article, events) => store
                        .ingest(&article, &events, &extractor)
                        .map_err(|e| anyhow::anyhow!("{display}: cannot store: {e:#}")),
                });
                match result {
                    Ok(IngestOutcome::Added {
                        new_events,
                        merged,
                        replaced,
                    }) => {
                        added += 1;
                        let replaced = replaced.map(|r| format!(", replacing {r}")).unwrap_or_default();
                        if !args.quiet {
                            crate::tell!(
                                "[{wanted}/{total}] ingested {display}: {} ({new_events} new, {merged} merged){replaced}",
                                super::count(new_events + merged, "event")
                            );
                        }
                    }
                    Ok(IngestOutcome::Unchanged { stored_as }) => {
                        skipped += 1;
                        if !args.quiet {
                            crate::tell!(
                                "[{wanted}/{total}] skipped {display}: already ingested as {stored_as}"
                            );
                        }
                    }
                    Err(err) => {
                        failed += 1;
                        crate::tell!("timeline: {err:#}");
                    }
                }
            }
        }
        Ok(())
    })?;
    crate::tell!(
        "{added} ingested, {skipped} unchanged, {failed} failed; {} in {}",
        super::count(store.event_count()?, "event"),
        db.path.display()
    );
    Ok(if failed > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

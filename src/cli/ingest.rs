//! `timeline ingest`: read articles, extract their events, store them.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result};

use super::progress::{Progress, Verbosity, VerbosityArgs};
use super::{DateArg, Outcome};
use crate::article::{
    collect_inputs, read_input, Article, Collected, FieldNames, Input, Metadata, ARTICLE_EXTENSIONS,
};
use crate::extract::exchange::Extraction;
use crate::extract::{ExtractedEvent, Extractor};
use crate::store::{Batching, Database, IngestOutcome, Knowledge, Store};
use crate::time::publication_date;

/// An input read and, unless its text is stored already, extracted.
pub(super) enum Prepared {
    Stored(Article),
    /// The article, its events and the fingerprint of the rules that extracted them.
    New(Article, Vec<ExtractedEvent>, Option<String>),
}

/// How the command line says articles are read: metadata it gives, and the fields of a
/// JSON Lines corpus.
pub(super) struct Reading {
    pub overrides: Metadata,
    pub fields: FieldNames,
}

/// Reads `input` into an article and extracts its events, unless a stored article has the
/// same text (`known` holds the stored content hashes; ingest checks again when it writes).
fn prepare(
    input: &Input,
    reading: &Reading,
    known: &HashSet<String>,
    extractor: &Extractor,
) -> Result<Prepared> {
    let article = read_article(input, reading, extractor)?;
    if known.contains(&article.hash) {
        return Ok(Prepared::Stored(article));
    }
    let events = extractor.extract(&article);
    Ok(Prepared::New(
        article,
        events,
        Some(extractor.fingerprint.clone()),
    ))
}

/// Reads `input` into an article: its text in its format, dated.
fn read_article(input: &Input, reading: &Reading, extractor: &Extractor) -> Result<Article> {
    let raw = read_input(input)?;
    let dateline = |text: &str| publication_date(text, &extractor.tagger);
    let mut article = Article::read(
        &input.name(),
        &raw,
        input.format(),
        &reading.fields,
        &reading.overrides,
        &dateline,
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
    if let Some(path) = input.path() {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        article.path = Some(path.display().to_string());
    }
    Ok(article)
}

/// An article's place in the order the timeline is built in: publication day, then content
/// hash (the store's order, migration 015).
fn order_key(article: &Article) -> (chrono::NaiveDate, &str) {
    (article.published, &article.hash)
}

/// Read articles (files, folders, JSON Lines corpora, or - for stdin) into the timeline.
///
/// An article is a text or Markdown file that starts with a front matter block (YAML between
/// `---` lines or TOML between `+++`: title, source, url, published, author), a saved web
/// page (.html: its main text, title, author, date and canonical URL), or a line of a JSON
/// Lines corpus (.jsonl: fields text, title, url, published, source, author; see --field);
/// the flags below supply or override what they say. An article with no publication date is refused, since
/// "Tuesday" cannot be resolved without one. Articles are committed in batches, each article
/// whole or not at all (a run killed midway is taken up by running it again), and an
/// article whose text is already stored is skipped.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (searched recursively for .txt, .md, .html and .jsonl) or - for stdin
    #[arg(required_unless_present = "mentions", value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    metadata: MetadataArgs,
    /// Store what `timeline extract` wrote (a file of JSON lines, or - for stdin) instead
    /// of reading articles: the same timeline as ingesting the articles themselves
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    mentions: Option<PathBuf>,
    /// Commit after this many articles (and at least every 100 ms): other processes see
    /// stored articles once committed, and a kill loses at most the uncommitted ones
    #[arg(long, value_name = "N", default_value_t = Batching::default().articles as u16,
          value_parser = clap::value_parser!(u16).range(1..))]
    batch: u16,
    #[command(flatten)]
    verbosity: VerbosityArgs,
    #[command(flatten)]
    jobs: JobsArgs,
}

/// How many threads extract (`ingest`, `extract`).
#[derive(Debug, clap::Args)]
pub(super) struct JobsArgs {
    /// Extract with this many threads [default: one per core]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

impl JobsArgs {
    pub(super) fn threads(&self) -> usize {
        self.jobs.map_or_else(all_cores, usize::from)
    }
}

/// One thread per core: what a command extracts on unless told otherwise.
pub(super) fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What the command line says about the articles it names, over their front matter.
#[derive(Debug, clap::Args)]
pub(super) struct MetadataArgs {
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
    /// Who wrote it
    #[arg(long)]
    byline: Option<String>,
    /// Which field of a JSON Lines corpus gives a part of the article: PART=NAME, PART one
    /// of text, title, url, published, source, byline (repeatable; e.g. --field
    /// text=maintext --field published=date_publish)
    #[arg(long = "field", value_name = "PART=NAME", value_parser = parse_field)]
    fields: Vec<(String, String)>,
}

fn parse_field(text: &str) -> Result<(String, String), String> {
    let (part, name) = text
        .split_once('=')
        .filter(|(p, n)| !p.trim().is_empty() && !n.trim().is_empty())
        .ok_or_else(|| format!("{text:?} is not PART=NAME"))?;
    let (part, name) = (part.trim().to_lowercase(), name.trim().to_owned());
    FieldNames::default().with(&part, &name)?;
    Ok((part, name))
}

impl MetadataArgs {
    pub(super) fn reading(self) -> Reading {
        let mut fields = FieldNames::default();
        for (part, name) in &self.fields {
            fields = fields.with(part, name).expect("checked when parsed");
        }
        Reading {
            fields,
            overrides: self.metadata(),
        }
    }

    fn metadata(self) -> Metadata {
        Metadata {
            title: self.title,
            source: self.source,
            url: self.url,
            published: self.published.map(|d| d.first_day()),
            byline: self.byline,
        }
    }
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let reading = args.metadata.reading();
    let extractor = Extractor::load()?;
    let mut store = db.open_or_create()?;
    let known = store.content_hashes()?;
    store.batch_writes(Batching {
        articles: usize::from(args.batch),
        ..Batching::default()
    });
    let mut run = Run::new(&mut store, &extractor, args.verbosity.verbosity());
    let mut skipped = None;
    match &args.mentions {
        Some(file) => read_extractions(file, &known, &mut run)?,
        None => {
            let collected = collect_inputs(&args.paths, ARTICLE_EXTENSIONS, &reading.fields);
            skipped = collected.skipped_summary();
            ingest_in_order(&collected, args.jobs.threads(), &reading, &known, &mut run);
        }
    }
    run.store_detached(args.jobs.threads());
    if let Some(progress) = &run.progress {
        progress.finish();
    }
    let (added, unchanged, failed) = (run.added, run.skipped, run.failed);
    run.store
        .flush()
        .with_context(|| format!("{}: cannot store", db.path.display()))?;
    let replacing = match run.replaced {
        0 => String::new(),
        n => format!(" (of them {n} replacing an earlier text of their URL)"),
    };
    let skipped = skipped.map(|s| format!("; skipped {s}")).unwrap_or_default();
    let restored = match run.restored {
        0 => String::new(),
        n => format!(
            "; {} stored again after earlier ones, as the timeline is built in publication order",
            super::count(n, "article")
        ),
    };
    crate::tell!(
        "{added} ingested{replacing}, {unchanged} unchanged, {failed} failed{skipped}{restored}; {} in {}",
        super::count(store.event_count()?, "event"),
        db.path.display()
    );
    warn_of_other_rules(&store, &extractor)?;
    Ok(if failed > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

/// Says how many stored articles other rules or models extracted, if any.
pub(super) fn warn_of_other_rules(store: &Store, extractor: &Extractor) -> Result<()> {
    let stale = store.articles_by_other_rules(&extractor.fingerprint)?;
    if stale > 0 {
        crate::tell!(
            "timeline: other rules or models extracted {}; `timeline reextract` extracts {} again",
            super::count(stale, "stored article"),
            if stale == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

/// Where an input stands in a run: its position (from 1) of `total`, and its name.
pub(super) struct Place {
    pub position: usize,
    pub total: usize,
    pub display: String,
}

/// Ingests `collected` in the order the timeline is built in (publication day, then content
/// hash), whatever the order of the inputs: first every input is read to learn its place
/// (failures and articles already stored are told then), then the new ones are extracted
/// on `threads` threads and stored in that order. Storing in order is what keeps later
/// articles from being taken out and stored again (see `Store::ingest`). The texts are read
/// twice rather than all held in memory; a file that changes in between is still stored
/// right, only perhaps out of order.
fn ingest_in_order(
    collected: &Collected,
    threads: usize,
    reading: &Reading,
    known: &HashSet<String>,
    run: &mut Run,
) {
    let inputs = &collected.inputs;
    let extractor = run.extractor;
    let total = inputs.len();
    // Each new article by its place: the article itself when its input cannot be read a
    // second time (stdin, a pipe), else only its key, to be read again when its turn comes.
    // Failures and articles already stored are told as they come.
    let mut new: Vec<((chrono::NaiveDate, String), usize, Option<Article>)> = Vec::new();
    in_parallel(
        inputs,
        threads,
        |input| match input {
            Ok(input) => read_article(input, reading, extractor),
            Err(e) => Err(anyhow::anyhow!("{e:#}")),
        },
        |index, result| {
            let display = inputs[index].as_ref().map(|i| i.display()).unwrap_or_default();
            let place = Place {
                position: index + 1,
                total,
                display,
            };
            match result {
                Ok(article) if known.contains(&article.hash) => {
                    run.store(&place, Ok(Prepared::Stored(article)))
                }
                Ok(article) => {
                    let key = (article.published, article.hash.clone());
                    let keep = inputs[index]
                        .as_ref()
                        .is_ok_and(|input| !input.can_be_read_again());
                    new.push((key, index, keep.then_some(article)));
                }
                Err(e) => run.store(&place, Err(e)),
            }
        },
    );
    new.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let new_total = new.len();
    in_parallel(
        &new,
        threads,
        |(_, index, kept)| match (kept, &inputs[*index]) {
            (Some(article), _) => Ok(Prepared::New(
                article.clone(),
                extractor.extract(article),
                Some(extractor.fingerprint.clone()),
            )),
            (None, Ok(input)) => prepare(input, reading, known, extractor),
            (None, Err(e)) => Err(anyhow::anyhow!("{e:#}")),
        },
        |position, prepared| {
            let index = new[position].1;
            let display = inputs[index].as_ref().map(|i| i.display()).unwrap_or_default();
            let place = Place {
                position: position + 1,
                total: new_total,
                display,
            };
            run.store(&place, prepared);
        },
    );
}

/// Reads and extracts `inputs` on `threads` threads, one article at a time each, and hands
/// each result to `take` in input order, so that a run gives the same result however many
/// cores it has.
pub(super) fn extract_in_parallel(
    collected: &Collected,
    threads: usize,
    reading: &Reading,
    known: &HashSet<String>,
    extractor: &Extractor,
    mut take: impl FnMut(Place, Result<Prepared>),
) -> Result<()> {
    let inputs = &collected.inputs;
    let total = inputs.len();
    let prepare = |input: &Result<Input>| match input {
        Ok(input) => prepare(input, reading, known, extractor),
        Err(e) => Err(anyhow::anyhow!("{e:#}")),
    };
    in_parallel(inputs, threads, prepare, |index, prepared| {
        let display = inputs[index]
            .as_ref()
            .map(|input| input.display())
            .unwrap_or_default();
        let place = Place {
            position: index + 1,
            total,
            display,
        };
        take(place, prepared);
    });
    Ok(())
}

/// Runs `work` on each of `items` on `threads` threads and hands each result to `take`
/// with its index, in the order of `items`: work in parallel, results in order. A bounded
/// channel keeps the workers at most a few items ahead of `take`.
pub(super) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R),
) {
    let next = AtomicUsize::new(0);
    let workers = threads.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        let (sender, results) = mpsc::sync_channel::<(usize, R)>(workers * 4);
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                if sender.send((index, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, result) in results {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&wanted) {
                take(wanted, result);
                wanted += 1;
            }
        }
    });
}

/// Stores again, in the timeline's order, every article of `store` that is detached (by
/// `Store::detach_for_reextract`, say), extracting them on `threads` threads. Returns how
/// many were stored again and how many failed.
pub(super) fn store_again(
    store: &mut Store,
    extractor: &Extractor,
    threads: usize,
    verbosity: Verbosity,
) -> (usize, usize) {
    store.batch_writes(Batching::default());
    let mut run = Run::new(store, extractor, verbosity);
    run.store_detached(threads);
    if let Some(progress) = &run.progress {
        progress.finish();
    }
    let (restored, mut failed) = (run.restored, run.failed);
    // The message says how many of the restored were lost.
    if let Err(e) = store.flush() {
        crate::tell!("timeline: {e:#}");
        failed += 1;
    }
    (restored, failed)
}

/// Stores each extraction line of `file` (or stdin for `-`) in order; a line that cannot
/// be read is a failure naming the file and line, and the others are stored.
fn read_extractions(file: &Path, known: &HashSet<String>, run: &mut Run) -> Result<()> {
    let (name, reader): (String, Box<dyn BufRead>) = if file.as_os_str() == "-" {
        ("<stdin>".into(), Box::new(std::io::stdin().lock()))
    } else {
        let opened = std::fs::File::open(file).with_context(|| format!("{}: cannot open", file.display()))?;
        (file.display().to_string(), Box::new(BufReader::new(opened)))
    };
    let mut lines = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read", number + 1))?;
        if !line.trim().is_empty() {
            lines.push((number + 1, line));
        }
    }
    let total = lines.len();
    let mut prepared: Vec<(String, Result<Prepared>)> = lines
        .into_iter()
        .map(|(number, line)| {
            let at = format!("{name}:{number}");
            let prepared = Extraction::from_line(&line)
                .map_err(|e| anyhow::anyhow!("{at}: not an extraction: {e}"))
                .map(|x| {
                    if known.contains(&x.article.hash) {
                        Prepared::Stored(x.article)
                    } else {
                        Prepared::New(x.article, x.events, x.rules)
                    }
                });
            let display = match &prepared {
                Ok(Prepared::Stored(a) | Prepared::New(a, ..)) => format!("{at} ({})", a.name),
                Err(_) => at,
            };
            (display, prepared)
        })
        .collect();
    // Failures and stored articles first, then the new ones in the timeline's order, as a
    // direct ingest stores them.
    fn key(prepared: &Result<Prepared>) -> Option<(chrono::NaiveDate, &str)> {
        match prepared {
            Ok(Prepared::New(article, ..)) => Some(order_key(article)),
            _ => None,
        }
    }
    prepared.sort_by(|(_, a), (_, b)| key(a).cmp(&key(b)));
    for (position, (display, prepared)) in prepared.into_iter().enumerate() {
        let place = Place {
            position: position + 1,
            total,
            display,
        };
        run.store(&place, prepared);
    }
    Ok(())
}

/// How many detached articles are read (with their texts) and extracted at a time.
const DETACHED_BATCH: usize = 256;

/// The writing half of a run: stores each prepared article and says what happened.
struct Run<'a> {
    store: &'a mut Store,
    extractor: &'a Extractor,
    verbosity: Verbosity,
    /// Made at the first article, when the total is known.
    progress: Option<Progress>,
    added: usize,
    /// Of the added, those that replaced an earlier text of their URL.
    replaced: usize,
    /// Stored articles taken out and stored again after an earlier one.
    restored: usize,
    skipped: usize,
    failed: usize,
}

impl<'a> Run<'a> {
    fn new(store: &'a mut Store, extractor: &'a Extractor, verbosity: Verbosity) -> Run<'a> {
        Run {
            store,
            extractor,
            verbosity,
            progress: None,
            added: 0,
            replaced: 0,
            restored: 0,
            skipped: 0,
            failed: 0,
        }
    }

    /// Stores again, one by one, the detached articles that come before `next` in the
    /// timeline's order, so that `next` is stored after them.
    fn store_detached_before(&mut self, next: &Article) -> Result<()> {
        while let Some(article) = self.store.detached_before(next)? {
            let events = self.extractor.extract(&article);
            self.restore(&article, &events)?;
        }
        Ok(())
    }

    /// Stores again every detached article, extracting them on `threads` threads, a batch
    /// at a time, until none is left (another run may detach more meanwhile).
    fn store_detached(&mut self, threads: usize) {
        loop {
            let articles = match self.store.detached(DETACHED_BATCH) {
                Ok(articles) if !articles.is_empty() => articles,
                Ok(_) => return,
                Err(e) => {
                    self.fail(format!("timeline: cannot read the detached articles: {e:#}"));
                    return;
                }
            };
            let extractor = self.extractor;
            if self.progress.is_none() {
                let total = self.store.detached_count().unwrap_or(articles.len());
                self.progress = Some(Progress::new(total, self.verbosity));
            }
            let mut stopped = false;
            in_parallel(
                &articles,
                threads,
                |a| extractor.extract(a),
                |index, events| {
                    if !stopped {
                        if let Err(e) = self.restore(&articles[index], &events) {
                            self.fail(format!(
                                "timeline: {}: cannot store again: {e:#}",
                                articles[index].name
                            ));
                            stopped = true;
                        }
                    }
                },
            );
            if stopped {
                return;
            }
        }
    }

    /// Stores a detached article again with `events`.
    fn restore(&mut self, article: &Article, events: &[ExtractedEvent]) -> Result<()> {
        if let IngestOutcome::Added { .. } = self.store.reattach(
            article,
            events,
            &self.extractor.fingerprint,
            Knowledge::of(self.extractor),
        )? {
            self.restored += 1;
            if let Some(progress) = &self.progress {
                progress.advance();
                progress.detail(&format!("stored {} ({}) again", article.name, article.key()));
            }
        }
        Ok(())
    }

    /// Tells of a failure that is not one input's.
    fn fail(&mut self, message: String) {
        self.failed += 1;
        match &self.progress {
            Some(progress) => progress.say(&message),
            None => crate::tell!("{message}"),
        }
    }

    fn store(&mut self, place: &Place, prepared: Result<Prepared>) {
        let Place {
            position,
            total,
            display,
        } = place;
        let result = prepared.and_then(|prepared| match prepared {
            Prepared::Stored(article) => Ok(IngestOutcome::Unchanged {
                stored_as: self
                    .store
                    .stored_as(&article.hash)?
                    .unwrap_or_else(|| article.name.clone()),
            }),
            Prepared::New(article, events, rules) => self
                .store_detached_before(&article)
                .and_then(|()| {
                    self.store
                        .ingest(&article, &events, rules.as_deref(), Knowledge::of(self.extractor))
                })
                .map_err(|e| anyhow::anyhow!("{display}: cannot store: {e:#}")),
        });
        let progress = self
            .progress
            .get_or_insert_with(|| Progress::new(*total, self.verbosity));
        progress.advance();
        match result {
            Ok(IngestOutcome::Added {
                new_events,
                merged,
                replaced,
            }) => {
                self.added += 1;
                self.replaced += usize::from(replaced.is_some());
                let replaced = replaced.map(|r| format!(", replacing {r}")).unwrap_or_default();
                progress.detail(&format!(
                    "[{position}/{total}] ingested {display}: {} ({new_events} new, {merged} merged){replaced}",
                    super::count(new_events + merged, "event")
                ));
            }
            Ok(IngestOutcome::Unchanged { stored_as }) => {
                self.skipped += 1;
                progress.detail(&format!(
                    "[{position}/{total}] skipped {display}: already ingested as {stored_as}"
                ));
            }
            Err(err) => {
                self.failed += 1;
                progress.say(&format!("timeline: {err:#}"));
            }
        }
    }
}

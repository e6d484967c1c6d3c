//! `timeline ingest`: read articles, extract their events, store them.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{DateArg, Outcome};
use crate::article::{collect_inputs, read_input, Article, Metadata, ARTICLE_EXTENSIONS};
use crate::extract::Extractor;
use crate::store::{IngestOutcome, Store};
use crate::time::publication_date;

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
}

pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let overrides = Metadata {
        title: args.title,
        source: args.source,
        url: args.url,
        published: args.published.map(|d| d.first_day()),
    };
    let extractor = Extractor::load()?;
    let mut store = Store::open(db)?;
    let mut failed = 0;
    let (mut added, mut skipped) = (0, 0);
    for input in collect_inputs(&args.paths, ARTICLE_EXTENSIONS) {
        let result = input.and_then(|input| {
            let raw = read_input(&input)?;
            let dateline = |text: &str| publication_date(text, &extractor.tagger);
            let article = Article::parse_dating(&input.name(), &raw, &overrides, &dateline)
                .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
            // Unchanged text: skip extraction too (ingest checks again inside its transaction).
            if let Some(stored_as) = store.stored_as(&article.hash)? {
                return Ok((input, IngestOutcome::Unchanged { stored_as }));
            }
            let events = extractor.extract(&article);
            let outcome = store
                .ingest(&article, &events, &extractor)
                .map_err(|e| anyhow::anyhow!("{}: cannot store: {e:#}", input.display()))?;
            Ok((input, outcome))
        });
        match result {
            Ok((
                input,
                IngestOutcome::Added {
                    new_events,
                    merged,
                    replaced,
                },
            )) => {
                added += 1;
                let replaced = replaced.map(|r| format!(", replacing {r}")).unwrap_or_default();
                eprintln!(
                    "ingested {}: {} ({new_events} new, {merged} merged){replaced}",
                    input.display(),
                    super::count(new_events + merged, "event")
                );
            }
            Ok((input, IngestOutcome::Unchanged { stored_as })) => {
                skipped += 1;
                eprintln!("skipped {}: already ingested as {stored_as}", input.display());
            }
            Err(err) => {
                failed += 1;
                eprintln!("timeline: {err:#}");
            }
        }
    }
    eprintln!(
        "{added} ingested, {skipped} unchanged, {failed} failed; {} in {}",
        super::count(store.event_count()?, "event"),
        db.display()
    );
    Ok(if failed > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

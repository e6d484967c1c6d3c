//! `timeline reextract`: extract stored articles again, after the rules or models changed.
//!
//! Each article is stored with the fingerprint of the rules and models that extracted it
//! (`extract::fingerprint`); `ingest` says when some were extracted by others. The stored
//! text is what every offset points into, so the articles are extracted from it, not from
//! their files, which may have moved or changed.

use anyhow::Result;

use super::ingest::{in_parallel, JobsArgs};
use super::progress::{Progress, Verbosity};
use super::Outcome;
use crate::extract::Extractor;
use crate::store::{Database, IngestOutcome};

/// Extract stored articles again with these rules and models: those that other rules
/// extracted (see `ingest`'s warning), or all of them with --all.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Extract every stored article again, not only those other rules extracted
    #[arg(long)]
    all: bool,
    /// Say how many articles would be extracted again, and change nothing
    #[arg(long, short = 'n')]
    dry_run: bool,
    /// Print only failures and the closing count: no progress bar
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print a line per article
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    jobs: JobsArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let extractor = Extractor::load()?;
    let mut store = db.open_existing()?;
    let hashes = store.articles_to_reextract(&extractor.fingerprint, args.all)?;
    if args.dry_run {
        crate::tell!(
            "would extract {} again (rules {}); nothing changed (--dry-run)",
            super::count(hashes.len(), "article"),
            extractor.fingerprint
        );
        return Ok(Outcome::Success);
    }
    let articles = hashes
        .iter()
        .map(|hash| store.stored_article(hash))
        .collect::<Result<Vec<_>>>()?;
    let progress = Progress::new(articles.len(), Verbosity::from_flags(args.quiet, args.verbose));
    let (mut done, mut failed) = (0, 0);
    let mut result = Ok(());
    in_parallel(
        &articles,
        args.jobs.threads(),
        |article| article.as_ref().map(|a| extractor.extract(a)),
        |index, events| {
            progress.advance();
            let (Some(article), Some(events)) = (&articles[index], events) else {
                return;
            };
            if result.is_err() {
                return;
            }
            match store.reextract(article, &events, &extractor.fingerprint, &extractor) {
                Ok(IngestOutcome::Added {
                    new_events, merged, ..
                }) => {
                    done += 1;
                    progress.detail(&format!(
                        "[{}/{}] extracted {} ({}) again: {} ({new_events} new, {merged} merged)",
                        index + 1,
                        articles.len(),
                        article.key(),
                        article.name,
                        super::count(new_events + merged, "event"),
                    ));
                }
                Ok(IngestOutcome::Unchanged { .. }) => {}
                Err(e) => {
                    failed += 1;
                    progress.say(&format!("timeline: {}: cannot store: {e:#}", article.name));
                    // A store that cannot be written is not written to any further.
                    result = Err(e);
                }
            }
        },
    );
    progress.finish();
    crate::tell!(
        "extracted {} again, {failed} failed; {} in {}",
        super::count(done, "article"),
        super::count(store.event_count()?, "event"),
        db.path.display()
    );
    result?;
    Ok(Outcome::Success)
}

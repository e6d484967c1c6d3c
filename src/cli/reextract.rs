//! `timeline reextract`: extract stored articles again, after the rules or models changed.
//!
//! Each article is stored with the fingerprint of the rules and models that extracted it
//! (`extract::fingerprint`); `ingest` says when some were extracted by others. The stored
//! text is what every offset points into, so the articles are extracted from it, not from
//! their files, which may have moved or changed.

use anyhow::Result;

use super::ingest::{store_again, JobsArgs};
use super::progress::VerbosityArgs;
use super::Outcome;
use crate::extract::Extractor;
use crate::store::{Database, Knowledge};

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
    #[command(flatten)]
    verbosity: VerbosityArgs,
    #[command(flatten)]
    jobs: JobsArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let extractor = Extractor::load()?;
    let mut store = db.open_existing()?;
    let stale = match args.all {
        true => store.article_count()?,
        false => store.articles_by_other_rules(&extractor.fingerprint)?,
    };
    if args.dry_run {
        crate::tell!(
            "would extract {} again (rules {}); nothing changed (--dry-run)",
            super::count(stale, "article"),
            extractor.fingerprint
        );
        return Ok(Outcome::Success);
    }
    // The timeline after an article depends on it: every article from the first one to
    // extract again on is stored again, in order.
    store.detach_for_reextract(&extractor.fingerprint, args.all, Knowledge::of(&extractor))?;
    let verbosity = args.verbosity.verbosity();
    let (restored, failed) = store_again(&mut store, &extractor, args.jobs.threads(), verbosity);
    let also = match restored.saturating_sub(stale) {
        0 => String::new(),
        n => format!(
            " ({} after them stored again, as what they merged with changed)",
            super::count(n, "article")
        ),
    };
    crate::tell!(
        "extracted {} again{also}, {failed} failed; {} in {}",
        super::count(stale.min(restored), "article"),
        super::count(store.event_count()?, "event"),
        db.path.display()
    );
    Ok(if failed > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

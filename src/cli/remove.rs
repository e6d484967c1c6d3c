//! `timeline remove`: take an article and its mentions out of the timeline.

use anyhow::Result;

use super::progress::Verbosity;
use super::Outcome;
use crate::extract::{EventTypes, Extractor};
use crate::store::{Database, Knowledge};

/// Remove an article and its mentions.
///
/// The article is named by its key (as `timeline articles` shows it), its path (as `ingest`
/// printed it, or any path to the same file), its URL, or its file name when no other
/// article has that name. Events no other article reports go with it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's key, path, URL or file name
    #[arg(add = clap_complete::ArgValueCompleter::new(super::completions::article_keys))]
    article: String,
    /// Say what would be removed, and remove nothing
    #[arg(long, short = 'n')]
    dry_run: bool,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    // Removing reads the types and the gazetteer; the whole extractor (every rule compiled,
    // the models loaded) only when articles after it are to be stored again.
    let (types, gazetteer) = (EventTypes::load()?, crate::extract::gazetteer()?);
    let mut store = db.open_existing()?;
    let removal = store.remove(
        &args.article,
        args.dry_run,
        Knowledge {
            types: &types,
            gazetteer: &gazetteer,
        },
    )?;
    let a = &removal.article;
    let what = format!(
        "{} {} ({}); {} with it, {} kept by other reports",
        a.key,
        a.path.as_deref().unwrap_or(&a.name),
        super::count(a.mentions, "mention"),
        super::count(removal.events_removed, "event"),
        super::count(removal.events_changed, "event"),
    );
    if args.dry_run {
        crate::tell!("would remove {what}; nothing removed (--dry-run)");
        return Ok(Outcome::Success);
    }
    crate::tell!("removed {what}");
    // The articles after it merged with what it reported: they are stored again, as if it
    // had never been ingested.
    if store.detached_count()? == 0 {
        return Ok(Outcome::Success);
    }
    let extractor = Extractor::load()?;
    let threads = super::ingest::all_cores();
    let (restored, failed) = super::ingest::store_again(&mut store, &extractor, threads, Verbosity::Quiet);
    if restored > 0 || failed > 0 {
        crate::tell!(
            "stored {} after it again, {failed} failed",
            super::count(restored, "article")
        );
    }
    Ok(if failed > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

//! `timeline remove`: take an article and its mentions out of the timeline.

use anyhow::{bail, Result};

use super::Outcome;
use crate::extract::Extractor;
use crate::store::Database;

/// Remove an article and its mentions.
///
/// The article is named by file name or URL; events no other article reports go with it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's file name (as `timeline articles` lists it) or URL
    article: String,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let extractor = Extractor::load()?;
    let mut store = db.open_existing()?;
    let removed = store.remove(&args.article, &extractor)?;
    if removed == 0 {
        bail!("no article {:?} in {}", args.article, db.path.display());
    }
    crate::tell!("removed {}", args.article);
    Ok(Outcome::Success)
}

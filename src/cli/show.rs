//! `timeline show`: one event with every piece of evidence for it.

use anyhow::{bail, Result};

use super::Outcome;
use crate::render;
use crate::store::Database;

/// Show one event with all its evidence.
///
/// Its date, actors and conflicts, and every sentence that reports it, with offsets, the
/// rule that fired, the date reading and who it is attributed to.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The event's ID (from `timeline list`)
    id: i64,
    #[command(flatten)]
    output: super::filters::RecordFormatArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let store = db.open_for_reading()?;
    let Some(event) = store.event(args.id)? else {
        bail!("no event {} in {}", args.id, db.path.display());
    };
    let mut out = super::Output::open(args.output.file.output.as_deref())?;
    if args.output.json() {
        crate::render::write_json(&event, &mut out)?;
    } else {
        render::show(&event, &mut out)?;
    }
    out.finish()?;
    Ok(Outcome::Success)
}

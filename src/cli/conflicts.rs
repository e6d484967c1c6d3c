//! `timeline conflicts`: the events whose sources disagree.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::store::{Database, Filter};

/// List the events whose sources disagree.
///
/// Dates that do not overlap, places that differ, or one source leaving out what another
/// reports.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    output: super::filters::RecordFormatArgs,
    /// Wrap the table to this width, at least 20
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let store = db.open_for_reading()?;
    let events = store.list(&Filter {
        with_conflicts: true,
        ..Filter::default()
    })?;
    let mut out = super::Output::open(args.output.file.output.as_deref())?;
    if args.output.json() {
        crate::render::write_json(&events, &mut out)?;
        out.finish()?;
        return Ok(Outcome::Success);
    }
    let table = crate::render::conflicts_table(
        &events,
        super::filters::table_options(args.width, out.is_terminal()),
    );
    writeln!(out, "{table}")?;
    out.finish()?;
    Ok(Outcome::Success)
}

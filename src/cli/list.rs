//! `timeline list`: the events of the timeline, in date order.

use anyhow::Result;

use super::filters::{table_options, FilterArgs, OutputArgs};
use super::Outcome;
use crate::render::{self, Format};
use crate::store::Database;

/// List events in date order.
///
/// An event is in range when its date interval overlaps the range (bounds inclusive); an
/// undated event counts at the date it was reported.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let store = db.open_for_reading()?;
    let filter = args.filters.filter()?;
    let events = store.list(&filter)?;
    let mut out = super::Output::open(args.output.file.output.as_deref())?;
    match args.output.format {
        Format::Table => render::table(
            &events,
            table_options(args.output.width, out.is_terminal()),
            &mut out,
        )?,
        Format::Json => render::json(&events, &mut out)?,
        Format::Csv => csv(&events, &mut out)?,
        Format::Markdown => render::markdown(&events, &mut out)?,
    }
    out.finish()?;
    // A table is read by someone who may wonder where the other events went; a count of
    // them by modality, on stderr (it is not a record), says. Not with --min-sources, whose
    // count needs every event's reports.
    if args.output.format == Format::Table && filter.min_sources == 0 {
        let left_out = store.left_out_by_modality(&filter)?;
        if !left_out.is_empty() {
            let counts: Vec<String> = left_out.iter().map(|(m, n)| format!("{n} {m}")).collect();
            let total = left_out.iter().map(|(_, n)| n).sum();
            crate::tell!(
                "not shown: {} ({}); --modality all lists them",
                super::count(total, "more event"),
                counts.join(", ")
            );
        }
    }
    // The process ends now: freeing every string of every report one by one would take an
    // eighth of a large list's time, for memory the exit returns at once.
    std::mem::forget(events);
    Ok(Outcome::Success)
}

/// The CSV of `events`, with CAMEO codes written as the rule files name them.
pub(super) fn csv(events: &[crate::store::Event], out: &mut dyn std::io::Write) -> Result<()> {
    let types = crate::extract::EventTypes::load()?;
    render::csv(events, &|code| types.cameo_text(code), out)
}

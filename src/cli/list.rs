//! `timeline list`: the events of the timeline, in date order.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Result};

use super::{open_store, DateArg, Outcome};
use crate::extract::Modality;
use crate::render::{self, Format, TableOptions};
use crate::store::Filter;

/// List events by date. An event is in range when its date interval overlaps the range
/// (bounds inclusive); an undated event counts at the date it was reported.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Earliest date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    from: Option<DateArg>,
    /// Latest date, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    to: Option<DateArg>,
    /// Only events of this type (repeatable): call, meeting, talks, proposal, ...
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<String>,
    /// Only events with this actor (repeatable: all must take part)
    #[arg(long = "actor", value_name = "ACTOR")]
    actors: Vec<String>,
    /// Only events at this place
    #[arg(long)]
    place: Option<String>,
    /// Only events reported by at least N outlets
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: usize,
    /// Which modalities to list: "reported" (asserted, planned, proposed) or "all", or
    /// one of asserted, planned, proposed, hypothetical, negated (repeatable)
    #[arg(long = "modality", value_name = "M", default_value = "reported")]
    modalities: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Wrap the table to this width [default: the terminal's]
    #[arg(long)]
    width: Option<u16>,
}

pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let store = open_store(db)?;
    let filter = Filter {
        from: args.from.map(|d| d.first_day()),
        to: args.to.map(|d| d.last_day()),
        types: args.types,
        actors: args.actors,
        place: args.place,
        min_sources: args.min_sources,
        modalities: parse_modalities(&args.modalities)?,
    };
    let events = store.list(&filter)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Table => {
            let width = args.width.or_else(|| terminal_width(&stdout));
            render::table(&events, TableOptions { width }, &mut out)?
        }
        Format::Json => render::json(&events, &mut out)?,
        Format::Csv => render::csv(&events, &mut out)?,
        Format::Markdown => render::markdown(&events, &mut out)?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn terminal_width(stdout: &std::io::Stdout) -> Option<u16> {
    if !stdout.is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or(Some(120))
}

fn parse_modalities(words: &[String]) -> Result<Vec<Modality>> {
    let mut out = Vec::new();
    for word in words {
        match word.as_str() {
            "all" => return Ok(Vec::new()),
            "reported" => out.extend([Modality::Asserted, Modality::Planned, Modality::Proposed]),
            other => match Modality::parse(other) {
                Some(m) => out.push(m),
                None => bail!("unknown modality {other:?}: use reported, all, asserted, planned, proposed, hypothetical or negated"),
            },
        }
    }
    Ok(out)
}

//! `timeline export`: the timeline for other tools — TimelineJS, a self-contained HTML page,
//! iCalendar, CSV, JSON, Markdown, Parquet.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::ValueEnum;

use super::filters::FilterArgs;
use super::Outcome;
use crate::extract;
use crate::render::{self, html, ics, timelinejs};
use crate::store::Database;
use crate::storyline::{storylines, Threading};

/// Export the events (with the same filters as `list`) to a file or stdout.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    /// The format
    #[arg(long, value_enum)]
    format: ExportFormat,
    #[command(flatten)]
    output: super::OutputFileArgs,
    /// Lanes (HTML) and groups (TimelineJS) by storyline topic or by parties
    #[arg(long, value_enum, default_value_t = Threading::Topic)]
    by: Threading,
    /// The title of the timeline
    #[arg(long, default_value = "Timeline")]
    title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// TimelineJS (Knight Lab) JSON
    Timelinejs,
    /// One self-contained HTML page drawing the timeline
    Html,
    /// iCalendar all-day events
    Ics,
    Csv,
    /// {"version": 1, "events": [...]}: the events as `list --format json` prints them
    Json,
    /// The JSON Schema of the json format (needs no database)
    JsonSchema,
    Markdown,
    /// Apache Parquet, one row per event (for pandas, Polars, DuckDB, Spark)
    Parquet,
    /// Apache Parquet, one row per report, with its event's ID
    ParquetMentions,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let binary = matches!(args.format, ExportFormat::Parquet | ExportFormat::ParquetMentions);
    if binary && args.output.output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("Parquet is a binary file: give --output FILE, or redirect standard output");
    }
    let events = match args.format {
        // The schema is of the format, not of a database's events.
        ExportFormat::JsonSchema => Vec::new(),
        _ => db.open_for_reading()?.list(&args.filters.filter()?)?,
    };
    let mut buffer: Vec<u8> = Vec::new();
    match args.format {
        ExportFormat::Csv => super::list::csv(&events, &mut buffer)?,
        ExportFormat::Json => render::export_json(&events, &mut buffer)?,
        ExportFormat::JsonSchema => render::export_json_schema(&mut buffer)?,
        ExportFormat::Markdown => render::markdown(&events, &mut buffer)?,
        ExportFormat::Parquet => render::parquet::events(&events, &mut buffer)?,
        ExportFormat::ParquetMentions => render::parquet::mentions(&events, &mut buffer)?,
        ExportFormat::Ics => {
            let calendar = ics::calendar(&events);
            if calendar.undated > 0 {
                crate::tell!("{} undated events left out of the calendar", calendar.undated);
            }
            buffer.extend_from_slice(calendar.text.as_bytes());
        }
        ExportFormat::Timelinejs | ExportFormat::Html => {
            let lines = storylines(events, args.by);
            if args.format == ExportFormat::Html {
                let types = extract::EventTypes::load()?;
                let colour = |t: &str| types.colour(t).map(str::to_owned);
                buffer.extend_from_slice(html::page(&lines, &args.title, &colour).as_bytes());
            } else {
                serde_json::to_writer_pretty(&mut buffer, &timelinejs::timeline(&lines, &args.title))?;
                buffer.push(b'\n');
            }
        }
    }
    let mut out = super::Output::open(args.output.output.as_deref())?;
    out.write_all(&buffer)?;
    out.finish()?;
    Ok(Outcome::Success)
}

//! `timeline seq`: storylines, each as a table of steps with the days between them.

use anyhow::Result;

use super::filters::{table_options, FilterArgs, OutputArgs};
use super::Outcome;
use crate::extract;
use crate::render::{sequence, Format};
use crate::store::Database;
use crate::storyline::{storylines, Threading};

/// Print storylines: threads of events as tables of steps.
///
/// Events are linked by topic (ceasefire, Black Sea, energy, prisoners, territory,
/// sanctions…, from data/rules/events/topics.toml) and by actors, in date order, with the
/// days since the previous step. Where two steps' dates overlap, the order is marked
/// uncertain rather than invented.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    /// Only the storylines of this topic
    #[arg(long, value_parser = super::filters::Hinted(super::filters::topic_names), hide_possible_values = true)]
    topic: Option<String>,
    /// Thread events by topic (default) or by their parties
    #[arg(long, value_enum, default_value_t = Threading::Topic)]
    by: Threading,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let store = db.open_for_reading()?;
    let events = store.list(&args.filters.filter()?)?;
    let mut lines = storylines(events, args.by);
    if let Some(topic) = &args.topic {
        let topics = extract::Topics::load()?;
        let Some(topic) = topics.names().iter().find(|n| n.eq_ignore_ascii_case(topic)) else {
            anyhow::bail!(
                "unknown topic {topic:?}: use one of {}",
                topics.names().join(", ")
            );
        };
        lines.retain(|s| s.topic.as_deref() == Some(topic.as_str()));
    }
    let mut out = super::Output::open(args.output.file.output.as_deref())?;
    match args.output.format {
        Format::Table => sequence::tables(
            &lines,
            table_options(args.output.width, out.is_terminal()),
            &mut out,
        )?,
        Format::Json => sequence::json(&lines, &mut out)?,
        Format::Csv => sequence::csv(&lines, &mut out)?,
        Format::Markdown => sequence::markdown(&lines, &mut out)?,
    }
    out.finish()?;
    Ok(Outcome::Success)
}

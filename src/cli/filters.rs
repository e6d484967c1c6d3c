//! Options shared by the commands that read events: which events, and how a table fits the
//! terminal.

use anyhow::{bail, Result};

use super::DateArg;
use crate::extract::EventTypes;
use crate::model::Modality;
use crate::render::{Format, TableOptions};
use crate::store::Filter;

/// Which events. An event is in a date range when its interval overlaps it (bounds
/// inclusive); an undated event counts at the date it was reported.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Earliest date: YYYY-MM-DD, YYYY-MM, YYYY or a phrase ("last month", "March 2025")
    #[arg(long, value_name = "DATE")]
    from: Option<DateArg>,
    /// Latest date, inclusive: YYYY-MM-DD, YYYY-MM, YYYY or a phrase ("last week")
    #[arg(long, value_name = "DATE")]
    to: Option<DateArg>,
    /// Only events of this type (repeatable): call, meeting, talks, proposal, ...
    #[arg(long = "type", value_name = "TYPE", value_parser = Hinted(event_type_names), hide_possible_values = true)]
    types: Vec<String>,
    /// Only events with this actor (repeatable: all must take part)
    #[arg(long = "actor", value_name = "ACTOR", value_parser = Hinted(known_actor_names),
          hide_possible_values = true, add = clap_complete::ArgValueCompleter::new(super::completions::actors))]
    actors: Vec<String>,
    /// Only events at this place
    #[arg(long)]
    place: Option<String>,
    /// Only events reported by at least N outlets
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: usize,
    /// Which modalities: "reported" (asserted, proposed, and planned with a date), "all", or
    /// one of asserted, planned, proposed, hypothetical, negated, habitual (repeatable)
    #[arg(long = "modality", value_name = "M", default_value = "reported",
          value_parser = Hinted(modality_names), hide_possible_values = true)]
    modalities: Vec<String>,
}

/// A string option whose known values are offered to shell completion (`timeline
/// completions`), while checking is left to the command, which reads names as the rule
/// files name things (any case, aliases) and lists the valid ones in its error.
#[derive(Clone)]
pub struct Hinted(pub fn() -> Vec<String>);

impl clap::builder::TypedValueParser for Hinted {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)().into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

/// The actors the rule files know, for completion.
pub fn known_actor_names() -> Vec<String> {
    crate::extract::known_actor_names().unwrap_or_default()
}

/// The event types of the rule files, for completion.
pub fn event_type_names() -> Vec<String> {
    EventTypes::load()
        .map(|types| types.names().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The modalities `--modality` takes, for completion.
fn modality_names() -> Vec<String> {
    ["reported", "all"]
        .into_iter()
        .map(str::to_owned)
        .chain(Modality::ALL.iter().map(|m| m.as_str().to_owned()))
        .collect()
}

/// The topics of the rule files, for completion.
pub fn topic_names() -> Vec<String> {
    crate::extract::Topics::load()
        .map(|topics| topics.names().to_vec())
        .unwrap_or_default()
}

impl FilterArgs {
    /// The filter, with names read as the rule files name things: a type in any case, an
    /// actor by any alias, a place with the places in it. A type that does not exist or a
    /// reversed range is an error, not an empty result.
    pub fn filter(&self) -> Result<Filter> {
        let from = self.from.as_ref().map(DateArg::first_day);
        let to = self.to.as_ref().map(DateArg::last_day);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
        }
        let types = if self.types.is_empty() {
            Vec::new()
        } else {
            let known = EventTypes::load()?;
            let names: Vec<&str> = known.names().collect();
            self.types
                .iter()
                .map(|t| match names.iter().find(|n| n.eq_ignore_ascii_case(t)) {
                    Some(name) => Ok((*name).to_owned()),
                    None => bail!("unknown event type {t:?}: use one of {}", names.join(", ")),
                })
                .collect::<Result<Vec<_>>>()?
        };
        let gazetteer = (!self.actors.is_empty() || self.place.is_some())
            .then(crate::extract::gazetteer)
            .transpose()?;
        let actors = self
            .actors
            .iter()
            .map(|a| {
                gazetteer
                    .as_ref()
                    .and_then(|g| g.canonical_actor(a))
                    .map_or_else(|| a.clone(), str::to_owned)
            })
            .collect();
        let places = match (&self.place, &gazetteer) {
            (Some(place), Some(g)) => g.places_within(place),
            _ => Vec::new(),
        };
        let (modalities, hide_undated_plans) = parse_modalities(&self.modalities)?;
        Ok(Filter {
            from,
            to,
            types,
            actors,
            places,
            min_sources: self.min_sources,
            modalities,
            hide_undated_plans,
            with_conflicts: false,
        })
    }
}

/// The modalities `words` name (empty for all), and whether plans no report dates are left
/// out: "reported" leaves them out ("will begin negotiations" has no place on a timeline),
/// unless "planned" is asked for too.
fn parse_modalities(words: &[String]) -> Result<(Vec<Modality>, bool)> {
    let mut out = Vec::new();
    let mut reported = false;
    for word in words {
        match word.as_str() {
            "all" => return Ok((Vec::new(), false)),
            "reported" => {
                reported = true;
                out.extend([Modality::Asserted, Modality::Planned, Modality::Proposed])
            }
            other => match Modality::parse(other) {
                Some(m) => out.push(m),
                None => bail!(
                    "unknown modality {other:?}: use reported, all, asserted, planned, proposed, hypothetical, negated or habitual"
                ),
            },
        }
    }
    let planned_asked = words.iter().any(|w| w == "planned");
    Ok((out, reported && !planned_asked))
}

/// How events are printed, for the commands that print tables.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Wrap tables to this width, at least 20 [default: the terminal's]
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    #[command(flatten)]
    pub file: super::OutputFileArgs,
}

/// How a table is drawn (`terminal`: whether it is written to one): wrapped to `--width` or the terminal's width, in
/// colour as `--color` says (by default only on a terminal, and never when NO_COLOR is set
/// or TERM is dumb); with boxes
/// only on a terminal that is not dumb, in ASCII elsewhere.
pub fn table_options(width: Option<u16>, terminal: bool) -> TableOptions {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let colour = match super::color_choice() {
        super::ColorChoice::Always => true,
        super::ColorChoice::Never => false,
        super::ColorChoice::Auto => {
            terminal && !dumb && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = width.or_else(|| {
        terminal.then(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .or_else(|| comfy_table::Table::new().width())
                .unwrap_or(120)
        })
    });
    TableOptions {
        width,
        colour,
        ascii: !terminal || dumb,
    }
}

/// `--format table|json` for the commands that print one kind of record (`show`,
/// `conflicts`, `articles`), as `list` and `seq` take `--format`; `--json` is kept as the
/// older spelling of `--format json`.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordFormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RecordFormat::Table)]
    format: RecordFormat,
    /// The same as --format json
    #[arg(long, hide = true)]
    json: bool,
    #[command(flatten)]
    pub file: super::OutputFileArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    Table,
    Json,
}

impl RecordFormatArgs {
    pub fn json(&self) -> bool {
        self.json || self.format == RecordFormat::Json
    }
}

//! The command line: one module per subcommand, each with its own `Args` and `run`.

/// Writes a line to standard error, and goes on when nobody reads it: a run piped into
/// `head` (`ingest dir 2>&1 | head`) must finish its work, not die at the first closed pipe
/// as `eprintln!` would.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod articles;
pub mod completions;
mod conflicts;
mod export;
mod extract;
mod filters;
mod ingest;
mod list;
mod man;
mod output;
mod parse;
mod progress;
mod reextract;
mod remove;
mod seq;
mod show;
mod tag;

use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand};

use crate::store;
use crate::time::{DateInterval, Unit};

/// Turn news articles about negotiations into a dated, queryable, sourced timeline.
#[derive(Debug, Parser)]
#[command(name = "timeline", version, propagate_version = true)]
pub struct Cli {
    /// The timeline database [default: ~/.local/share/timeline/timeline.db]
    #[arg(long, global = true, env = store::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// How long a command waits, in seconds, for another process that is writing to the same
    /// database before it gives up
    #[arg(long, global = true, env = "TIMELINE_WAIT", value_name = "SECONDS", default_value_t = 60.0,
          value_parser = parse_wait)]
    pub wait: f64,

    /// When tables are drawn in colour: auto (on a terminal, unless NO_COLOR is set or TERM is
    /// dumb), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Ingest(ingest::Args),
    Extract(extract::Args),
    List(list::Args),
    Seq(seq::Args),
    Show(show::Args),
    Tag(tag::Args),
    Parse(parse::Args),
    Conflicts(conflicts::Args),
    Export(export::Args),
    Articles(articles::Args),
    Remove(remove::Args),
    Reextract(reextract::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// When tables are drawn in colour (`--color`); a flag given on the command line wins over
/// NO_COLOR, as no-color.org asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The run's `--color`, set once by [`run`] and read where tables are drawn.
static COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

pub(crate) fn color_choice() -> ColorChoice {
    COLOR.get().copied().unwrap_or_default()
}

/// How a run ended when no error stopped it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Some inputs failed (each was reported); the others were processed.
    PartialFailure,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let _ = COLOR.set(cli.color);
    let db = store::Database {
        path: cli.db.clone().unwrap_or_else(store::default_path),
        wait: std::time::Duration::from_secs_f64(cli.wait),
    };
    match cli.command {
        Command::Ingest(args) => ingest::run(args, &db),
        Command::Extract(args) => extract::run(args),
        Command::List(args) => list::run(args, &db),
        Command::Seq(args) => seq::run(args, &db),
        Command::Export(args) => export::run(args, &db),
        Command::Show(args) => show::run(args, &db),
        Command::Tag(args) => tag::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Conflicts(args) => conflicts::run(args, &db),
        Command::Articles(args) => articles::run(args, &db),
        Command::Remove(args) => remove::run(args, &db),
        Command::Reextract(args) => reextract::run(args, &db),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

fn parse_wait(text: &str) -> Result<f64> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && (0.0..=86_400.0).contains(&seconds) => Ok(seconds),
        _ => bail!("{text:?} is not a number of seconds from 0 to 86400"),
    }
}

pub(crate) use output::{Output, OutputFileArgs};

pub(crate) use crate::words::count;

/// A date typed on the command line: `2025-03-18`, `2025-03` or `2025`, or a phrase the
/// temporal tagger resolves against today ("last month", "March 2025", "yesterday",
/// "last week"). As a lower bound it means the first day of that period, as an upper bound
/// the last: `--to 2025-03` is through March 31.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArg(DateInterval);

impl DateArg {
    pub fn first_day(&self) -> NaiveDate {
        self.0.start
    }

    pub fn last_day(&self) -> NaiveDate {
        self.0.end
    }

    /// `text` as the temporal tagger reads it on `today`, when it is one whole expression
    /// that names a stretch of days (not a duration such as "three weeks").
    fn phrase(text: &str, today: NaiveDate) -> Result<Option<DateArg>> {
        let text = text.trim();
        // Compiled once however many arguments are phrases (`--from` and `--to`).
        static TAGGER: std::sync::OnceLock<crate::time::Tagger> = std::sync::OnceLock::new();
        let tagger = match TAGGER.get() {
            Some(tagger) => tagger,
            None => {
                let loaded = crate::time::Tagger::load()?;
                TAGGER.get_or_init(|| loaded)
            }
        };
        let whole = tagger
            .tag(text, today)
            .into_iter()
            .find(|e| e.start == 0 && e.end == text.len())
            .and_then(|e| e.interval)
            .filter(|i| i.start.year() >= 1);
        Ok(whole.map(DateArg))
    }
}

/// What a date argument must look like, for the error that says so.
const DATE_FORMS: &str = "use YYYY-MM-DD, YYYY-MM, YYYY or a phrase such as \"last month\" or \"March 2025\"";

impl std::str::FromStr for DateArg {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<DateArg> {
        let parts: Vec<&str> = text.split('-').collect();
        // Digits only ("+2025" would parse as a number) and a year of four.
        let number = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let numeric = text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        if !numeric {
            let today = chrono::Local::now().date_naive();
            return match DateArg::phrase(text, today)? {
                Some(date) => Ok(date),
                None => bail!("{text:?} is not a date: {DATE_FORMS}"),
            };
        }
        if parts[0].len() != 4 {
            bail!("{text:?} is not a date: {DATE_FORMS}");
        }
        let interval = match parts[..] {
            [y, m, d] => number(y)
                .zip(number(m))
                .zip(number(d))
                .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y as i32, m, d))
                .map(DateInterval::day),
            [y, m] => number(y)
                .zip(number(m))
                .and_then(|(y, m)| DateInterval::month(y as i32, m)),
            [y] => number(y).and_then(|y| {
                NaiveDate::from_ymd_opt(y as i32, 1, 1)
                    .and_then(|d| DateInterval::unit_containing(d, Unit::Year, 0))
            }),
            _ => None,
        };
        match interval.filter(|i| i.start.year() >= 1) {
            Some(i) => Ok(DateArg(i)),
            None => bail!("{text:?} is not a date: {DATE_FORMS}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arguments_cover_their_period() {
        let march: DateArg = "2025-03".parse().unwrap();
        assert_eq!(march.first_day().to_string(), "2025-03-01");
        assert_eq!(march.last_day().to_string(), "2025-03-31");
        let year: DateArg = "2024".parse().unwrap();
        assert_eq!(year.last_day().to_string(), "2024-12-31");
        assert!("2025-13-01".parse::<DateArg>().is_err());
        assert!("Marchh".parse::<DateArg>().is_err());
        assert!("+2025-03-18".parse::<DateArg>().is_err());
        assert!("12025-03-18".parse::<DateArg>().is_err());
        assert!("2025-+3-18".parse::<DateArg>().is_err());
        assert!("0000-01-01".parse::<DateArg>().is_err());
    }

    #[test]
    fn date_arguments_may_be_phrases_the_tagger_resolves() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let phrase = |text: &str| DateArg::phrase(text, today).unwrap();
        let last_month = phrase("last month").unwrap();
        assert_eq!(
            (
                last_month.first_day().to_string(),
                last_month.last_day().to_string()
            ),
            ("2026-11-01".into(), "2026-11-30".into())
        );
        assert_eq!(phrase("March 2025"), Some("2025-03".parse().unwrap()));
        assert_eq!(phrase("yesterday").unwrap().first_day().to_string(), "2026-11-30");
        assert_eq!(phrase("three weeks"), None, "a duration is not a date");
        assert_eq!(phrase("last month and more"), None, "only a whole expression");
        assert!("soonish"
            .parse::<DateArg>()
            .unwrap_err()
            .to_string()
            .contains("last month"));
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "event"), "1 event");
        assert_eq!(count(0, "event"), "0 events");
        assert_eq!(count(47, "event"), "47 events");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

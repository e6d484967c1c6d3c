//! Turning stored events into text: tables for people, JSON/CSV/Markdown for machines and
//! documents. Renderers write to any `io::Write`; nothing here reads the store.

mod event_table;
pub mod html;
pub mod ics;
mod markup;
pub mod parquet;
mod records;
pub mod safe;
pub mod sequence;
mod show;
pub mod timelinejs;

pub use event_table::{csv, export_json, export_json_schema, json, markdown, new_table, table, TableOptions};
pub use records::{articles_table, conflicts_table};
pub use show::show;

use std::io::Write;

use clap::ValueEnum;

use crate::store::Event;

/// `value` as indented JSON and a newline: what every JSON document of the CLI is. Buffered
/// here, since serde writes a few bytes at a time, and through a `dyn Write` each would be
/// a call of its own (a tenth of `list --format json`).
pub fn write_json<T: serde::Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(())
}

/// An event's title, as calendars, the HTML page and TimelineJS show it: "Meeting: USA,
/// Russia".
pub fn headline(event: &Event) -> String {
    let kind = crate::words::capitalise(&event.event_type);
    if event.actors.is_empty() {
        kind
    } else {
        format!("{kind}: {}", event.actors.join(", "))
    }
}

/// How many words of a summary's report a table shows (after "Trump, Putin: ").
const TABLE_SUMMARY_WORDS: usize = 14;

/// A summary as a table shows it: who, then the first words of the report and "…" (the
/// stored summary, JSON, CSV and the calendars keep it whole).
pub fn shortened(summary: &str) -> String {
    let (who, report) = summary.split_once(": ").map_or(("", summary), |(w, r)| (w, r));
    let words: Vec<&str> = report.split_whitespace().collect();
    let mut phrase = words
        .iter()
        .take(TABLE_SUMMARY_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > TABLE_SUMMARY_WORDS {
        phrase = format!("{}…", phrase.trim_end_matches([',', ';', ':']));
    }
    if who.is_empty() {
        phrase
    } else {
        format!("{who}: {phrase}")
    }
}

/// The output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_shorten_the_report_and_keep_who() {
        let long = "Trump, Putin: spoke Tuesday in a lengthy phone call, in which the White House and the Kremlin both said";
        assert_eq!(
            shortened(long),
            "Trump, Putin: spoke Tuesday in a lengthy phone call, in which the White House and the…"
        );
        assert_eq!(shortened("Putin: accepted the idea"), "Putin: accepted the idea");
    }
}

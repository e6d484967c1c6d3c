//! The list of events as a terminal table, JSON, CSV or Markdown.

use std::io::Write;

use anyhow::Result;
use comfy_table::{presets, ContentArrangement, Table};

use crate::store::Event;

const HEADERS: [&str; 7] = ["ID", "Date", "Type", "Actors", "Place", "Summary", "Sources"];

/// How the terminal table is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions {
    /// Wrap to this many columns; `None` leaves lines as long as their content.
    pub width: Option<u16>,
}

fn row(event: &Event) -> [String; 8] {
    [
        event.id.to_string(),
        event.date.label.clone(),
        event_type(event),
        event.actors.join(", "),
        event.place.clone().unwrap_or_default(),
        event.summary.clone(),
        event.sources.to_string(),
        event.articles.to_string(),
    ]
}

/// The type, with the modality when the event is not simply asserted ("meeting (planned)")
/// and a mark when its sources disagree.
fn event_type(event: &Event) -> String {
    let mut text = event.event_type.clone();
    if event.modality != "asserted" {
        text = format!("{text} ({})", event.modality);
    }
    if !event.conflicts.is_empty() {
        text.push_str(" ⚠");
    }
    text
}

pub fn table(events: &[Event], options: TableOptions, out: &mut dyn Write) -> Result<()> {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_header(HEADERS);
    if let Some(width) = options.width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    }
    for event in events {
        table.add_row(row(event));
    }
    writeln!(out, "{table}")?;
    Ok(())
}

pub fn json(events: &[Event], out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, events)?;
    writeln!(out)?;
    Ok(())
}

pub fn csv(events: &[Event], out: &mut dyn Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id",
        "start",
        "end",
        "precision",
        "label",
        "type",
        "cameo",
        "modality",
        "actors",
        "place",
        "summary",
        "sources",
        "articles",
        "conflicts",
    ])?;
    for e in events {
        writer.write_record([
            e.id.to_string(),
            e.date.start.clone().unwrap_or_default(),
            e.date.end.clone(),
            e.date.precision.clone(),
            e.date.label.clone(),
            e.event_type.clone(),
            e.cameo.clone().unwrap_or_default(),
            e.modality.clone(),
            e.actors.join("; "),
            e.place.clone().unwrap_or_default(),
            e.summary.clone(),
            e.sources.to_string(),
            e.articles.to_string(),
            e.conflicts
                .iter()
                .map(|c| c.note.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

pub fn markdown(events: &[Event], out: &mut dyn Write) -> Result<()> {
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(HEADERS.len()))?;
    for event in events {
        let cells: Vec<String> = row(event).iter().map(|c| markdown_cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// A table cell's text with Markdown's table syntax neutralised.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

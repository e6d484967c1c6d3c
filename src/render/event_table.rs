//! The list of events as a terminal table, JSON, CSV or Markdown.

use std::io::Write;

use anyhow::Result;
use comfy_table::{presets, Attribute, Cell, ColumnConstraint, ContentArrangement, Table, Width};

use super::safe;
use crate::model::Modality;
use crate::store::Event;

const HEADERS: [&str; 8] = [
    "ID", "Date", "Type", "Actors", "Place", "Summary", "Sources", "Articles",
];

/// How the terminal table is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions {
    /// Wrap to this many columns; `None` leaves lines as long as their content.
    pub width: Option<u16>,
    /// Bold headers and highlights: only for a terminal, never with NO_COLOR.
    pub colour: bool,
    /// Draw with ASCII (`+`, `-`, `|`) instead of box-drawing characters: for a pipe, a
    /// file or a dumb terminal, where the boxes are bytes a reader must wade through.
    pub ascii: bool,
}

/// A table with the house style, laid out as `options` says.
pub fn new_table(headers: &[&str], options: TableOptions) -> Table {
    let mut table = Table::new();
    table.load_preset(if options.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    if options.colour {
        table.enforce_styling();
        table.set_header(
            headers
                .iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    } else {
        table.force_no_tty();
        table.set_header(headers.to_vec());
    }
    if let Some(width) = options.width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        // Dates, types and counts keep their width; actors and places are capped; summaries
        // take what is left.
        for (index, header) in headers.iter().enumerate() {
            // Widths count the cell's padding of one space on each side.
            let roomy = width >= NARROW;
            let constraint = match *header {
                // "2025-W11 (Mar 10–16)" on one line, when there is room for it.
                "Date" => ColumnConstraint::LowerBoundary(Width::Fixed(if roomy { 22 } else { 12 })),
                "Type" => ColumnConstraint::LowerBoundary(Width::Fixed(12)),
                "ID" | "Step" | "Days" | "Sources" | "Articles" => {
                    ColumnConstraint::LowerBoundary(Width::Fixed(header.len() as u16 + 2))
                }
                "Actors" => ColumnConstraint::Boundaries {
                    lower: Width::Fixed(if roomy { 12 } else { 8 }),
                    upper: Width::Fixed(24),
                },
                "Place" => ColumnConstraint::Boundaries {
                    lower: Width::Fixed(8),
                    upper: Width::Fixed(16),
                },
                "Summary" if roomy => ColumnConstraint::LowerBoundary(Width::Percentage(30)),
                _ => continue,
            };
            if let Some(column) = table.column_mut(index) {
                column.set_constraint(constraint);
            }
        }
    }
    table
}

/// The cells of an event's row, safe to show ([`safe::display`]).
fn row(event: &Event) -> [String; 8] {
    [
        event.id.to_string(),
        event.date.label.clone(),
        event_type(event),
        event.actors.join(", "),
        event.place.clone().unwrap_or_default(),
        super::shortened(&event.summary),
        event.sources.to_string(),
        event.articles.to_string(),
    ]
    .map(|cell| safe::display(&cell).into_owned())
}

/// The type, with the modality when the event is not simply asserted ("meeting (planned)")
/// and a mark when its sources disagree.
fn event_type(event: &Event) -> String {
    let mut text = event.event_type.clone();
    if event.modality != Modality::Asserted {
        text = format!("{text} ({})", event.modality);
    }
    if !event.conflicts.is_empty() {
        text.push_str(" ⚠");
    }
    text
}

/// Below this width tables leave out Place and Articles.
const NARROW: u16 = 110;

pub fn table(events: &[Event], options: TableOptions, out: &mut dyn Write) -> Result<()> {
    let (mut table, keep) = fitted_table(&HEADERS, options);
    for event in events {
        let mut cells = row(event).map(Some);
        table.add_row(keep.iter().filter_map(|&i| cells[i].take()).collect::<Vec<_>>());
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// A table for `headers` that fits `options.width`: below 110 columns it leaves out Place
/// and Articles, which the summary needs the room of. Returns the table and the indices of
/// the columns it kept.
pub fn fitted_table(headers: &[&str], options: TableOptions) -> (Table, Vec<usize>) {
    let narrow = options.width.is_some_and(|w| w < NARROW);
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| !(narrow && matches!(headers[i], "Place" | "Articles")))
        .collect();
    let kept: Vec<&str> = keep.iter().map(|&i| headers[i]).collect();
    (new_table(&kept, options), keep)
}

pub fn json(events: &[Event], out: &mut dyn Write) -> Result<()> {
    super::write_json(events, out)
}

/// The version of the export envelope: raised when a field changes meaning or goes away.
pub const EXPORT_VERSION: u32 = 1;

/// What `export --format json` writes: the events with the version of their shape, so that a
/// reader can tell what it holds (`list --format json` stays a bare array).
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Export<'a> {
    /// The version of this shape (see `export --format json-schema`).
    pub version: u32,
    pub events: &'a [Event],
}

pub fn export_json(events: &[Event], out: &mut dyn Write) -> Result<()> {
    let export = Export {
        version: EXPORT_VERSION,
        events,
    };
    super::write_json(&export, out)
}

/// The JSON Schema of [`export_json`]'s output, generated from the types that write it.
pub fn export_json_schema(out: &mut dyn Write) -> Result<()> {
    let mut schema = schemars::schema_for!(Export);
    schema.insert("title".to_owned(), "timeline export".into());
    super::write_json(&schema, out)
}

/// The CSV of `events`; `cameo_text` gives a CAMEO code as the CSV writes it (with its name).
pub fn csv(events: &[Event], cameo_text: &dyn Fn(&str) -> String, out: &mut dyn Write) -> Result<()> {
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
        "key",
        "parties",
        "source",
        "target",
        "topics",
        "outlets",
        "urls",
    ])?;
    for e in events {
        let outlets = crate::ordered::first_seen(e.mentions.iter().filter_map(|m| m.source.clone()));
        // Only web addresses: a spreadsheet may make a cell a link.
        let urls = crate::ordered::first_seen(
            e.mentions
                .iter()
                .filter_map(|m| m.url.as_deref().and_then(safe::web_url)),
        );
        let record = [
            e.id.to_string(),
            e.date.start.clone().unwrap_or_default(),
            e.date.end.clone(),
            e.date.precision_name().to_owned(),
            e.date.label.clone(),
            e.event_type.clone(),
            e.cameo.as_deref().map(cameo_text).unwrap_or_default(),
            e.modality.as_str().to_owned(),
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
            e.key.clone(),
            e.parties.join("; "),
            e.source.join("; "),
            e.target.join("; "),
            e.topics.join("; "),
            outlets.join("; "),
            urls.join(" "),
        ];
        writer.write_record(record.iter().map(|cell| safe::spreadsheet(cell).into_owned()))?;
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

/// A table cell's text with Markdown's table syntax neutralised: a backslash is escaped
/// before a pipe is, so that "\\|" in the text cannot close the cell.
pub fn markdown_cell(text: &str) -> String {
    safe::display(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

//! Storylines as tables: step, date, days since the previous step, type, actors, place,
//! summary, sources.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Attribute, Cell, Color};

use super::event_table::{fitted_table, markdown_cell, TableOptions};
use super::safe;
use crate::model::Modality;
use crate::storyline::{Step, Storyline};

const HEADERS: [&str; 8] = [
    "Step", "Date", "Days", "Type", "Actors", "Place", "Summary", "Sources",
];

/// "7", "≥ 2" (one of the two dates is a week or a month), "?" (order not known), "" first.
fn days(step: &Step) -> String {
    match (step.days_since_previous, step.at_least, step.order_uncertain) {
        (_, _, true) => "?".to_owned(),
        (Some(d), true, _) => format!("≥ {d}"),
        (Some(d), false, _) => format!("+{d}"),
        (None, _, _) => String::new(),
    }
}

fn row(step: &Step) -> [String; 8] {
    let e = &step.event;
    let mut event_type = e.event_type.clone();
    if e.modality != Modality::Asserted {
        event_type = format!("{event_type} ({})", e.modality);
    }
    [
        step.step.to_string(),
        e.date.label.clone(),
        days(step),
        event_type,
        e.actors.join(", "),
        e.place.clone().unwrap_or_default(),
        super::shortened(&e.summary),
        e.sources.to_string(),
    ]
    .map(|cell| safe::display(&cell).into_owned())
}

pub fn tables(storylines: &[Storyline], options: TableOptions, out: &mut dyn Write) -> Result<()> {
    for (n, storyline) in storylines.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let count = storyline.steps.len();
        let title = format!(
            "{} — {count} step{}",
            safe::display(&storyline.title),
            if count == 1 { "" } else { "s" }
        );
        if options.colour {
            writeln!(out, "\x1b[1m{title}\x1b[0m")?;
        } else {
            writeln!(out, "{title}")?;
        }
        let (mut table, keep) = fitted_table(&HEADERS, options);
        for step in &storyline.steps {
            let texts = row(step);
            let cells = keep.iter().map(|&i| {
                let cell = Cell::new(&texts[i]);
                match (options.colour, texts[i].as_str()) {
                    (true, "?") => cell.fg(Color::Yellow).add_attribute(Attribute::Bold),
                    _ => cell,
                }
            });
            table.add_row(cells.collect::<Vec<_>>());
        }
        writeln!(out, "{table}")?;
        if storyline.steps.iter().any(|s| s.order_uncertain) {
            writeln!(
                out,
                "? = the dates overlap or one is unknown: the order is not certain"
            )?;
        }
    }
    Ok(())
}

pub fn markdown(storylines: &[Storyline], out: &mut dyn Write) -> Result<()> {
    for storyline in storylines {
        writeln!(out, "### {}\n", markdown_cell(&storyline.title))?;
        writeln!(out, "| {} |", HEADERS.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(HEADERS.len()))?;
        for step in &storyline.steps {
            let cells: Vec<String> = row(step).iter().map(|c| markdown_cell(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn csv(storylines: &[Storyline], out: &mut dyn Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "storyline",
        "step",
        "event",
        "start",
        "end",
        "precision",
        "label",
        "days",
        "order_uncertain",
        "type",
        "actors",
        "place",
        "summary",
        "sources",
    ])?;
    for storyline in storylines {
        for step in &storyline.steps {
            let e = &step.event;
            let record = [
                storyline.title.clone(),
                step.step.to_string(),
                e.id.to_string(),
                e.date.start.clone().unwrap_or_default(),
                e.date.end.clone(),
                e.date.precision_name().to_owned(),
                e.date.label.clone(),
                step.days_since_previous
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                step.order_uncertain.to_string(),
                e.event_type.clone(),
                e.actors.join("; "),
                e.place.clone().unwrap_or_default(),
                e.summary.clone(),
                e.sources.to_string(),
            ];
            writer.write_record(record.iter().map(|cell| safe::spreadsheet(cell).into_owned()))?;
        }
    }
    writer.flush()?;
    Ok(())
}

pub fn json(storylines: &[Storyline], out: &mut dyn Write) -> Result<()> {
    super::write_json(storylines, out)
}

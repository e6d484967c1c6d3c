//! TimelineJS (Knight Lab) JSON: what newsrooms embed.
//!
//! An event has a `start_date` with a year and, as the date's precision allows, a month and
//! a day; a week or a month spans to an `end_date`. The `group` is its storyline, so
//! TimelineJS draws one row per thread. Headline and text are HTML: everything from the
//! articles is escaped.

use chrono::Datelike;
use serde::Serialize;

use super::headline;
use super::markup::{escape, source_link};
use crate::model::Precision;
use crate::store::Event;
use crate::storyline::Storyline;
use crate::time::parse_day;

#[derive(Serialize)]
pub struct Timeline {
    pub title: Slide,
    pub events: Vec<Slide>,
}

#[derive(Serialize)]
pub struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

#[derive(Serialize, PartialEq, Debug)]
pub struct TimelineDate {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

#[derive(Serialize)]
pub struct Text {
    pub headline: String,
    pub text: String,
}

fn parts(day: &str) -> Option<(i32, u32, u32)> {
    let date = parse_day(day)?;
    Some((date.year(), date.month(), date.day()))
}

/// The dates TimelineJS reads, leaving out what the precision does not give.
pub fn dates(event: &Event) -> Option<(TimelineDate, Option<TimelineDate>)> {
    let Some(start) = event.date.start.as_deref() else {
        // Undated: placed at the report date, which `display_date` says.
        let (year, month, day) = parts(&event.date.end)?;
        return Some((
            TimelineDate {
                year,
                month: Some(month),
                day: Some(day),
            },
            None,
        ));
    };
    let (y0, m0, d0) = parts(start)?;
    let (y1, m1, d1) = parts(&event.date.end)?;
    Some(match event.date.precision {
        Some(Precision::Day) => (
            TimelineDate {
                year: y0,
                month: Some(m0),
                day: Some(d0),
            },
            None,
        ),
        Some(Precision::Week) => (
            TimelineDate {
                year: y0,
                month: Some(m0),
                day: Some(d0),
            },
            Some(TimelineDate {
                year: y1,
                month: Some(m1),
                day: Some(d1),
            }),
        ),
        Some(Precision::Month) => (
            TimelineDate {
                year: y0,
                month: Some(m0),
                day: None,
            },
            None,
        ),
        Some(Precision::Year | Precision::Decade | Precision::Century) => (
            TimelineDate {
                year: y0,
                month: None,
                day: None,
            },
            (y1 != y0).then_some(TimelineDate {
                year: y1,
                month: None,
                day: None,
            }),
        ),
        _ => (
            TimelineDate {
                year: y0,
                month: Some(m0),
                day: None,
            },
            Some(TimelineDate {
                year: y1,
                month: Some(m1),
                day: None,
            }),
        ),
    })
}

pub fn timeline(storylines: &[Storyline], title: &str) -> Timeline {
    let mut events = Vec::new();
    for storyline in storylines {
        for step in &storyline.steps {
            let e = &step.event;
            let Some((start, end)) = dates(e) else { continue };
            let display_date = if e.date.start.is_none() {
                Some(format!("reported by {}", e.date.end))
            } else {
                Some(e.date.label.clone())
            };
            events.push(Slide {
                unique_id: Some(format!("event-{}", e.key)),
                start_date: Some(start),
                end_date: end,
                display_date,
                text: Text {
                    headline: escape(&headline(e)),
                    text: body(e),
                },
                group: Some(storyline.title.clone()),
            });
        }
    }
    let count = events.len();
    Timeline {
        title: Slide {
            unique_id: None,
            start_date: None,
            end_date: None,
            display_date: None,
            text: Text {
                headline: escape(title),
                text: format!("<p>{count} events</p>"),
            },
            group: None,
        },
        events,
    }
}

/// The summary and every source with its sentence, as escaped HTML.
pub fn body(event: &Event) -> String {
    let mut html = format!("<p>{}</p><ul>", escape(&event.summary));
    for m in &event.mentions {
        let link = source_link(m);
        html.push_str(&format!(
            "<li>{link}, {}: “{}”</li>",
            escape(&m.published),
            escape(&m.sentence)
        ));
    }
    html.push_str("</ul>");
    html
}

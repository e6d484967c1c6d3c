//! iCalendar (RFC 5545): all-day events a calendar can open. A day is a one-day event; a
//! week or a month spans its days (DTEND is exclusive). Undated events are left out: a
//! calendar has no place for "some day before March 18".

use std::fmt::Write as _;

use chrono::{Duration, Utc};

use super::headline;
use crate::store::Event;
use crate::time::parse_day as day;

pub struct Calendar {
    pub text: String,
    /// Events with no date, which the calendar leaves out.
    pub undated: usize,
}

pub fn calendar(events: &[Event]) -> Calendar {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut undated = 0;
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//timeline//timeline//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    for e in events {
        let (Some(start), Some(end)) = (e.date.start.as_deref().and_then(day), day(&e.date.end)) else {
            undated += 1;
            continue;
        };
        line(&mut out, "BEGIN:VEVENT");
        // The content-derived key: a rebuilt timeline updates the same calendar entries.
        line(&mut out, &format!("UID:{}@timeline", e.key));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        // The reader's own time is not taken: a calendar of negotiations overlays theirs.
        line(&mut out, "TRANSP:TRANSPARENT");
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", (end + Duration::days(1)).format("%Y%m%d")),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&headline(e))));
        let mut description = format!(
            "{}\nDate: {} ({})",
            e.summary,
            e.date.label,
            e.date.precision_name()
        );
        for m in &e.mentions {
            let _ = write!(
                description,
                "\n{} ({}): “{}”",
                m.source.as_deref().unwrap_or(&m.article),
                m.published,
                m.sentence
            );
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, &format!("CATEGORIES:{}", escape(&e.event_type)));
        if let Some(place) = &e.place {
            line(&mut out, &format!("LOCATION:{}", escape(place)));
        }
        if let Some(url) = e
            .mentions
            .iter()
            .find_map(|m| m.url.as_deref().and_then(super::safe::web_url))
        {
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Calendar { text: out, undated }
}

/// TEXT value escaping: backslash, semicolon, comma and newline; other control characters
/// are disarmed (RFC 5545 allows none in TEXT).
fn escape(text: &str) -> String {
    super::safe::display(text)
        .replace('\t', " ")
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Appends a content line, folded at 75 octets (never inside a character), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        line(&mut out, &format!("DESCRIPTION:{}", "é".repeat(60)));
        for physical in out.split("\r\n") {
            assert!(physical.len() <= 75, "{physical}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}

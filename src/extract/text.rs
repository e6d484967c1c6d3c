//! Text helpers of the extractor: clause boundaries, datelines, spans, summaries, offsets.

use std::sync::OnceLock;

use crate::time::{add_days, DateInterval};

/// Where the clause that starts at `from` ends: a semicolon; a comma before a new subject (a
/// pronoun, "the", or a name and its verb: ", Witkoff will" — not the next name of a list);
/// "but" or "while"; or the end of the sentence.
pub(super) fn clause_end(text: &str, from: usize) -> usize {
    static CLAUSE_BREAK: OnceLock<regex::Regex> = OnceLock::new();
    let re = CLAUSE_BREAK.get_or_init(|| {
        regex::Regex::new(r";|,\s+(?:he|she|they|we|it|the|but|while|and\s+(?:he|she|they|we))\b|,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s+(?:will|would|has|have|had|is|are|was|were|said|says|can|could|may|might)\b|\s(?:but|while|whereas)\s")
            .expect("clause breaks compile")
    });
    re.find(&text[from..]).map_or(text.len(), |b| from + b.start())
}

/// The text of the clause before `at`: from the last semicolon or contrastive conjunction
/// (where a negation or condition stops reaching), else from the start of the sentence.
pub(super) fn clause_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = [";", " but ", " while ", " whereas ", " although "]
        .iter()
        .filter_map(|b| before.rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    &before[start..]
}

/// `interval` moved by `days`; a single day stays a day, a longer stretch keeps its grain
/// but is only as precise as the words allow. `None` when that leaves the calendar.
pub(super) fn shift_interval(interval: &DateInterval, days: i64) -> Option<DateInterval> {
    let (start, end) = (add_days(interval.start, days)?, add_days(interval.end, days)?);
    Some(if start == end {
        DateInterval::day(start)
    } else {
        DateInterval {
            start,
            end,
            precision: interval.precision,
            value: format!("{}/{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
        }
    })
}

/// The end of a dateline such as "WASHINGTON — " or "Washington — " opening an article.
pub(super) fn dateline_end(text: &str) -> usize {
    match text.find(" — ") {
        Some(i) if i <= 30 && !text[..i].contains(['.', ',']) => i + " — ".len(),
        _ => 0,
    }
}

pub(super) fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    // Zero when the spans overlap; else the gap between them.
    b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1))
}

/// A one-line summary: who, then the words of the report from its trigger to the clause's
/// end. It is stored whole; tables shorten it for display ([`crate::render::shortened`]).
pub(super) fn summarise(actors: &[String], from_trigger: &str) -> String {
    let clause = from_trigger
        .split([';', '—', '('])
        .next()
        .unwrap_or(from_trigger)
        .trim()
        .trim_end_matches([',', ':', '.']);
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    while words.last().is_some_and(|w| matches!(*w, "and" | "or" | "but")) {
        words.pop();
    }
    let phrase = words.join(" ");
    if actors.is_empty() {
        phrase
    } else {
        format!("{}: {phrase}", actors.join(", "))
    }
}

//! Text helpers of the extractor: clause boundaries, datelines, spans, summaries, offsets.

use std::sync::OnceLock;

use crate::article::Sentence;
use crate::time::{add_days, DateInterval};

/// The longest stretch of text (bytes) the extractor reads as one sentence. No sentence of
/// news comes near it (the longest of the 40 development articles is 482 bytes); a
/// longer one (a list, a table, text with no full stops) is read in pieces of at most this
/// length, cut after a semicolon or comma where there is one. Every trigger compares itself
/// with the names, dates and other triggers of its sentence, so this bound is what keeps
/// extraction linear in the length of a sentence.
pub(super) const MAX_SENTENCE: usize = 2000;

/// `sentence` as pieces of at most [`MAX_SENTENCE`] bytes (itself when it is shorter), each
/// ending after the last semicolon or comma (else space) that keeps it under the bound.
pub(super) fn pieces(sentence: &Sentence, text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    while sentence.end - start > MAX_SENTENCE {
        let limit = crate::words::char_boundary_before(text, start + MAX_SENTENCE);
        let window = &text[start..limit];
        let cut = window
            .rfind([';', ','])
            .or_else(|| window.rfind(' '))
            .map_or(limit, |i| start + i + 1);
        out.push(Sentence {
            start,
            end: cut,
            paragraph: sentence.paragraph,
        });
        start = cut;
    }
    out.push(Sentence { start, ..*sentence });
    out
}

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

/// The text of the clause before `at`: from the last semicolon, contrastive conjunction or
/// end of a quotation (where a negation or condition stops reaching: '"We don't want war,"
/// Trump said' is not a denial), else from the start of the sentence.
pub(super) fn clause_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = [
        ";",
        " but ",
        " while ",
        " whereas ",
        " although ",
        "”",
        ",\"",
        ".\"",
        "?\"",
        "!\"",
    ]
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

/// An event told as begun at `interval` ("held talks from Monday") and since reported: the
/// days from its start to the day of the report. One that began later, or a range that
/// has its last day ("from Monday to Friday"), is left as it is.
pub(super) fn until_published(interval: DateInterval, published: chrono::NaiveDate) -> DateInterval {
    let range = interval.value.contains('/');
    if !range && interval.start <= published && interval.end < published {
        DateInterval::days(interval.start, published)
    } else {
        interval
    }
}

/// How many words may follow a dateline's place: a country or region, the day, the
/// agency ("HANOI, Vietnam, Feb. 28, 2019 (Gephardt Daily) — ").
const DATELINE_WORDS: usize = 8;

/// How far into a paragraph a dateline's dash may stand.
const DATELINE_CHARS: usize = 60;

/// The end of a dateline opening a paragraph, 0 when there is none: a place and a dash
/// ("WASHINGTON — ", "Washington – "), with an agency ("NEW YORK (AP) — ", "CARACAS/WASHINGTON
/// (Reuters) – ") or the day of the report ("Kuala Lumpur, 31 May 2016 (MINA) – ",
/// "WASHINGTON, Feb. 28 (Xinhua) -- "). What it names is where and when the report was
/// written, not who acts or when.
pub(super) fn dateline_end(text: &str) -> usize {
    // A place in capitals and its agency's parentheses with the day, and no dash: "CAIRO
    // (UrduPoint News / Sputnik - 07th November, 2019) The meeting…".
    let capitals = text
        .find(" (")
        .filter(|&i| i <= DATELINE_CHARS && text[..i].chars().any(char::is_alphabetic))
        .filter(|&i| {
            text[..i]
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '/' | '-'))
        });
    if let Some(close) = capitals.and_then(|i| text[i..].find(") ").map(|c| i + c)) {
        // The day in the parentheses tells a dateline from an acronym's expansion ("NATO
        // (North Atlantic Treaty Organization) Secretary General Mark Rutte").
        let dated = text[..close].chars().any(|c| c.is_ascii_digit());
        if dated && close <= 2 * DATELINE_CHARS && text[close + 2..].starts_with(char::is_uppercase) {
            return close + 2;
        }
    }
    let Some((i, dash)) = [" — ", " – ", " -- "]
        .iter()
        .filter_map(|dash| text.find(dash).map(|i| (i, dash.len())))
        .min()
    else {
        return 0;
    };
    let head = &text[..i];
    if i > DATELINE_CHARS || !head.starts_with(char::is_uppercase) {
        return 0;
    }
    let (place, rest) = head.split_once(", ").unwrap_or((head, ""));
    // Capitalised words, then perhaps an agency in parentheses.
    let name = place.split(" (").next().unwrap_or(place);
    let place_only = name.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        && !name.contains(['.', ',', '(', ')'])
        && (name.len() == place.len() || place.ends_with(')') && !place.contains('.'));
    // After the place's comma, only a day ("31 May 2016", "Feb. 28") and an agency; or,
    // after a place in capitals, its country written as a name, not an acronym ("DUBAI,
    // United Arab Emirates (AP) — ").
    let short = rest.split_whitespace().count() <= DATELINE_WORDS;
    let day_only = rest.is_empty() || rest.chars().any(|c| c.is_ascii_digit()) && short;
    let capitals = name.chars().all(|c| !c.is_lowercase());
    let country = rest.split(" (").next().unwrap_or(rest);
    let country_only = capitals
        && short
        && !country.is_empty()
        && country
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase))
        && !country.contains(['.', ','])
        && (country.len() == rest.len() || rest.ends_with(')'));
    if place_only && (day_only || country_only) {
        i + dash
    } else {
        0
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_with_agencies_and_days_end_at_their_dash() {
        for (text, head) in [
            ("WASHINGTON — Trump said", "WASHINGTON — "),
            (
                "NEW YORK (AP) — Venezuela’s government agreed",
                "NEW YORK (AP) — ",
            ),
            (
                "CARACAS/WASHINGTON (Reuters) – The two sides agreed",
                "CARACAS/WASHINGTON (Reuters) – ",
            ),
            (
                "Kuala Lumpur, 31 May 2016 (MINA) – The government ended",
                "Kuala Lumpur, 31 May 2016 (MINA) – ",
            ),
            (
                "WASHINGTON, Feb. 28 (Xinhua) -- Talks began",
                "WASHINGTON, Feb. 28 (Xinhua) -- ",
            ),
            (
                "DUBAI, United Arab Emirates (AP) — Iran and Oman agreed",
                "DUBAI, United Arab Emirates (AP) — ",
            ),
            (
                "HANOI, Vietnam, Feb. 28, 2019 (Gephardt Daily) — The second summit",
                "HANOI, Vietnam, Feb. 28, 2019 (Gephardt Daily) — ",
            ),
            (
                "CAIRO (UrduPoint News / Sputnik - 07th November, 2019) The meeting",
                "CAIRO (UrduPoint News / Sputnik - 07th November, 2019) ",
            ),
        ] {
            assert_eq!(&text[..dateline_end(text)], head, "{text}");
        }
        for text in [
            "Trump, who met Putin in Alaska on Friday, said — without details — that",
            "The talks — the first since 2022 — ended.",
            "Hamas said on Monday it had agreed, officials said — a first.",
            "The UN (United Nations) Security Council met.",
            "UN (United Nations) envoys met.",
            "NATO (North Atlantic Treaty Organization) Secretary General Mark Rutte said.",
            "Iran, Saudi Arabia — and China — agreed.",
            "UN, EU Observers — Who Watch the Truce",
        ] {
            assert_eq!(dateline_end(text), 0, "{text}");
        }
    }

    #[test]
    fn an_over_long_sentence_is_read_in_pieces_cut_after_commas() {
        let clause = "Russia and Ukraine agreed to talks on Tuesday, ";
        let text = clause.repeat(200);
        let whole = Sentence {
            start: 0,
            end: text.len(),
            paragraph: 3,
        };
        let parts = pieces(&whole, &text);
        assert!(parts.len() > 1);
        assert_eq!(parts.first().unwrap().start, 0);
        assert_eq!(parts.last().unwrap().end, text.len());
        for pair in parts.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[..pair[0].end].ends_with(','));
        }
        assert!(parts
            .iter()
            .all(|p| p.end - p.start <= MAX_SENTENCE && p.paragraph == 3));
        // No comma or space at all: cut at a character boundary.
        let text = "é".repeat(3000);
        let whole = Sentence {
            start: 0,
            end: text.len(),
            paragraph: 0,
        };
        let parts = pieces(&whole, &text);
        assert!(parts
            .iter()
            .all(|p| text.is_char_boundary(p.start) && text.is_char_boundary(p.end)));
        let short = Sentence {
            start: 5,
            end: 50,
            paragraph: 1,
        };
        assert_eq!(pieces(&short, &text).len(), 1);
    }
}

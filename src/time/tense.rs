//! A light tense check: does a bare "Friday" or "in April" lie before or after the
//! reference date? News mostly reports the past, so an expression with no cue near it is
//! read as past; a future cue ("will", "is expected to", "next") nearest to it wins.

use crate::rules::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No cue near the expression: callers read it as the nearest such date.
    Unknown,
}

impl Tense {
    pub fn parse(text: &str) -> Option<Tense> {
        match text {
            "past" => Some(Tense::Past),
            "future" => Some(Tense::Future),
            "unknown" => Some(Tense::Unknown),
            _ => None,
        }
    }
}

/// How many words on each side of the expression are looked at.
const WINDOW: usize = 8;

/// The tense of the clause around `text[start..end]`, from the nearest cue word.
pub fn tense_around(lexicon: &Lexicon, text: &str, start: usize, end: usize) -> Tense {
    let boundary = |c: char| matches!(c, '.' | '!' | '?' | ';' | '\n');
    let left_from = text[..start].rfind(boundary).map_or(0, |i| i + 1);
    let right_to = text[end..].find(boundary).map_or(text.len(), |i| end + i);
    let left: Vec<&str> = words(&text[left_from..start]).collect();
    let right: Vec<&str> = words(&text[end..right_to]).collect();
    let nearest_left = left
        .iter()
        .rev()
        .take(WINDOW)
        .map(Some)
        .chain(std::iter::repeat(None));
    let nearest_right = right.iter().take(WINDOW).map(Some).chain(std::iter::repeat(None));
    // At equal distance the left word decides: it is usually the verb ("will meet Tuesday").
    for (l, r) in nearest_left.zip(nearest_right).take(WINDOW) {
        for word in [l, r].into_iter().flatten() {
            if let Some(tense) = cue(lexicon, word) {
                return tense;
            }
        }
    }
    Tense::Unknown
}

fn cue(lexicon: &Lexicon, word: &str) -> Option<Tense> {
    let lower = word.to_lowercase();
    if lexicon.value("tense_future", &lower).is_some() {
        return Some(Tense::Future);
    }
    if lexicon.value("tense_past", &lower).is_some() {
        return Some(Tense::Past);
    }
    if lower.len() > 4 && lower.ends_with("ed") {
        return Some(Tense::Past);
    }
    None
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

//! Splits article text into paragraphs and sentences, keeping offsets into the text.
//!
//! A period ends a sentence unless it closes an abbreviation ("Mr.", "Jan.", listed in
//! `data/rules/text/abbreviations.txt`), an initial ("J.") or an initialism ("U.S.") that
//! is not followed by a word that usually starts a sentence. Scraped text also glues
//! sentences together ("Russia.The blood"), which counts as a boundary.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

/// A sentence: byte offsets into the article text (end exclusive) and its paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

impl Sentence {
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start..self.end]
    }
}

/// Words after an initialism that mean a new sentence has begun ("... the U.S. The talks").
const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "A", "An", "This", "That",
    "These", "Those", "His", "Her", "Their", "Its", "After", "While", "When",
];

/// Whether `word` (without its final period) is a listed abbreviation such as "Mr" or "Jan".
pub fn is_abbreviation(word: &str) -> bool {
    abbreviations().contains(word)
}

fn abbreviations() -> &'static HashSet<String> {
    static ABBREVIATIONS: OnceLock<HashSet<String>> = OnceLock::new();
    ABBREVIATIONS.get_or_init(|| {
        let text = crate::rules::source("text/abbreviations.txt").unwrap_or_default();
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    })
}

/// The sentences of `text`, in order. Each non-empty line is a paragraph, except that a line
/// not ending in sentence punctuation continues into a next line that starts in lower case
/// (hard-wrapped text).
pub fn split(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (paragraph, (start, end)) in paragraphs(text).into_iter().enumerate() {
        split_paragraph(text, start, end, paragraph, &mut sentences);
    }
    sentences
}

fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    let mut joinable = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            joinable = false;
            continue;
        }
        let continues = joinable && trimmed.chars().next().is_some_and(char::is_lowercase);
        let end = start + line.trim_end().len();
        match out.last_mut() {
            Some(last) if continues => last.1 = end,
            _ => out.push((start, end)),
        }
        joinable = !trimmed.ends_with(['.', '!', '?', '"', '”', ':']);
    }
    out
}

fn split_paragraph(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let body = &text[start..end];
    let mut sentence_start = 0;
    let mut boundaries = Vec::new();
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    // Where the word before position i starts, kept as the scan moves on so that no period
    // looks back over the text (a paragraph of periods would otherwise be quadratic).
    let mut word_start = 0;
    let mut passed = 0;
    let mut pass_to = |k: usize, word_start: &mut usize| {
        while passed < k {
            let (at, c) = chars[passed];
            if breaks_word(c) {
                *word_start = at + c.len_utf8();
            }
            passed += 1;
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if matches!(c, '.' | '!' | '?') {
            // Take the closing quotes and brackets that belong to this sentence.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']') {
                j += 1;
            }
            let boundary_at = chars.get(j).map_or(body.len(), |&(b, _)| b);
            pass_to(i, &mut word_start);
            if is_boundary(body, &chars, i, j, c, word_start) {
                boundaries.push(boundary_at);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    boundaries.push(body.len());
    for boundary in boundaries {
        let piece = &body[sentence_start..boundary];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let s = start + sentence_start + lead;
            out.push(Sentence {
                start: s,
                end: s + trimmed.len(),
                paragraph,
            });
        }
        sentence_start = boundary;
    }
}

/// Characters after which a word starts.
fn breaks_word(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == '“' || c == '"'
}

/// Whether the punctuation at `chars[i]` (with closers up to `j`) ends a sentence; the word
/// it closes starts at byte `word_start`.
fn is_boundary(
    body: &str,
    chars: &[(usize, char)],
    i: usize,
    j: usize,
    mark: char,
    word_start: usize,
) -> bool {
    let Some(&(_, next)) = chars.get(j) else {
        return true;
    };
    let word = &body[word_start..chars[i].0];
    if !next.is_whitespace() {
        // Glued sentences: "Russia.The" — a word ending in lower case, a period, a capital.
        let glued = mark == '.'
            && next.is_uppercase()
            && j == i + 1
            && word.chars().count() >= 3
            && !word.contains('.')
            && word.chars().last().is_some_and(char::is_lowercase);
        return glued;
    }
    let rest = body[chars[j].0..].trim_start();
    let Some(first) = rest.chars().next() else {
        return true;
    };
    let starts_sentence = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '“' | '"' | '‘' | '\'' | '…' | '(' | '-' | '—');
    if !starts_sentence {
        return false;
    }
    if mark != '.' {
        return true;
    }
    let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let initialism =
        word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
    if initialism {
        return SENTENCE_STARTERS.contains(&next_word.as_str()) && word.contains('.');
    }
    !abbreviations().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn splits_on_sentence_punctuation() {
        assert_eq!(
            texts("One here. Two there! Three?"),
            vec!["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Trump met Gen. Kellogg on Jan. 5 in the U.S. capital. It went well."),
            vec![
                "Mr. Trump met Gen. Kellogg on Jan. 5 in the U.S. capital.",
                "It went well."
            ]
        );
    }

    #[test]
    fn initialisms_end_sentences_before_a_sentence_starter() {
        assert_eq!(
            texts("He flew to the U.S. The talks began."),
            vec!["He flew to the U.S.", "The talks began."]
        );
        assert_eq!(texts("J. D. Vance spoke."), vec!["J. D. Vance spoke."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("He said “it is over.” Then he left."),
            vec!["He said “it is over.”", "Then he left."]
        );
    }

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(texts("and Russia.The blood"), vec!["and Russia.", "The blood"]);
    }

    #[test]
    fn lines_are_paragraphs_and_wrapped_lines_join() {
        let text = "First line.\nSecond para.\n\nJennifer Jacobs and\ncontributed to this report.";
        let sentences = split(text);
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, vec![0, 1, 2]);
        assert_eq!(
            sentences[2].text(text),
            "Jennifer Jacobs and\ncontributed to this report."
        );
    }

    proptest::proptest! {
        /// Sentences come in order, do not overlap, start and end on character boundaries
        /// and carry no surrounding white space, whatever the text.
        #[test]
        fn sentences_are_ordered_trimmed_spans(text in "([a-zA-Z]{1,6}|[.!?\"”’()“ \n]|U\\.S\\.|Mr\\.|\\PC){0,60}") {
            let mut last_end = 0;
            for s in split(&text) {
                proptest::prop_assert!(last_end <= s.start && s.start < s.end && s.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                proptest::prop_assert_eq!(s.text(&text).trim(), s.text(&text));
                last_end = s.end;
            }
        }
    }
}

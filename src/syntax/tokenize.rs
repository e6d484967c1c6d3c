//! Words as Universal Dependencies English counts them, with their offsets in the text:
//! punctuation apart ("talks," → "talks" ","), clitics apart ("don’t" → "do" "n’t",
//! "Russia’s" → "Russia" "’s"), hyphens and slashes apart ("30-day" → "30" "-" "day"), as
//! the EWT and GUM treebanks that the models learnt from do. Abbreviations ("Mr.", "Jan.",
//! listed in `data/rules/text/abbreviations.txt`), initialisms ("U.S."), numbers ("1,000.5"),
//! web addresses and e-mail addresses stay whole.

use crate::article::is_abbreviation;

/// A word: byte offsets into the text (end exclusive) and the form the models read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawWord {
    pub start: usize,
    pub end: usize,
    pub form: String,
}

/// Characters that open a chunk and stand alone.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '"' | '‘' | '\'' | '(' | '[' | '{' | '«' | '¿' | '¡' | '*' | '#' | '$' | '€' | '£' | '¥'
    )
}

/// Characters that close a chunk and stand alone.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '"' | '’' | '\'' | ')' | ']' | '}' | '»' | ',' | ';' | ':' | '!' | '?' | '.' | '…' | '%' | '*'
    )
}

/// Characters that separate words inside a chunk.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '/' | '…' | '‐' | '‑' | '―')
}

/// The clitics split from the end of a word, lower case, with the straight apostrophe.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Words UD writes as two ("cannot" → "can" "not").
const SPLIT_WORDS: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// The words of `text[start..end]`.
pub fn words(text: &str, start: usize, end: usize) -> Vec<RawWord> {
    let mut out = Vec::new();
    let body = &text[start..end];
    let mut chunk_start = None;
    for (i, c) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                chunk(text, start + s, start + i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<RawWord>) {
    if start < end {
        out.push(RawWord {
            start,
            end,
            form: text[start..end].to_owned(),
        });
    }
}

/// Splits one whitespace-free chunk `text[start..end]`.
fn chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<RawWord>) {
    // Opening punctuation, one character a word.
    while let Some(c) = text[start..end].chars().next() {
        if is_opening(c) && start + c.len_utf8() < end {
            push(text, start, start + c.len_utf8(), out);
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Closing punctuation, collected from the end.
    let mut closing = Vec::new();
    loop {
        let core = &text[start..end];
        let Some(c) = core.chars().next_back() else { break };
        if core.ends_with("...") && core.len() > 3 {
            closing.push((end - 3, end));
            end -= 3;
            continue;
        }
        if !is_closing(c) || core.chars().count() == 1 {
            break;
        }
        if c == '.' && keeps_period(&core[..core.len() - 1]) {
            break;
        }
        closing.push((end - c.len_utf8(), end));
        end -= c.len_utf8();
    }
    core(text, start, end, out);
    for (s, e) in closing.into_iter().rev() {
        push(text, s, e, out);
    }
}

/// Whether "word." keeps its period: abbreviations, initials, initialisms.
fn keeps_period(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    is_abbreviation(word)
        || (letters == 1 && word.chars().all(|c| c.is_uppercase()))
        || (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
}

fn is_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
}

/// The middle of a chunk: separators, then clitics.
fn core(text: &str, start: usize, end: usize, out: &mut Vec<RawWord>) {
    let word = &text[start..end];
    if word.is_empty() {
        return;
    }
    if is_address(word) || word.chars().count() == 1 {
        push(text, start, end, out);
        return;
    }
    let mut piece_start = start;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let at = start + i;
        let inside = k > 0 && k + 1 < chars.len();
        let splits = is_separator(c) && (inside || matches!(c, '—' | '–' | '…'));
        // A comma between letters splits; one between digits is a thousands separator.
        let comma =
            c == ',' && inside && !(chars[k - 1].1.is_ascii_digit() && chars[k + 1].1.is_ascii_digit());
        if splits || comma {
            clitics(text, piece_start, at, out);
            push(text, at, at + c.len_utf8(), out);
            piece_start = at + c.len_utf8();
        }
    }
    clitics(text, piece_start, end, out);
}

/// Splits a clitic off the end of `text[start..end]`.
fn clitics(text: &str, start: usize, end: usize, out: &mut Vec<RawWord>) {
    let word = &text[start..end];
    let lower = word.to_lowercase().replace('’', "'");
    for (whole, at) in SPLIT_WORDS {
        if lower == *whole {
            push(text, start, start + at, out);
            push(text, start + at, end, out);
            return;
        }
    }
    for clitic in CLITICS {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            // Byte length of the clitic in the original (’ is three bytes, ' one).
            let n_chars = clitic.chars().count();
            let split = word
                .char_indices()
                .rev()
                .nth(n_chars - 1)
                .map_or(start, |(i, _)| start + i);
            push(text, start, split, out);
            push(text, split, end, out);
            return;
        }
    }
    push(text, start, end, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        words(text, 0, text.len()).into_iter().map(|w| w.form).collect()
    }

    #[test]
    fn punctuation_and_clitics_stand_apart() {
        assert_eq!(
            forms("“We don’t accept,” Russia’s envoy said."),
            ["“", "We", "do", "n’t", "accept", ",", "”", "Russia", "’s", "envoy", "said", "."]
        );
        assert_eq!(
            forms("He can't, and won't."),
            ["He", "ca", "n't", ",", "and", "wo", "n't", "."]
        );
        assert_eq!(forms("the leaders' talks"), ["the", "leaders", "'", "talks"]);
        assert_eq!(forms("I cannot"), ["I", "can", "not"]);
    }

    #[test]
    fn hyphens_and_slashes_split_numbers_and_addresses_do_not() {
        assert_eq!(forms("a 30-day truce"), ["a", "30", "-", "day", "truce"]);
        assert_eq!(forms("Russia–Ukraine talks"), ["Russia", "–", "Ukraine", "talks"]);
        assert_eq!(forms("$1,000.50 or 10%"), ["$", "1,000.50", "or", "10", "%"]);
        assert_eq!(
            forms("see https://example.com/a-b."),
            ["see", "https://example.com/a-b", "."]
        );
        assert_eq!(forms("and/or"), ["and", "/", "or"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            forms("Mr. Trump met on Jan. 5 in the U.S. Then J. Vance left."),
            [
                "Mr.", "Trump", "met", "on", "Jan.", "5", "in", "the", "U.S.", "Then", "J.", "Vance", "left",
                "."
            ]
        );
        assert_eq!(forms("Wait..."), ["Wait", "..."]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Intro. Zelenskyy’s “peace plan” — again.";
        let start = text.find('Z').unwrap();
        for w in words(text, start, text.len()) {
            assert_eq!(&text[w.start..w.end], w.form);
        }
        assert!(words("   ", 0, 3).is_empty());
    }
}

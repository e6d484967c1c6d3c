//! Where extraction rules come from.
//!
//! Every rule file ships inside the binary (`include_str!` of `data/rules/...`), so a fresh
//! install works with no files beside it. A user who wants to add an actor alias or a trigger
//! phrase without rebuilding points `TIMELINE_RULES` at a directory laid out like
//! `data/rules/`: any file found there replaces the built-in file of the same path.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;

/// A built-in rule file: its path under `data/rules/` and its text.
macro_rules! rule_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../data/rules/", $path)))
    };
}

/// The built-in rule files, by their path under `data/rules/`.
const BUILTIN: &[(&str, &str)] = &[
    rule_file!("time/lexicon.toml"),
    rule_file!("time/rules.toml"),
    rule_file!("events/types.toml"),
    rule_file!("events/triggers.toml"),
    rule_file!("events/classes.toml"),
    rule_file!("events/actors.toml"),
    rule_file!("events/places.toml"),
    rule_file!("events/cues.toml"),
    rule_file!("events/topics.toml"),
    rule_file!("events/countries.tsv"),
    rule_file!("events/country_spellings.tsv"),
    rule_file!("events/people.toml"),
    rule_file!("text/abbreviations.txt"),
];

/// The environment variable naming a directory of rule files that override the built-in ones.
pub const RULES_DIR_ENV: &str = "TIMELINE_RULES";

/// The text of a rule file: the user's override when there is one, else the built-in copy.
pub fn source(path: &str) -> Result<String> {
    if let Some(dir) = std::env::var_os(RULES_DIR_ENV) {
        let candidate = PathBuf::from(dir).join(path);
        if candidate.is_file() {
            return std::fs::read_to_string(&candidate)
                .with_context(|| format!("{}: cannot read rule file", candidate.display()));
        }
    }
    BUILTIN
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, text)| (*text).to_owned())
        .with_context(|| format!("no built-in rule file {path}"))
}

/// Every rule file as this run reads it (the user's overrides included), by path.
pub fn all_sources() -> Result<Vec<(&'static str, String)>> {
    BUILTIN
        .iter()
        .map(|(path, _)| Ok((*path, source(path)?)))
        .collect()
}

/// Parses a TOML rule file into `T`, naming the file in any error.
pub fn load_toml<T: DeserializeOwned>(path: &str) -> Result<T> {
    let text = source(path)?;
    toml::from_str(&text).map_err(|e| {
        // toml's own message draws the line with a caret over several lines; errors here are
        // one line, so give the message and where it is.
        let at = e.span().map_or(String::new(), |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(" at line {line}, column {column}")
        });
        let message: Vec<&str> = e.message().split_whitespace().collect();
        anyhow::anyhow!("rule file {path} is not valid{at}: {}", message.join(" "))
    })
}

/// Named word lists (`[month]`, `[unit]`, ...) that patterns refer to as `{month}`.
///
/// Keys are matched case-insensitively; each list maps a spelling to the value a resolver
/// reads (a month number, a TIMEX3 unit letter, ...).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(from = "HashMap<String, ListFile>")]
pub struct Lexicon {
    // FxHash, not SipHash: the tense check looks up every word near every date, and these
    // keys are our own files' words, not input an attacker chooses.
    lists: FxHashMap<String, FxHashMap<String, toml::Value>>,
}

/// A list as written: an array of words (a set: each word's value is `true`), or a table
/// from spellings to values.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum ListFile {
    Words(Vec<String>),
    Values(FxHashMap<String, toml::Value>),
}

impl From<HashMap<String, ListFile>> for Lexicon {
    fn from(files: HashMap<String, ListFile>) -> Lexicon {
        let lists = files
            .into_iter()
            .map(|(name, list)| {
                let values = match list {
                    ListFile::Words(words) => words
                        .into_iter()
                        .map(|w| (w, toml::Value::Boolean(true)))
                        .collect(),
                    ListFile::Values(values) => values,
                };
                (name, values)
            })
            .collect();
        Lexicon { lists }
    }
}

impl Lexicon {
    pub fn load(path: &str) -> Result<Lexicon> {
        load_toml(path)
    }

    /// The value of `word` in list `list`, ignoring case.
    pub fn value(&self, list: &str, word: &str) -> Option<&toml::Value> {
        let list = self.lists.get(list)?;
        // Most words asked about are lower-case already: looked up as they are, without
        // the two copies that normalising makes (the tagger asks for every cue word).
        if is_normalised(word) {
            return list.get(word);
        }
        let word = word.to_lowercase();
        let word = collapse_spaces(&word);
        list.get(word.as_str())
    }

    pub fn int(&self, list: &str, word: &str) -> Option<i64> {
        self.value(list, word).and_then(toml::Value::as_integer)
    }

    pub fn str(&self, list: &str, word: &str) -> Option<&str> {
        self.value(list, word).and_then(toml::Value::as_str)
    }

    /// Replaces every `{name}` in `pattern` by a named group matching the words of list
    /// `name`, case-insensitively; `{Name}` (capitalised) matches only capitalised spellings.
    /// Longer words come first so "march" wins over "mar".
    pub fn expand(&self, pattern: &str) -> Result<String> {
        static PLACEHOLDER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let placeholder =
            PLACEHOLDER.get_or_init(|| regex::Regex::new(r"\{([A-Za-z_]+)\}").expect("valid regex"));
        let mut missing = None;
        let expanded = placeholder.replace_all(pattern, |caps: &regex::Captures| {
            let name = &caps[1];
            let key = name.to_lowercase();
            let Some(list) = self.lists.get(&key) else {
                missing = Some(name.to_owned());
                return String::new();
            };
            let mut words: Vec<&String> = list.keys().collect();
            // Longest first, then alphabetical: the pattern is the same on every run.
            words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            let capitalised = name.chars().next().is_some_and(char::is_uppercase);
            let alternatives: Vec<String> = words
                .iter()
                .map(|w| {
                    let escaped = regex::escape(w).replace(' ', r"\s+");
                    if capitalised {
                        crate::words::capitalise(&escaped)
                    } else {
                        escaped
                    }
                })
                .collect();
            let flags = if capitalised { "?-i" } else { "?i" };
            format!("(?P<{key}>({flags}:{}))", alternatives.join("|"))
        });
        match missing {
            Some(name) => anyhow::bail!("pattern refers to an unknown word list {{{name}}}"),
            None => Ok(expanded.into_owned()),
        }
    }
}

/// Lower-cases nothing, but folds runs of white space to one space, so "at  least" finds
/// the lexicon key "at least".
/// Whether `word` is as `to_lowercase` and `collapse_spaces` would leave it: ASCII with
/// no capital, words separated by single spaces.
fn is_normalised(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last().is_some_and(|&b| b != b' ')
        && bytes
            .iter()
            .all(|&b| b.is_ascii() && !b.is_ascii_uppercase() && (b == b' ' || !b.is_ascii_whitespace()))
        && !word.contains("  ")
}

pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        toml::from_str("[month]\nmar = 3\nmarch = 3\n[duration_mod]\n\"at least\" = \"MORE_THAN\"").unwrap()
    }

    #[test]
    fn placeholders_expand_longest_first() {
        let expanded = lexicon().expand("{month}").unwrap();
        assert_eq!(expanded, "(?P<month>(?i:march|mar))");
    }

    #[test]
    fn capitalised_placeholders_match_only_capitals() {
        let re = regex::Regex::new(&lexicon().expand("^{Month}$").unwrap()).unwrap();
        assert!(re.is_match("March"));
        assert!(!re.is_match("march"));
    }

    #[test]
    fn multiword_keys_accept_any_spacing() {
        let lex = lexicon();
        let re = regex::Regex::new(&lex.expand("{duration_mod}").unwrap()).unwrap();
        assert!(re.is_match("at  least"));
        assert_eq!(lex.str("duration_mod", "At  least"), Some("MORE_THAN"));
    }

    #[test]
    fn lookups_ignore_case_and_spacing() {
        let lexicon = lexicon();
        for word in ["march", "March", "MARCH", " march", "march "] {
            assert_eq!(lexicon.int("month", word), Some(3), "{word:?}");
        }
        for phrase in ["at least", "At least", "at  least", "at\tleast"] {
            assert_eq!(
                lexicon.str("duration_mod", phrase),
                Some("MORE_THAN"),
                "{phrase:?}"
            );
        }
        assert_eq!(lexicon.int("month", "märz"), None);
        assert_eq!(lexicon.int("nosuch", "march"), None);
    }

    #[test]
    fn unknown_lists_are_an_error() {
        assert!(lexicon().expand("{season}").is_err());
    }

    #[test]
    fn every_builtin_file_parses() {
        for (path, _) in BUILTIN {
            if path.ends_with(".toml") {
                load_toml::<toml::Value>(path).unwrap();
            }
        }
    }
}

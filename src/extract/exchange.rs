//! The interchange format between `timeline extract` and `timeline ingest --mentions`: one
//! JSON line per article, holding the article (its cleaned text, which every offset points
//! into) and every event extracted from it. Extraction needs no database, so it can run
//! anywhere, on many machines at once; the store takes the lines in and gives the timeline a
//! direct ingest would.

use serde::{Deserialize, Serialize};

use super::ExtractedEvent;
use crate::article::{content_hash, Article};

/// The version this build writes and reads. A change that an older reader would misread
/// gets the next number.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub version: u32,
    pub article: Article,
    pub events: Vec<ExtractedEvent>,
    /// The fingerprint of the rules and models that extracted them (`extract::fingerprint`),
    /// stored with the article so that `reextract` knows what to extract again.
    #[serde(default)]
    pub rules: Option<String>,
}

impl Extraction {
    pub fn new(article: Article, events: Vec<ExtractedEvent>, rules: &str) -> Extraction {
        Extraction {
            version: VERSION,
            article,
            events,
            rules: Some(rules.to_owned()),
        }
    }

    /// The line `timeline extract` writes (without its newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("an extraction is plain data")
    }

    /// An extraction read back from a line, checked: the version is this build's, the text
    /// is not empty, and every offset lies in the text (the hash is computed again from it).
    pub fn from_line(line: &str) -> Result<Extraction, String> {
        let mut extraction: Extraction = serde_json::from_str(line).map_err(|e| e.to_string())?;
        if extraction.version != VERSION {
            return Err(format!(
                "format version {} (this timeline reads version {VERSION})",
                extraction.version
            ));
        }
        let article = &mut extraction.article;
        if article.text.is_empty() {
            return Err("the article has no text".into());
        }
        article.hash = content_hash(&article.text);
        let length = article.text.chars().count();
        for event in &extraction.events {
            let e = &event.evidence;
            let inside = e.sentence_start <= e.sentence_end
                && e.sentence_end <= length
                && e.trigger_start <= e.trigger_end
                && e.trigger_end <= length;
            if !inside {
                return Err(format!(
                    "the evidence of {:?} points outside the article's {length} characters",
                    e.trigger
                ));
            }
        }
        Ok(extraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Metadata;
    use crate::extract::Extractor;

    fn extraction() -> Extraction {
        let meta = Metadata {
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 18),
            ..Metadata::default()
        };
        let article = Article::parse("a.txt", "Trump spoke with Putin by phone on Tuesday.", &meta).unwrap();
        let events = Extractor::load().unwrap().extract(&article);
        assert!(!events.is_empty());
        Extraction::new(article, events, "0123456789ab")
    }

    #[test]
    fn a_line_reads_back_as_what_was_written() {
        let written = extraction();
        let read = Extraction::from_line(&written.to_line()).unwrap();
        assert_eq!(read, written);
        assert_eq!(read.article.hash, written.article.hash, "the hash is the text's");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let line = extraction().to_line();
        let other_version = line.replacen("\"version\":1", "\"version\":2", 1);
        assert!(Extraction::from_line(&other_version)
            .unwrap_err()
            .contains("format version 2"));
        let mut outside: serde_json::Value = serde_json::from_str(&line).unwrap();
        outside["events"][0]["evidence"]["trigger_end"] = 9999.into();
        let outside = Extraction::from_line(&outside.to_string()).unwrap_err();
        assert!(outside.contains("points outside the article's"), "{outside}");
        assert!(Extraction::from_line("{\"version\":1}")
            .unwrap_err()
            .contains("missing field"));
        assert!(Extraction::from_line("not json").is_err());
    }
}

//! Topics: what an event is about, from the words of its clause (`data/rules/events/topics.toml`).

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result};
use serde::Deserialize;

use crate::rules;

#[derive(Deserialize)]
struct File {
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Topic {
    name: String,
    terms: Vec<String>,
}

pub struct Topics {
    names: Vec<String>,
    matcher: AhoCorasick,
    /// Pattern i of `matcher` is a term of topic `topic_of[i]`.
    topic_of: Vec<usize>,
}

impl Topics {
    pub fn load() -> Result<Topics> {
        let file: File = rules::load_toml("events/topics.toml")?;
        let mut terms = Vec::new();
        let mut topic_of = Vec::new();
        for (i, topic) in file.topic.iter().enumerate() {
            for term in &topic.terms {
                terms.push(term.clone());
                topic_of.push(i);
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .context("events/topics.toml: cannot build the matcher")?;
        Ok(Topics {
            names: file.topic.into_iter().map(|t| t.name).collect(),
            matcher,
            topic_of,
        })
    }

    /// The topic names, in the order of the topic file.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The topics `text` names, in the order of the topic file.
    pub fn of(&self, text: &str) -> Vec<String> {
        let mut found: Vec<usize> = self
            .matcher
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
            .map(|m| self.topic_of[m.pattern().as_usize()])
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| self.names[i].clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_read_from_whole_words() {
        let topics = Topics::load().unwrap();
        assert_eq!(
            topics.of("agreed to exchange 1,000 prisoners of war each"),
            vec!["prisoners"]
        );
        assert_eq!(
            topics.of("an energy and infrastructure ceasefire in the Black Sea"),
            vec!["ceasefire", "energy", "black sea"]
        );
        assert!(topics.of("the sanctioned bank").is_empty());
    }
}

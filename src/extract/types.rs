//! The event types, read from `data/rules/events/types.toml`: the single list of them.

use anyhow::{bail, Result};
use serde::Deserialize;

use crate::rules;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    pub name: String,
    pub cameo: Option<String>,
    /// The code's name in the CAMEO manual ("Discuss by telephone").
    pub cameo_name: Option<String>,
    /// How the HTML timeline draws events of this type: "#rrggbb".
    pub colour: Option<String>,
    /// Types another report may give the same event ("meeting" for "talks").
    #[serde(default)]
    pub same_as: Vec<String>,
    /// Types another article may give the same event ("ceasefire" for an "agreement").
    #[serde(default)]
    pub merges_across_articles_with: Vec<String>,
    /// Whether reports about different topics are different events.
    #[serde(default)]
    pub by_topic: bool,
    /// Whether two sentences of one article can report one event of this type.
    #[serde(default = "yes")]
    pub merge_within_article: bool,
    /// Whether two reports are of one event only when they name the same actor, not only
    /// the same party: two officials' remarks are two statements though both count as USA.
    #[serde(default)]
    pub by_actor: bool,
    /// Whether a destination ("left for Moscow") is where an event of this type happens.
    #[serde(default)]
    pub at_destination: bool,
    /// Whether a report without a date of its own may be of an event another article
    /// reports (within the week before its own report, as for every type).
    #[serde(default = "yes")]
    pub undated_merge_across_articles: bool,
    /// Whether reports from two articles are of one event of this type only when dated
    /// alike: a day with a day, a week with a week ("eight violations last week" is a tally,
    /// not Sunday's shooting another article tells).
    #[serde(default)]
    pub same_precision_across_articles: bool,
}

fn yes() -> bool {
    true
}

/// "#rrggbb".
fn is_hex_colour(c: &str) -> bool {
    c.strip_prefix('#')
        .is_some_and(|h| h.len() == 6 && h.chars().all(|d| d.is_ascii_hexdigit()))
}

#[derive(Debug, Clone)]
pub struct EventTypes {
    types: Vec<EventType>,
}

#[derive(Deserialize)]
struct File {
    r#type: Vec<EventType>,
}

impl EventTypes {
    pub fn load() -> Result<EventTypes> {
        let file: File = rules::load_toml("events/types.toml")?;
        let types = EventTypes { types: file.r#type };
        for t in &types.types {
            if let Some(c) = t.colour.as_deref().filter(|c| !is_hex_colour(c)) {
                // It goes into the HTML page's style attributes: nothing else may.
                bail!("events/types.toml: type {} has colour {c:?}, not #rrggbb", t.name);
            }
            for other in t.same_as.iter().chain(&t.merges_across_articles_with) {
                if types.get(other).is_none() {
                    bail!(
                        "events/types.toml: type {} lists unknown type {other} in same_as",
                        t.name
                    );
                }
            }
        }
        Ok(types)
    }

    /// The type names, in the order of types.toml.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.types.iter().map(|t| t.name.as_str())
    }

    /// The colour of a type, as types.toml gives it.
    pub fn colour(&self, name: &str) -> Option<&str> {
        self.get(name)?.colour.as_deref()
    }

    pub fn get(&self, name: &str) -> Option<&EventType> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn cameo(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|t| t.cameo.as_deref())
    }

    /// The CAMEO code with its name, as text ("041 Discuss by telephone"): what the CSV
    /// writes, so that a spreadsheet or pandas keeps the leading zero and a reader sees
    /// what the code means.
    pub fn cameo_text(&self, code: &str) -> String {
        match self
            .types
            .iter()
            .find(|t| t.cameo.as_deref() == Some(code))
            .and_then(|t| t.cameo_name.as_deref())
        {
            Some(name) => format!("{code} {name}"),
            None => code.to_owned(),
        }
    }

    pub fn by_actor(&self, name: &str) -> bool {
        self.get(name).is_some_and(|t| t.by_actor)
    }

    pub fn at_destination(&self, name: &str) -> bool {
        self.get(name).is_some_and(|t| t.at_destination)
    }

    pub fn by_topic(&self, name: &str) -> bool {
        self.get(name).is_some_and(|t| t.by_topic)
    }

    pub fn undated_merge_across_articles(&self, name: &str) -> bool {
        self.get(name).is_none_or(|t| t.undated_merge_across_articles)
    }

    pub fn same_precision_across_articles(&self, name: &str) -> bool {
        self.get(name).is_some_and(|t| t.same_precision_across_articles)
    }

    /// The types a report typed `a` may share an event with (from other articles; within
    /// one article, [`EventTypes::compatible`] allows fewer): what the store looks among.
    pub fn compatible_with(&self, a: &str) -> Vec<String> {
        let mut types = vec![a.to_owned()];
        if let Some(t) = self.get(a) {
            for b in t.same_as.iter().chain(&t.merges_across_articles_with) {
                if !types.contains(b) {
                    types.push(b.clone());
                }
            }
        }
        types
    }

    /// Whether two reports typed `a` and `b` may be of one event; `same_article` when both
    /// come from one article.
    pub fn compatible(&self, a: &str, b: &str, same_article: bool) -> bool {
        let Some(t) = self.get(a) else {
            return a == b;
        };
        if a == b {
            return !same_article || t.merge_within_article;
        }
        t.same_as.iter().any(|s| s == b)
            || (!same_article && t.merges_across_articles_with.iter().any(|s| s == b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_types_a_report_may_share_an_event_with_are_those_compatible_across_articles() {
        let types = EventTypes::load().unwrap();
        for t in &types.types {
            let with = types.compatible_with(&t.name);
            for b in &types.types {
                assert_eq!(
                    with.contains(&b.name),
                    types.compatible(&t.name, &b.name, false),
                    "{} and {}",
                    t.name,
                    b.name
                );
            }
        }
        assert_eq!(types.compatible_with("nosuch"), ["nosuch"]);
    }

    #[test]
    fn every_type_but_other_has_a_colour_and_colours_are_checked() {
        let types = EventTypes::load().unwrap();
        for t in &types.types {
            assert_eq!(t.colour.is_some(), t.name != "other", "{}", t.name);
        }
        assert_eq!(types.colour("call"), Some("#7cc4fa"));
        assert!(is_hex_colour("#27ab83"));
        for bad in ["27ab83", "#27ab8", "#27ab83\" onload=\"x", "red"] {
            assert!(!is_hex_colour(bad), "{bad}");
        }
    }

    #[test]
    fn the_issue_types_exist_and_compare_as_documented() {
        let types = EventTypes::load().unwrap();
        for name in [
            "call",
            "meeting",
            "talks",
            "proposal",
            "acceptance",
            "rejection",
            "demand",
            "agreement",
            "ceasefire",
            "statement",
            "visit",
            "sanction",
            "threat",
            "aid",
            "attack",
            "other",
        ] {
            assert!(types.get(name).is_some(), "{name}");
        }
        assert_eq!(types.cameo("meeting"), Some("044"));
        assert!(types.compatible("meeting", "talks", true));
        assert!(!types.compatible("call", "meeting", false));
        assert!(types.compatible("agreement", "ceasefire", false));
        assert!(!types.compatible("agreement", "ceasefire", true));
        assert!(!types.compatible("statement", "statement", true));
    }
}

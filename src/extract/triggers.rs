//! Trigger rules: which words in a sentence report an event, and of what type.
//! The rules are `data/rules/events/triggers.toml`; this module compiles and applies them.

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;

use super::types::EventTypes;
use crate::rules;

/// Whose names an event takes from its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ActorScope {
    /// Everyone named in the trigger's clause.
    #[default]
    Clause,
    /// Only who said it.
    Speaker,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TriggerSpec {
    pub name: String,
    pub r#type: String,
    pub pattern: String,
    #[serde(default)]
    pub unless_before: Option<String>,
    #[serde(default)]
    pub unless_after: Option<String>,
    #[serde(default)]
    pub unless_within: Option<String>,
    #[serde(default = "one")]
    pub min_actors: usize,
    #[serde(default)]
    pub actor_after: bool,
    #[serde(default)]
    pub needs_date: bool,
    #[serde(default)]
    pub takes_content: bool,
    #[serde(default)]
    pub yields_to_content: bool,
    #[serde(default)]
    pub actors: ActorScope,
    #[serde(default)]
    pub priority: i32,
    /// Read by the unit tests, which run every example.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub examples: Vec<[String; 2]>,
}

/// An event is about someone: by default a trigger needs one actor.
fn one() -> usize {
    1
}

#[derive(Deserialize)]
struct File {
    rule: Vec<TriggerSpec>,
}

/// A compiled trigger rule.
#[derive(Debug)]
pub struct Trigger {
    pub name: String,
    /// The event type, or `None` for phrases that only block other triggers.
    pub event_type: Option<String>,
    regex: Regex,
    unless_before: Option<Regex>,
    unless_after: Option<Regex>,
    unless_within: Option<Regex>,
    pub min_actors: usize,
    pub actor_after: bool,
    pub needs_date: bool,
    pub takes_content: bool,
    pub yields_to_content: bool,
    pub actors: ActorScope,
    pub priority: i32,
}

/// A trigger rule's match in a sentence, before the extractor checks actors and dates.
#[derive(Debug, Clone)]
pub struct TriggerMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

pub struct TriggerSet {
    pub rules: Vec<Trigger>,
}

impl TriggerSet {
    pub fn load(types: &EventTypes) -> Result<TriggerSet> {
        let file: File = rules::load_toml("events/triggers.toml")?;
        TriggerSet::compile(file.rule, types)
    }

    pub(super) fn compile(specs: Vec<TriggerSpec>, types: &EventTypes) -> Result<TriggerSet> {
        let mut rules = Vec::new();
        for spec in specs {
            let event_type = match spec.r#type.as_str() {
                "none" => None,
                name if types.get(name).is_some() => Some(name.to_owned()),
                other => bail!("trigger rule {}: unknown event type {other:?}", spec.name),
            };
            let compile = |pattern: &str| {
                Regex::new(pattern)
                    .with_context(|| format!("trigger rule {}: invalid pattern {pattern:?}", spec.name))
            };
            let optional = |pattern: &Option<String>| pattern.as_deref().map(compile).transpose();
            rules.push(Trigger {
                regex: compile(&spec.pattern)?,
                unless_before: optional(&spec.unless_before)?,
                unless_after: optional(&spec.unless_after)?,
                unless_within: optional(&spec.unless_within)?,
                name: spec.name,
                event_type,
                min_actors: spec.min_actors,
                actor_after: spec.actor_after,
                needs_date: spec.needs_date,
                takes_content: spec.takes_content,
                yields_to_content: spec.yields_to_content,
                actors: spec.actors,
                priority: spec.priority,
            });
        }
        Ok(TriggerSet { rules })
    }

    /// The winning trigger matches of `sentence`, in text order. Where matches overlap, the
    /// higher priority wins, then the longer; blocking phrases win and are dropped after.
    pub fn find(&self, sentence: &str) -> Vec<TriggerMatch> {
        let mut found = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            for m in rule.regex.find_iter(sentence) {
                let before = &sentence[..m.start()];
                let after = &sentence[m.end()..];
                if rule.unless_before.as_ref().is_some_and(|r| r.is_match(before))
                    || rule.unless_after.as_ref().is_some_and(|r| r.is_match(after))
                    || rule
                        .unless_within
                        .as_ref()
                        .is_some_and(|r| r.is_match(m.as_str()))
                {
                    continue;
                }
                found.push(TriggerMatch {
                    rule: index,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        found.sort_by_key(|m| {
            (
                std::cmp::Reverse(self.rules[m.rule].priority),
                std::cmp::Reverse(m.end - m.start),
            )
        });
        let mut kept: Vec<TriggerMatch> = Vec::new();
        for m in found {
            if kept.iter().all(|k| m.end <= k.start || k.end <= m.start) {
                kept.push(m);
            }
        }
        kept.retain(|m| self.rules[m.rule].event_type.is_some());
        kept.sort_by_key(|m| m.start);
        kept
    }

    #[cfg(test)]
    pub(super) fn examples() -> Result<Vec<(String, String, String)>> {
        let file: File = rules::load_toml("events/triggers.toml")?;
        Ok(file
            .rule
            .into_iter()
            .flat_map(|r| {
                let name = r.name.clone();
                r.examples.into_iter().map(move |[s, t]| (name.clone(), s, t))
            })
            .collect())
    }
}

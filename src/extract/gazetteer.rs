//! Actors and places: who takes part in an event and where it happens, found by their
//! spellings in `data/rules/events/actors.toml` and `places.toml`.
//!
//! One Aho-Corasick automaton per list finds every spelling in a single pass, leftmost and
//! longest first ("President Vladimir Putin" before "Putin"), case-sensitively so that "US"
//! is not "us".

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result};
use serde::Deserialize;

use super::cues::Cues;
use crate::ordered::first_seen;
use crate::rules;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub name: String,
    pub kind: String,
    /// The country a person acts for: "a leader counts for his country".
    pub country: Option<String>,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub aliases: Vec<String>,
}

/// An actor named in a sentence (offsets relative to the sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
    pub text: String,
}

/// A place named after a locative preposition.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub place: usize,
    /// Named as where something goes ("to Egypt"), not where it happens ("in Egypt").
    pub destination: bool,
}

pub struct Gazetteer {
    actors: Vec<Actor>,
    places: Vec<Place>,
    /// Pattern i of `actor_matcher` is a spelling of actor `actor_of[i].0`; `.1` marks demonyms.
    actor_matcher: AhoCorasick,
    actor_of: Vec<(usize, bool)>,
    place_matcher: AhoCorasick,
    place_of: Vec<usize>,
    group_nouns: Vec<String>,
    topic_nouns: Vec<String>,
}

#[derive(Deserialize)]
struct ActorFile {
    actor: Vec<Actor>,
}

#[derive(Deserialize)]
struct PlaceFile {
    place: Vec<Place>,
}

/// Words before a name that make it a place, not an actor: "met in Saudi Arabia".
const LOCATIVES: &[&str] = &["in", "at", "near", "In", "At"];
/// Words before a name that make it where an event goes: "travel to Egypt".
const DESTINATIONS: &[&str] = &["to", "into"];

impl Gazetteer {
    /// The gazetteer of the rule files, with the noun lists of `cues` that decide when a
    /// name is a party.
    pub fn load(cues: &Cues) -> Result<Gazetteer> {
        let group_nouns = cues.group_nouns.words.clone();
        let topic_nouns = cues.topic_nouns.words.clone();
        let actors = rules::load_toml::<ActorFile>("events/actors.toml")?.actor;
        let places = rules::load_toml::<PlaceFile>("events/places.toml")?.place;
        let mut spellings = Vec::new();
        let mut actor_of = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            for alias in &actor.aliases {
                spellings.push(alias.clone());
                actor_of.push((i, false));
            }
            for demonym in &actor.demonyms {
                spellings.push(demonym.clone());
                actor_of.push((i, true));
            }
        }
        let actor_matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&spellings)
            .context("events/actors.toml: cannot build the matcher")?;
        let mut place_spellings = Vec::new();
        let mut place_of = Vec::new();
        for (i, place) in places.iter().enumerate() {
            for alias in &place.aliases {
                place_spellings.push(alias.clone());
                place_of.push(i);
            }
        }
        let place_matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&place_spellings)
            .context("events/places.toml: cannot build the matcher")?;
        Ok(Gazetteer {
            actors,
            places,
            actor_matcher,
            actor_of,
            place_matcher,
            place_of,
            group_nouns,
            topic_nouns,
        })
    }

    pub fn actor(&self, index: usize) -> &Actor {
        &self.actors[index]
    }

    pub fn place(&self, index: usize) -> &Place {
        &self.places[index]
    }

    /// The country the place `name` lies in, when places.toml gives one.
    pub fn place_country(&self, name: &str) -> Option<String> {
        self.places
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.country.clone())
    }

    /// Actors at country level: each person counts as the country he acts for.
    pub fn parties_of(&self, actors: &[String]) -> Vec<String> {
        first_seen(actors.iter().map(|name| {
            self.actor_named(name)
                .and_then(|i| self.actors[i].country.clone())
                .unwrap_or_else(|| name.clone())
        }))
    }

    /// The canonical name of the actor that `name` names, ignoring case: "Vladimir Putin"
    /// and "putin" are "Putin".
    pub fn canonical_actor(&self, name: &str) -> Option<&str> {
        self.actors
            .iter()
            .find(|a| {
                a.name.eq_ignore_ascii_case(name) || a.aliases.iter().any(|s| s.eq_ignore_ascii_case(name))
            })
            .map(|a| a.name.as_str())
    }

    /// The places a place filter `name` covers, ignoring case: the place it names and every
    /// place that lies in it ("Turkey" covers Istanbul and Ankara).
    pub fn places_within(&self, name: &str) -> Vec<String> {
        let canonical = self
            .places
            .iter()
            .find(|p| {
                p.name.eq_ignore_ascii_case(name) || p.aliases.iter().any(|s| s.eq_ignore_ascii_case(name))
            })
            .map_or(name, |p| p.name.as_str());
        let country = self.canonical_actor(canonical).unwrap_or(canonical);
        let mut out = vec![canonical.to_owned()];
        out.extend(
            self.places
                .iter()
                .filter(|p| {
                    p.country
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(country))
                })
                .map(|p| p.name.clone()),
        );
        crate::ordered::first_seen(out)
    }

    pub fn actor_named(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.name == name)
    }

    /// The actors named in `text`. A name right after a locative preposition is a place
    /// ("a ceasefire in Ukraine"), and a demonym counts only before a group noun.
    pub fn actors_in(&self, text: &str) -> Vec<ActorMention> {
        let mut out = Vec::new();
        for m in self.actor_matcher.find_iter(text) {
            if !on_word_boundaries(text, m.start(), m.end()) {
                continue;
            }
            let (actor, demonym) = self.actor_of[m.pattern().as_usize()];
            if demonym && !self.group_noun_follows(&text[m.end()..]) {
                continue;
            }
            if !demonym
                && (after_locative(text, m.start(), LOCATIVES)
                    || self.next_word_in(&text[m.end()..], &self.topic_nouns))
            {
                continue;
            }
            out.push(ActorMention {
                start: m.start(),
                end: m.end(),
                actor,
                text: text[m.start()..m.end()].to_owned(),
            });
        }
        out
    }

    /// The places named after a locative ("in Riyadh") or directional ("to Egypt")
    /// preposition in `text`.
    pub fn places_in(&self, text: &str) -> Vec<PlaceMention> {
        self.place_matcher
            .find_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .filter_map(|m| {
                let destination = if after_locative(text, m.start(), LOCATIVES) {
                    false
                } else if after_locative(text, m.start(), DESTINATIONS) {
                    true
                } else {
                    return None;
                };
                Some(PlaceMention {
                    start: m.start(),
                    end: m.end(),
                    place: self.place_of[m.pattern().as_usize()],
                    destination,
                })
            })
            .collect()
    }

    fn next_word_in(&self, rest: &str, words: &[String]) -> bool {
        let next: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        !next.is_empty() && words.contains(&next.to_lowercase())
    }

    /// Whether a group noun follows, possibly after a coordinated demonym: "Russian
    /// delegation", "Ukrainian and Russian delegations".
    fn group_noun_follows(&self, rest: &str) -> bool {
        let words: Vec<String> = rest
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(3)
            .map(str::to_lowercase)
            .collect();
        let next = match words.first().map(String::as_str) {
            Some("and" | "or") => words.get(2),
            _ => words.first(),
        };
        next.is_some_and(|w| self.group_nouns.contains(w))
    }
}

fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether the name at `at` follows one of `prepositions`, allowing "the" and "city of"
/// between them ("in the city of Jeddah").
fn after_locative(text: &str, at: usize, prepositions: &[&str]) -> bool {
    let mut before = text[..at].trim_end();
    loop {
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[start..];
        if matches!(word, "the" | "of" | "city") {
            before = before[..start].trim_end();
            continue;
        }
        return prepositions.contains(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::load(&Cues::load().unwrap()).unwrap()
    }

    fn names(text: &str) -> Vec<String> {
        let g = gazetteer();
        g.actors_in(text)
            .iter()
            .map(|m| g.actor(m.actor).name.clone())
            .collect()
    }

    #[test]
    fn aliases_fold_to_canonical_names() {
        assert_eq!(names("Mr. Trump told the Kremlin"), vec!["Trump", "Russia"]);
        assert_eq!(names("Russian President Vladimir Putin"), vec!["Putin"]);
    }

    #[test]
    fn demonyms_need_a_group_noun() {
        assert_eq!(names("the Russian delegation met"), vec!["Russia"]);
        assert_eq!(names("a Russian teacher"), Vec::<String>::new());
    }

    #[test]
    fn case_and_word_boundaries_matter() {
        assert_eq!(names("let us talk about USAID"), Vec::<String>::new());
    }

    #[test]
    fn names_after_locatives_are_places() {
        let g = gazetteer();
        assert_eq!(names("a ceasefire in Ukraine"), Vec::<String>::new());
        assert_eq!(names("to end the Ukraine war"), Vec::<String>::new());
        let places = g.places_in("delegates met in Saudi Arabia and in the city of Jeddah");
        let names: Vec<&str> = places.iter().map(|p| g.place(p.place).name.as_str()).collect();
        assert_eq!(names, vec!["Saudi Arabia", "Jeddah"]);
        assert!(g.places_in("Saudi Arabia hosted").is_empty());
    }
}

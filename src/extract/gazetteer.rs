//! Actors and places: who takes part in an event and where it happens, found by their
//! spellings in `data/rules/events/actors.toml` and `places.toml`, and every other country
//! and territory of the world from `countries.tsv` (ISO 3166 codes, names, demonyms,
//! capitals). The curated files win where both name a country: they hold the aliases and
//! metonyms news uses ("the Kremlin") and the capitals it does not use for a government.
//!
//! People an article introduces with a title are added per article ([`Gazetteer::with_people`]).
//!
//! One Aho-Corasick automaton per list finds every spelling in a single pass, leftmost and
//! longest first ("President Vladimir Putin" before "Putin"), case-sensitively so that "US"
//! is not "us".

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result};
use serde::Deserialize;

use super::countries;
use super::cues::Cues;
use crate::model::ActorKind;
use crate::ordered::first_seen;
use crate::rules;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// The party a person acts for: "a leader counts for his country".
    pub country: Option<String>,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// ISO 3166-1 alpha-3 code of a country or territory.
    #[serde(default)]
    pub code: Option<String>,
    /// A person the text names without a title (people::People::untitled): whom he acts
    /// for is unknown, so beside a party he is none (`parties_of`).
    #[serde(skip)]
    pub untitled: bool,
}

/// How a spelling names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    Name,
    /// "Russian": names the country only before a group noun.
    Demonym,
    /// A capital from `countries.tsv`: the government, unless a capitalised word follows
    /// ("Victoria Coates" is a person).
    Capital,
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
    /// The actors and places of the rule files, shared by every article's gazetteer.
    known: Arc<Known>,
    /// The people of one article (`with_people`), numbered after the known actors.
    people: Vec<Actor>,
    /// Pattern i is a spelling of actor `.1[i]` (a number in that order).
    people_matcher: Option<(AhoCorasick, Vec<usize>)>,
}

/// What the rule files name.
struct Known {
    actors: Vec<Actor>,
    places: Vec<Place>,
    /// Pattern i of `actor_matcher` is a spelling of actor `actor_of[i].0`.
    actor_matcher: AhoCorasick,
    actor_of: Vec<(usize, Spelling)>,
    place_matcher: AhoCorasick,
    place_of: Vec<usize>,
    group_nouns: Vec<String>,
    modifier_stops: Vec<String>,
    topic_nouns: Vec<String>,
    seated: Vec<String>,
}

#[derive(Deserialize)]
struct ActorFile {
    actor: Vec<Actor>,
}

#[derive(Deserialize)]
struct PlaceFile {
    place: Vec<Place>,
}

/// Words before a name that make it a place, not an actor: "met in Saudi Arabia"; a route
/// ("arrived in Tehran via Qatar", "aid delivered via Israel").
const LOCATIVES: &[&str] = &["in", "at", "near", "via", "In", "At"];
/// Words before a name that make it where an event goes: "travel to Egypt".
const DESTINATIONS: &[&str] = &["to", "into"];

impl Gazetteer {
    /// The gazetteer of the rule files, with the noun lists of `cues` that decide when a
    /// name is a party.
    pub fn load(cues: &Cues) -> Result<Gazetteer> {
        // A demonym names an actor before a group's noun or an act's (`actors_in`).
        let group_nouns = [&cues.group_nouns.words[..], &cues.group_nouns.agent_nouns[..]].concat();
        let modifier_stops = cues.group_nouns.modifier_stops.clone();
        let topic_nouns = cues.topic_nouns.words.clone();
        let seated = cues.anaphora.seated.clone();
        let mut actors = rules::load_toml::<ActorFile>("events/actors.toml")?.actor;
        let mut places = rules::load_toml::<PlaceFile>("events/places.toml")?.place;
        let mut capitals = Vec::new();
        for country in countries::load()? {
            country.merge_into(&mut actors, &mut places, &mut capitals);
        }
        let mut spellings = Vec::new();
        let mut actor_of = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            for alias in &actor.aliases {
                spellings.push(alias.clone());
                actor_of.push((i, Spelling::Name));
            }
            for demonym in &actor.demonyms {
                spellings.push(demonym.clone());
                actor_of.push((i, Spelling::Demonym));
            }
        }
        for (i, capital) in capitals {
            spellings.push(capital);
            actor_of.push((i, Spelling::Capital));
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
            known: Arc::new(Known {
                actors,
                places,
                actor_matcher,
                actor_of,
                place_matcher,
                place_of,
                group_nouns,
                modifier_stops,
                topic_nouns,
                seated,
            }),
            people: Vec::new(),
            people_matcher: None,
        })
    }

    /// The known actors and the people an article introduces, found by their spellings
    /// too. The known part is shared, not copied.
    pub fn with_people(&self, people: Vec<Actor>) -> Result<Gazetteer> {
        let mut out = Gazetteer {
            known: Arc::clone(&self.known),
            people: Vec::new(),
            people_matcher: None,
        };
        if people.is_empty() {
            return Ok(out);
        }
        let mut spellings = Vec::new();
        let mut actor_of = Vec::new();
        for (i, person) in people.iter().enumerate() {
            for alias in &person.aliases {
                spellings.push(alias.clone());
                actor_of.push(self.known.actors.len() + i);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&spellings)
            .context("cannot build the matcher of an article's people")?;
        out.people = people;
        out.people_matcher = Some((matcher, actor_of));
        Ok(out)
    }

    pub fn actor(&self, index: usize) -> &Actor {
        let known = self.known.actors.len();
        if index < known {
            &self.known.actors[index]
        } else {
            &self.people[index - known]
        }
    }

    /// The names of the actors the rule files know, for completion.
    pub fn known_actor_names(&self) -> impl Iterator<Item = &str> {
        self.known.actors.iter().map(|a| a.name.as_str())
    }

    /// Every actor, known ones first, in the order of their numbers.
    fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.known.actors.iter().chain(&self.people)
    }

    pub fn place(&self, index: usize) -> &Place {
        &self.known.places[index]
    }

    /// The country the place `name` lies in, when places.toml gives one.
    pub fn place_country(&self, name: &str) -> Option<String> {
        self.known
            .places
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.country.clone())
    }

    /// Actors at country level: each person counts as the country he acts for. A person
    /// named without a title is a party only when no one else is: beside a country he may
    /// act for any ("the United States freed … Alexander Vinnik" is the United States' act,
    /// of its swap with Russia).
    pub fn parties_of(&self, actors: &[String]) -> Vec<String> {
        // Each name looked up once: the lookup walks the actors.
        let named: Vec<(&String, Option<&Actor>)> = actors
            .iter()
            .map(|name| (name, self.actor_named(name).map(|i| self.actor(i))))
            .collect();
        let only_untitled = named.iter().all(|(_, a)| a.is_some_and(|a| a.untitled));
        first_seen(
            named
                .into_iter()
                .filter(|(_, a)| !a.is_some_and(|a| a.kind == ActorKind::Generic))
                .filter(|(_, a)| only_untitled || !a.is_some_and(|a| a.untitled))
                .map(|(name, actor)| {
                    actor
                        .and_then(|a| a.country.clone())
                        .unwrap_or_else(|| name.clone())
                }),
        )
    }

    /// The canonical name of the actor that `name` names, ignoring case: "Vladimir Putin"
    /// and "putin" are "Putin".
    pub fn canonical_actor(&self, name: &str) -> Option<&str> {
        self.actors()
            .find(|a| {
                a.name.eq_ignore_ascii_case(name) || a.aliases.iter().any(|s| s.eq_ignore_ascii_case(name))
            })
            .map(|a| a.name.as_str())
    }

    /// The places a place filter `name` covers, ignoring case: the place it names and every
    /// place that lies in it ("Turkey" covers Istanbul and Ankara).
    pub fn places_within(&self, name: &str) -> Vec<String> {
        let canonical = self
            .known
            .places
            .iter()
            .find(|p| {
                p.name.eq_ignore_ascii_case(name) || p.aliases.iter().any(|s| s.eq_ignore_ascii_case(name))
            })
            .map_or(name, |p| p.name.as_str());
        let country = self.canonical_actor(canonical).unwrap_or(canonical);
        let mut out = vec![canonical.to_owned()];
        out.extend(
            self.known
                .places
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
        self.actors().position(|a| a.name == name)
    }

    /// The actors named in `text`. A name right after a locative preposition is a place
    /// ("a ceasefire in Ukraine"), and a demonym counts only before a group noun.
    pub fn actors_in(&self, text: &str) -> Vec<ActorMention> {
        let mut out = Vec::new();
        for (start, end, actor, spelling) in self.spellings_in(text) {
            if spelling == Spelling::Demonym
                && !self.group_noun_follows(&text[end..])
                && !hyphen_pair(text, start, end)
            {
                continue;
            }
            if spelling == Spelling::Capital && next_word_capitalised(&text[end..]) {
                continue;
            }
            if self.hyphenated_into_other_name(&text[end..]) {
                continue;
            }
            let located = after_locative(text, start, LOCATIVES);
            let seat = located.then(|| self.seat_of_government(&text[..start])).flatten();
            if spelling != Spelling::Demonym
                && (located && seat.is_none()
                    || named_as_capital(text, start)
                    || self.after_place_in(&text[..start], actor)
                    || self.next_word_in(&text[end..], &self.known.topic_nouns))
            {
                continue;
            }
            let start = seat.unwrap_or(start);
            out.push(ActorMention {
                start,
                end,
                actor,
                text: text[start..end].to_owned(),
            });
        }
        out
    }

    /// Where the government's noun starts (its "the" included) when `before` ends in one and
    /// "in": the name after them is where the government sits, and so the country it
    /// governs, and the three words name it ("the government in Skopje").
    fn seat_of_government(&self, before: &str) -> Option<usize> {
        let (rest, preposition) = last_word(before.trim_end());
        let (rest, noun) = last_word(rest.trim_end());
        if preposition != "in" || !self.known.seated.iter().any(|n| n.eq_ignore_ascii_case(noun)) {
            return None;
        }
        let (head, article) = last_word(rest.trim_end());
        Some(if article.eq_ignore_ascii_case("the") {
            head.len()
        } else {
            rest.len()
        })
    }

    /// Whether `before` ends in a known place of country `actor` and a comma: the country
    /// then says where the place is ("talks in Hanoi, Vietnam", "Riyadh, Saudi Arabia"), and
    /// is no actor; not after a place of another country ("delegations from Türkiye,
    /// Russia, and Ukraine") nor for a person ("Speaking in Sochi, Putin said").
    fn after_place_in(&self, before: &str, actor: usize) -> bool {
        let country = &self.actor(actor).name;
        let Some(head) = before.strip_suffix(", ") else {
            return false;
        };
        let tail = &head[crate::words::char_boundary_from(head, head.len().saturating_sub(PLACE_REACH))..];
        self.known.place_matcher.find_iter(tail).any(|m| {
            let place = &self.known.places[self.known.place_of[m.pattern().as_usize()]];
            m.end() == tail.len()
                && on_word_boundaries(tail, m.start(), m.end())
                && place.country.as_ref() == Some(country)
        })
    }

    /// Whether a name ends, by a hyphen, in a capitalised word that is no known name: the
    /// name is part of another ("Agence France-Presse"), not two names side by side
    /// ("Russia-Ukraine talks").
    fn hyphenated_into_other_name(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix('-') else {
            return false;
        };
        let word = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
        word.chars().next().is_some_and(char::is_uppercase)
            && !self.is_known_name(word)
            && !self.people_matcher.as_ref().is_some_and(|(matcher, _)| {
                matcher
                    .find(word)
                    .is_some_and(|m| m.start() == 0 && m.end() == word.len())
            })
    }

    /// The countries, organisations and groups a title names ("Oman's foreign minister",
    /// "Kenyan President"), demonyms included, in text order.
    pub fn parties_named_in(&self, title: &str) -> Vec<usize> {
        self.spellings_in(title)
            .into_iter()
            .filter(|&(_, _, actor, _)| self.actor(actor).kind != ActorKind::Person)
            .map(|(_, _, actor, _)| actor)
            .collect()
    }

    /// The first country `text` names, by name, demonym or metonym ("Venezuela's",
    /// "Sudanese").
    pub fn country_named_in(&self, text: &str) -> Option<usize> {
        self.parties_named_in(text)
            .into_iter()
            .find(|&a| self.actor(a).kind == ActorKind::Country)
    }

    /// Whether `text` is exactly a spelling of a known actor or place.
    pub fn is_known_name(&self, text: &str) -> bool {
        let whole = |m: aho_corasick::Match| m.start() == 0 && m.end() == text.len();
        self.known.actor_matcher.find(text).is_some_and(whole)
            || self.known.place_matcher.find(text).is_some_and(whole)
    }

    /// Whether `text` holds a name of a known actor on word boundaries (demonyms aside:
    /// "al-Houthi" is a person, not the Houthis).
    pub fn names_known_actor(&self, text: &str) -> bool {
        self.spellings_in(text)
            .iter()
            .any(|&(_, _, _, spelling)| spelling != Spelling::Demonym)
    }

    /// Every spelling on word boundaries, the article's people included: leftmost, and of
    /// two that start together the longer.
    fn spellings_in(&self, text: &str) -> Vec<(usize, usize, usize, Spelling)> {
        let mut found: Vec<(usize, usize, usize, Spelling)> = self
            .known
            .actor_matcher
            .find_iter(text)
            .map(|m| {
                let (actor, spelling) = self.known.actor_of[m.pattern().as_usize()];
                (m.start(), m.end(), actor, spelling)
            })
            .collect();
        if let Some((matcher, actor_of)) = &self.people_matcher {
            found.extend(matcher.find_iter(text).map(|m| {
                (
                    m.start(),
                    m.end(),
                    actor_of[m.pattern().as_usize()],
                    Spelling::Name,
                )
            }));
            found.sort_by_key(|&(start, end, _, _)| (start, std::cmp::Reverse(end)));
        }
        let mut out: Vec<(usize, usize, usize, Spelling)> = Vec::new();
        for m in found {
            if !on_word_boundaries(text, m.0, m.1) || out.last().is_some_and(|last| m.0 < last.1) {
                continue;
            }
            out.push(m);
        }
        out
    }

    /// The places named after a locative ("in Riyadh") or directional ("to Egypt")
    /// preposition in `text`.
    pub fn places_in(&self, text: &str) -> Vec<PlaceMention> {
        self.known
            .place_matcher
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
                    place: self.known.place_of[m.pattern().as_usize()],
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
    /// delegation", "Ukrainian and Russian delegations", "the Israeli and the Lebanese
    /// governments". A plural counts as its singular.
    fn group_noun_follows(&self, rest: &str) -> bool {
        // A list of demonyms shares the noun after its last: "Egyptian, Ethiopian, and
        // Sudanese officials".
        let mut rest = rest;
        for _ in 0..MAX_LISTED_DEMONYMS {
            let Some(next) = rest.strip_prefix(", ") else {
                break;
            };
            // The list's last: "…, and Sudanese officials".
            if next.starts_with("and ") || next.starts_with("or ") {
                rest = &rest[1..];
                break;
            }
            let word_end = next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len());
            let listed = self
                .spellings_in(&next[..word_end])
                .iter()
                .any(|&(s, e, _, spelling)| s == 0 && e == word_end && spelling == Spelling::Demonym);
            if !listed {
                break;
            }
            rest = &next[word_end..];
        }
        // The phrase ends at punctuation: "Russian, officials said" is no Russian official.
        let phrase = rest
            .split([',', ';', ':', '.', '(', ')', '"', '“', '”'])
            .next()
            .unwrap_or("");
        let words: Vec<&str> = phrase
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(6)
            .collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // "the Israeli and (the) Lebanese governments": the second demonym's noun.
        let from = match lower.first().map(String::as_str) {
            Some("and" | "or") if lower.get(1).is_some_and(|w| w == "the") => 3,
            Some("and" | "or") => 2,
            _ => 0,
        };
        let group = |w: &str| self.known.group_nouns.iter().any(|g| g == w);
        let stop = |w: &str| self.known.modifier_stops.iter().any(|s| s == w);
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        // The group noun, or up to two lower-case modifiers before it ("foreign minister");
        // not a title before a name ("Russian President Vladimir Putin": the person's own).
        let is_group = |w: &str| group(w) || w.strip_suffix('s').is_some_and(group);
        for (k, (word, low)) in words.iter().zip(&lower).enumerate().skip(from).take(3) {
            // A capitalised institution, not a title before a name: "the Sudanese Armed
            // Forces", "the Israel Defense Forces".
            let institution = capital(word)
                && lower.get(k + 1).is_some_and(|next| is_group(next))
                && words.get(k + 1).is_some_and(|next| capital(next))
                && words.get(k + 2).is_none_or(|after| !capital(after));
            if institution {
                return true;
            }
            let titles_a_name = capital(word) && words.get(k + 1).is_some_and(|next| capital(next));
            if titles_a_name {
                return false;
            }
            if is_group(low) {
                return true;
            }
            if k + 1 == from + 3 || stop(low) || capital(word) {
                return false;
            }
        }
        false
    }
}

/// How far back from a comma a place's name may start ("Sharm el-Sheikh, Egypt").
const PLACE_REACH: usize = 40;

/// How many demonyms a list before a group noun may hold ("Egyptian, Ethiopian, and
/// Sudanese officials").
const MAX_LISTED_DEMONYMS: usize = 8;

/// Whether the word at `start..end` is one of a hyphenated pair of names ("Syrian-Israeli
/// talks", "US-Ukraine deal"): such a pair names both sides of what follows.
fn hyphen_pair(text: &str, start: usize, end: usize) -> bool {
    let dash = |c: char| c == '-' || c == '–';
    let mut after = text[end..].chars();
    let joined_after = after.next().is_some_and(dash) && after.next().is_some_and(char::is_uppercase);
    let mut before = text[..start].chars().rev();
    let joined_before = before.next().is_some_and(dash) && before.next().is_some_and(char::is_alphabetic);
    joined_after || joined_before
}

/// Whether the next word of `rest` starts with a capital letter ("Victoria Coates").
fn next_word_capitalised(rest: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether the name at `at` follows the word "capital" ("the Qatari capital, Doha"): the
/// city, not its government.
fn named_as_capital(text: &str, at: usize) -> bool {
    text[..at].trim_end_matches([' ', ',']).ends_with(" capital")
}

/// `text` split before its last word (letters and digits).
fn last_word(text: &str) -> (&str, &str) {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    text.split_at(start)
}

/// Whether the name at `at` follows one of `prepositions`, allowing "the", "city of" and "the
/// Qatari capital" between them ("in the city of Jeddah", "to the Qatari capital, Doha").
fn after_locative(text: &str, at: usize, prepositions: &[&str]) -> bool {
    let mut before = text[..at].trim_end_matches([' ', ',']);
    let mut capital = false;
    loop {
        let (rest, word) = last_word(before);
        // "in the South African capital Pretoria", "to the Qatari capital, Doha".
        capital |= word == "capital";
        let demonym = capital && word.starts_with(char::is_uppercase);
        if matches!(word, "the" | "of" | "city" | "capital") || demonym {
            before = rest.trim_end();
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

    /// A country after its own city and a comma says where the city is; after another
    /// country, or a person after a city, is an actor.
    #[test]
    fn a_country_after_its_city_is_where_it_is() {
        assert_eq!(
            names("Trump met Putin in Riyadh, Saudi Arabia."),
            vec!["Trump", "Putin"]
        );
        assert_eq!(
            names("Delegations from Türkiye, Russia, and Ukraine met."),
            vec!["Turkey", "Russia", "Ukraine"]
        );
        assert_eq!(names("Speaking in Sochi, Putin said so."), vec!["Putin"]);
        assert_eq!(
            names("The prisoners arrived in Lima via Chile."),
            Vec::<String>::new()
        );
    }

    /// A capital or country after a government's noun and "in" is where the government sits:
    /// the country; after any other word, a place.
    #[test]
    fn a_government_in_its_capital_is_the_country() {
        assert_eq!(names("the government in Kyiv said"), vec!["Ukraine"]);
        let g = gazetteer();
        assert_eq!(
            g.actors_in("Ask the government in Kyiv.")[0].text,
            "the government in Kyiv"
        );
        assert_eq!(names("the authorities in Ukraine said"), vec!["Ukraine"]);
        assert_eq!(names("the talks in Kyiv ended"), Vec::<String>::new());
        assert_eq!(names("a bargain in Kyiv"), Vec::<String>::new());
    }

    #[test]
    fn aliases_fold_to_canonical_names() {
        assert_eq!(names("Mr. Trump told the Kremlin"), vec!["Trump", "Russia"]);
        assert_eq!(names("Russian President Vladimir Putin"), vec!["Putin"]);
    }

    #[test]
    fn demonyms_need_a_group_or_act_noun() {
        assert_eq!(names("the Russian delegation met"), vec!["Russia"]);
        assert_eq!(names("a Russian teacher"), Vec::<String>::new());
        assert_eq!(
            names("the Israeli and the Lebanese governments agreed"),
            vec!["Israel", "Lebanon"]
        );
        assert_eq!(names("Russian cabinets"), vec!["Russia"]);
        assert_eq!(names("Russian teachers"), Vec::<String>::new());
        // Up to two modifiers before the noun; a title acts for its state.
        assert_eq!(names("the Qatari foreign minister arrived"), vec!["Qatar"]);
        assert_eq!(names("the Saudi crown prince"), vec!["Saudi Arabia"]);
        assert_eq!(names("the Kenyan president said"), vec!["Kenya"]);
        // A legislature acts for its state, named as an institution too.
        assert_eq!(names("the Colombian Senate approved it"), vec!["Colombia"]);
        assert_eq!(names("Kenyan lawmakers voted"), vec!["Kenya"]);
        assert_eq!(names("a Russian school teacher said"), Vec::<String>::new());
        assert_eq!(names("a Russian, officials said"), Vec::<String>::new());
        assert_eq!(names("a Russian and Ukrainian"), Vec::<String>::new());
        // Before the noun of an act, it names who acted.
        assert_eq!(names("a Pakistani air raid on Friday"), vec!["Pakistan"]);
        assert_eq!(names("the European proposals"), vec!["EU"]);
        assert_eq!(names("a Russian school"), Vec::<String>::new());
    }

    #[test]
    fn a_bare_congo_is_the_drc_and_the_other_congo_is_named_in_full() {
        assert_eq!(names("Congo and Rwanda signed"), vec!["DR Congo", "Rwanda"]);
        assert_eq!(
            names("the Republic of the Congo signed"),
            vec!["Republic of the Congo"]
        );
        assert_eq!(names("Congo-Brazzaville signed"), vec!["Republic of the Congo"]);
    }

    #[test]
    fn a_hyphenated_pair_of_demonyms_names_both_sides() {
        assert_eq!(
            names("a Syrian-Israeli ministerial meeting"),
            vec!["Syria", "Israel"]
        );
        assert_eq!(names("a Syrian teacher"), Vec::<String>::new());
    }

    #[test]
    fn case_and_word_boundaries_matter() {
        assert_eq!(names("let us talk about USAID"), Vec::<String>::new());
    }

    #[test]
    fn a_name_hyphenated_into_another_is_part_of_it() {
        assert_eq!(names("Agence France-Presse reported"), Vec::<String>::new());
        assert_eq!(names("the Russia-Ukraine talks"), vec!["Russia", "Ukraine"]);
        assert_eq!(names("the U.S.-brokered deal"), vec!["USA"]);
    }

    #[test]
    fn names_after_locatives_are_places() {
        let g = gazetteer();
        assert_eq!(names("a ceasefire in Ukraine"), Vec::<String>::new());
        assert_eq!(
            names("talks in the South African capital Pretoria"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("talks in the Qatari capital, Doha, ended"),
            Vec::<String>::new()
        );
        let places =
            g.places_in("she flew to the Qatari capital, Doha, and met in the Kenyan capital Nairobi");
        let found: Vec<(&str, bool)> = places
            .iter()
            .map(|p| (g.place(p.place).name.as_str(), p.destination))
            .collect();
        assert_eq!(found, vec![("Doha", true), ("Nairobi", false)]);
        assert_eq!(names("to end the Ukraine war"), Vec::<String>::new());
        let places = g.places_in("delegates met in Saudi Arabia and in the city of Jeddah");
        let names: Vec<&str> = places.iter().map(|p| g.place(p.place).name.as_str()).collect();
        assert_eq!(names, vec!["Saudi Arabia", "Jeddah"]);
        assert!(g.places_in("Saudi Arabia hosted").is_empty());
    }
}

//! People and groups found in the text rather than in a list: a name after a title ("Kenyan
//! President William Ruto", "Oman's foreign minister Badr Albusaidi") becomes an actor of the
//! article, acting for the party its title names, and known later by the surname alone; a
//! group named by what its members are ("Bedouin Arab tribes", "armed Druze groups") becomes
//! one too. The words are data (`data/rules/events/people.toml`).

use anyhow::Result;
use regex::Regex;
use serde::Deserialize;

use super::gazetteer::{Actor, Gazetteer};
use crate::model::ActorKind;
use crate::rules;
use crate::syntax::{ParsedSentence, Token};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    heads: Vec<String>,
    modifiers: Vec<String>,
    particles: Vec<String>,
    surname_prefixes: Vec<String>,
    alias_phrases: Vec<String>,
    not_names: Vec<String>,
    /// Plural nouns of groups that a capitalised word before them names ("Druze groups").
    group_heads: Vec<String>,
    /// Prepositions after a group noun before the place that names it ("forces from Tigray").
    group_prepositions: Vec<String>,
    /// Words between a capitalised word and a group noun that part them ("Machar and other
    /// groups").
    group_breaks: Vec<String>,
    /// Nouns of a country's side against its government ("opposition"): with the country
    /// before them, a group of its own.
    opposition_heads: Vec<String>,
    /// Capitalised words of an organisation's name ("Front", "Movement"): a name holding
    /// one, written with its acronym after it, is a group of the article.
    organisation_heads: Vec<String>,
    /// Lower-case words inside an organisation's name ("Forces for the Liberation of").
    organisation_particles: Vec<String>,
    /// A state's own forces: a country's name or adjective and one of these ("Sudanese Armed
    /// Forces (SAF)") is that country, which the gazetteer finds, not a group.
    state_forces: Vec<String>,
    /// The countries (ISO 3166 alpha-3) whose people's names are written family name first.
    family_name_first: Vec<String>,
    /// Last words of names that name no person ("White House", "Gaza Strip").
    not_person_endings: Vec<String>,
    /// Prepositions after which a name is a place ("in Sharm el-Sheikh").
    place_prepositions: Vec<String>,
    /// [sentence, surname or ""]: run by the tests.
    #[allow(dead_code)]
    untitled_examples: Vec<[String; 2]>,
    /// [sentence, surname or "", party or ""]: run by the tests.
    #[allow(dead_code)]
    examples: Vec<[String; 3]>,
    /// [sentence, group or ""]: run by the tests.
    #[allow(dead_code)]
    group_examples: Vec<[String; 2]>,
    /// [sentence, acronym or ""]: run by the tests.
    #[allow(dead_code)]
    organisation_examples: Vec<[String; 2]>,
}

/// How many words may stand between a group's name and its noun ("Bedouin Arab tribes",
/// "Druze armed factions").
const GROUP_GAP: usize = 2;

pub struct People {
    words: PeopleFile,
    word: Regex,
}

/// The most words an organisation's name has before its acronym ("Democratic Forces for
/// the Liberation of Rwanda").
const ORGANISATION_WORDS: usize = 8;
/// The longest title the search walks back over ("Deputy Foreign Minister ...").
const TITLE_WORDS: usize = 6;
/// The most words a name has ("Badr bin Hamad Albusaidi").
const NAME_WORDS: usize = 4;
/// How far after its head an appositive title may name the party ("head of the Houthi
/// Revolutionary Committee").
const APPOSITIVE_TITLE: usize = 60;

/// A word of the text, with its byte span.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl People {
    pub fn load() -> Result<People> {
        let words: PeopleFile = rules::load_toml("events/people.toml")?;
        Ok(People {
            words,
            word: Regex::new(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*\.?").expect("valid regex"),
        })
    }

    /// The people `text` introduces with a title, then the groups it names, each once, in
    /// order of first mention.
    pub fn find(&self, text: &str, gazetteer: &Gazetteer) -> Vec<Actor> {
        let words = self.split(text);
        let mut actors = self.people(text, &words, gazetteer);
        actors.extend(self.groups(text, &words, gazetteer));
        actors
    }

    /// People named without a title, from the parse ("Antony Blinken traveled to Cairo",
    /// "since Bashar al-Assad's ouster"): a run of two to four capitalised words (name
    /// particles between them) that the parse reads as proper nouns, whose head plays a
    /// part in its clause (not a compound of another noun: "the Trump administration"),
    /// with no determiner ("the White House"), not after a preposition of place, not
    /// ending in a word of a place or an organisation, and naming no known actor or place.
    /// Each once, in order of first mention, after the people `titled` already holds.
    pub fn untitled(
        &self,
        text: &str,
        parses: &[ParsedSentence],
        gazetteer: &Gazetteer,
        titled: &[Actor],
    ) -> Vec<Actor> {
        let mut people: Vec<Actor> = Vec::new();
        for parse in parses {
            let tokens = &parse.tokens;
            if self.is_heading(tokens) {
                continue;
            }
            let mut i = 0;
            while i < tokens.len() {
                let Some(end) = self.name_run(text, tokens, i) else {
                    i += 1;
                    continue;
                };
                let run = &tokens[i..end];
                i = end;
                let Some(full) = text.get(run[0].start..run[run.len() - 1].end) else {
                    continue;
                };
                // The name's words, as the titled names are split (offsets within `full`).
                let words = self.split(full);
                let names = words.iter().filter(|w| self.is_name_word(w.text)).count();
                let last = words.last().map_or("", |w| w.text);
                // A capitalised particle opens a known name at a sentence's start ("Von der
                // Leyen"), not a new one.
                let first = words.first().map_or("", |w| w.text);
                if !(2..=NAME_WORDS).contains(&names)
                    || self.is_particle(&first.to_lowercase())
                    || gazetteer.is_known_name(full)
                    || gazetteer.names_known_actor(full)
                    || words
                        .iter()
                        .any(|w| gazetteer.is_known_name(w.text.trim_end_matches('.')))
                    || self.words.not_person_endings.iter().any(|e| e == last)
                    || titled
                        .iter()
                        .chain(&people)
                        .any(|p| p.aliases.iter().any(|a| a == full))
                    || !self.plays_a_part(tokens, i - run.len(), end)
                {
                    continue;
                }
                let mut person = self.person(full, &words, None, false, gazetteer);
                person.untitled = true;
                people.push(person);
            }
        }
        people
    }

    /// Whether a sentence is a heading in title case ("Ceasefire Scenarios and Proposals"),
    /// whose capitals name nothing: no closing punctuation, and every word of four letters
    /// or more capitalised ("Paul Kagame met Felix Tshisekedi in Washington." is a sentence).
    fn is_heading(&self, tokens: &[Token]) -> bool {
        let closed = tokens
            .last()
            .is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?" | "”" | "\"" | "’" | "'"));
        let mut long = tokens
            .iter()
            .filter(|t| t.form.chars().filter(|c| c.is_alphabetic()).count() >= 4);
        !closed && long.clone().count() >= 2 && long.all(|t| starts_upper(&t.form))
    }

    /// The end of the run of name tokens that starts at token `i`: capitalised proper
    /// nouns, with particles and hyphens inside ("Bashar al-Assad"), ending in a name.
    fn name_run(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        let name = |t: &Token| t.analysis.upos == "PROPN" && self.is_name_word(&t.form);
        if !name(&tokens[i]) {
            return None;
        }
        let mut end = i + 1;
        let mut last_name = end;
        while end < tokens.len() {
            let t = &tokens[end];
            // Words split from one (a contraction's parts) may share their offsets.
            let adjacent = text.get(tokens[end - 1].end..t.start).unwrap_or("");
            let joined = adjacent.is_empty() || adjacent == " ";
            let inside = t.form == "-" && adjacent.is_empty() || self.is_particle(&t.form);
            if !joined || !(name(t) || inside) {
                break;
            }
            end += 1;
            if name(t) {
                last_name = end;
            }
        }
        Some(last_name)
    }

    /// Whether the name of tokens `start..end` plays a part in its clause: its head is a
    /// subject, object, oblique, possessor, apposition or conjunct, without a determiner
    /// and not after a preposition of place.
    fn plays_a_part(&self, tokens: &[Token], start: usize, end: usize) -> bool {
        let inside = |h: Option<usize>| h.is_some_and(|h| (start..end).contains(&h));
        let Some(head) = (start..end).find(|&t| !inside(tokens[t].analysis.head)) else {
            return false;
        };
        let role = matches!(
            tokens[head].analysis.deprel.split(':').next(),
            Some("nsubj" | "obj" | "iobj" | "obl" | "nmod" | "appos" | "conj")
        );
        let dependents = || {
            (start..end)
                .flat_map(|t| super::tree::children(tokens, t))
                .filter(|&c| !(start..end).contains(&c))
        };
        let determined = dependents().any(|c| tokens[c].analysis.deprel == "det");
        let placed = super::tree::case_of(tokens, head).is_some_and(|case| {
            self.words
                .place_prepositions
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&case))
        });
        role && !determined && !placed
    }

    /// The words of `text`, with their spans.
    fn split<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        self.word
            .find_iter(text)
            .map(|m| Word {
                start: m.start(),
                end: m.end(),
                text: m.as_str(),
            })
            .collect()
    }

    /// Groups named by a capitalised word before a plural group noun, with at most
    /// GROUP_GAP words between ("Bedouin Arab tribes", "armed Druze groups"): the actor is
    /// that word and the noun ("Bedouin tribes", "Druze groups"), as one would name it. A
    /// known actor's word names that actor instead ("Israeli forces", "Houthi rebels"), a
    /// place's word names a group of that place ("the Tigray forces", also "forces from
    /// Tigray"), and a title's or a date's word names nothing.
    fn groups(&self, text: &str, words: &[Word], gazetteer: &Gazetteer) -> Vec<Actor> {
        let mut groups: Vec<Actor> = Vec::new();
        for (i, head) in words.iter().enumerate() {
            // In lower case: a capitalised "Forces" is part of a name ("the Revolutionary
            // Armed Forces of Colombia").
            let noun = head.text.trim_end_matches('.');
            if self.words.opposition_heads.iter().any(|h| h == noun) {
                if let Some((canonical, written)) = self.opposition(text, words, i, gazetteer) {
                    // Known later in the article by the noun alone ("the US-backed
                    // opposition").
                    add_group(&mut groups, (canonical.clone(), noun.to_owned()));
                    add_group(&mut groups, (canonical, written));
                }
                continue;
            }
            if !self.words.group_heads.iter().any(|h| h == noun) {
                continue;
            }
            // A name after the noun only where none stands before it ("Israeli forces in
            // Gaza" are Israel's).
            let named_before = phrase_before(text, words, i).any(|w| starts_upper(w.text));
            let found = if named_before {
                self.group_before(text, words, i, gazetteer)
            } else {
                self.group_after(text, words, i, gazetteer)
            };
            if let Some(found) = found {
                add_group(&mut groups, found);
            }
        }
        for i in 0..words.len() {
            if let Some((acronym, written)) = self.organisation(text, words, i, gazetteer) {
                add_group(&mut groups, (acronym.clone(), written));
                add_group(&mut groups, (acronym.clone(), acronym));
            }
        }
        groups
    }

    /// An organisation introduced with its acronym, which word `i` is ("the rebel group Moro
    /// Islamic Liberation Front (MILF)", "the Kurdistan Workers' Party (PKK)"): the acronym,
    /// by which event data and the rest of the article know it, and the name as written. The
    /// name is the capitalised run before the parenthesis (lower-case particles inside it),
    /// and one of its words must be an organisation's ("Front", "Party"): a document's
    /// acronym ("the Comprehensive Agreement on the Bangsamoro (CAB)") names no one. Not
    /// where the name or the acronym is a known one, which the gazetteer finds.
    fn organisation(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        gazetteer: &Gazetteer,
    ) -> Option<(String, String)> {
        let acronym = words[i].text.trim_end_matches('.');
        let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
        let is_acronym = letters >= 2
            && acronym.chars().count() <= 8
            && acronym
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
        if !is_acronym || i == 0 {
            return None;
        }
        let (before, after) = (&text[..words[i].start], &text[words[i].start + acronym.len()..]);
        if !before.ends_with(" (") || !after.starts_with(')') {
            return None;
        }
        // The run of name words right before " (", back from the nearest.
        let mut first = i;
        for back in 1..=ORGANISATION_WORDS.min(i) {
            let w = words[i - back];
            let bare = w.text.trim_end_matches('.');
            let particle = self.words.organisation_particles.iter().any(|p| p == bare);
            let joined_on = back == 1 || joined(text, w, words[i - back + 1]);
            if !joined_on || !(starts_upper(bare) || particle) {
                break;
            }
            first = i - back;
        }
        // Particles do not open the name ("of the Congo" is no name of its own).
        while first < i && !starts_upper(words[first].text) {
            first += 1;
        }
        if first >= i {
            return None;
        }
        let run = &words[first..i];
        let capitalised = run.iter().filter(|w| starts_upper(w.text)).count();
        let named = run.iter().any(|w| {
            let bare = without_possessive(w.text.trim_end_matches('.'));
            let bare = bare.split('-').next().unwrap_or(bare);
            self.words.organisation_heads.iter().any(|h| h == bare)
        });
        let written = text[run[0].start..run[run.len() - 1].end].trim_end_matches(['.', ',']);
        // "The" opens a sentence, not the name.
        let written = written.strip_prefix("The ").unwrap_or(written);
        let state_forces = written.split_once(' ').is_some_and(|(country, rest)| {
            self.words.state_forces.iter().any(|f| f == rest) && gazetteer.country_named_in(country).is_some()
        });
        if capitalised < 2
            || !named
            || state_forces
            || gazetteer.is_known_name(written)
            || gazetteer.is_known_name(acronym)
        {
            return None;
        }
        Some((acronym.to_owned(), written.to_owned()))
    }

    /// The opposition of the country named up to GROUP_GAP words before the noun at `i`, in
    /// the same phrase: "the Venezuelan opposition", "Venezuela's opposition", "Venezuela's
    /// government and opposition" (the country's both). Named by the country's demonym. Not
    /// a country in a compound ("the US-backed opposition" is not America's).
    fn opposition(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        gazetteer: &Gazetteer,
    ) -> Option<(String, String)> {
        let head = words[i];
        let country = phrase_before(text, words, i).find_map(|w| {
            let bare = without_possessive(w.text);
            if bare.contains('-') || !starts_upper(bare) {
                return None;
            }
            gazetteer.country_named_in(bare).map(|a| (a, w))
        });
        let (country, word) = country?;
        let actor = gazetteer.actor(country);
        let adjective = actor.demonyms.first().unwrap_or(&actor.name);
        let noun = head.text.trim_end_matches('.');
        // Written right before the noun, the country is part of the name; further back
        // ("Venezuela's government and opposition") it is an actor of its own, and the
        // noun alone names the group.
        let adjacent = i > 0 && words[i - 1].start == word.start;
        let written = if adjacent {
            text[word.start..head.start + noun.len()].to_owned()
        } else {
            noun.to_owned()
        };
        Some((format!("{adjective} {noun}"), written))
    }

    /// The group a capitalised run before the group noun at `i` names, by the run's first
    /// word ("Bedouin Arab tribes" → "Bedouin tribes"): its canonical name and as written.
    fn group_before(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        gazetteer: &Gazetteer,
    ) -> Option<(String, String)> {
        let head = words[i];
        let noun = head.text.trim_end_matches('.');
        let before: Vec<Word> = phrase_before(text, words, i).collect();
        let nearest = before.iter().position(|w| starts_upper(w.text))?;
        // "Kiir, Machar and other groups": the name is not the group's.
        if before[..nearest]
            .iter()
            .any(|w| self.words.group_breaks.iter().any(|b| b == w.text))
        {
            return None;
        }
        // A capitalised "The" opens the phrase, not the name ("The Tigray forces").
        let run = before[nearest..]
            .iter()
            .take_while(|w| starts_upper(w.text) && !self.is_not_name(w.text))
            .count()
            .max(1);
        let name = before[nearest + run - 1];
        let bare = name.text.trim_end_matches('.');
        self.names_group(bare, &text[name.start..head.start], gazetteer)
            .then(|| {
                (
                    format!("{bare} {}", noun.to_lowercase()),
                    text[name.start..head.start + noun.len()].to_owned(),
                )
            })
    }

    /// The group a place after the group noun at `i` names ("forces from Tigray", "militias
    /// in North Darfur" → "Tigray forces", "North Darfur militias"), where the place is no
    /// known actor ("troops in Ukraine" are no group).
    fn group_after(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        gazetteer: &Gazetteer,
    ) -> Option<(String, String)> {
        let head = words[i];
        let preposition = *words.get(i + 1)?;
        if !self
            .words
            .group_prepositions
            .iter()
            .any(|p| p == preposition.text)
            || !joined(text, head, preposition)
        {
            return None;
        }
        let start = i + 2;
        let mut end = start;
        while end < words.len()
            && end - start < 2
            && starts_upper(words[end].text)
            && !self.is_not_name(words[end].text)
            && joined(text, words[end - 1], words[end])
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let place = &text[words[start].start..trim_dot(words[end - 1])];
        self.names_group(place, place, gazetteer).then(|| {
            (
                format!("{place} {}", head.text.to_lowercase()),
                text[head.start..trim_dot(words[end - 1])].to_owned(),
            )
        })
    }

    /// Whether `word` (written as `phrase` in the text) may name a group: no known actor's
    /// name (a known place's is: "the Tigray forces"), no title, date or stop word.
    fn names_group(&self, word: &str, phrase: &str, gazetteer: &Gazetteer) -> bool {
        // A possessor owns the group rather than naming it: "MILF's fighters" are the MILF's.
        !(without_possessive(word) != word
            || self.is_not_name(word)
            || gazetteer.names_known_actor(phrase)
            || !gazetteer.parties_named_in(word).is_empty()
            || self.is_head(word)
            || self.is_modifier(word))
    }

    /// The people `text` introduces with a title, each once, in order of first mention.
    fn people(&self, text: &str, words: &[Word], gazetteer: &Gazetteer) -> Vec<Actor> {
        let mut people: Vec<Actor> = Vec::new();
        // The given names of the known people the article names ("Faisal bin Farhan"): no
        // one else is known by them alone.
        let known_given: Vec<String> = gazetteer
            .actors_in(text)
            .into_iter()
            .filter(|m| gazetteer.actor(m.actor).kind == ActorKind::Person)
            .filter_map(|m| m.text.split_once(' ').map(|(given, _)| given.to_owned()))
            .collect();
        for (i, head) in words.iter().enumerate() {
            if !self.is_head(head.text) {
                continue;
            }
            let title_start = self.title_start(text, words, i);
            // "President William Ruto", or after the name: "Tom Barrack, U.S. ambassador to
            // Türkiye", "Mohammed Ali al-Houthi, head of the Houthi Revolutionary Committee".
            let (name_start, name_end, title) = match self.name_after(text, words, i) {
                Some((start, end)) => (start, end, &text[words[title_start].start..words[i].end]),
                None => match self.name_before(text, words, title_start) {
                    Some((start, end)) => {
                        let rest = &text[words[i].end..];
                        let clause = rest
                            .find([',', '.', ';', '('])
                            .unwrap_or(rest.len())
                            .min(APPOSITIVE_TITLE);
                        let until = words[i].end + crate::words::char_boundary_before(rest, clause);
                        (start, end, &text[words[title_start].start..until])
                    }
                    None => continue,
                },
            };
            let name = &words[name_start..name_end];
            let full = &text[name[0].start..trim_dot(name[name.len() - 1])];
            let alias = self.alias_after(text, words, name_end);
            if gazetteer.names_known_actor(full) || people.iter().any(|p| p.aliases.iter().any(|a| a == full))
            {
                continue;
            }
            let party = gazetteer.parties_named_in(title).first().copied();
            let family_first = party
                .and_then(|p| gazetteer.actor(p).code.as_deref())
                .is_some_and(|code| self.words.family_name_first.iter().any(|c| c == code));
            let mut person = self.person(
                full,
                name,
                party.map(|p| gazetteer.actor(p).name.clone()),
                family_first,
                gazetteer,
            );
            // Known later by the given name too, where the custom is that (Anwar Ibrahim is
            // "Anwar", Phumtham Wechayachai "Phumtham"): a word of a name introduced with a
            // title, which no one else the article introduces shares (below). Where the
            // family name comes first, that word is already the surname.
            let given = name[0].text;
            if !family_first
                && name.len() >= 2
                && given.chars().count() > 2
                && !given.ends_with('.')
                && !self.is_particle(&given.to_lowercase())
                && !gazetteer.is_known_name(given)
                && !known_given.iter().any(|g| g == given)
            {
                person.aliases.push(given.to_owned());
            }
            if let Some(alias) = alias {
                let alias = &words[alias.0..alias.1];
                let known_as = self.person(
                    &text[alias[0].start..trim_dot(alias[alias.len() - 1])],
                    alias,
                    None,
                    false,
                    gazetteer,
                );
                person.aliases.extend(known_as.aliases);
            }
            // Known later by the title too: "the Kenyan president", "the Omani foreign minister".
            if let Some(demonym) = party.and_then(|p| gazetteer.actor(p).demonyms.first()) {
                let role = self.role_words(title);
                if !role.is_empty() {
                    for the in ["the", "The"] {
                        person.aliases.push(format!("{the} {demonym} {role}"));
                    }
                }
            }
            people.push(person);
        }
        // Written later without its accents too ("García", then "Garcia"), and by other
        // outlets either way: the person is known by the name without them ("Vučić" in one
        // article and "Vucic" in another are one party), as the mentions keep what each
        // sentence wrote.
        // A possessive is not part of the name: "President Nicolás Maduro’s administration".
        for person in &mut people {
            let bare: Vec<String> = person
                .aliases
                .iter()
                .map(|a| without_possessive(a).to_owned())
                .collect();
            let folded: Vec<String> = bare.iter().map(|a| deunicode::deunicode(a)).collect();
            person.aliases = crate::ordered::first_seen(bare.into_iter().chain(folded));
            person.name = deunicode::deunicode(without_possessive(&person.name));
        }
        // A single name two people share (a surname, a given name) names neither of them.
        let single: Vec<String> = people
            .iter()
            .flat_map(|p| p.aliases.iter().filter(|a| !a.contains(' ')).cloned())
            .collect();
        let shared = |a: &String| single.iter().filter(|s| *s == a).count() > 1;
        for person in &mut people {
            if shared(&person.name) {
                person.name = person.aliases[0].clone();
            }
            person.aliases.retain(|a| a.contains(' ') || !shared(a));
        }
        people
    }

    /// Names each person by the word of the name the article refers back with, where that is
    /// the first ("Wang Yi … Wang said", "Kim Jong Un … Kim said", "Anwar Ibrahim … Anwar
    /// said": the family name first, or the custom of the given name), rather than the last,
    /// as the surname is taken by default: more lone uses of the first word than of the last.
    /// Not a first word that another person of the article also has.
    pub fn named_as_referred(&self, text: &str, people: &mut [Actor]) {
        let words = self.split(text);
        // The first word of each person's whole name (the first alias), and whether it has
        // more.
        let first_word = |p: &Actor| -> Option<(String, bool)> {
            let full = p.aliases.first().filter(|_| p.kind == ActorKind::Person)?;
            let mut words = full.split_whitespace();
            Some((words.next()?.to_owned(), words.next().is_some()))
        };
        let firsts: Vec<String> = people
            .iter()
            .filter_map(first_word)
            .map(|(first, _)| first)
            .collect();
        for person in people.iter_mut() {
            let Some((first, true)) = first_word(person) else {
                continue;
            };
            let shared = firsts.iter().filter(|f| **f == first).count() > 1;
            if first == person.name || shared {
                continue;
            }
            // Where the whole name is written, neither word is used alone.
            let whole: Vec<(usize, usize)> = person
                .aliases
                .iter()
                .filter(|a| a.contains(' '))
                .flat_map(|a| {
                    text.match_indices(a.as_str())
                        .map(move |(at, _)| (at, at + a.len()))
                })
                .collect();
            let alone = |spellings: &[&str]| {
                words
                    .iter()
                    .filter(|w| spellings.contains(&without_possessive(w.text.trim_end_matches('.'))))
                    .filter(|w| !whole.iter().any(|&(s, e)| w.start >= s && w.end <= e))
                    .count()
            };
            // The last word in every spelling the person has ("al-Busaidi", "Busaidi").
            let lasts: Vec<&str> = person
                .aliases
                .iter()
                .filter(|a| !a.contains(' ') && **a != first)
                .map(String::as_str)
                .collect();
            if alone(&[first.as_str()]) > alone(&lasts) {
                if !person.aliases.contains(&first) {
                    person.aliases.push(first.clone());
                }
                person.name = first;
            }
        }
    }

    /// The person named `full` (the words `name`), acting for `party`: known later by the
    /// surname, which is the last word, or the first where names are written `family_first`.
    fn person(
        &self,
        full: &str,
        name: &[Word],
        party: Option<String>,
        family_first: bool,
        gazetteer: &Gazetteer,
    ) -> Actor {
        let first = name[0].text;
        let mut aliases = vec![full.to_owned()];
        let canonical = if family_first && name.len() >= 2 && !gazetteer.is_known_name(first) {
            aliases.push(first.to_owned());
            first.to_owned()
        } else {
            let last = name[name.len() - 1];
            let last = last.text.trim_end_matches('.');
            let surname = self
                .words
                .surname_prefixes
                .iter()
                .find_map(|p| last.strip_prefix(p.as_str()))
                .filter(|s| !s.is_empty())
                .unwrap_or(last);
            // The surname by which the person is known later; one that is also a known name
            // keeps its prefix ("al-Houthi", not the Houthis), or the name stays whole.
            if name.len() < 2 || gazetteer.is_known_name(last) {
                full.to_owned()
            } else if gazetteer.is_known_name(surname) {
                aliases.push(last.to_owned());
                last.to_owned()
            } else {
                aliases.push(last.to_owned());
                aliases.push(surname.to_owned());
                surname.to_owned()
            }
        };
        Actor {
            name: canonical,
            kind: ActorKind::Person,
            country: party,
            aliases: crate::ordered::first_seen(aliases),
            demonyms: Vec::new(),
            code: None,
            untitled: false,
        }
    }

    /// The name after one of the alias phrases right after word `after` ("…Acosta, also
    /// known as Antonio García"): its word span.
    fn alias_after(&self, text: &str, words: &[Word], after: usize) -> Option<(usize, usize)> {
        let from = words.get(after.checked_sub(1)?)?.end;
        let rest = text[from..].trim_start_matches([',', ' ', '(']);
        let phrase = self.words.alias_phrases.iter().find(|p| {
            rest.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
                && rest[p.len()..].starts_with(' ')
        })?;
        let name_at = text.len() - rest.len() + phrase.len();
        let start = words.iter().position(|w| w.start > name_at)?;
        let mut end = start;
        while end < words.len()
            && end - start < NAME_WORDS
            && (self.is_name_word(words[end].text) || end > start && self.is_particle(words[end].text))
            && (end == start || joined(text, words[end - 1], words[end]))
        {
            end += 1;
        }
        (end > start).then_some((start, end))
    }

    /// The title's own words, lower case: "Oman's Foreign Minister" → "foreign minister".
    fn role_words(&self, title: &str) -> String {
        let words: Vec<String> = self
            .word
            .find_iter(title)
            .map(|w| w.as_str().to_lowercase())
            .skip_while(|w| !(self.is_head(w) || self.words.modifiers.contains(w)))
            .take_while(|w| self.is_head(w) || self.words.modifiers.contains(w))
            .collect();
        // Only a title that ends in its head: "president", not "president of".
        match words.last() {
            Some(last) if self.is_head(last) => words.join(" "),
            _ => String::new(),
        }
    }

    /// Whether `word` is a title's head, in any case. Asked of every word of an article,
    /// so it compares in place rather than lower-casing a copy (the heads are ASCII).
    fn is_head(&self, word: &str) -> bool {
        let bare = word.trim_end_matches('.');
        self.words
            .heads
            .iter()
            .any(|h| h.eq_ignore_ascii_case(word) || h.eq_ignore_ascii_case(bare))
    }

    /// The words of the name the title ending at `head` introduces: the capitalised run
    /// right after it ("President William Ruto"), or the last two words of the run after
    /// "of/for/to" ("Minister of Strategic Affairs Ron Dermer").
    fn name_after(&self, text: &str, words: &[Word], head: usize) -> Option<(usize, usize)> {
        let mut at = head + 1;
        let via_preposition = words
            .get(at)
            .is_some_and(|w| matches!(w.text, "of" | "for" | "to") && joined(text, words[head], *w));
        if via_preposition {
            at += 1;
        }
        let first = *words.get(at)?;
        if !(joined(text, words[at - 1], first) || head + 1 == at && appositive(text, words[head], first)) {
            return None;
        }
        let mut end = at;
        while end < words.len() && end - at < NAME_WORDS + 3 {
            let w = words[end];
            if end > at && !joined(text, words[end - 1], w) {
                break;
            }
            // After "of" the run holds the rest of the title too ("of Strategic Affairs").
            let word_ok = self.is_name_word(w.text) || via_preposition && starts_upper(w.text);
            if !(word_ok || end > at && self.is_particle(w.text)) {
                break;
            }
            end += 1;
            // A word with a final period ends the sentence (or is an initial).
            if w.text.ends_with('.') && w.text.chars().count() > 2 {
                break;
            }
        }
        while end > at && self.is_particle(words[end - 1].text) {
            end -= 1;
        }
        let start = if via_preposition {
            end.saturating_sub(2).max(at)
        } else {
            at
        };
        let length = end - start;
        let all_names = words[start..end]
            .iter()
            .all(|w| self.is_name_word(w.text) || self.is_particle(w.text));
        // "Director General of Military Operations (DGMO)" names an office, not a person.
        let office = words[start..end].last().is_some_and(|w| {
            self.words
                .not_person_endings
                .iter()
                .any(|e| e == w.text.trim_end_matches('.'))
        });
        // A surname alone after a capitalised title right before it ("Trade Representative
        // Greer told"): a formal title names a person; a lower-case noun may stand before
        // an outlet ("the official Interfax agency").
        let surname_alone = length == 1
            && !via_preposition
            && starts_upper(words[head].text)
            && words[start].text.trim_end_matches('.').chars().count() > 2
            && !self.is_modifier(words[start].text);
        (((2..=NAME_WORDS).contains(&length) || surname_alone) && all_names && !office)
            .then_some((start, end))
    }

    /// The name right before an appositive title that starts at word `title`: "Tom Barrack,
    /// U.S. ambassador": two to four name words, then a comma and a space.
    fn name_before(&self, text: &str, words: &[Word], title: usize) -> Option<(usize, usize)> {
        let end = title;
        let last = *words.get(end.checked_sub(1)?)?;
        if &text[last.end..words[title].start] != ", " || !self.is_name_word(last.text) {
            return None;
        }
        let mut start = end - 1;
        while start > 0 && end - start < NAME_WORDS {
            let previous = words[start - 1];
            if !joined(text, previous, words[start])
                || !(self.is_name_word(previous.text) || self.is_particle(previous.text))
            {
                break;
            }
            start -= 1;
        }
        while start < end && self.is_particle(words[start].text) {
            start += 1;
        }
        // The name opens its clause: "said Tom Barrack, the envoy" is not a name "said Tom".
        let opens = start == 0
            || !joined(text, words[start - 1], words[start])
            || !starts_upper(words[start - 1].text);
        (end - start >= 2 && opens).then_some((start, end))
    }

    /// Where the title ending at `head` starts: back over capitalised words and title
    /// modifiers, without crossing punctuation.
    fn title_start(&self, text: &str, words: &[Word], head: usize) -> usize {
        let mut start = head;
        while start > 0 && head - start < TITLE_WORDS {
            let previous = words[start - 1];
            if !joined(text, previous, words[start])
                || previous.text.ends_with('.') && previous.text.len() > 4
            {
                break;
            }
            let lower = previous.text.to_lowercase();
            let parts_ok = lower
                .split('-')
                .any(|part| self.words.modifiers.iter().any(|m| *m == part));
            if !(starts_upper(previous.text) || parts_ok) {
                break;
            }
            // "and" joins two parts of one title ("Deputy Prime Minister and Foreign
            // Minister", "Ambassador to Türkiye and Special Envoy"), not another person to
            // the next title: in "Chilean President Ana Soto and Peruvian President Luis
            // Vega" Vega's title begins after the "and".
            if lower == "and" && self.titled_name_ends_at(words, start - 1) {
                break;
            }
            start -= 1;
        }
        start
    }

    /// Whether the words just before word `end` are a name after a title head ("President
    /// Ana Soto"): a person of his own.
    fn titled_name_ends_at(&self, words: &[Word], end: usize) -> bool {
        let before = &words[..end];
        let names = before
            .iter()
            .rev()
            .take_while(|w| self.is_name_word(w.text))
            .count();
        names > 0 && before.len() > names && self.is_head(before[before.len() - names - 1].text)
    }

    fn is_name_word(&self, word: &str) -> bool {
        let bare = word.trim_end_matches('.');
        if self.is_not_name(word) || self.is_not_name(bare) || self.is_head(word) {
            return false;
        }
        let hyphen_particle = bare
            .split_once('-')
            .is_some_and(|(p, rest)| self.words.particles.iter().any(|q| q == p) && starts_upper(rest));
        // An acronym ("ELN", "US") is not part of a person's name.
        let acronym = bare.chars().count() > 1 && bare.chars().all(|c| !c.is_lowercase());
        (starts_upper(bare) && !acronym) || hyphen_particle
    }

    /// Whether `word` is one of the capitalised words that end a name (`not_names`).
    fn is_not_name(&self, word: &str) -> bool {
        self.words.not_names.iter().any(|n| n == word)
    }

    fn is_modifier(&self, word: &str) -> bool {
        let bare = word.trim_end_matches('.');
        self.words.modifiers.iter().any(|m| m.eq_ignore_ascii_case(bare))
    }

    fn is_particle(&self, word: &str) -> bool {
        self.words.particles.iter().any(|p| p == word)
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The end of a word without the period that may close its sentence.
fn trim_dot(word: Word) -> usize {
    if word.text.ends_with('.') && word.text.chars().count() > 2 {
        word.end - 1
    } else {
        word.end
    }
}

/// Adds a group found as (canonical name, as written), or the spelling to the group of that
/// name already found.
fn add_group(groups: &mut Vec<Actor>, (canonical, written): (String, String)) {
    match groups.iter_mut().find(|g| g.name == canonical) {
        Some(group) => {
            if !group.aliases.contains(&written) {
                group.aliases.push(written);
            }
        }
        None => groups.push(Actor {
            aliases: crate::ordered::first_seen([written, canonical.clone()]),
            name: canonical,
            kind: ActorKind::Group,
            country: None,
            demonyms: Vec::new(),
            code: None,
            untitled: false,
        }),
    }
}

/// The words before word `i` in its phrase, nearest first: up to GROUP_GAP + 1, while no
/// punctuation stands between.
fn phrase_before<'a>(text: &'a str, words: &'a [Word<'a>], i: usize) -> impl Iterator<Item = Word<'a>> + 'a {
    (1..=GROUP_GAP + 1)
        .take_while(move |&back| back <= i && joined(text, words[i - back], words[i - back + 1]))
        .map(move |back| words[i - back])
}

/// A name without the possessive written after it ("Maduro's", "Maduro’s").
fn without_possessive(name: &str) -> &str {
    name.trim_end_matches("’s").trim_end_matches("'s")
}

/// Whether only spaces stand between two words (an abbreviation's period may end the first).
fn joined(text: &str, a: Word, b: Word) -> bool {
    let gap = &text[a.end..b.start];
    // "U.S." is two words with nothing between them.
    (gap.is_empty() && a.text.ends_with('.')) || (!gap.is_empty() && gap.chars().all(|c| c == ' '))
}

/// "envoy, Steve Witkoff,", "Thailand's acting Prime Minister, Phumtham Wechayachai,": a
/// comma between the title and the name.
fn appositive(text: &str, a: Word, b: Word) -> bool {
    text[a.end..b.start] == *", "
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::cues::Cues;

    #[test]
    fn the_examples_of_the_rule_file_hold() {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        for [sentence, surname, party] in &people.words.examples {
            let found = people.people(sentence, &people.split(sentence), &gazetteer);
            let got = found
                .first()
                .map(|p| (p.name.clone(), p.country.clone().unwrap_or_default()))
                .unwrap_or_default();
            assert_eq!((&got.0, &got.1), (surname, party), "{sentence}");
        }
        let examples = people
            .words
            .group_examples
            .iter()
            .chain(&people.words.organisation_examples);
        for [sentence, group] in examples {
            let found: Vec<String> = people
                .groups(sentence, &people.split(sentence), &gazetteer)
                .into_iter()
                .map(|g| g.name)
                .collect();
            assert_finds(sentence, &found, group);
        }
    }

    /// `found` holds `expected`, or is empty when nothing is expected.
    fn assert_finds(sentence: &str, found: &[String], expected: &str) {
        if expected.is_empty() {
            assert!(found.is_empty(), "{sentence}: {found:?}");
        } else {
            assert!(found.iter().any(|f| f == expected), "{sentence}: {found:?}");
        }
    }

    /// Each of two titled people joined by "and" has the country of his own title; an "and"
    /// inside one title joins its parts.
    #[test]
    fn two_titled_people_have_their_own_countries() {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        let found = |s: &str| -> Vec<(String, String)> {
            people
                .people(s, &people.split(s), &gazetteer)
                .into_iter()
                .map(|p| (p.name, p.country.unwrap_or_default()))
                .collect()
        };
        let pair = |name: &str, country: &str| (name.to_owned(), country.to_owned());
        assert_eq!(
            found("Chilean President Ana Soto and Peruvian President Luis Vega signed it."),
            vec![pair("Soto", "Chile"), pair("Vega", "Peru")]
        );
        assert_eq!(
            found("Chilean Deputy Prime Minister and Foreign Minister Ana Soto spoke."),
            vec![pair("Soto", "Chile")]
        );
        assert_eq!(
            found("Ghana's Foreign Minister Kofi Mensah and Togolese Foreign Minister Robert Dussey met."),
            vec![pair("Mensah", "Ghana"), pair("Dussey", "Togo")]
        );
    }

    /// The untitled examples of people.toml, each parsed as one sentence.
    #[test]
    fn people_named_without_a_title() {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        let syntax = crate::syntax::Models::embedded().unwrap();
        assert!(people.words.untitled_examples.len() >= 4);
        for [sentence, surname] in &people.words.untitled_examples {
            let parses = syntax.parse_text(sentence, &[(0, sentence.len())]);
            let found: Vec<String> = people
                .untitled(sentence, &parses, &gazetteer, &[])
                .into_iter()
                .map(|p| p.name)
                .collect();
            assert_finds(sentence, &found, surname);
        }
    }

    #[test]
    fn a_group_is_named_in_the_article() {
        let text =
            "Clashes erupted between Bedouin Arab tribes and armed Druze groups. The Bedouin tribes fled.";
        assert_eq!(
            names_in_article(text),
            vec!["Bedouin tribes", "Druze groups", "Bedouin tribes"]
        );
    }

    /// The actors named in `text`, the people it introduces included.
    fn names_in_article(text: &str) -> Vec<String> {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        let article = gazetteer.with_people(people.find(text, &gazetteer)).unwrap();
        article
            .actors_in(text)
            .iter()
            .map(|m| article.actor(m.actor).name.clone())
            .collect()
    }

    #[test]
    fn a_person_is_known_later_by_surname() {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        let text = "Colombian President Gustavo Petro signed it. Later Petro flew home.";
        assert_eq!(people.find(text, &gazetteer).len(), 1);
        assert_eq!(names_in_article(text), vec!["Petro", "Petro"]);
    }

    #[test]
    fn a_person_is_known_later_by_the_alias_the_text_gives_with_or_without_accents() {
        let text = "ELN Commander Eliécer Chamorro Acosta, also known as Antonio García, arrived. \
                    García spoke. Garcia left.";
        assert_eq!(
            names_in_article(text),
            vec!["ELN", "Acosta", "Acosta", "Acosta", "Acosta"]
        );
        // Not every name after a person is his.
        let text = "ELN Commander Eliécer Chamorro Acosta met Antonio García. Garcia left.";
        assert_eq!(names_in_article(text), vec!["ELN", "Acosta"]);
    }

    #[test]
    fn a_person_is_known_later_by_the_given_name_unless_two_share_it() {
        let text = "Malaysian Prime Minister Anwar Ibrahim hosted the talks. Anwar said they went well.";
        assert_eq!(names_in_article(text), vec!["Ibrahim", "Ibrahim"]);
        let text = "Saudi Foreign Minister Faisal bin Farhan met Iraqi Prime Minister Faisal Hussein. \
                    Faisal said little.";
        assert_eq!(
            names_in_article(text),
            vec!["Faisal bin Farhan", "Hussein"],
            "a known person's given name is his"
        );
        let text = "Iraqi Prime Minister Faisal Hussein met Jordanian Foreign Minister Faisal Ahmed. \
                    Faisal said little.";
        assert_eq!(names_in_article(text), vec!["Hussein", "Ahmed"]);
    }

    #[test]
    fn a_person_is_known_later_by_title() {
        let text = "Kenyan President William Ruto arrived. The Kenyan president met reporters.";
        assert_eq!(names_in_article(text), vec!["Ruto", "Ruto"]);
    }

    #[test]
    fn known_people_and_untitled_names_are_not_added() {
        let people = People::load().unwrap();
        let gazetteer = Gazetteer::load(&Cues::load().unwrap()).unwrap();
        assert!(people
            .find("Russian President Vladimir Putin spoke.", &gazetteer)
            .is_empty());
        assert!(people
            .find("William Ruto spoke to the President.", &gazetteer)
            .is_empty());
    }
}

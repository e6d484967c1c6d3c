//! The event extractor: finds calls, meetings, proposals, agreements... in an article's
//! sentences, with their actors, place, date, modality, attribution and the evidence for
//! each (sentence, offsets, rule). Rules are data in `data/rules/events/`.

mod attribution;
mod countries;
mod cues;
mod event;
pub mod exchange;
mod gazetteer;
mod people;
mod roles;
mod text;
mod topics;
mod tree;
mod triggers;
mod types;

pub use event::{DateReading, Dispute, Evidence, ExtractedEvent};
pub use gazetteer::Gazetteer;
pub use topics::Topics;
pub use types::EventTypes;

use anyhow::Result;

use crate::article::{Article, CharOffsets, Sentence};
use crate::merge::parties_agree;
use crate::model::{ActorKind, DateBasis, Modality, Precision, RoleKind};
use crate::ordered::{extend_new, first_seen};
use crate::syntax::{Models, ParsedSentence, Token};
use crate::time::{Tagger, TimeExpr, TimexType};
use attribution::{Attributor, Quote, Report};
use cues::Cues;
use gazetteer::{Actor, ActorMention, PlaceMention};
use people::People;
use text::{clause_before, clause_end, dateline_end, distance, shift_interval, summarise, until_published};
use triggers::{ActorScope, TriggerMatch, TriggerSet};

/// The actors and places alone, for commands that only need to know who acts for whom
/// (building the whole extractor compiles every time rule as well).
pub fn gazetteer() -> Result<Gazetteer> {
    Gazetteer::load(&Cues::load()?)
}

/// All the rules, loaded once.
pub struct Extractor {
    /// What extraction depends on, hashed: see [`fingerprint`].
    pub fingerprint: String,
    pub tagger: Tagger,
    pub types: EventTypes,
    pub gazetteer: Gazetteer,
    pub topics: Topics,
    people: People,
    syntax: &'static Models,
    triggers: TriggerSet,
    cues: Cues,
    attributor: Attributor,
    pronouns: regex::Regex,
    /// A phrase naming an actor only by what it is (cues.toml `anaphora.generic`).
    generic: regex::Regex,
    references: Vec<(regex::Regex, Vec<String>)>,
    skip_sentences: regex::RegexSet,
    omissions: Vec<regex::Regex>,
    other_clause: regex::Regex,
    anchors: regex::Regex,
}

/// A name in a sentence standing for one or more actors: a name, or a pronoun resolved.
#[derive(Debug, Clone)]
struct Named {
    start: usize,
    end: usize,
    actors: Vec<usize>,
    text: String,
    /// Stands for the parties of an earlier event ("the two sides"): an undated event told
    /// of them happened when that event did.
    group_of_earlier_event: bool,
}

/// What every sentence of one article is read with.
#[derive(Clone, Copy)]
struct ArticleContext<'a> {
    article: &'a Article,
    /// Quotations with their sources, offsets into the whole text.
    quotes: &'a [Quote],
    chars: &'a CharOffsets,
    /// The known actors and the people this article introduces.
    gazetteer: &'a Gazetteer,
}

/// An event told earlier in the article, as later sentences refer back to it.
struct Told {
    event_type: String,
    date: DateReading,
    /// Its actors (gazetteer ids): "The ceasefire takes effect in August" is of their
    /// ceasefire.
    actors: Vec<usize>,
}

/// What earlier sentences of the article tell later ones.
#[derive(Default)]
struct Discourse {
    last_person: Option<usize>,
    last_group: Vec<usize>,
    /// The date of the event `last_group` took part in.
    last_group_date: Option<DateReading>,
    /// The paragraph of that event.
    last_group_paragraph: Option<usize>,
    /// The sides of the last "between" phrase that named two parties or more: who "the two
    /// parties" are before any event of theirs is told ("talks between the army and the RSF
    /// were suspended… the two parties reached an agreement").
    last_named: Vec<usize>,
    /// The paragraph of that phrase.
    last_named_paragraph: Option<usize>,
    /// Events told so far, for "the call" to refer back to.
    told: Vec<Told>,
    /// The actors the current sentence names only as mediators or hosts.
    mediators: Vec<usize>,
    /// The parties those mediators act for: actors of the sentence's events, no sides.
    mediator_parties: Vec<String>,
    /// The date of the last asserted event of the current paragraph that its own sentence
    /// dated: the narrative time that undated sentences after it continue.
    paragraph: Option<(usize, DateReading)>,
}

/// How many times a sentence is read at most, each time without the content-taking
/// triggers that told no event in the reading before.
const CONTENT_ROUNDS: usize = 3;

/// The most days a range with its last day written whole spans ("from Monday to Friday").
const WHOLE_DAY_RANGE_DAYS: i64 = 7;
/// The time rule of the last day of a range of days ("October 25–30").
const DAY_RANGE_END_RULE: &str = "day.range_end";

/// How the evidence writes the actors a sentence takes from its paragraph, naming none.
const CONTEXT_ACTORS: &str = "(the parties of the last event told)";

/// How far from its trigger a date may stand and still be the trigger's own (`needs_date`).
const OWN_DATE_DISTANCE: usize = 30;
/// A date this near the start of the sentence is a fronted adverbial governing it.
const FRONTED_DATE: usize = 15;
/// How many words before "from June 1" the verb that moves a schedule may stand.
const MOVED_SCHEDULE_WORDS: usize = 8;
/// How far (in bytes) from its trigger a date may stand and still date it, unless fronted:
/// farther than any sentence of news puts a date from its verb, and a bound on the work per
/// trigger in a sentence of thousands of clauses.
const DATE_REACH: usize = 1000;

/// The names of the actors the rule files know (for shell completion).
pub fn known_actor_names() -> Result<Vec<String>> {
    let gazetteer = Gazetteer::load(&Cues::load()?)?;
    Ok(gazetteer.known_actor_names().map(str::to_owned).collect())
}

/// How many hex digits of the hash make a fingerprint.
const FINGERPRINT_DIGITS: usize = 12;

/// A hash of everything extraction depends on besides the article: the program's version,
/// every rule file as this run reads it (`TIMELINE_RULES` overrides included) and the syntax
/// models. Stored with each article, so that `timeline reextract` finds the articles that
/// other rules extracted.
pub fn fingerprint() -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    let mut part = |name: &str, bytes: &[u8]| {
        // Lengths first, so that no two different sets of files hash alike.
        hash.update((name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    part("version", env!("CARGO_PKG_VERSION").as_bytes());
    for (path, text) in crate::rules::all_sources()? {
        part(path, text.as_bytes());
    }
    for (name, bytes) in Models::embedded_files() {
        part(name, bytes);
    }
    let digest = hash.finalize();
    Ok(digest
        .iter()
        .take(FINGERPRINT_DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect())
}

impl Extractor {
    pub fn load() -> Result<Extractor> {
        let cues = Cues::load()?;
        let types = EventTypes::load()?;
        let triggers = TriggerSet::load(&types)?;
        let gazetteer = Gazetteer::load(&cues)?;
        let attributor = Attributor::new(&cues.attribution);
        let phrases: Vec<String> = cues
            .anaphora
            .groups
            .iter()
            .chain(&cues.anaphora.persons)
            .chain(&cues.anaphora.armed_groups)
            .map(|p| regex::escape(p))
            .collect();
        let pronouns = regex::Regex::new(&format!(r"(?i)\b(?:{})\b", phrases.join("|")))?;
        let nouns: Vec<String> = cues.anaphora.generic.iter().map(|n| regex::escape(n)).collect();
        // Definite, or a bare plural at the start of a sentence ("Rebels attacked…").
        let generic = regex::Regex::new(&format!(
            r"(?i:\bthe\s+(?:two\s+)?|\bboth\s+|^)(?P<noun>(?i:{}))\b",
            nouns.join("|")
        ))?;
        let references = cues
            .references
            .iter()
            .flat_map(|(event_type, phrases)| phrases.iter().map(move |p| (p.clone(), event_type.clone())))
            .fold(
                Vec::<(String, Vec<String>)>::new(),
                |mut acc, (phrase, event_type)| {
                    match acc.iter_mut().find(|(p, _)| *p == phrase) {
                        Some((_, types)) => types.push(event_type),
                        None => acc.push((phrase, vec![event_type])),
                    }
                    acc
                },
            )
            .into_iter()
            .map(|(phrase, types)| {
                let re = regex::Regex::new(&format!(r"(?i)\b{}\b", regex::escape(&phrase)))?;
                Ok((re, types))
            })
            .collect::<Result<Vec<_>>>()?;
        let skip_sentences = regex::RegexSet::new(&cues.skip_sentences.patterns)?;
        let omissions = cues
            .omissions
            .patterns
            .iter()
            .map(|p| regex::Regex::new(p))
            .collect::<Result<Vec<_>, _>>()?;
        let other_clause = regex::Regex::new(&cues.dating.other_clause)?;
        let anchors = regex::Regex::new(&cues.dating.anchored_shift)?;
        Ok(Extractor {
            fingerprint: fingerprint()?,
            skip_sentences,
            omissions,
            other_clause,
            anchors,
            topics: Topics::load()?,
            people: People::load()?,
            syntax: Models::embedded()?,
            tagger: Tagger::load()?,
            types,
            gazetteer,
            triggers,
            cues,
            attributor,
            pronouns,
            generic,
            references,
        })
    }

    /// Every event the article reports, in text order.
    pub fn extract(&self, article: &Article) -> Vec<ExtractedEvent> {
        let text = &article.text;
        let sentences: Vec<Sentence> = article
            .sentences()
            .iter()
            .flat_map(|s| text::pieces(s, text))
            .collect();
        // Every sentence parsed in one batch: the network's products run wider than for one
        // sentence at a time (56,000 against 49,000 words/s), which pays for the sentences
        // that name no one and are then not read.
        let spans: Vec<(usize, usize)> = sentences.iter().map(|s| (s.start, s.end)).collect();
        let parses = self.syntax.parse_text(text, &spans);
        // The article's people join the known actors for this article only: those its
        // titles introduce, then those the parse finds named without one.
        let mut people = self.people.find(text, &self.gazetteer);
        let untitled = self.people.untitled(text, &parses, &self.gazetteer, &people);
        people.extend(untitled);
        self.people.named_as_referred(text, &mut people);
        people.extend(self.generic_actors(text));
        let article_gazetteer = self.gazetteer.with_people(people);
        let gazetteer = article_gazetteer.as_ref().unwrap_or(&self.gazetteer);
        let times = self.with_day_ranges(text, self.tagger.tag_parsed(text, article.published, &parses));
        let chars = CharOffsets::new(text);
        let quotes = self.quotes_by_paragraph(text, &sentences, gazetteer);
        let context = ArticleContext {
            article,
            quotes: &quotes,
            chars: &chars,
            gazetteer,
        };
        let mut discourse = Discourse::default();
        let mut events: Vec<ExtractedEvent> = Vec::new();
        // Where the events of the sentence before begin in `events`.
        let mut previous_sentence = 0;
        for (sentence, parse) in sentences.iter().zip(parses) {
            if discourse
                .paragraph
                .as_ref()
                .is_some_and(|(p, _)| *p != sentence.paragraph)
            {
                discourse.paragraph = None;
            }
            // Dates, and the references to no particular date ("in the coming days") that
            // stop a farther date from being taken for the event's. The tagger returns its
            // expressions in text order, so each sentence's are found by a binary search.
            let first = times.partition_point(|t| t.start < sentence.start);
            let dates: Vec<&TimeExpr> = times[first..]
                .iter()
                .take_while(|t| t.start < sentence.end)
                .filter(|t| t.end <= sentence.end && t.kind == TimexType::Date)
                .collect();
            if let Some(dispute) = self.omission(sentence.text(text)) {
                if let Some(last) = events.last_mut() {
                    last.disputed_by.push(dispute);
                }
            }
            // "… signed an agreement. The ceremony took place on Friday, August 8": the
            // occasion the next sentence dates is that of the acts just told undated.
            let undated: Vec<usize> = (previous_sentence..events.len())
                .filter(|&i| events[i].modality == Modality::Asserted && events[i].date.interval.is_none())
                .collect();
            // The parse with offsets into the sentence, which the rules read.
            let tokens = in_sentence(parse, sentence);
            let occasion = if undated.is_empty() {
                None
            } else {
                self.occasion_date(sentence, &tokens, &dates)
            };
            let found = self.sentence_events(&context, sentence, &tokens, &dates, &mut discourse);
            if let (true, Some(reading)) = (found.is_empty(), occasion) {
                for i in undated {
                    events[i].date = reading.clone();
                }
            }
            previous_sentence = events.len();
            for event in &found {
                discourse.told.push(Told {
                    event_type: event.event_type.clone(),
                    date: event.date.clone(),
                    actors: event
                        .actors
                        .iter()
                        .filter_map(|a| gazetteer.actor_named(a))
                        .collect(),
                });
                if event.modality == Modality::Asserted
                    && event.date.basis == DateBasis::Expression
                    && event.date.interval.is_some()
                {
                    discourse.paragraph = Some((sentence.paragraph, event.date.clone()));
                }
                let sides: Vec<usize> = event
                    .actors
                    .iter()
                    .filter_map(|a| gazetteer.actor_named(a))
                    .filter(|a| !discourse.mediators.contains(a))
                    .collect();
                if sides.len() >= 2 {
                    discourse.last_group = sides;
                    // Only what happened dates what is told of its parties after ("both sides
                    // had agreed" is not on the day of talks still to come).
                    discourse.last_group_date = (event.date.interval.is_some()
                        && event.modality == Modality::Asserted)
                        .then(|| event.date.clone());
                    discourse.last_group_paragraph = Some(sentence.paragraph);
                }
            }
            events.extend(found);
        }
        self.without_parts(events)
    }

    /// The events without those that are a part of another the article tells: of a rule
    /// with `part_of`, one whose parties and time agree with an event of those types.
    fn without_parts(&self, events: Vec<ExtractedEvent>) -> Vec<ExtractedEvent> {
        let rule_of = |e: &ExtractedEvent| self.triggers.rules.iter().find(|r| r.name == e.evidence.rule);
        let part: Vec<bool> = events
            .iter()
            .map(|e| {
                rule_of(e).is_some_and(|rule| {
                    events.iter().any(|whole| {
                        rule.part_of.contains(&whole.event_type)
                            && parties_agree(&e.parties, &whole.parties)
                            && e.date.may_overlap(&whole.date)
                    })
                })
            })
            .collect();
        events
            .into_iter()
            .zip(part)
            .filter_map(|(e, part)| (!part).then_some(e))
            .collect()
    }

    /// Days to move a date by when the words between it and the trigger say "a day after"
    /// (-1: the trigger's event came first) or "two days before" (+2).
    fn anchored_shift(&self, between: &str) -> Option<i64> {
        let caps = self.anchors.captures(between)?;
        let count = caps.name("count").and_then(|c| {
            let c = c.as_str().to_lowercase();
            c.parse::<i64>()
                .ok()
                .or_else(|| self.tagger.lexicon().int("number", &c))
        })?;
        let unit = match caps.name("unit")?.as_str().to_lowercase().trim_end_matches('s') {
            "day" => 1,
            "week" => 7,
            _ => return None,
        };
        let sign: i64 = if caps.name("direction")?.as_str().eq_ignore_ascii_case("after") {
            -1
        } else {
            1
        };
        sign.checked_mul(count)?.checked_mul(unit)
    }

    /// The date a sentence gives an occasion it refers back to ("The ceremony took place on
    /// Friday"): a definite occasion noun as the subject of a predicate of occasions, and a
    /// date of that predicate's clause.
    fn occasion_date(
        &self,
        sentence: &Sentence,
        tokens: &[Token],
        dates: &[&TimeExpr],
    ) -> Option<DateReading> {
        let cues = &self.cues.dating;
        let subject = (0..tokens.len()).find(|&t| {
            tokens[t].analysis.deprel.starts_with("nsubj") && tree::is_occasion_noun(tokens, t, cues)
        })?;
        let verb = tokens[subject].analysis.head.filter(|&h| h < tokens.len())?;
        if !self.triggers.is_definite(tokens, subject) || !tree::tells_occasion(tokens, verb, cues) {
            return None;
        }
        let date = dates.iter().find(|d| {
            d.interval.is_some()
                && tree::clause_of(tokens, d.start - sentence.start, d.end - sentence.start) == Some(verb)
        })?;
        Some(DateReading {
            interval: date.interval.clone(),
            basis: DateBasis::Context,
            text: Some(date.text.clone()),
            rule: Some(date.rule.clone()),
            clause: Some(format!(
                "of “{} {}” in the sentence after",
                tokens[subject].form, tokens[verb].form
            )),
        })
    }

    /// A sentence saying that a source leaves out what was just told, and that source ("The
    /// White House readout did not contain that information" → "White House readout").
    fn omission(&self, sentence: &str) -> Option<Dispute> {
        let found = self.omissions.iter().find_map(|re| re.find(sentence))?;
        let subject = clause_before(sentence, found.start()).trim();
        let subject = subject
            .strip_prefix("The ")
            .or_else(|| subject.strip_prefix("the "))
            .unwrap_or(subject);
        (!subject.is_empty()).then(|| Dispute {
            source: subject.to_owned(),
            sentence: sentence.to_owned(),
        })
    }

    /// Quotations of the text with their sources (offsets into the whole text).
    fn quotes_by_paragraph(&self, text: &str, sentences: &[Sentence], gazetteer: &Gazetteer) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut index = 0;
        while index < sentences.len() {
            let paragraph = sentences[index].paragraph;
            let start = sentences[index].start;
            let mut end = sentences[index].end;
            while index < sentences.len() && sentences[index].paragraph == paragraph {
                end = sentences[index].end;
                index += 1;
            }
            let body = &text[start..end];
            let reports = self.attributor.reports(body, gazetteer);
            out.extend(self.attributor.quotes(body, &reports).into_iter().map(|q| Quote {
                start: start + q.start,
                end: start + q.end,
                ..q
            }));
        }
        out
    }

    fn sentence_events(
        &self,
        context: &ArticleContext,
        sentence: &Sentence,
        tokens: &[Token],
        dates: &[&TimeExpr],
        discourse: &mut Discourse,
    ) -> Vec<ExtractedEvent> {
        let ArticleContext {
            article,
            quotes,
            chars,
            gazetteer,
        } = *context;
        let text = sentence.text(&article.text);
        if self.skip_sentences.is_match(text) {
            return Vec::new();
        }
        let quote_source = |offset: usize| {
            let absolute = sentence.start + offset;
            quotes
                .iter()
                .find(|q| q.contains(absolute))
                .and_then(|q| q.source.clone())
        };
        // Where a dateline opening the sentence ends: what it names is where and when the
        // report was written, neither an actor nor an event's date.
        let dateline = dateline_end(text);
        let mut names = self.names_in(text, tokens, dateline, discourse, &quote_source, gazetteer);
        // Who only mediates or hosts here is no side of what the sentence tells ("The
        // negotiations took place in Doha, with mediation by Qatar and Turkey"): they never
        // become the sides "both parties" stand for after it.
        let mediation = &self.cues.roles.mediation_words;
        let mediating: Vec<bool> = names
            .iter()
            .map(|n| !n.group_of_earlier_event && tree::names_mediator(tokens, n.start, n.end, mediation))
            .collect();
        discourse.mediators = first_seen(names.iter().flat_map(|n| n.actors.iter().copied()))
            .into_iter()
            .filter(|&a| {
                names
                    .iter()
                    .zip(&mediating)
                    .filter(|(n, _)| n.actors.contains(&a))
                    .all(|(_, &mediator)| mediator)
            })
            .collect();
        let mediator_names: Vec<String> = discourse
            .mediators
            .iter()
            .map(|&a| gazetteer.actor(a).name.clone())
            .collect();
        discourse.mediator_parties = gazetteer.parties_of(&mediator_names);
        let only_mediators = !names.is_empty()
            && names
                .iter()
                .all(|n| n.actors.iter().all(|a| discourse.mediators.contains(a)));
        // Every event needs an actor. A sentence that names none, or only mediators, may
        // tell, with a date of its own, an event of the parties of the last event of its
        // paragraph or the one before (news often gives a sentence a paragraph): "Israel and
        // Syria clashed… A ceasefire was declared Saturday."; failing those, of the sides the
        // text last set against each other there ("a direct channel between Witkoff and
        // Araghchi. A second meeting is scheduled for Saturday"). A sentence naming no one
        // and without such a group is not read further.
        let from_context = names.is_empty();
        let near = |paragraph: Option<usize>| {
            paragraph.is_some_and(|p| p == sentence.paragraph || p + 1 == sentence.paragraph)
        };
        let context_group = if !discourse.last_group.is_empty() && near(discourse.last_group_paragraph) {
            Some(discourse.last_group.clone())
        } else if !discourse.last_named.is_empty() && near(discourse.last_named_paragraph) {
            Some(discourse.last_named.clone())
        } else {
            None
        };
        if from_context && context_group.is_none() {
            return Vec::new();
        }
        if let Some(group) = context_group.filter(|_| from_context || only_mediators) {
            names.push(Named {
                start: 0,
                end: 0,
                actors: group,
                text: CONTEXT_ACTORS.to_owned(),
                group_of_earlier_event: false,
            });
        }
        let name_actors: Vec<Vec<String>> = names
            .iter()
            .map(|n| {
                n.actors
                    .iter()
                    .map(|&a| gazetteer.actor(a).name.clone())
                    .collect()
            })
            .collect();
        let name_spans: Vec<roles::NameSpan> = names
            .iter()
            .zip(&name_actors)
            .map(|(n, actors)| roles::NameSpan {
                start: n.start,
                end: n.end,
                actors,
            })
            .collect();
        let places = gazetteer.places_in(text);
        let reports = self.attributor.reports(text, gazetteer);
        let mut found = self.triggers.find(text, tokens);
        // A date inside a quotation dates what the quotation says, not the words around it
        // ("“Today, they spoke,” a readout said": "Today" is not when the readout spoke).
        let quote_at = |offset: usize| {
            let absolute = sentence.start + offset;
            quotes.iter().position(|q| q.contains(absolute))
        };
        let all_dates = self.event_times(dates, sentence, text, dateline, tokens);
        // A noun that needs a date on it is no trigger without one: it neither tells an event
        // nor bounds the words of the one before it ("a ceasefire deal between the Houthis
        // and the US").
        let dated_if_needed = |m: &TriggerMatch| {
            !self.triggers.rules[m.rule].date_on_noun
                || all_dates.iter().any(|(s, e, d)| {
                    d.interval
                        .as_ref()
                        .is_some_and(|i| i.precision != Precision::Year)
                        && tree::modifies(tokens, *s, *e, m.start)
                })
        };
        found = found
            .into_iter()
            .filter_map(|mut m| {
                m.alternatives.retain(|r| dated_if_needed(r));
                if dated_if_needed(&m) {
                    return Some(m);
                }
                // The first reading that stands takes the place of the one that does not.
                let mut rest = std::mem::take(&mut m.alternatives).into_iter();
                let mut first = rest.next()?;
                first.alternatives = rest.collect();
                Some(first)
            })
            .collect();

        // The events of `matches`, and which of the matches told one.
        let tell = |matches: &[TriggerMatch]| {
            let mut events: Vec<(usize, ExtractedEvent)> = Vec::new();
            let mut told = vec![false; matches.len()];
            let mut carried = CarriedActors::default();
            for (index, found) in matches.iter().enumerate() {
                let relative_dates = dates_reaching(&all_dates, found, &quote_at);
                // The first reading of the words whose event stands.
                let Some(m) = found
                    .readings()
                    .find(|m| self.stands(m, &matches[index + 1..], &relative_dates, tokens, &names, text))
                else {
                    continue;
                };
                let m = &m;
                let rule = &self.triggers.rules[m.rule];
                let event_type = rule.event_type.clone().expect("blocking rules are filtered out");
                // A fronted clause with a subject of its own tells another act, whose actors
                // are not this one's ("After Egypt protested, Israel and Hamas signed"); so
                // do the words before the subject of a clause that is what someone said
                // ("Sanders said the two leaders discussed…": Sanders did not).
                let left = if index == 0 { 0 } else { matches[index - 1].end }
                    .max(tree::fronted_clause_end(tokens, m.start).unwrap_or(0))
                    .max(tree::content_subject_start(tokens, m.start).unwrap_or(0));
                // What the trigger acts on ends with its clause, and inside a quotation with the
                // quotation ("…calling Zelensky,” Trump wrote": Trump is the source).
                let quote_end = quote_at(m.start).map_or(text.len(), |q| {
                    quotes[q].end.saturating_sub(sentence.start).min(text.len())
                });
                // Nor past the content that a report after it follows ("… to sign a deal,
                // Erdogan's office said": Erdogan is who said it).
                let next = matches.get(index + 1);
                let report =
                    next.and_then(|n| reported_before(text, tokens, n.start).filter(|&end| end >= m.end));
                let limit = next.map_or(text.len(), |n| n.start).min(quote_end);
                let right = limit
                    .min(clause_end(text, m.end))
                    .min(report.unwrap_or(text.len()));
                // A list of names is one phrase, whatever commas the text's clause break sees in
                // it ("involving Russia, the UN, Turkey and Ukraine"): the window runs on over
                // the names after it of a list that one inside it is in.
                let lists: Vec<usize> = names
                    .iter()
                    .filter(|k| k.start >= m.end && k.end <= right)
                    .filter_map(|k| tree::first_conjunct(tokens, k.start))
                    .collect();
                let right = names
                    .iter()
                    .filter(|n| n.start >= right && n.end <= limit)
                    .take_while(|n| tree::first_conjunct(tokens, n.start).is_some_and(|f| lists.contains(&f)))
                    .last()
                    .map_or(right, |n| n.end);

                let event_roles = roles::roles(tokens, m.start, &name_spans, &self.cues.roles);
                if rule.actors == ActorScope::Speaker && self.unnamed_speaker(tokens, m, text) {
                    continue;
                }
                // Names in a relative clause about another thing tell of another act.
                // Nor do those it was done before ("signed the agreement before a crowd of
                // guests, including Ban Ki-moon and John Kerry").
                let own = |n: &Named| {
                    !tree::in_relative_of_other(tokens, (m.start, m.end), n.start, n.end)
                        && !tree::in_audience(tokens, m.start, n.start, n.end)
                };
                let (mut actor_ids, actor_text) = match rule.actors {
                    ActorScope::Speaker => {
                        let own_names: Vec<&Named> = names.iter().filter(|n| own(n)).collect();
                        statement_speaker(tokens, m, &event_roles, &own_names, gazetteer)
                            .unwrap_or_else(|| speaker(&own_names, left, m, text, tokens))
                    }
                    ActorScope::Clause => carried.clause_actors(
                        &names,
                        own,
                        left,
                        m,
                        right,
                        tree::embedded_noun(tokens, m.start),
                    ),
                };
                actor_ids = first_seen(actor_ids);
                // The tree's roles count too: they reach past the window's end ("Ahead of a
                // meeting with Carney, Trump said": Trump, the subject of the verb the meeting
                // hangs on, is after the clause break).
                let from_tree = event_roles
                    .iter()
                    .filter(|r| !actor_ids.iter().any(|&a| gazetteer.actor(a).name == r.actor))
                    .map(|r| &r.actor)
                    .collect::<std::collections::HashSet<_>>()
                    .len();
                // A statement is its speaker's: whom it names in the tree does not make one.
                if actor_ids.len() + from_tree < rule.min_actors
                    || rule.actors == ActorScope::Speaker && actor_ids.is_empty()
                {
                    continue;
                }

                let told_as = match self.modality_told(m, text, tokens) {
                    // A limit that continues to hold is still that day's ("will continue to be
                    // in effect until February 18"), not an activity.
                    Modality::Habitual if rule.deadline => Modality::Asserted,
                    told => told,
                };
                let mut date = self.date_for(
                    m,
                    &relative_dates,
                    text,
                    tokens,
                    discourse,
                    article.published,
                    told_as,
                );
                // "Both sides conducted the talks": a definite noun of a kind of event the
                // article has told is that event again, not one on the occasion of the
                // group's last event (a withdrawal of 2018, told just before).
                let told_again = || {
                    tree::token_at(tokens, m.start).is_some_and(|t| self.triggers.is_definite(tokens, t))
                        && discourse.told.iter().any(|told| told.event_type == event_type)
                };
                if date.basis == DateBasis::Publication && !told_again() {
                    // "The two sides agreed ...": told of the parties of an earlier event, with no
                    // date of its own, it belongs to that event's occasion.
                    let group = names
                        .iter()
                        .find(|n| n.group_of_earlier_event && n.start >= left && n.end <= right);
                    if let (Some(group), Some(group_date)) = (group, &discourse.last_group_date) {
                        date = DateReading {
                            basis: DateBasis::Context,
                            text: Some(group.text.clone()),
                            clause: None,
                            ..group_date.clone()
                        };
                    }
                }
                if from_context && date.basis != DateBasis::Expression {
                    continue;
                }
                let mut modality = later_is_planned(told_as, &date, article.published);
                // An activity that began, or what a noun has done so far ("a war which has
                // killed thousands"), told without a date of its own, is background.
                if modality == Modality::Asserted
                    && date.basis != DateBasis::Expression
                    && (tree::under_onset(tokens, m.start, &self.cues.modality.onset)
                        || tree::perfect_in_relative(tokens, m.start))
                {
                    modality = Modality::Habitual;
                }
                // Background is not one occurrence: it has no date.
                if modality == Modality::Habitual {
                    date = DateReading::undated();
                }
                let place = self
                    .place_for(m, &places, text, tokens, self.types.at_destination(&event_type))
                    .map(|p| gazetteer.place(p.place).name.clone());
                let attributed_to = if rule.actors == ActorScope::Speaker {
                    None
                } else {
                    attribution_for(m, &reports, text).or_else(|| quote_source(m.start))
                };
                let mut actors: Vec<String> = actor_ids
                    .iter()
                    .map(|&a| gazetteer.actor(a).name.clone())
                    .collect();
                // The actors are everyone the window names and everyone the tree gives a role
                // (the tree reaches past a window's end: "delegates from the U.S. and Ukraine").
                // A statement's actors are who made it: what its verb takes as an object is
                // what was said ("Pigott confirmed Barrack and Rubio have engaged", read
                // with Barrack as the object), not another speaker.
                let spoken = |r: &&crate::model::Role| {
                    rule.actors != ActorScope::Speaker || r.role == RoleKind::Source
                };
                extend_new(
                    &mut actors,
                    event_roles.iter().filter(spoken).map(|r| r.actor.clone()),
                );
                let clause = &text[m.start..clause_end(text, m.end)];
                let summary = summarise(&actors, clause);
                // A person acts for his country or group, which is an actor too ("Colombian
                // President Gustavo Petro": Petro and Colombia), as event data records both.
                let mut parties = gazetteer.parties_of(&actors);
                extend_new(&mut actors, parties.iter().cloned());
                // One who only mediates or hosts is an actor of the event, not one of its
                // sides ("Vucic and Kurti, mediated by Borrell, reached an agreement"): a
                // report naming him must not have to share him to be of the same event.
                let mediating = &discourse.mediator_parties;
                if parties.iter().any(|p| !mediating.contains(p)) {
                    parties.retain(|p| !mediating.contains(p));
                }
                // What the event is about ends with its clause's words in the tree too: "After
                // both sides agreed in principle to the plan, Trump sent envoys for negotiations"
                // is not about negotiations.
                let tree_end = tree::token_at(tokens, m.start)
                    .map(|t| tree::subtree_span(tokens, tree::clause_head(tokens, t)).1)
                    .filter(|&end| end >= m.end)
                    .unwrap_or(text.len());
                let topics = self.topics.of(&clause[..clause.len().min(tree_end - m.start)]);
                let event = ExtractedEvent {
                    event_type,
                    // The parties' own parties are themselves: the list stands as read above.
                    parties,
                    actors,
                    place,
                    modality,
                    date,
                    topics,
                    summary,
                    evidence: Evidence {
                        sentence: text.to_owned(),
                        sentence_start: chars.at(sentence.start),
                        sentence_end: chars.at(sentence.end),
                        trigger: text[m.start..m.end].to_owned(),
                        trigger_start: chars.at(sentence.start + m.start),
                        trigger_end: chars.at(sentence.start + m.end),
                        rule: rule.name.clone(),
                        attributed_to,
                        actor_text,
                        lemma: tree::head_within(tokens, m.start, m.end)
                            .map(|t| tokens[t].analysis.lemma.clone()),
                        roles: event_roles,
                    },
                    disputed_by: Vec::new(),
                };
                told[index] = true;
                add_once(&mut events, m.start, event, gazetteer);
            }
            (events, told)
        };
        // What a trigger agreed, proposed or demanded is part of its event, not events of
        // its own ("agreed to begin negotiations"); but a trigger that tells no event (no
        // date of its own where its rule needs one, too few actors…) claims nothing, and
        // the triggers it held are read again without it.
        let mut candidates = found;
        let mut matches = self.content_filtered(text, tokens, &candidates);
        let mut round = 0;
        let events = loop {
            round += 1;
            let (events, told) = tell(&matches);
            let silent: std::collections::HashSet<(usize, usize, usize)> = matches
                .iter()
                .zip(&told)
                .filter(|(m, told)| !**told && self.triggers.rules[m.rule].takes_content)
                .map(|(m, _)| (m.start, m.end, m.rule))
                .collect();
            // Every silent trigger goes at once; what they free is read again, a bounded
            // number of times (a content inside a content inside a content…), so that no
            // sentence is read more than a few times over.
            if silent.is_empty() || round == CONTENT_ROUNDS {
                break events;
            }
            candidates.retain(|c| !silent.contains(&(c.start, c.end, c.rule)));
            let freed = self.content_filtered(text, tokens, &candidates);
            if freed.len() <= matches.len() - silent.len() {
                break events;
            }
            matches = freed;
        };
        // "He" in the next sentence is the person this one is about: its subject, else the
        // last person it names ("Kerry, flanked by Lavrov and de Mistura, acknowledged… He and
        // Lavrov agreed": Kerry).
        let mut persons = names.iter().filter_map(|n| match n.actors[..] {
            [single] if gazetteer.actor(single).kind == ActorKind::Person => Some((n, single)),
            _ => None,
        });
        let subject = persons
            .clone()
            .find(|(n, _)| tree::is_main_subject(tokens, n.start, n.end));
        if let Some((_, person)) = subject.or_else(|| persons.next_back()) {
            discourse.last_person = Some(person);
        }
        // The sides a sentence sets against each other ("talks between the army and the
        // RSF", not the mediators beside them), when they are two parties or more.
        let sides = first_seen(
            names
                .iter()
                .filter(|n| tree::is_between_side(tokens, n.start, n.end))
                .flat_map(|n| n.actors.iter().copied()),
        );
        let side_names: Vec<String> = sides.iter().map(|&a| gazetteer.actor(a).name.clone()).collect();
        if gazetteer.parties_of(&side_names).len() >= 2 {
            discourse.last_named = sides;
            discourse.last_named_paragraph = Some(sentence.paragraph);
        }
        events.into_iter().map(|(_, e)| e).collect()
    }

    /// Whether the subject of a reporting trigger leaves its speaker unnamed: sources
    /// ("sources from TASS confirmed"), the parties of an event told before ("They also
    /// stressed the need for…" in a readout of their call tells what the call was about), or
    /// a text telling its content ("the declaration stated"). A statement needs someone who
    /// made it.
    fn unnamed_speaker(&self, tokens: &[Token], m: &TriggerMatch, text: &str) -> bool {
        tree::subject_of(tokens, m.start).is_some_and(|s| {
            let lemma = &tokens[s].analysis.lemma;
            let (start, end) = tree::subtree_span(tokens, s);
            let phrase = text[start..end].to_lowercase();
            self.cues
                .attribution
                .anonymous
                .iter()
                .any(|a| a.eq_ignore_ascii_case(lemma))
                || self.cues.anaphora.groups.contains(&phrase)
                    && !self.cues.anaphora.speakers.contains(&phrase)
                || self.of_a_thing(tokens, s)
                || self
                    .cues
                    .attribution
                    .document_nouns
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(lemma))
        })
    }

    /// Whether the subject at `s` is a thing "of" someone ("The participation of the
    /// President of Colombia … confirms the political will of the parties"): a noun made
    /// from a verb or an adjective (participation, involvement, presence, stability: by its
    /// ending, cues.toml's thing_endings) with an "of" modifier, where "the head of the
    /// delegation" or "the chairman of the committee" is someone. Who is named inside
    /// such a thing did not say anything.
    fn of_a_thing(&self, tokens: &[Token], s: usize) -> bool {
        let lemma = tokens[s].analysis.lemma.to_lowercase();
        tokens[s].analysis.upos == "NOUN"
            && self
                .cues
                .attribution
                .thing_endings
                .iter()
                .any(|e| lemma.ends_with(e.as_str()))
            && !self.cues.attribution.source_nouns.contains(&lemma)
            && tree::children(tokens, s).any(|c| {
                // The phrase opens with "of", wherever the parser hung it ("of Kenyan
                // President William Ruto": on "President").
                let first = tree::token_at(tokens, tree::subtree_span(tokens, c).0);
                tokens[c].analysis.deprel.starts_with("nmod")
                    && first.is_some_and(|f| tokens[f].analysis.lemma.eq_ignore_ascii_case("of"))
            })
    }

    /// The sentence's dates that may be an event's time, in order, with offsets into the
    /// sentence: a point of comparison ("since 1992") never is, nor the old date of a moved
    /// schedule ("delayed from June 1 until July 9").
    fn event_times<'d>(
        &self,
        dates: &[&'d TimeExpr],
        sentence: &Sentence,
        text: &str,
        dateline: usize,
        tokens: &[Token],
    ) -> Vec<(usize, usize, &'d TimeExpr)> {
        let mut times: Vec<(usize, usize, &TimeExpr)> = dates
            .iter()
            .map(|d| (d.start - sentence.start, d.end - sentence.start, *d))
            .collect();
        times.sort_by_key(|(s, e, _)| (*s, *e));
        // A dateline's day is when the report was written ("Kuala Lumpur, 31 May 2016 (MINA)
        // – The government ended a meeting … on Monday").
        times.retain(|(s, e, _)| {
            *s >= dateline
                && tree::temporal_role(tokens, *s, *e, &self.cues.dating) != tree::TemporalRole::Comparison
        });
        let moved: Vec<bool> = times
            .iter()
            .map(|(s, e, _)| self.moved_from(text, *s, *e, &times))
            .collect();
        let mut moved = moved.into_iter();
        times.retain(|_| !moved.next().unwrap_or(false));
        times
    }

    /// Whether the date at `start` comes after "from" and a verb that moves schedules a few
    /// words before it, in the same clause ("delayed its tariffs on Canada from April 2").
    fn after_moving_from(&self, text: &str, start: usize) -> bool {
        let lexicon = self.tagger.lexicon();
        let mut before = text[..start].split_whitespace().rev().take(MOVED_SCHEDULE_WORDS);
        if before
            .next()
            .is_none_or(|w| lexicon.value("schedule_origin", w).is_none())
        {
            return false;
        }
        before.take_while(|w| !w.ends_with([',', ';', '.'])).any(|w| {
            lexicon
                .value("schedule_verb", w.trim_matches(|c: char| !c.is_alphanumeric()))
                .is_some()
        })
    }

    /// The tagger's expressions with each range of days as one date ("talks held from
    /// October 25 to 30": the talks' days are the 25th to the 30th, where TimeML marks two
    /// expressions). Days joined by "and" are two days, and a date moved "from" one day
    /// "to" another is not a range ("postponed from May 2 to 9").
    fn with_day_ranges(&self, text: &str, times: Vec<TimeExpr>) -> Vec<TimeExpr> {
        let mut out: Vec<TimeExpr> = Vec::with_capacity(times.len());
        for expr in times {
            let range_of = out.last().and_then(|first| {
                let first_day = first
                    .interval
                    .as_ref()
                    .filter(|i| i.precision == Precision::Day && i.start == i.end)?;
                let last_day = expr.interval.as_ref()?;
                let between = text.get(first.end..expr.start)?.trim();
                // The last day written whole ("from Monday to Friday") only after a word
                // that opens a range ("agreed on Monday to meet Friday" is two days), and
                // within a week: a longer stretch is mostly a state's ("imposed tariffs from
                // April 2 until May 1"), whose event is its start.
                let opened = || {
                    text[..first.start]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| {
                            self.cues
                                .dating
                                .start_words
                                .iter()
                                .any(|s| w.eq_ignore_ascii_case(s))
                        })
                };
                let last_day_whole = last_day.precision == Precision::Day
                    && last_day.start == last_day.end
                    && first_day.start < last_day.start
                    && (last_day.start - first_day.start).num_days() < WHOLE_DAY_RANGE_DAYS
                    && opened();
                let joined = self.cues.dating.range_joiners.iter().any(|j| j == between)
                    && (expr.rule == DAY_RANGE_END_RULE || last_day_whole)
                    && !self.after_moving_from(text, first.start);
                joined.then_some((first_day.start, last_day.end))
            });
            match range_of {
                Some((start, end)) => {
                    let first = out.last_mut().expect("a first day");
                    let days = crate::time::DateInterval::days(start, end);
                    first.value = days.value.clone();
                    first.interval = Some(days);
                    first.text = text[first.start..expr.end].to_owned();
                    first.end = expr.end;
                    first.rule = format!("{}+{}", first.rule, expr.rule);
                }
                None => out.push(expr),
            }
        }
        out
    }

    /// Whether the date at `start..end` is the old date of a moved schedule ("delayed from
    /// June 1 until July 9", "postponed from March to May"): what is told is the new date.
    fn moved_from(&self, text: &str, start: usize, end: usize, dates: &[(usize, usize, &TimeExpr)]) -> bool {
        if !self.after_moving_from(text, start) {
            return false;
        }
        let lexicon = self.tagger.lexicon();
        let after = &text[end..];
        let Some(preposition) = after.split_whitespace().next() else {
            return false;
        };
        let new_date_at = end + after.find(preposition).unwrap_or(0) + preposition.len();
        lexicon.value("schedule_preposition", preposition).is_some()
            && dates
                .iter()
                .any(|(s, _, _)| *s >= new_date_at && text[new_date_at..*s].trim().is_empty())
    }

    /// Whether the trigger at `m` is an event here, given the triggers after it (`later`):
    /// with the date of its own that its rule needs, not a way of reporting a later event,
    /// and with the actor right after it that its rule needs ("called Putin").
    fn stands(
        &self,
        m: &TriggerMatch,
        later: &[TriggerMatch],
        dates: &[(usize, usize, &TimeExpr)],
        tokens: &[Token],
        names: &[Named],
        text: &str,
    ) -> bool {
        let rule = &self.triggers.rules[m.rule];
        // The trigger's own date: near it, fronted, or in its clause of the parse ("a
        // meeting between the two ministers is set for Thursday").
        // A date in what a speaker said is not when he said it ("said their release will come
        // by Monday").
        let reported = rule.actors == ActorScope::Speaker;
        let cues = &self.cues.dating;
        if rule.deadline
            && !dates
                .iter()
                .any(|(s, e, d)| d.interval.is_some() && tree::names_deadline(tokens, m.start, *s, *e, cues))
        {
            return false;
        }
        if m.needs_date
            && !dates.iter().any(|(s, e, d)| {
                d.interval.is_some()
                    && (*s <= FRONTED_DATE
                        || tree::same_clause(tokens, m.start, *s)
                        || distance((*s, *e), (m.start, m.end)) <= OWN_DATE_DISTANCE
                            && !(reported && tree::in_content_of(tokens, *s, m.start)))
            })
        {
            return false;
        }
        // "said Wednesday he had a call" reports the call; "said Monday that talks are
        // complicated, and added he would love to meet" is a statement of its own, and so
        // is saying what will or may happen ("said Washington will sign the deal", "said
        // Washington is prepared to sign": the tree's reading of the content counts too).
        if rule.yields_to_content
            && later.iter().any(|later| {
                !self.triggers.rules[later.rule].yields_to_content
                    && self.modality_told(later, text, tokens) == Modality::Asserted
            })
        {
            return false;
        }
        !rule.actor_after || names.iter().any(|n| n.start >= m.end && n.start - m.end <= 25)
    }

    /// The modality the words before the trigger and the tree give it ("did not commit",
    /// "was hoping to reach"), before its date is known.
    fn modality_told(&self, m: &TriggerMatch, text: &str, tokens: &[Token]) -> Modality {
        let cues = &self.cues.modality;
        // What a reporting verb follows is what was reported, not a cue of the report ("The
        // flight will take off next week, officials announced Tuesday").
        let clause = clause_before(text, m.start);
        let before = match tree::content_before_end(tokens, m.start) {
            Some(end) if end <= m.start && end > m.start - clause.len() => &text[end..m.start],
            _ => clause,
        };
        // A verb with a tense of its own joined to an earlier one begins its own clause: the
        // first one's words are not its cues ("agreed to reopen embassies within a period not
        // exceeding two months, and agreed to hold talks").
        let before = match tree::own_conjunct_start(tokens, m.start) {
            Some(start) if start <= m.start && start > m.start - before.len() => &text[start..m.start],
            _ => before,
        };
        let mut cued = self.cues.modality(before);
        // "No" negates its noun, not the words after it: "offering no details as two days of
        // negotiations concluded" tells of talks that took place.
        if cued == Modality::Negated {
            if let Some(after) =
                tree::after_other_noun_negated(tokens, m.start, m.start - before.len(), &cues.negated)
            {
                cued = self.cues.modality(&text[after..m.start]);
            }
        }
        // A negation inside the trigger's words: "held no talks".
        if tree::negation_within(tokens, m.start, m.end, &cues.negated) {
            return Modality::Negated;
        }
        // The tree tells aims and plans the words before the trigger do not ("was hoping to
        // reach an agreement", "talks to reach a security pact"); a negation the words give
        // stands.
        match tree::unrealised(tokens, m.start, cues) {
            _ if cued == Modality::Negated => cued,
            Some(tree::Unrealised::Aim) => Modality::Hypothetical,
            Some(tree::Unrealised::Plan) if cued == Modality::Asserted => Modality::Planned,
            _ if cued == Modality::Asserted && tree::verb_has_aux(tokens, m.start, &cues.obliged) => {
                Modality::Hypothetical
            }
            _ => cued,
        }
    }

    /// The place an event at `m` happened: the nearest place of its clause in the tree (as
    /// for its date, `tree::in_own_clause`: not one of a clause on another word, "Iran and
    /// Saudi Arabia, considered arch-enemies in the Middle East, have signed"; but of a verb
    /// it is coordinated with, "met in Saudi Arabia and proposed"), one before
    /// the trigger counting as a little farther ("in Riyadh, they met" less than "met in
    /// Riyadh"); a destination ("left for Moscow") only for a visit.
    fn place_for<'p>(
        &self,
        m: &TriggerMatch,
        places: &'p [PlaceMention],
        text: &str,
        tokens: &[Token],
        visit: bool,
    ) -> Option<&'p PlaceMention> {
        places
            .iter()
            .filter(|p| !p.destination || visit)
            .filter(|p| {
                tree::in_own_clause(tokens, m.start, p.start, p.end, &self.cues.dating)
                    || tree::in_conjoined_clause(tokens, m.start, p.start, p.end)
            })
            .filter(|p| {
                let between = if p.end <= m.start {
                    &text[p.end..m.start]
                } else {
                    &text[m.end..p.start.max(m.end)]
                };
                !self.other_clause.is_match(between)
            })
            .min_by_key(|p| {
                distance((p.start, p.end), (m.start, m.end)) + if p.start < m.start { 20 } else { 0 }
            })
    }

    /// Drops the triggers that stand inside what another trigger agreed, proposed or
    /// demanded ("agreed to begin negotiations": one agreement, not talks). The content
    /// runs to the end of the clause, but not over the report that the whole is what it
    /// says ("… gather on Friday to sign a deal, Erdogan's office said on Thursday": the
    /// tree hangs the deal in what "said" follows).
    fn content_filtered(&self, text: &str, tokens: &[Token], matches: &[TriggerMatch]) -> Vec<TriggerMatch> {
        let mut kept: Vec<TriggerMatch> = Vec::new();
        let mut content_until = 0;
        let mut holder = (0, 0);
        for m in matches {
            // Outside the content: the report of the whole, and an act joined to the holder's
            // clause or one above it ("joined hands to reach a tentative agreement and agreed
            // to set up a center").
            let reports_holder = || reported_before(text, tokens, m.start).is_some_and(|end| end >= holder.1);
            let joined_above = || tree::conjoined_above(tokens, m.start, holder.0);
            // A deadline stands inside what was agreed ("agreed to extend the deadline to
            // February 18": the agreement, and the deadline).
            if m.start < content_until
                && !self.triggers.rules[m.rule].deadline
                && !reports_holder()
                && !joined_above()
            {
                continue;
            }
            if self.triggers.rules[m.rule].takes_content {
                content_until = clause_end(text, m.end);
                holder = (m.start, m.end);
            }
            kept.push(m.clone());
        }
        kept
    }

    /// The actors that `text` names only by what they are, each once ("the army"), for the
    /// article's gazetteer: a sentence naming no other actor takes them (`names_in`).
    fn generic_actors(&self, text: &str) -> Vec<Actor> {
        let lower = text.to_lowercase();
        let mut names: Vec<String> = self
            .cues
            .anaphora
            .generic
            .iter()
            .filter(|noun| lower.contains(noun.as_str()))
            .map(|noun| generic_name(noun))
            .collect();
        names.dedup();
        names
            .into_iter()
            .map(|name| Actor {
                name,
                kind: ActorKind::Generic,
                country: None,
                aliases: Vec::new(),
                demonyms: Vec::new(),
                code: None,
                untitled: false,
            })
            .collect()
    }

    /// The actors a sentence names only by what they are ("The army", "Rebels" opening it).
    fn generic_names(&self, text: &str, gazetteer: &Gazetteer) -> Vec<Named> {
        let offset = text.len() - text.trim_start().len();
        self.generic
            .captures_iter(text.trim_start())
            .filter_map(|found| {
                let whole = found.get(0)?;
                let actor = gazetteer.actor_named(&generic_name(&found["noun"]))?;
                Some(Named {
                    start: offset + whole.start(),
                    end: offset + whole.end(),
                    actors: vec![actor],
                    text: whole.as_str().to_owned(),
                    group_of_earlier_event: false,
                })
            })
            .collect()
    }

    /// Names and resolved pronouns of a sentence, in order.
    fn names_in(
        &self,
        text: &str,
        tokens: &[Token],
        dateline: usize,
        discourse: &Discourse,
        quote_source: &dyn Fn(usize) -> Option<String>,
        gazetteer: &Gazetteer,
    ) -> Vec<Named> {
        let mentions: Vec<ActorMention> = gazetteer
            .actors_in(text)
            .into_iter()
            .filter(|m| m.start >= dateline)
            .collect();
        let mut names: Vec<Named> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            // "U.S. Secretary of State Marco Rubio": the country is the person's title.
            let titles_next = mentions.get(i + 1).is_some_and(|next| {
                let person = gazetteer.actor(next.actor);
                person.kind == ActorKind::Person
                    && person.country.as_ref().is_some_and(|party| {
                        // "European Commission President Ursula von der Leyen": the
                        // institution of her title counts for the same party as she does.
                        let title = gazetteer.actor(m.actor);
                        *party == title.name || title.country.as_ref() == Some(party)
                    })
                    && next.start - m.end <= 40
                    && !text[m.end..next.start].contains([',', ';'])
                    && !text[m.end..next.start].contains(" and ")
            });
            if !titles_next {
                names.push(Named {
                    start: m.start,
                    end: m.end,
                    actors: vec![m.actor],
                    text: m.text.clone(),
                    group_of_earlier_event: false,
                });
            }
        }
        let mut last_person = discourse.last_person;
        for p in self.pronouns.find_iter(text) {
            let phrase = p.as_str().to_lowercase();
            let before: Vec<&Named> = names.iter().filter(|n| n.end <= p.start()).collect();
            let mut via_group = false;
            // "We" and "I" in a quotation are whoever the quotation is attributed to.
            let speaker: Vec<usize> = if self.cues.anaphora.speakers.contains(&phrase) {
                quote_source(p.start())
                    .map(|source| {
                        gazetteer
                            .actors_in(&source)
                            .into_iter()
                            .map(|m| m.actor)
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let actors = if !speaker.is_empty() {
                speaker
            } else if phrase == "i" {
                Vec::new()
            } else if self.cues.anaphora.persons.contains(&phrase) {
                let person = |n: &&Named| {
                    n.actors
                        .iter()
                        .copied()
                        .find(|&a| gazetteer.actor(a).kind == ActorKind::Person)
                };
                // The subject of a clause above the pronoun's, else the nearest person
                // before it.
                let subject = tree::subjects_above(tokens, p.start()).into_iter().find_map(|s| {
                    let word = &tokens[s];
                    before
                        .iter()
                        .filter(|n| n.start <= word.start && word.end <= n.end)
                        .find_map(person)
                });
                let here = subject.or_else(|| before.iter().rev().find_map(person));
                here.or(last_person).into_iter().collect::<Vec<_>>()
            } else if self.cues.anaphora.armed_groups.contains(&phrase) {
                let armed = |a: &&usize| gazetteer.actor(**a).kind == ActorKind::Group;
                let told = discourse.told.iter().rev().flat_map(|t| t.actors.iter());
                let here = before.iter().rev().flat_map(|n| n.actors.iter());
                here.chain(told).find(armed).copied().into_iter().collect()
            } else {
                let mut here = first_seen(before.iter().flat_map(|n| n.actors.iter().copied()));
                let pair = phrase
                    .split_whitespace()
                    .any(|w| self.cues.anaphora.pair_words.iter().any(|p| p == w));
                if pair && here.len() > 2 {
                    // Names found by different readers may overlap or come out of order
                    // ("the Communist Party of China (CPC)" and "China"): only two in a row
                    // with text between them can be joined.
                    let joined = before.windows(2).rev().find(|w| {
                        text.get(w[0].end..w[1].start).is_some_and(|between| {
                            let between = between.trim().to_lowercase();
                            self.cues.anaphora.pair_joiners.contains(&between)
                        })
                    });
                    if let Some(w) = joined {
                        here = first_seen(w.iter().flat_map(|n| n.actors.iter().copied()));
                    }
                }
                if here.len() >= 2 {
                    here
                } else if discourse.last_group.is_empty() {
                    discourse.last_named.clone()
                } else {
                    via_group = true;
                    discourse.last_group.clone()
                }
            };
            if let Some(&first) = actors.first() {
                if actors.len() == 1 {
                    last_person = Some(first);
                }
                names.push(Named {
                    start: p.start(),
                    end: p.end(),
                    actors,
                    text: p.as_str().to_owned(),
                    group_of_earlier_event: via_group,
                });
            }
        }
        // A sentence that names no one may name an actor by what it is ("The army declared a
        // ceasefire", "The rebels accepted the ceasefire proposal").
        if names.is_empty() {
            names = self.generic_names(text, gazetteer);
        }
        // A sentence that names no party but refers back to an event told before ("The
        // ceasefire takes effect in August") is of that event's parties.
        if names.is_empty() {
            for (phrase, types) in &self.references {
                let Some(found) = phrase.find(text) else { continue };
                let told = discourse
                    .told
                    .iter()
                    .rev()
                    .find(|told| types.contains(&told.event_type) && !told.actors.is_empty());
                if let Some(told) = told {
                    names.push(Named {
                        start: found.start(),
                        end: found.end(),
                        actors: told.actors.clone(),
                        text: found.as_str().to_owned(),
                        group_of_earlier_event: false,
                    });
                }
            }
        }
        names.sort_by_key(|n| n.start);
        names
    }

    /// The date of the event at `m`: the date expression of its clause or of a clause above
    /// it; else the date of an event the sentence refers back to; else the paragraph's last
    /// date, for an event told as asserted; else none (reported by the publication date).
    #[allow(clippy::too_many_arguments)]
    fn date_for(
        &self,
        m: &TriggerMatch,
        dates: &[(usize, usize, &TimeExpr)],
        text: &str,
        tokens: &[Token],
        discourse: &Discourse,
        published: chrono::NaiveDate,
        told_as: Modality,
    ) -> DateReading {
        // The date of the trigger's own clause in the tree, else of the nearest clause above
        // it ("The US confirmed Sunday that Israel and Lebanon agreed..."): never one of a
        // clause below it or beside it, which dates that clause's event ("agreed to extend
        // the deadline to Feb. 18", "prisoners captured after October 7", "I agreed to move
        // it… I believe July 9 will be the date").
        let read = |start: usize, expr: &TimeExpr, interval: Option<crate::time::DateInterval>| DateReading {
            interval,
            basis: DateBasis::Expression,
            text: Some(expr.text.clone()),
            rule: Some(expr.rule.clone()),
            clause: tree::attachment(tokens, start),
        };
        let nearest = |(s, e, _): &&(usize, usize, &TimeExpr)| distance((*s, *e), (m.start, m.end));
        let cues = &self.cues.dating;
        if self.triggers.rules[m.rule].deadline {
            let limit = dates
                .iter()
                .filter(|(s, e, _)| tree::names_deadline(tokens, m.start, *s, *e, cues))
                .min_by_key(nearest);
            if let Some((s, _, expr)) = limit {
                return read(*s, expr, expr.interval.clone());
            }
        }
        // The dates that may be the trigger's at any level, read once: not a limit set on
        // another word, nor across a contrastive or relative word (a date there belongs to
        // that clause).
        let candidates: Vec<&(usize, usize, &TimeExpr)> = dates
            .iter()
            .filter(|&&(s, e, _)| !tree::limit_set_elsewhere(tokens, m.start, s, e, cues))
            // "has killed … after the September 11 attacks": a date naming a thing outside
            // the trigger's words never dates it.
            .filter(|&&(s, e, _)| !tree::names_other_thing(tokens, (m.start, m.end), s, e))
            .filter(|&&(s, e, _)| {
                let between = if e <= m.start {
                    &text[e..m.start]
                } else {
                    &text[m.end..s.max(m.end)]
                };
                !self.other_clause.is_match(between)
                    || tree::in_relative_on_trigger(tokens, m.start, s, e, cues)
            })
            .collect();
        // A source cited for what its clause tells ("…will reconvene on November 6,
        // according to a statement released by…") is dated only within its own phrase: the
        // statement is not of that day.
        if tree::is_cited_source(tokens, m.start, &self.cues.attribution.verbs) {
            let own = tree::token_at(tokens, m.start).map(|w| tree::subtree_span(tokens, w));
            return own
                .and_then(|(from, to)| {
                    candidates
                        .iter()
                        .copied()
                        .filter(|(s, e, _)| *s >= from && *e <= to)
                        .min_by_key(nearest)
                })
                .map_or_else(DateReading::undated, |(s, _, expr)| {
                    read(*s, expr, expr.interval.clone())
                });
        }
        let chain = tree::clause_chain(tokens, m.start);
        // What is only imagined in a clause under another ("said Monday that Washington is
        // prepared to lift sanctions") is not dated by that clause: Monday is when it was
        // said. (A plan is: "said Tuesday the US would stop bombing" is, to both gold sets,
        // the ceasefire of that day.)
        // Nor is what a directive or a plan is for ("ordered Monday all its structures to
        // suspend offensive operations": the suspension starts later).
        let directed =
            || tree::unrealised(tokens, m.start, &self.cues.modality) == Some(tree::Unrealised::Plan);
        // Nor is what a participle on a noun tells ("five Americans freed by Iran landed on
        // Tuesday": they were freed before): the clause around the noun is another act.
        let reduced_relative = chain
            .first()
            .is_some_and(|&c| tokens[c].analysis.xpos == "VBN" && tokens[c].analysis.deprel == "acl");
        let levels = if told_as == Modality::Hypothetical || directed() || reduced_relative {
            chain.len().min(1)
        } else {
            chain.len()
        };
        let in_clause = |level: usize| {
            candidates
                .iter()
                .filter(|(s, e, _)| {
                    if level == 0 {
                        tree::in_own_clause(tokens, m.start, *s, *e, cues)
                    } else {
                        tree::clause_of(tokens, *s, *e) == Some(chain[level])
                    }
                })
                // A date that says when before one that does not ("The current ceasefire …
                // came into effect on Saturday": Saturday, not "current"; a limit says when
                // a state ends, not when it was: "will now remain in place until 18
                // February"), then before one that names another thing ("withdrawal from the
                // 2015 nuclear deal … in 2018": 2018; a date on a noun the trigger's phrase
                // holds after its first word names that noun's thing too, "signed the 2020
                // accord … in 2021", but may date it where nothing else does), then the
                // nearest.
                .min_by_key(|d| {
                    let limit =
                        || tree::temporal_role(tokens, d.0, d.1, cues) == tree::TemporalRole::Deadline;
                    (
                        d.2.interval.is_none() || limit(),
                        tree::names_other_thing(tokens, (m.start, m.start), d.0, d.1),
                        nearest(d),
                    )
                })
        };
        if let Some((s, e, expr)) = (0..levels).find_map(in_clause) {
            let mut interval = expr.interval.clone();
            // "X came a day after Y": Y is dated from X, a day before it.
            if *e <= m.start {
                if let Some(shift) = self.anchored_shift(&text[*e..m.start]) {
                    interval = interval.and_then(|i| shift_interval(&i, shift));
                }
            }
            // "held four days of talks from Monday": between that Monday and today.
            if told_as == Modality::Asserted
                && tree::temporal_role(tokens, *s, *e, cues) == tree::TemporalRole::Start
            {
                interval = interval.map(|i| until_published(i, published));
            }
            return read(*s, expr, interval);
        }
        for (phrase, types) in &self.references {
            if let Some(found) = phrase.find(text) {
                let referred = discourse
                    .told
                    .iter()
                    .rev()
                    // Only an event that has happened can date what is told of it ("a readout of
                    // the call"); "agreed on the meeting" is not on the day of a meeting to come.
                    .find(|told| {
                        types.contains(&told.event_type)
                            && told.date.interval.as_ref().is_some_and(|i| i.start <= published)
                    });
                if let Some(told) = referred {
                    return DateReading {
                        basis: DateBasis::Reference,
                        text: Some(found.as_str().to_owned()),
                        clause: None,
                        ..told.date.clone()
                    };
                }
            }
        }
        // What is going on as the article is written is of its day ("US President Barack
        // Obama is holding a press conference"): told in the present progressive.
        if told_as == Modality::Asserted {
            if let Some(tense) = tree::present_progressive(tokens, m.start) {
                return DateReading {
                    interval: Some(crate::time::DateInterval::day(published)),
                    basis: DateBasis::Tense,
                    text: text.get(tense.0..tense.1).map(str::to_owned),
                    rule: None,
                    clause: None,
                };
            }
        }
        // The paragraph's time is that of what happened in it: not of a plan or an aim told
        // there ("Trump said he planned to meet Putin in the not-too-distant future").
        if let Some((_, date)) = discourse
            .paragraph
            .as_ref()
            .filter(|_| told_as == Modality::Asserted)
        {
            return DateReading {
                basis: DateBasis::Context,
                clause: None,
                ..date.clone()
            };
        }
        DateReading::undated()
    }
}

/// The actors one trigger's clause carries to the next in the same sentence.
#[derive(Default)]
struct CarriedActors {
    /// Who acted in the previous trigger's clause: a later trigger with no subject of its
    /// own shares it ("met in Riyadh and agreed to ...").
    subject: Vec<usize>,
    /// Names already taken as what the previous trigger acted on ("called Zelenskyy after
    /// speaking with Putin": Zelenskyy is not who spoke with Putin).
    objects: Vec<usize>,
}

impl CarriedActors {
    /// The actors of the trigger at `m` (ids, and the names as written): the subject between
    /// the previous trigger (`left`) and this one, else the previous trigger's, and the names
    /// after it up to `right`.
    ///
    /// A trigger `embedded` in a modifier of another noun ("the end of violent clashes
    /// between…", "months of shelling") has no subject before it: the names there are the
    /// other noun's ("Barrack's announcement came after the end of clashes between…").
    fn clause_actors(
        &mut self,
        names: &[Named],
        own: impl Fn(&Named) -> bool,
        left: usize,
        m: &TriggerMatch,
        right: usize,
        embedded: bool,
    ) -> (Vec<usize>, Vec<String>) {
        // Names inside a long trigger count too: "talks between Russia and Ukraine were held".
        let from = if embedded { m.start } else { left };
        let mut subject: Vec<&Named> = names
            .iter()
            .filter(|n| n.start >= from && n.start < m.end && !self.objects.contains(&n.start) && own(n))
            .collect();
        if subject.is_empty() && self.subject.is_empty() && !embedded {
            subject = names.iter().filter(|n| n.end <= m.start && own(n)).collect();
        }
        let objects: Vec<&Named> = names
            .iter()
            .filter(|n| n.start >= m.end && n.end <= right && own(n))
            .collect();
        self.objects = objects.iter().map(|n| n.start).collect();
        let mut ids = Vec::new();
        let mut written = Vec::new();
        if subject.is_empty() && !embedded {
            ids.extend(self.subject.iter().copied());
        }
        for n in subject.iter().chain(objects.iter()).copied() {
            ids.extend(n.actors.iter().copied());
            written.push(n.text.clone());
        }
        self.subject = subject.iter().flat_map(|n| n.actors.iter().copied()).collect();
        if self.subject.is_empty() {
            self.subject = ids.clone();
        }
        (ids, written)
    }
}

/// The dates that may be the trigger's: fronted ones, and those within DATE_REACH of it
/// (found by binary search: a sentence of thousands of dated clauses costs each trigger the
/// dates near it, not all of them), in the same quotation as the trigger or outside all.
fn dates_reaching<'d>(
    all_dates: &[(usize, usize, &'d TimeExpr)],
    m: &TriggerMatch,
    quote_at: &dyn Fn(usize) -> Option<usize>,
) -> Vec<(usize, usize, &'d TimeExpr)> {
    let first = all_dates.partition_point(|(_, e, _)| *e + DATE_REACH < m.start);
    let last = all_dates.partition_point(|(s, _, _)| *s <= m.end + DATE_REACH);
    let fronted = all_dates.iter().take_while(|(s, _, _)| *s <= FRONTED_DATE);
    fronted
        .take(first)
        .chain(&all_dates[first..last.max(first)])
        .filter(|(start, _, _)| quote_at(*start) == quote_at(m.start))
        .copied()
        .collect()
}

/// Adds `event` to a sentence's events unless one of its type, parties and time is there:
/// one sentence tells one event of a type once ("spoke ... in a phone call"); the actors
/// join. Two dates are two events ("the deal, due to expire on Sunday, has been extended
/// until February 18": two deadlines), and so are an aim and an act ("joined hands to reach
/// a tentative agreement and agreed to set up a center").
fn add_once(
    events: &mut Vec<(usize, ExtractedEvent)>,
    at: usize,
    event: ExtractedEvent,
    gazetteer: &Gazetteer,
) {
    if let Some((_, same)) = events.iter_mut().find(|(_, e)| {
        e.event_type == event.event_type
            && e.modality == event.modality
            && e.date.may_overlap(&event.date)
            && parties_agree(&e.parties, &event.parties)
    }) {
        extend_new(&mut same.actors, event.actors);
        same.parties = gazetteer.parties_of(&same.actors);
        return;
    }
    events.push((at, event));
}

/// A sentence's parse with offsets into the sentence (the rules read the sentence).
fn in_sentence(parse: ParsedSentence, sentence: &Sentence) -> Vec<Token> {
    parse
        .tokens
        .into_iter()
        .map(|t| Token {
            start: t.start - sentence.start,
            end: t.end - sentence.start,
            ..t
        })
        .collect()
}

/// The modality of an event told as `told`: an asserted one dated after the article is
/// planned.
fn later_is_planned(told: Modality, date: &DateReading, published: chrono::NaiveDate) -> Modality {
    let later = date.interval.as_ref().is_some_and(|d| d.start > published);
    if told == Modality::Asserted && later {
        Modality::Planned
    } else {
        told
    }
}

/// Who made a statement, read from the tree: the actors of the reporting verb's subject
/// ("Medinsky, Putin's aide, confirmed": Medinsky, not the nearest name). A person there
/// speaks for himself (the country beside him is his title), and may stand deeper in the
/// subject than the roles reach ("U.S. Ambassador to Türkiye and Special Envoy for Syria Tom
/// Barrack announced": the last person named in it, as titles come before names). `None`
/// when the tree names no one (ids, and the names as written).
fn statement_speaker(
    tokens: &[Token],
    m: &TriggerMatch,
    roles: &[crate::model::Role],
    names: &[&Named],
    gazetteer: &Gazetteer,
) -> Option<(Vec<usize>, Vec<String>)> {
    let mut subject: Vec<usize> = roles
        .iter()
        .filter(|r| r.role == RoleKind::Source)
        .filter_map(|r| gazetteer.actor_named(&r.actor))
        .collect();
    let is_person = |a: &usize| gazetteer.actor(*a).kind == ActorKind::Person;
    if subject.iter().any(is_person) {
        subject.retain(is_person);
    } else if let Some(head) =
        tree::subject_of(tokens, m.start).or_else(|| tree::inverted_author(tokens, m.start))
    {
        // Its names before the verb, or all of an inverted report's document after it.
        let (start, end) = tree::subtree_span(tokens, head);
        let named = names
            .iter()
            .rev()
            .filter(|n| n.start >= start && n.end <= end && (n.end <= m.start || start > m.start))
            .find(|n| n.actors.iter().all(is_person));
        if let Some(n) = named {
            subject = n.actors.clone();
        }
    }
    (!subject.is_empty()).then(|| {
        let written = names
            .iter()
            .filter(|n| n.actors.iter().any(|a| subject.contains(a)))
            .map(|n| n.text.clone())
            .collect();
        (subject, written)
    })
}

/// Where the content that the reporting verb at `at` follows ends, when the report is set off
/// from it by a comma or a closing quote ("… to sign a deal, Erdogan's office said"): a
/// report the parser joins to a content it misreads ("– the writing of a law …, the
/// facilitator told") is not taken as one.
fn reported_before(text: &str, tokens: &[Token], at: usize) -> Option<usize> {
    tree::content_before_end(tokens, at)
        .filter(|&end| end <= at && text[end..at].trim_start().starts_with([',', '”', '"']))
}

/// Who said it: the name nearest before the reporting verb, else the one right after it
/// ("…,” said Fidan), or the subject after an opening participle.
fn speaker(
    names: &[&Named],
    left: usize,
    m: &TriggerMatch,
    text: &str,
    tokens: &[Token],
) -> (Vec<usize>, Vec<String>) {
    let before = names.iter().rev().find(|n| n.end <= m.start && n.start >= left);
    // "Speaking at a briefing in Sochi, Putin said": an opening participle's speaker is the
    // subject after its comma.
    let opening = text[..m.start].trim().is_empty();
    let reach = if opening { text.len() } else { 12 };
    // Not a name inside what was said ("Russia stated that the negotiators had taken a
    // break"), nor one after a preposition ("representatives said Friday from Havana").
    let after = || {
        names.iter().find(|n| {
            n.start >= m.end
                && n.start - m.end <= reach
                && !tree::in_content_of(tokens, n.start, m.start)
                && tree::head_within(tokens, n.start, n.end).is_none_or(|h| {
                    !tree::children(tokens, h)
                        .any(|c| tokens[c].analysis.deprel == "case" && tokens[c].analysis.upos == "ADP")
                })
        })
    };
    match before.or_else(after) {
        Some(n) => (n.actors.clone(), vec![n.text.clone()]),
        None => (Vec::new(), Vec::new()),
    }
}

/// The source of the reporting phrase that governs the trigger at `m`: one before it whose
/// content it is in, or one closing the sentence after a comma or quote ("…, X said").
fn attribution_for(m: &TriggerMatch, reports: &[Report], text: &str) -> Option<String> {
    let overlapping = |r: &&Report| r.end > m.start && r.start < m.end;
    let before = reports.iter().rev().find(|r| r.end <= m.start && !overlapping(r));
    let after = reports
        .iter()
        .find(|r| r.start >= m.end && text[m.end..r.start].contains([',', '”', '"']));
    before.or(after).and_then(|r| r.source.clone())
}

#[cfg(test)]
mod tests;

/// The name of an actor named only by what it is: "the" and the noun as written, in lower
/// case ("The two governments" and "the governments" are "the governments").
fn generic_name(noun: &str) -> String {
    format!("the {}", noun.to_lowercase())
}

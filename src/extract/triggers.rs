//! Trigger rules: which words in a sentence report an event, and of what type.
//!
//! Two kinds, both data: phrase rules (`data/rules/events/triggers.toml`, regular
//! expressions) and lexical classes (`classes.toml`: verb and noun lemmas per event type,
//! matched on the syntactic layer's lemma and part of speech, so "struck", "strikes" and
//! "striking" are one entry and the noun "strike" is not the verb). Phrase rules win where
//! they overlap a class: they carry the senses a lemma alone cannot tell ("called off").

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;

use super::tree::children;
use super::types::EventTypes;
use crate::rules;
use crate::syntax::Token;

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
    /// A phrase rule's regular expression.
    #[serde(default)]
    pub pattern: Option<String>,
    /// A lexical class's verb lemmas (tagged VERB).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// A lexical class's noun lemmas (tagged NOUN).
    #[serde(default)]
    pub nouns: Vec<String>,
    /// A verb of the class stands for the event only with a direct object in the tree
    /// ("struck the palace", not "struck a deal" when the deal is another class's).
    #[serde(default)]
    pub needs_object: bool,
    /// A verb of the class stands for the event only without a direct object: what it tells
    /// is a clause ("announced that the US would stop"); "announced new tariffs" is the
    /// tariffs.
    #[serde(default)]
    pub without_object: bool,
    /// A verb of the class stands for the event only in a finite form, which tells that it
    /// happened ("announced", "stresses"), not as an infinitive or participle ("proud to
    /// announce", "emphasizing that").
    #[serde(default)]
    pub finite: bool,
    /// With `finite`, a perfect of a finite "have" tells the act too ("has threatened to
    /// retaliate"); for a verb of saying it tells a stance held ("has said it wants"), not a
    /// statement made, and counts only where the class says so.
    #[serde(default)]
    pub perfect: bool,
    /// A verb of the class stands for the event only in the past tense (Penn VBD): what was
    /// done ("Mali withdrew from the bloc"), not what is asked or foreseen ("make sure that
    /// Israel withdraws on time").
    #[serde(default)]
    pub past: bool,
    /// A verb of the class stands for the event only with an object or oblique of one of
    /// these lemmas, its own or that of a participle hanging on it ("told reporters", "said
    /// in a post", "Speaking at a press briefing, Putin said").
    #[serde(default)]
    pub with_dependent: Vec<String>,
    /// A noun of the class that is definite in its parse ("the ceasefire", "their
    /// strikes") refers back to an event already told: it stands only with a date.
    #[serde(default)]
    pub definite_needs_date: bool,
    /// A noun of the class counts only as the object of one of these verbs, itself or as
    /// the modifier of that object ("brokered a ceasefire", "mediated a ceasefire deal").
    #[serde(default)]
    pub governed_by: Vec<String>,
    /// The match of a governed noun covers its verb as well ("stop bombing"): what the
    /// verb does to the event is the event ("stop" here is no negation of it).
    #[serde(default)]
    pub with_governor: bool,
    /// A noun of the class does not count as the object of one of these verbs: what they
    /// do to it undoes the event ("will reduce tariffs", "lifted sanctions").
    #[serde(default)]
    pub unless_governed_by: Vec<String>,
    /// A governed noun counts only where its verb tells what was done, not an aim ("held
    /// talks", not "ordered officials to begin negotiations" or "spoke about starting
    /// negotiations"): for activities, which an order or a plan does not make happen.
    #[serde(default)]
    pub governor_acts: bool,
    /// A noun of the class counts only as the subject of one of these verbs, itself or as
    /// what a "phase" or "round" of the subject is of ("a new phase of negotiations … would
    /// take place in Riyadh"). An entry of two words is a verb and its object or particle
    /// ("take place", "break out").
    #[serde(default)]
    pub subject_of: Vec<String>,
    /// A word of the class counts only with a name after one of these prepositions, a
    /// noun's modifier or a verb's oblique: "with" for a partner ("a meeting with Canadian
    /// Prime Minister Mark Carney": an encounter of someone, not a meeting in general, "the
    /// meeting was productive"), "to" for a destination ("the first flight to Abu Dhabi",
    /// "travelled to Cairo").
    #[serde(default)]
    pub named_after: Vec<String>,
    /// A noun counts only as what a counted span of these units is "of" ("after four days of
    /// negotiations", "12 hours of talks"): a session that took place, where "months of
    /// negotiations" is background.
    #[serde(default)]
    pub measured_by: Vec<String>,
    /// A noun of the class after "on" is a ride taken, not a topic ("will lead a delegation
    /// on the first flight to Abu Dhabi"; "talks on a ceasefire" are about it).
    #[serde(default)]
    pub ridden_on: bool,
    /// The match does not stand when its word has an object or oblique of one of these
    /// lemmas: the event it names is that one ("spoke with von der Leyen during a meeting"
    /// is the meeting, not a call).
    #[serde(default)]
    pub unless_dependent: Vec<String>,
    /// The match does not stand when its word's subject is one of these lemmas: what a
    /// document calls for is its content, not a party's proposal ("The first phase calls for
    /// the release of all hostages").
    #[serde(default)]
    pub unless_subject: Vec<String>,
    /// A lexical class: the CAMEO root code its verbs come from (read by the tests).
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub cameo: Option<String>,
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
    /// The noun stands only with a date that modifies it, of a month or a day ("since the
    /// August 13 agreement", "the agreement of May 2"): an event referred to by its date. A
    /// year names the thing rather than dates a report of it ("the 2015 nuclear deal").
    #[serde(default)]
    pub date_on_noun: bool,
    #[serde(default)]
    pub takes_content: bool,
    #[serde(default)]
    pub yields_to_content: bool,
    /// The event is a deadline: it stands only with the date it names (a date of the
    /// trigger's own phrase, "the February 18 deadline", or one its clause gives as a limit,
    /// "extended until February 18") and is dated by it; it stands inside what another
    /// event agreed or demanded ("agreed to extend the deadline to February 18").
    #[serde(default)]
    pub deadline: bool,
    #[serde(default)]
    pub actors: ActorScope,
    #[serde(default)]
    pub priority: i32,
    /// Event types its event is a part of: when the article tells one of those with the
    /// same parties at a compatible time, this event is what that one was about ("Trump
    /// says he discussed ending the war with Putin", in an article about their call).
    #[serde(default)]
    pub part_of: Vec<String>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    /// Prepositions that make a noun what another event is about ("talks on a ceasefire").
    topic_prepositions: Vec<String>,
    /// Determiners that make a noun definite (possessives are `nmod:poss` in the parse).
    definite_determiners: Vec<String>,
    /// Verbs whose "to" clause is what they decide, not a purpose ("voted to ratify").
    decision_verbs: Vec<String>,
    /// Nouns of a part or a measure of an event ("a round of talks").
    part_nouns: Vec<String>,
    class: Vec<TriggerSpec>,
}

/// How a rule finds its trigger words.
#[derive(Debug)]
enum Matcher {
    Pattern(Regex),
    Lemmas {
        verbs: Vec<String>,
        nouns: Vec<String>,
        needs_object: bool,
        without_object: bool,
        finite: bool,
        perfect: bool,
        past: bool,
        with_dependent: Vec<String>,
        definite_needs_date: bool,
        governed_by: Vec<String>,
        with_governor: bool,
        governor_acts: bool,
        unless_governed_by: Vec<String>,
        subject_of: Vec<String>,
        named_after: Vec<String>,
        measured_by: Vec<String>,
        ridden_on: bool,
    },
}

/// A compiled trigger rule.
#[derive(Debug)]
pub struct Trigger {
    pub name: String,
    /// The event type, or `None` for phrases that only block other triggers.
    pub event_type: Option<String>,
    matcher: Matcher,
    unless_before: Option<Regex>,
    unless_after: Option<Regex>,
    unless_within: Option<Regex>,
    unless_dependent: Vec<String>,
    unless_subject: Vec<String>,
    pub min_actors: usize,
    pub actor_after: bool,
    pub needs_date: bool,
    pub date_on_noun: bool,
    pub takes_content: bool,
    pub yields_to_content: bool,
    pub deadline: bool,
    pub actors: ActorScope,
    pub priority: i32,
    pub part_of: Vec<String>,
}

/// Whether the noun at `i` is a capitalised word of a name in mid-sentence, with a
/// capitalised compound or "of" phrase of its own ("the Declaration of Continuity", "the
/// Washington Accord").
fn is_title(tokens: &[Token], i: usize) -> bool {
    let capitalised = |t: &Token| t.form.chars().next().is_some_and(char::is_uppercase);
    i > 0
        && capitalised(&tokens[i])
        && children(tokens, i).any(|c| {
            matches!(tokens[c].analysis.deprel.as_str(), "compound" | "nmod" | "flat")
                && capitalised(&tokens[c])
        })
}

/// The noun lemma of a word: the lemmatiser's, or the form less its plural "s" when the
/// word was tagged as another part of speech ("airstrikes" as a verb gives "airstrike").
fn noun_lemma(token: &Token, lemma: &str) -> String {
    if matches!(token.analysis.upos.as_str(), "NOUN" | "ADJ" | "PROPN") {
        return lemma.to_owned();
    }
    let form = token.form.to_lowercase();
    form.strip_suffix('s').map_or(form.clone(), str::to_owned)
}

/// Where a match ends once the word it only looked at is left out: a pattern that wants a
/// name next ("met [A-Z]") takes the name's first letter, which is no part of the trigger
/// ("met", not "met R").
fn whole_words_end(sentence: &str, start: usize, end: usize) -> usize {
    let inside_word = sentence[end..].chars().next().is_some_and(char::is_alphanumeric)
        && sentence[..end]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if !inside_word {
        return end;
    }
    match sentence[start..end]
        .trim_end_matches(char::is_alphanumeric)
        .trim_end()
        .len()
    {
        0 => end,
        kept => start + kept,
    }
}

/// Whether the verb at `i` is finite: past or present tense (Penn tags VBD, VBZ, VBP), or
/// with `perfect` a participle under a finite "have" ("has threatened"); not an infinitive,
/// a participle alone ("the previously threatened rate") or a progressive ("were
/// threatening shipping").
fn is_finite(tokens: &[Token], lemmas: &[String], i: usize, perfect: bool) -> bool {
    let finite = super::tree::has_tense;
    finite(&tokens[i])
        || perfect
            && tokens[i].analysis.xpos == "VBN"
            && children(tokens, i)
                .any(|a| tokens[a].analysis.deprel == "aux" && lemmas[a] == "have" && finite(&tokens[a]))
}

/// Whether the verb at `i` has an object or oblique whose lemma is one of `lemmas`, itself or
/// through a participle hanging on it ("Speaking at a press briefing, Putin said"); with
/// `through_adverb`, also one hanging on an adverb of it ("Ahead of a meeting with Carney,
/// Trump said": the occasion of the saying). That reach serves what a word needs
/// (`with_dependent`), not what rules a sense out (`unless_dependent`): "Ahead of the
/// summit, Trump spoke with Putin" is still a call.
fn has_dependent(
    tokens: &[Token],
    lemmas: &[String],
    i: usize,
    wanted: &[String],
    through_adverb: bool,
) -> bool {
    // A common noun: "told reporters", not "told the Associated Press" (a name).
    let argument = |c: usize| {
        matches!(
            tokens[c].analysis.deprel.split(':').next(),
            Some("obj" | "iobj" | "obl")
        ) && tokens[c].analysis.upos == "NOUN"
            && wanted.contains(&lemmas[c])
    };
    children(tokens, i).any(|c| {
        argument(c)
            || tokens[c].analysis.deprel == "advcl"
                && tokens[c].analysis.xpos == "VBG"
                && children(tokens, c).any(argument)
            || through_adverb && tokens[c].analysis.deprel == "advmod" && children(tokens, c).any(argument)
    })
}

/// Whether the word at `i` has a modifier or an oblique that is a name after one of
/// `prepositions` ("a meeting with Carney", "travelled to Cairo"), the preposition on the
/// name or on a later part of it ("with … Mark Carney", "with" hung on "Carney").
fn named_after_one(tokens: &[Token], i: usize, prepositions: &[String]) -> bool {
    let after = |w: usize| super::tree::case_of(tokens, w).is_some_and(|case| prepositions.contains(&case));
    children(tokens, i).any(|c| {
        (tokens[c].analysis.deprel.starts_with("nmod") || tokens[c].analysis.deprel.starts_with("obl"))
            && tokens[c].analysis.upos == "PROPN"
            && (after(c) || children(tokens, c).any(|p| tokens[p].analysis.deprel == "flat" && after(p)))
    })
}

/// The verb of `verbs` whose object the noun at `i` is, itself, as the modifier of that
/// object ("mediated a ceasefire deal") or as a gerund ("stop bombing the Houthis"); or
/// the past participle of one of them that modifies the noun, a passive relative clause
/// without its "which was" ("the ceasefire announced in late November", "a truce brokered
/// by Qatar").
fn governor(
    tokens: &[Token],
    lemmas: &[String],
    i: usize,
    verbs: &[String],
    parts: &[String],
) -> Option<usize> {
    governs(tokens, lemmas, i, verbs).or_else(|| {
        // Failing that, the noun of `parts` it is "of" ("held a round of consultations",
        // "launched a wave of airstrikes").
        let whole = super::tree::of_head(tokens, i).filter(|&h| parts.contains(&lemmas[h]))?;
        governs(tokens, lemmas, whole, verbs)
    })
}

/// Whether the noun at `i` is what a counted span of one of `units` is "of" ("four days of
/// negotiations").
fn measured(tokens: &[Token], lemmas: &[String], i: usize, units: &[String]) -> bool {
    super::tree::of_head(tokens, i).is_some_and(|span| {
        units.contains(&lemmas[span]) && children(tokens, span).any(|c| tokens[c].analysis.deprel == "nummod")
    })
}

/// `governor` of the noun itself.
fn governs(tokens: &[Token], lemmas: &[String], i: usize, verbs: &[String]) -> Option<usize> {
    // A compound's noun, or the noun an amount is "in" ("pledged $500 million in aid"), is
    // what the verb acts on.
    let amount_in = || super::tree::case_of(tokens, i).as_deref() == Some("in");
    let object = match tokens[i].analysis.deprel.as_str() {
        "compound" => tokens[i].analysis.head.filter(|&h| h < tokens.len()),
        "nmod" if amount_in() => tokens[i].analysis.head.filter(|&h| h < tokens.len()),
        _ => Some(i),
    }?;
    let relation = tokens[object].analysis.deprel.as_str();
    // An amount as the object, and the noun as the verb's oblique: "pledged $500 million in
    // aid" read with "in aid" on "pledged".
    let amount = |t: usize| {
        matches!(tokens[t].analysis.upos.as_str(), "SYM" | "NUM")
            || children(tokens, t).any(|c| tokens[c].analysis.deprel == "nummod")
    };
    let in_amount = relation == "obl"
        && amount_in()
        && tokens[object]
            .analysis
            .head
            .filter(|&h| h < tokens.len())
            .is_some_and(|h| children(tokens, h).any(|c| tokens[c].analysis.deprel == "obj" && amount(c)));
    let is_object = matches!(relation, "obj" | "nsubj:pass")
        || relation == "xcomp" && is_gerund(&tokens[object])
        || in_amount;
    // A gerund that hangs on a noun names what the noun is about ("a commitment to
    // finalizing agreements", "the chance of reaching a deal"), not an act that took place.
    let on_noun = |h: usize| {
        tokens[h].analysis.xpos == "VBG"
            && tokens[h]
                .analysis
                .head
                .filter(|&g| g < tokens.len())
                .is_some_and(|g| matches!(tokens[g].analysis.upos.as_str(), "NOUN" | "PROPN"))
    };
    let is_verb = |h: usize| tokens[h].analysis.upos == "VERB" && verbs.contains(&lemmas[h]) && !on_noun(h);
    // A verb listed with a preposition governs the noun in that oblique ("the talks ended
    // with an agreement": "end with"), and so does the noun of such an act in that modifier
    // ("the announcement of a peace agreement": "announcement of").
    let through_case = |h: usize| {
        let head = tokens[h].analysis.upos.as_str();
        (relation.starts_with("obl") && head == "VERB" || relation.starts_with("nmod") && head == "NOUN")
            && super::tree::case_of(tokens, object)
                .is_some_and(|case| verbs.iter().any(|v| *v == format!("{} {case}", lemmas[h])))
    };
    tokens[object]
        .analysis
        .head
        .filter(|&h| h < tokens.len())
        .filter(|&h| (is_object && is_verb(h)) || through_case(h))
        .or_else(|| {
            children(tokens, object).find(|&c| {
                tokens[c].analysis.deprel == "acl" && tokens[c].analysis.xpos == "VBN" && is_verb(c)
            })
        })
}

/// Whether the noun at `i` is the subject of one of `verbs` (a lemma, or a lemma and its
/// object's or particle's: "take place", "break out"), itself or through the noun it is
/// "of" or a compound on ("a new phase of ceasefire negotiations … would take place"), or
/// what a participle of one of them says of it ("talks concluded on 20 March in Bern").
fn subject_of_one(tokens: &[Token], i: usize, verbs: &[String]) -> bool {
    let head = |w: usize| tokens[w].analysis.head.filter(|&h| h < tokens.len());
    let through = match tokens[i].analysis.deprel.as_str() {
        "compound" => head(i),
        _ => super::tree::of_head(tokens, i),
    };
    let one_of = |verb: usize| {
        verbs
            .iter()
            .any(|entry| super::tree::predicate_is(tokens, verb, entry))
    };
    [Some(i), through].into_iter().flatten().any(|subject| {
        // A gerund subject is a clause in the parse: "Fighting broke out".
        let told = (tokens[subject].analysis.deprel.starts_with("nsubj")
            || tokens[subject].analysis.deprel == "csubj" && is_gerund(&tokens[subject]))
            && head(subject).is_some_and(one_of);
        told || super::tree::children(tokens, subject)
            .any(|c| tokens[c].analysis.deprel == "acl" && tokens[c].analysis.xpos == "VBN" && one_of(c))
    })
}

/// A verb's gerund (Penn tag VBG): "bombing" in "stop bombing".
fn is_gerund(token: &Token) -> bool {
    token.analysis.xpos == "VBG"
}

/// A trigger rule's match in a sentence, before the extractor checks actors and dates.
#[derive(Debug, Clone)]
pub struct TriggerMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// The event stands only if its own clause has a date: the rule says so, or the match
    /// is a definite noun of a class that says so.
    pub needs_date: bool,
    /// The matches of other rules that this one outranks, in the order they would have won:
    /// of the same words, or of overlapping words and the same event type. Tried when this
    /// one's event does not stand ("told reporters" is a statement in a setting where the
    /// rule for a dated "told" finds no date; "talks in Oman wrapped up" is told by its verb
    /// where the rule for a dated "talks in" finds no date).
    pub alternatives: Vec<TriggerMatch>,
}

impl TriggerMatch {
    /// This match, then each of its alternatives.
    pub fn readings(&self) -> impl Iterator<Item = TriggerMatch> + '_ {
        std::iter::once(self.clone()).chain(self.alternatives.iter().cloned())
    }
}

pub struct TriggerSet {
    pub rules: Vec<Trigger>,
    topic_prepositions: Vec<String>,
    definite_determiners: Vec<String>,
    decision_verbs: Vec<String>,
    part_nouns: Vec<String>,
}

impl TriggerSet {
    pub fn load(types: &EventTypes) -> Result<TriggerSet> {
        let file: File = rules::load_toml("events/triggers.toml")?;
        let classes: ClassFile = rules::load_toml("events/classes.toml")?;
        let mut set = TriggerSet::compile(file.rule.into_iter().chain(classes.class).collect(), types)?;
        set.topic_prepositions = classes.topic_prepositions;
        set.definite_determiners = classes.definite_determiners;
        set.decision_verbs = classes.decision_verbs;
        set.part_nouns = classes.part_nouns;
        Ok(set)
    }

    pub(super) fn compile(specs: Vec<TriggerSpec>, types: &EventTypes) -> Result<TriggerSet> {
        let mut rules = Vec::new();
        let mut names = std::collections::HashSet::new();
        for spec in specs {
            // The evidence of an event names its rule: two rules of one name would make
            // "why does the timeline say this?" ambiguous.
            if !names.insert(spec.name.clone()) {
                bail!("trigger rule {}: a second rule of this name", spec.name);
            }
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
            let lower = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
            let matcher = match (&spec.pattern, spec.verbs.is_empty() && spec.nouns.is_empty()) {
                (Some(pattern), true) => Matcher::Pattern(compile(pattern)?),
                (None, false) => Matcher::Lemmas {
                    verbs: lower(&spec.verbs),
                    nouns: lower(&spec.nouns),
                    needs_object: spec.needs_object,
                    without_object: spec.without_object,
                    finite: spec.finite,
                    perfect: spec.perfect,
                    past: spec.past,
                    with_dependent: lower(&spec.with_dependent),
                    definite_needs_date: spec.definite_needs_date,
                    governed_by: lower(&spec.governed_by),
                    with_governor: spec.with_governor,
                    governor_acts: spec.governor_acts,
                    unless_governed_by: lower(&spec.unless_governed_by),
                    subject_of: lower(&spec.subject_of),
                    named_after: lower(&spec.named_after),
                    measured_by: lower(&spec.measured_by),
                    ridden_on: spec.ridden_on,
                },
                _ => bail!("trigger rule {}: give either a pattern or verbs/nouns", spec.name),
            };
            rules.push(Trigger {
                matcher,
                unless_before: optional(&spec.unless_before)?,
                unless_after: optional(&spec.unless_after)?,
                unless_within: optional(&spec.unless_within)?,
                unless_dependent: lower(&spec.unless_dependent),
                unless_subject: lower(&spec.unless_subject),
                name: spec.name,
                event_type,
                min_actors: spec.min_actors,
                actor_after: spec.actor_after,
                needs_date: spec.needs_date,
                date_on_noun: spec.date_on_noun,
                takes_content: spec.takes_content,
                yields_to_content: spec.yields_to_content,
                deadline: spec.deadline,
                actors: spec.actors,
                priority: spec.priority,
                part_of: spec.part_of,
            });
        }
        Ok(TriggerSet {
            rules,
            topic_prepositions: Vec::new(),
            definite_determiners: Vec::new(),
            decision_verbs: Vec::new(),
            part_nouns: Vec::new(),
        })
    }

    /// The winning trigger matches of `sentence`, in text order. Where matches overlap, the
    /// higher priority wins, then the longer; blocking phrases win and are dropped after.
    /// `tokens` are the sentence's parsed words, offsets relative to the sentence.
    pub fn find(&self, sentence: &str, tokens: &[Token]) -> Vec<TriggerMatch> {
        // Each word's lemma and noun lemma, lower case, once for all the classes.
        let lemmas: Vec<String> = tokens.iter().map(|t| t.analysis.lemma.to_lowercase()).collect();
        let noun_lemmas: Vec<String> = tokens
            .iter()
            .zip(&lemmas)
            .map(|(t, l)| noun_lemma(t, l))
            .collect();
        let mut found = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            let spans: Vec<(usize, usize, bool)> = match &rule.matcher {
                Matcher::Pattern(regex) => regex
                    .find_iter(sentence)
                    .filter(|m| {
                        // Most rules have neither list: no head to look for.
                        if rule.unless_dependent.is_empty() && rule.unless_subject.is_empty() {
                            return true;
                        }
                        let Some(i) = super::tree::head_within(tokens, m.start(), m.end()) else {
                            return true;
                        };
                        // What a participle modifies is what it acts on: "a statement
                        // released by the ministry".
                        let modified = tokens[i].analysis.deprel.starts_with("acl")
                            && tokens[i].analysis.head.is_some_and(|h| {
                                h < tokens.len() && rule.unless_dependent.contains(&lemmas[h])
                            });
                        !has_dependent(tokens, &lemmas, i, &rule.unless_dependent, false)
                            && !modified
                            && !children(tokens, i).any(|c| {
                                tokens[c].analysis.deprel.starts_with("nsubj")
                                    && rule.unless_subject.contains(&lemmas[c])
                            })
                    })
                    .map(|m| {
                        (
                            m.start(),
                            whole_words_end(sentence, m.start(), m.end()),
                            rule.needs_date,
                        )
                    })
                    .collect(),
                Matcher::Lemmas {
                    verbs,
                    nouns,
                    needs_object,
                    without_object,
                    finite,
                    perfect,
                    past,
                    with_dependent,
                    definite_needs_date,
                    governed_by,
                    with_governor,
                    governor_acts,
                    unless_governed_by,
                    subject_of,
                    named_after,
                    measured_by,
                    ridden_on,
                } => tokens
                    .iter()
                    .enumerate()
                    .filter(|(i, t)| {
                        // A word in a nominal relation is a noun whatever its tag: only a
                        // noun can be a subject or an object ("carried out airstrikes" tagged
                        // as a verb "airstrikes").
                        let nominal = super::tree::nominal(t);
                        let as_verb = t.analysis.upos == "VERB" && !nominal;
                        // A noun of a class mis-tagged as an adjective or a name ("its
                        // withdrawal" read as JJ) is still that noun.
                        let as_noun = matches!(t.analysis.upos.as_str(), "NOUN" | "ADJ" | "PROPN")
                            || nominal
                            || !governed_by.is_empty() && is_gerund(t);
                        (as_verb
                            && verbs.contains(&lemmas[*i])
                            && (!finite || is_finite(tokens, &lemmas, *i, *perfect))
                            && (!past || t.analysis.xpos == "VBD")
                            && (with_dependent.is_empty()
                                || has_dependent(tokens, &lemmas, *i, with_dependent, true))
                            && !has_dependent(tokens, &lemmas, *i, &rule.unless_dependent, false)
                            && !self.is_purpose(tokens, &lemmas, *i)
                            && (!needs_object && !without_object
                                || children(tokens, *i)
                                    .any(|d| tokens[d].analysis.deprel.starts_with("obj"))
                                    == *needs_object))
                            || (as_noun
                                && nouns.contains(&noun_lemmas[*i])
                                && (measured_by.is_empty() || measured(tokens, &lemmas, *i, measured_by))
                                && (unless_governed_by.is_empty()
                                    || governor(tokens, &lemmas, *i, unless_governed_by, &self.part_nouns)
                                        .is_none())
                                && if !subject_of.is_empty() {
                                    subject_of_one(tokens, *i, subject_of)
                                } else if governed_by.is_empty() {
                                    !self.is_topic(tokens, &lemmas, *i, *ridden_on)
                                } else {
                                    governor(tokens, &lemmas, *i, governed_by, &self.part_nouns)
                                        .is_some_and(|g| !governor_acts || !self.is_aim(tokens, &lemmas, g))
                                })
                    })
                    // Verb or noun, a word of the class with its name after it.
                    .filter(|(i, _)| named_after.is_empty() || named_after_one(tokens, *i, named_after))
                    .map(|(i, t)| {
                        let dated = rule.needs_date || *definite_needs_date && self.is_definite(tokens, i);
                        let start = match governor(tokens, &lemmas, i, governed_by, &self.part_nouns) {
                            Some(g) if *with_governor => tokens[g].start.min(t.start),
                            _ => t.start,
                        };
                        (start, t.end, dated)
                    })
                    .collect(),
            };
            for (start, end, needs_date) in spans {
                let before = &sentence[..start];
                let after = &sentence[end..];
                if rule.unless_before.as_ref().is_some_and(|r| r.is_match(before))
                    || rule.unless_after.as_ref().is_some_and(|r| r.is_match(after))
                    || rule
                        .unless_within
                        .as_ref()
                        .is_some_and(|r| r.is_match(&sentence[start..end]))
                {
                    continue;
                }
                found.push(TriggerMatch {
                    rule: index,
                    start,
                    end,
                    needs_date,
                    alternatives: Vec::new(),
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
            } else if let Some(winner) = kept.iter_mut().find(|k| m.start < k.end && k.start < m.end) {
                // Other words overlapping the winner's are another telling of the same kind
                // of event ("talks in" needing a date, "talks" as the subject of "wrapped
                // up"); of another kind, they are a sense the winner rules out ("called on"
                // is a demand, not a call).
                let event_type = &self.rules[m.rule].event_type;
                let same_words = winner.start == m.start && winner.end == m.end;
                if event_type.is_some() && (same_words || *event_type == self.rules[winner.rule].event_type) {
                    winner.alternatives.push(m);
                }
            }
        }
        kept.retain(|m| self.rules[m.rule].event_type.is_some());
        kept.sort_by_key(|m| m.start);
        kept
    }

    /// Whether the noun at `i` is what something else is about rather than an event of its
    /// own: a compound modifier ("ceasefire negotiations"), the object of a topic
    /// preposition ("talks on a ceasefire"), or inside such a phrase ("spoke about the need
    /// for peace and a ceasefire"). A noun `ridden_on` is no topic after "on".
    fn is_topic(&self, tokens: &[Token], lemmas: &[String], i: usize, ridden_on: bool) -> bool {
        let mut at = i;
        for _ in 0..8 {
            let token = &tokens[at];
            let topic_case = children(tokens, at).any(|c| {
                tokens[c].analysis.deprel == "case"
                    && self.topic_prepositions.contains(&lemmas[c])
                    && !(ridden_on && at == i && lemmas[c] == "on")
            });
            if token.analysis.deprel == "compound" || topic_case {
                return true;
            }
            let inside_phrase = matches!(
                token.analysis.deprel.split(':').next(),
                Some("conj" | "nmod" | "appos")
            );
            match token.analysis.head {
                Some(head) if inside_phrase && head < tokens.len() => at = head,
                _ => return false,
            }
        }
        false
    }

    /// Whether the verb at `i` tells what someone means to do or talks about doing, not
    /// what was done: an infinitive ("ordered officials to begin negotiations", "have their
    /// teams start negotiations") or a gerund after a topic preposition ("spoke about
    /// starting negotiations"). A modal's infinitive ("will hold talks") is an act whose
    /// modality the extractor reads.
    fn is_aim(&self, tokens: &[Token], lemmas: &[String], i: usize) -> bool {
        let analysis = &tokens[i].analysis;
        let marked_by = |words: &[String]| {
            children(tokens, i).any(|c| {
                matches!(tokens[c].analysis.deprel.as_str(), "mark" | "case") && words.contains(&lemmas[c])
            })
        };
        match analysis.xpos.as_str() {
            "VB" => {
                marked_by(&["to".to_owned()])
                    || matches!(analysis.deprel.as_str(), "xcomp" | "ccomp")
                        && !children(tokens, i).any(|c| tokens[c].analysis.deprel == "aux")
            }
            "VBG" => marked_by(&self.topic_prepositions),
            _ => false,
        }
    }

    /// Whether the verb at `i` heads a purpose clause ("convened the cabinet to approve the
    /// deal"): the aim of another event, not an event of its own. Under a verb of deciding
    /// ("voted to ratify") the clause is what was decided.
    fn is_purpose(&self, tokens: &[Token], lemmas: &[String], i: usize) -> bool {
        let decided = tokens[i]
            .analysis
            .head
            .filter(|&h| h < tokens.len())
            .is_some_and(|h| self.decision_verbs.contains(&lemmas[h]));
        tokens[i].analysis.deprel == "advcl"
            && !decided
            && children(tokens, i).any(|c| tokens[c].analysis.deprel == "mark" && lemmas[c] == "to")
    }

    /// Whether the noun at `i` is definite: a definite determiner or a possessor. Not a
    /// document's title, whose article is part of its name rather than a reference back
    /// ("signed the Declaration of Continuity", "the Washington Accord").
    pub(super) fn is_definite(&self, tokens: &[Token], i: usize) -> bool {
        !is_title(tokens, i)
            && children(tokens, i).any(|c| {
                let analysis = &tokens[c].analysis;
                analysis.deprel == "nmod:poss"
                    || analysis.deprel == "det"
                        && self
                            .definite_determiners
                            .iter()
                            .any(|d| d.eq_ignore_ascii_case(&analysis.lemma))
            })
    }

    /// The lexical classes as written, for the tests that check them against CAMEO.
    #[cfg(test)]
    pub(super) fn class_specs() -> Result<Vec<TriggerSpec>> {
        Ok(rules::load_toml::<ClassFile>("events/classes.toml")?.class)
    }

    #[cfg(test)]
    pub(super) fn examples() -> Result<Vec<(String, String, String)>> {
        let file: File = rules::load_toml("events/triggers.toml")?;
        let classes: ClassFile = rules::load_toml("events/classes.toml")?;
        Ok(file
            .rule
            .into_iter()
            .chain(classes.class)
            .flat_map(|r| {
                let name = r.name.clone();
                r.examples.into_iter().map(move |[s, t]| (name.clone(), s, t))
            })
            .collect())
    }
}

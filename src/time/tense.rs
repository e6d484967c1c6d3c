//! A light tense check: does a bare "Friday" or "in April" lie before or after the
//! reference date? News mostly reports the past, so an expression with no cue near it is
//! read as past; a future cue ("will", "is expected to", "next") nearest to it wins.

use crate::rules::Lexicon;
use crate::syntax::tree::{children_in_piece, head_within};
use crate::syntax::Token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No cue near the expression: callers read it as the nearest such date.
    Unknown,
}

impl Tense {
    #[cfg(test)]
    pub(crate) fn parse(text: &str) -> Option<Tense> {
        match text {
            "past" => Some(Tense::Past),
            "future" => Some(Tense::Future),
            "unknown" => Some(Tense::Unknown),
            _ => None,
        }
    }
}

/// How many words on each side of the expression are looked at.
const WINDOW: usize = 10;

/// How many words on each side are read at all (for the quotes that bound the clause and
/// the "had" of a past perfect): a bound, so that an expression in a sentence of thousands
/// of words costs what one in a short sentence does.
const REACH: usize = 4 * WINDOW;

/// Where the text read before byte `start` begins: the start of its sentence, or REACH
/// words back, whichever is nearer.
fn region_start(text: &str, start: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[..start].char_indices().rev() {
        if ends_sentence(text, i, c) {
            return i + c.len_utf8();
        }
        let word_char = c.is_alphanumeric() || c == '\'';
        if word_char && !in_word {
            words += 1;
            if words > REACH {
                return i + c.len_utf8();
            }
        }
        in_word = word_char;
    }
    0
}

/// Where the text read after byte `end` ends: the end of its sentence, or REACH words on.
fn region_end(text: &str, end: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[end..].char_indices() {
        if ends_sentence(text, end + i, c) {
            return end + i;
        }
        let word_char = c.is_alphanumeric() || c == '\'';
        if word_char && !in_word {
            words += 1;
            if words > REACH {
                return end + i;
            }
        }
        in_word = word_char;
    }
    text.len()
}

/// The tense of the clause around `text[start..end]`: a deadline or a moved schedule right
/// before it looks ahead; else the tense its parse gives (`tree`, from [`tense_in_tree`]),
/// if any; else the nearest cue word.
pub fn tense_around(lexicon: &Lexicon, text: &str, start: usize, end: usize, tree: Option<Tense>) -> Tense {
    // A quotation is a clause of its own: in "``He will leave Thursday,'' Castro said" the
    // speaker's "said" does not date Thursday.
    // Quotes are searched within the sentence only, so the cost stays linear in the text.
    const QUOTES: [&str; 5] = ["\"", "“", "”", "``", "''"];
    let sentence_from = region_start(text, start);
    let left = &text[sentence_from..start];
    let left_from = sentence_from
        + QUOTES
            .iter()
            .filter_map(|q| left.rfind(q).map(|i| i + q.len()))
            .max()
            .unwrap_or(0);
    let sentence_to = region_end(text, end);
    let right = &text[end..sentence_to];
    let right_to = end
        + QUOTES
            .iter()
            .filter_map(|q| right.find(q))
            .min()
            .unwrap_or(right.len());
    let left: Vec<&str> = words(&text[left_from..start]).collect();
    let right: Vec<&str> = words(&text[end..right_to]).collect();
    // "By August", "until March 6": a deadline right before the expression looks ahead.
    // ... unless the clause is in the past perfect: "had filed reports by Wednesday".
    let past_perfect = left
        .iter()
        .chain(&right)
        .any(|w| lexicon.value("past_perfect", w).is_some());
    if !past_perfect
        && left
            .last()
            .is_some_and(|w| lexicon.value("tense_future_adjacent", w).is_some())
    {
        return Tense::Future;
    }
    // "Was extended to February 18", "will run through June": a schedule moved forward.
    // The preposition is checked first: most expressions have none of these before them, and
    // only then is a two-word verb ("pushed back") put together.
    if let [.., verb, preposition] = left.as_slice() {
        if lexicon.value("schedule_preposition", preposition).is_some() {
            let schedule = lexicon.value("schedule_verb", verb).is_some()
                || left.len() >= 3 && {
                    let pair = format!("{} {verb}", left[left.len() - 3]);
                    lexicon.value("schedule_verb", &pair).is_some()
                };
            if schedule {
                return Tense::Future;
            }
        }
    }
    if let Some(tense) = tree {
        return tense;
    }
    // The nearest cue decides, the left one on a tie (usually the verb: "will meet
    // Tuesday"): words are read from the expression outwards, and the first cue ends the
    // search. Only the WINDOW nearest words on each side can decide.
    for distance in 1..=WINDOW {
        if let Some(i) = left.len().checked_sub(distance) {
            let prev = i.checked_sub(1).map(|p| left[p]);
            if let Some(tense) = cue(lexicon, prev, left[i], left.get(i + 1).copied()) {
                return tense;
            }
        }
        let i = distance - 1;
        if let Some(word) = right.get(i) {
            let prev = i.checked_sub(1).map(|p| right[p]);
            if let Some(tense) = cue(lexicon, prev, word, right.get(i + 1).copied()) {
                return tense;
            }
        }
    }
    Tense::Unknown
}

/// How many heads up from a date its clause's verb may be, and how many verbs up from that
/// (through infinitives and participles) its tense may be.
const TREE_DEPTH: usize = 8;

/// The tense of the clause the date at `start..end` belongs to, read from the parse of its
/// sentence (`tokens`, offsets in the same text): the verb its phrase hangs on, told with
/// "will" (ahead), with "had", "has" or "was" or in the past tense (behind), or as a bare
/// participle ("the decision, announced Wednesday"; "its record high set on Aug. 6").
/// An infinitive or a gerund takes the tense of the verb it depends on ("planned to pay on
/// Friday", "will travel to Paris and meet Macron on Friday"). `None` where the tree tells
/// nothing sure: a present tense (a schedule, or a headline's past), a modal ("could be
/// located Wednesday"), no verb.
pub fn tense_in_tree(lexicon: &Lexicon, tokens: &[Token], start: usize, end: usize) -> Option<Tense> {
    let mut word = head_within(tokens, start, end)?;
    // "Through January", "until March": the new end of a schedule, if a verb above moves one.
    let moved_to = children_in_piece(tokens, word).any(|c| {
        tokens[c].analysis.deprel == "case"
            && lexicon
                .value("schedule_preposition", &tokens[c].form.to_lowercase())
                .is_some()
    });
    // The date may be the predicate itself: "The deadline is Friday".
    if predicate(tokens, word) {
        return clause_tense(lexicon, tokens, word, moved_to);
    }
    for _ in 0..TREE_DEPTH {
        // A loose attachment, or a word of the future on the way ("effective Feb. 1", "the
        // upcoming talks on Monday"): the words around decide.
        let form = tokens[word].form.to_lowercase();
        if lexicon
            .value("tree_loose_relation", &tokens[word].analysis.deprel)
            .is_some()
            || lexicon.value("tense_future", &form).is_some()
        {
            return None;
        }
        let head = tokens[word].analysis.head.filter(|&h| h < tokens.len())?;
        if predicate(tokens, head) {
            if lexicon
                .value("tree_plan_verb", &tokens[head].analysis.lemma)
                .is_some()
            {
                return None;
            }
            return clause_tense(lexicon, tokens, head, moved_to);
        }
        word = head;
    }
    None
}

/// A verb, or a word that a copula makes the predicate ("was on Friday").
fn predicate(tokens: &[Token], i: usize) -> bool {
    tokens[i].analysis.upos == "VERB"
        || children_in_piece(tokens, i).any(|c| tokens[c].analysis.deprel == "cop")
}

/// The tense of the clause of `verb`, from its auxiliaries, else its form; an infinitive or a
/// gerund without auxiliaries defers to the verb above it. `moved_to`: the date follows a
/// preposition of a schedule's new end ("through January"), which a schedule verb on the way
/// up makes ahead.
fn clause_tense(lexicon: &Lexicon, tokens: &[Token], mut verb: usize, moved_to: bool) -> Option<Tense> {
    // Whether the clause is an infinitive under the verb now read: what it tells comes
    // after that verb's time ("agreed to purchase the line in February"), so only a verb
    // told as to come dates it.
    let mut prospective = false;
    for _ in 0..TREE_DEPTH {
        // A schedule moved: "has extended the loans through January".
        if moved_to
            && lexicon
                .value("schedule_verb", &tokens[verb].form.to_lowercase())
                .is_some()
        {
            return Some(Tense::Future);
        }
        let auxiliaries: Vec<String> = children_in_piece(tokens, verb)
            .filter(|&c| matches!(tokens[c].analysis.deprel.as_str(), "aux" | "aux:pass" | "cop"))
            .map(|c| tokens[c].form.to_lowercase())
            .collect();
        let any_of = |list: &str| auxiliaries.iter().any(|a| lexicon.value(list, a).is_some());
        if any_of("tree_future_auxiliary") {
            return Some(Tense::Future);
        }
        if any_of("tree_open_auxiliary") || prospective {
            return None;
        }
        if any_of("tree_past_auxiliary") {
            return Some(Tense::Past);
        }
        // An infinitive ("to pay", "to be named") is told by the verb it completes.
        let infinitive = children_in_piece(tokens, verb)
            .any(|c| tokens[c].analysis.deprel == "mark" && tokens[c].form.eq_ignore_ascii_case("to"));
        let passive_infinitive = infinitive && auxiliaries.iter().all(|a| a == "be");
        if !auxiliaries.is_empty() && !passive_infinitive {
            // "Is expected", "are leaving": the words around decide.
            return None;
        }
        match tokens[verb].analysis.xpos.as_str() {
            // "Scheduled for Friday", "planned to meet", "set to resume Monday": the words
            // of a schedule decide.
            "VBD" | "VBN" if looks_ahead(lexicon, tokens, verb) => return None,
            "VBD" | "VBN" if !infinitive => return Some(Tense::Past),
            "VB" | "VBG" | "VBN" => {
                prospective |= infinitive;
                verb = tokens[verb].analysis.head.filter(|&h| h < tokens.len())?;
                // Up to the next verb: "to begin withdrawing troops on Friday".
                for _ in 0..TREE_DEPTH {
                    if predicate(tokens, verb) {
                        break;
                    }
                    verb = tokens[verb].analysis.head.filter(|&h| h < tokens.len())?;
                }
            }
            _ => return None,
        }
    }
    None
}

/// Whether the verb is a cue for the future as the words around a date read it, by itself
/// or with the word after it ("scheduled", "set to").
fn looks_ahead(lexicon: &Lexicon, tokens: &[Token], verb: usize) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.form.as_str());
    let previous = verb.checked_sub(1).and_then(word);
    cue(lexicon, previous, &tokens[verb].form, word(verb + 1)) == Some(Tense::Future)
}

/// Whether `c`, at byte `at` of `text`, ends a sentence. A period inside an abbreviation or
/// before a lower-case word does not: "3 p.m. local time on Friday", "U.S. officials".
fn ends_sentence(text: &str, at: usize, c: char) -> bool {
    match c {
        '!' | '?' | ';' | '\n' => true,
        '.' => {
            let rest = &text[at + 1..];
            match rest.chars().next() {
                None => true,
                Some(c) if c.is_whitespace() => !rest.trim_start().starts_with(char::is_lowercase),
                // A closing quote or bracket after the period: the sentence ended inside it.
                Some(c) => !c.is_alphanumeric(),
            }
        }
        _ => false,
    }
}

/// The tense a word signals, given the words around it: "were planning" looks ahead, and a
/// participle after "be" ("will be named", "would be paid") leaves the tense to the verb
/// before it.
fn cue(lexicon: &Lexicon, prev: Option<&str>, word: &str, next: Option<&str>) -> Option<Tense> {
    let lower = lower_case(word);
    let next = next.map(lower_case);
    // The two words as one key, made once, for both phrase lists.
    let pair = next.as_deref().map(|n| format!("{lower} {n}"));
    let phrase = |list: &str| pair.as_deref().is_some_and(|p| lexicon.value(list, p).is_some());
    if prev.is_some_and(|p| lexicon.value("tense_no_cue_after", p).is_some()) || phrase("tense_no_cue_phrase")
    {
        return None;
    }
    if lexicon.value("tense_future", &lower).is_some() {
        return Some(Tense::Future);
    }
    if phrase("tense_future_phrase") {
        return Some(Tense::Future);
    }
    if lexicon.value("tense_past", &lower).is_some() {
        if next.is_some_and(|n| {
            lexicon.value("tense_future", &n).is_some()
                || lexicon.value("tense_future_after_past", &n).is_some()
        }) {
            return Some(Tense::Future);
        }
        return Some(Tense::Past);
    }
    // A lower-case word in -ed is a past verb; a capitalised one is a name ("United").
    if lower.len() > 4 && lower.ends_with("ed") && word.chars().next().is_some_and(char::is_lowercase) {
        return Some(Tense::Past);
    }
    None
}

/// `word` in lower case, copied only when it has a capital (most words have none).
fn lower_case(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

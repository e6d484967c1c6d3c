//! Reading a sentence's dependency tree: which clause a word belongs to.

use super::cues::{DatingCues, ModalityCues};
pub use crate::syntax::tree::{children, head_within, token_at};
use crate::syntax::Token;

/// How far up the tree a search walks: a bound for cyclic or deep trees.
const MAX_DEPTH: usize = 24;

/// Whether the date at `start..end` is a modifier before a noun outside the trigger's words
/// (those starting within `trigger`), naming that noun's thing ("the 2015 nuclear deal", "the September 11
/// attacks") rather than when the trigger's event happened ("withdrawal from the 2015
/// nuclear deal … in 2018"). On a word of the trigger it is the event's ("held the May 16
/// talks").
pub fn names_other_thing(tokens: &[Token], trigger: (usize, usize), start: usize, end: usize) -> bool {
    let Some(d) = head_within(tokens, start, end) else {
        return false;
    };
    let in_trigger = |i: usize| (trigger.0..=trigger.1).contains(&tokens[i].start);
    matches!(tokens[d].analysis.deprel.as_str(), "compound" | "nummod" | "amod")
        && tokens[d].analysis.head.is_some_and(|h| {
            h < tokens.len()
                && !in_trigger(h)
                && tokens[h].start > tokens[d].start
                && tokens[h].analysis.upos == "NOUN"
        })
}

/// Whether the phrase at `start..end` modifies the word at offset `word` ("the August 13
/// agreement", "the agreement of May 2").
pub fn modifies(tokens: &[Token], start: usize, end: usize, word: usize) -> bool {
    let (Some(d), Some(w)) = (head_within(tokens, start, end), token_at(tokens, word)) else {
        return false;
    };
    tokens[d].analysis.head == Some(w)
        && matches!(
            tokens[d].analysis.deprel.split(':').next(),
            Some("compound" | "nmod" | "amod" | "nummod")
        )
}

/// Whether the name at `start..end` lies in a relative clause on a thing below the trigger
/// whose words span `trigger` (what it acts on or is about): "the government and opposition reached an
/// agreement on conditions that will trigger relief from U.S. sanctions" (the United States
/// is no side of the agreement); or on the subject of the trigger's clause, which it describes
/// ("Xi, whose government has resumed a campaign against the US-led order, agreed to push
/// the talks"). A relative clause on a word of the trigger ("signed a deal
/// that Israel and Hamas negotiated"), one that holds the trigger, and one on a word beside it ("talks
/// were held with Qatari mediation, which was attended by…") keep their names.
pub fn in_relative_of_other(tokens: &[Token], trigger: (usize, usize), start: usize, end: usize) -> bool {
    let (Some(t), Some(mut at)) = (token_at(tokens, trigger.0), head_within(tokens, start, end)) else {
        return false;
    };
    let in_trigger = |i: usize| tokens[i].start >= trigger.0 && tokens[i].end <= trigger.1;
    for _ in 0..MAX_DEPTH {
        if at == t {
            return false;
        }
        let Some(head) = tokens[at].analysis.head.filter(|&h| h < tokens.len()) else {
            return false;
        };
        if tokens[at].analysis.deprel == "acl:relcl" {
            // The subject of the trigger's clause, or of the verb it is coordinated with and
            // shares its subject with ("Xi, whose …, was credited … and agreed").
            let on_subject = || {
                let own = clause_head(tokens, t);
                let verb = tokens[head].analysis.head;
                tokens[head].analysis.deprel.starts_with("nsubj")
                    && (verb == Some(own) || verb.is_some() && verb == subject_shared_with(tokens, own))
            };
            return !in_trigger(head)
                && !descends_from(tokens, t, at)
                && (descends_from(tokens, head, t) || on_subject());
        }
        at = head;
    }
    false
}

/// Whether the name at `start..end` is in the audience of the act at `trigger`: inside a
/// phrase after the act, "before" a noun, that hangs on the act's clause ("signed the
/// agreement before a crowd of 2,500 guests, including Ban Ki-moon"). Not "in the presence
/// of": who attends a signing may be its parties ("signed in the presence of Petro and the
/// ELN's commander").
pub fn in_audience(tokens: &[Token], trigger: usize, start: usize, end: usize) -> bool {
    let (Some(t), Some(mut at)) = (token_at(tokens, trigger), head_within(tokens, start, end)) else {
        return false;
    };
    let clause = clause_head(tokens, t);
    for _ in 0..MAX_DEPTH {
        let Some(head) = tokens[at].analysis.head.filter(|&h| h < tokens.len()) else {
            return false;
        };
        if head == clause {
            return at > t
                && tokens[at].analysis.deprel.starts_with("obl")
                && tokens[at].analysis.upos == "NOUN"
                && case_of(tokens, at).as_deref() == Some("before");
        }
        at = head;
    }
    false
}

/// Whether word `i` is `ancestor` or lies below it in the tree.
fn descends_from(tokens: &[Token], mut i: usize, ancestor: usize) -> bool {
    for _ in 0..MAX_DEPTH {
        if i == ancestor {
            return true;
        }
        match tokens[i].analysis.head.filter(|&h| h < tokens.len()) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

/// Whether the name at `start..end` is who mediates or hosts: the agent or object of a word
/// of `mediation` ("mediated by Egypt", "with mediation by Qatar and Turkey", "hosted by
/// Oman"), or its demonym ("under Turkish and Qatari mediation", "a Malaysian-brokered
/// deal"), or a name compounded with it ("a US-mediated truce"), through the names it is
/// coordinated with.
pub fn names_mediator(tokens: &[Token], start: usize, end: usize, mediation: &[String]) -> bool {
    let Some(mut at) = head_within(tokens, start, end) else {
        return false;
    };
    for _ in 0..MAX_DEPTH {
        let relation = tokens[at].analysis.deprel.split(':').next().unwrap_or("");
        let Some(head) = tokens[at].analysis.head.filter(|&h| h < tokens.len()) else {
            return false;
        };
        match relation {
            "conj" | "flat" | "appos" => at = head,
            // "US-mediated": the name a compound of the mediation word.
            "obl" | "nmod" | "amod" | "compound" => {
                let lemma = &tokens[head].analysis.lemma;
                return mediation.iter().any(|w| w.eq_ignore_ascii_case(lemma));
            }
            _ => return false,
        }
    }
    false
}

/// The predicate whose clause holds word `i`: the nearest verb up the tree from it (the
/// word itself when it is one), or a word with a copula ("which had been ongoing since
/// January": "ongoing"), or the root.
pub fn clause_head(tokens: &[Token], i: usize) -> usize {
    let mut at = i;
    for _ in 0..MAX_DEPTH {
        let token = &tokens[at];
        if token.analysis.upos == "VERB" && !nominal(token) || has_copula(tokens, at) {
            return at;
        }
        match token.analysis.head {
            Some(head) if head < tokens.len() => at = head,
            _ => return at,
        }
    }
    at
}

/// The clause of the word at offset `at` and the clauses above it, nearest first: the
/// clauses whose dates may date what that word tells ("The US confirmed Sunday that [Israel
/// and Lebanon agreed]": Sunday, from the clause above).
pub fn clause_chain(tokens: &[Token], at: usize) -> Vec<usize> {
    let Some(i) = token_at(tokens, at) else {
        return Vec::new();
    };
    let mut chain = vec![clause_head(tokens, i)];
    for _ in 0..MAX_DEPTH {
        let last = *chain.last().expect("one clause");
        match tokens[last].analysis.head.filter(|&h| h < tokens.len()) {
            Some(head) => {
                let clause = clause_head(tokens, head);
                if chain.contains(&clause) {
                    break;
                }
                chain.push(clause);
            }
            None => break,
        }
    }
    chain
}

/// The head of word `t`'s noun phrase: `t`, or the noun it is a compound of ("the
/// cease-fire" is "fire" with "cease" on it).
pub fn noun_phrase_of(tokens: &[Token], t: usize) -> usize {
    match tokens[t].analysis.head {
        Some(head) if tokens[t].analysis.deprel == "compound" && head < tokens.len() => head,
        _ => t,
    }
}

/// Whether the span `start..end` (a date) is in the clause of the word at offset `trigger`:
/// in that clause itself, or in a clause with no subject of its own that only extends it — a
/// non-finite or relative clause on the trigger ("a 30% tariff starting August 1", "shelling
/// that began on October 8"), an adverbial
/// clause ("Speaking to reporters on Sunday, he said"), or the predicate that a trigger
/// which is the subject is raised into ("A meeting is set to take place Thursday"). What
/// the trigger's verb says, agrees or asks is not its own clause ("agreed to extend the
/// deadline to Feb. 18").
pub fn in_own_clause(tokens: &[Token], trigger: usize, start: usize, end: usize, cues: &DatingCues) -> bool {
    let (Some(t), Some(d)) = (token_at(tokens, trigger), head_within(tokens, start, end)) else {
        return false;
    };
    let own = clause_head(tokens, t);
    let phrase = noun_phrase_of(tokens, t);
    let raised =
        tokens[phrase].analysis.deprel.starts_with("nsubj") && tokens[phrase].analysis.head == Some(own);
    let mut clause = clause_head(tokens, d);
    for _ in 0..MAX_DEPTH {
        if clause == own {
            return true;
        }
        let Some(head) = tokens[clause].analysis.head.filter(|&h| h < tokens.len()) else {
            return false;
        };
        if tells_of_trigger(tokens, clause, t, cues) {
            return true;
        }
        // Clauses with subjects of their own that still tell the time of the clause they
        // hang on: a relative clause that dates the occasion the trigger's clause happened
        // at ("In this meeting, which took place on March 18, the parties reached an
        // agreement"), and a clause that says when ("When the sides last met, in November
        // 2022, they agreed…").
        let dates_occasion = || {
            tokens[clause].analysis.deprel == "acl:relcl"
                && is_occasion_noun(tokens, head, cues)
                && in_phrases_of(tokens, head, own)
                && tells_occasion(tokens, clause, cues)
        };
        let says_when = || {
            tokens[clause].analysis.deprel == "advcl"
                && children(tokens, clause).any(|c| {
                    matches!(tokens[c].analysis.deprel.as_str(), "mark" | "advmod")
                        && cues
                            .simultaneous_marks
                            .iter()
                            .any(|w| tokens[c].form.eq_ignore_ascii_case(w))
                })
        };
        if dates_occasion() || says_when() {
            clause = clause_head(tokens, head);
            continue;
        }
        if has_subject(tokens, clause) {
            return false;
        }
        let up = clause_head(tokens, head);
        // A participle adds to its clause ("Speaking to reporters on Sunday", "starting
        // August 1"); an infinitive is an aim, an event of its own ("to withdraw by May").
        // A participle with an agent of its own tells another act ("Signed on Friday by
        // Petro and García, the ceasefire is set to start on August 3").
        let participle = matches!(tokens[clause].analysis.xpos.as_str(), "VBG" | "VBN")
            && !children(tokens, clause).any(|c| tokens[c].analysis.deprel == "obl:agent");
        // A participle on the occasion the trigger's clause happened at ("in a ceremony
        // hosted by Trump … on Aug. 8"), its agent the occasion's host.
        let occasion = || {
            matches!(tokens[clause].analysis.xpos.as_str(), "VBG" | "VBN")
                && is_occasion_noun(tokens, head, cues)
                && in_phrases_of(tokens, head, own)
        };
        let extends = match tokens[clause].analysis.deprel.as_str() {
            "acl" => participle && head == t || occasion(),
            "advcl" => participle,
            "xcomp" => up != own || raised,
            // A predicate coordinated with the trigger's own, sharing the trigger as its
            // subject, tells of it too ("The ceasefire takes effect in phases, goes fully
            // into effect in August"); a coordinated verb of a verb trigger is another act
            // ("met on Monday and called Zelensky on Tuesday").
            "conj" => raised && head == own,
            _ => false,
        };
        if !extends {
            return false;
        }
        clause = up;
    }
    false
}

/// Whether the span `start..end` (a place) is in the clause that the trigger's verb is
/// coordinated with, sharing its subject: acts told together happened together ("met in
/// Saudi Arabia and proposed a ceasefire": proposed there too).
pub fn in_conjoined_clause(tokens: &[Token], trigger: usize, start: usize, end: usize) -> bool {
    let (Some(t), Some(d)) = (token_at(tokens, trigger), head_within(tokens, start, end)) else {
        return false;
    };
    subject_shared_with(tokens, clause_head(tokens, t))
        .is_some_and(|h| clause_head(tokens, d) == clause_head(tokens, h))
}

/// The verb whose subject the clause headed by `clause` shares, when it is a conjunct without
/// a subject of its own ("met in Saudi Arabia and proposed": "met" for "proposed").
fn subject_shared_with(tokens: &[Token], clause: usize) -> Option<usize> {
    let analysis = &tokens[clause].analysis;
    (analysis.deprel == "conj" && !has_subject(tokens, clause))
        .then_some(analysis.head)
        .flatten()
        .filter(|&h| h < tokens.len())
}

/// Whether word `n` is a noun of an occasion ("meeting", "ceremony").
pub fn is_occasion_noun(tokens: &[Token], n: usize, cues: &DatingCues) -> bool {
    cues.occasion_nouns
        .iter()
        .any(|o| tokens[n].analysis.lemma.eq_ignore_ascii_case(o))
}

/// Whether the predicate `verb` tells that an occasion happened ("took place", "was held").
pub fn tells_occasion(tokens: &[Token], verb: usize, cues: &DatingCues) -> bool {
    cues.occasion_predicates
        .iter()
        .any(|p| predicate_is(tokens, verb, p))
}

/// Whether word `n` hangs on `verb` through noun phrases only (obliques, modifiers,
/// objects): "in a ceremony" on "signed", or on a noun of its object ("signed a declaration
/// and agreements … in a ceremony", as the parser may attach it).
fn in_phrases_of(tokens: &[Token], n: usize, verb: usize) -> bool {
    let mut at = n;
    for _ in 0..MAX_DEPTH {
        if !matches!(
            tokens[at].analysis.deprel.split(':').next(),
            Some("obl" | "nmod" | "obj" | "conj")
        ) {
            return false;
        }
        match tokens[at].analysis.head.filter(|&h| h < tokens.len()) {
            Some(h) if h == verb => return true,
            Some(h) if tokens[h].analysis.upos != "VERB" => at = h,
            _ => return false,
        }
    }
    false
}

/// Whether the date at `start..end` is in a relative clause that tells when the event at
/// offset `trigger` happened, though a relative pronoun stands between them: a clause of
/// one of the event predicates ("talks, which resumed on Monday"; not "negotiations, which
/// had been ongoing since January, resumed").
pub fn in_relative_on_trigger(
    tokens: &[Token],
    trigger: usize,
    start: usize,
    end: usize,
    cues: &DatingCues,
) -> bool {
    let (Some(t), Some(d)) = (token_at(tokens, trigger), head_within(tokens, start, end)) else {
        return false;
    };
    let clause = clause_head(tokens, d);
    tells_of_trigger(tokens, clause, t, cues) && event_predicate(tokens, clause, cues)
}

/// Whether `clause` is a clause on the trigger `t` whose subject is the trigger: a relative
/// or participle clause on it, or on the noun it is a compound of ("shelling that began on
/// October 8", "the ceasefire agreement, which has been in effect since November 27"); or a
/// relative clause that the parser hung on a side the trigger names, when its verb is one
/// only an event is the subject of ("a truce between Armenia and Azerbaijan that took
/// effect on Nov. 27": Azerbaijan took no effect).
fn tells_of_trigger(tokens: &[Token], clause: usize, t: usize, cues: &DatingCues) -> bool {
    let analysis = &tokens[clause].analysis;
    let Some(head) = analysis.head.filter(|&h| h < tokens.len()) else {
        return false;
    };
    if !analysis.deprel.starts_with("acl") {
        return false;
    }
    let phrase = noun_phrase_of(tokens, t);
    if head == t || head == phrase {
        return true;
    }
    analysis.deprel == "acl:relcl"
        && side_of(tokens, head, phrase)
        && children(tokens, clause).any(|c| {
            tokens[c].analysis.deprel.starts_with("nsubj")
                && matches!(tokens[c].analysis.xpos.as_str(), "WDT" | "WP")
        })
        && event_predicate(tokens, clause, cues)
}

/// Whether the verb `v` is one of the predicates only an event is the subject of.
fn event_predicate(tokens: &[Token], v: usize, cues: &DatingCues) -> bool {
    cues.event_predicates.iter().any(|p| predicate_is(tokens, v, p))
}

/// Whether noun `n` is a side that the noun `event` names in a modifier ("between Armenia
/// and Azerbaijan", "of Israel"), or one coordinated with such a side.
fn side_of(tokens: &[Token], n: usize, event: usize) -> bool {
    let mut at = n;
    for _ in 0..MAX_DEPTH {
        let analysis = &tokens[at].analysis;
        match analysis.head.filter(|&h| h < tokens.len()) {
            Some(head) if analysis.deprel == "conj" => at = head,
            Some(head) => return analysis.deprel.starts_with("nmod") && head == event,
            None => return false,
        }
    }
    false
}

/// Whether the word `v` has a subject of its own: a clause, not a phrase of another.
fn has_subject(tokens: &[Token], v: usize) -> bool {
    children(tokens, v).any(|c| tokens[c].analysis.deprel.starts_with("nsubj"))
}

/// The noun that the noun `i` is "of" ("a round of consultations": "round"), if it is one.
pub fn of_head(tokens: &[Token], i: usize) -> Option<usize> {
    let of = tokens[i].analysis.deprel == "nmod" && case_of(tokens, i).as_deref() == Some("of");
    tokens[i].analysis.head.filter(|&h| of && h < tokens.len())
}

/// Whether the verb `v` is the predicate `words` names: its lemma, then the lemmas of its
/// object or particle ("take effect", "break out").
pub fn predicate_is(tokens: &[Token], v: usize, words: &str) -> bool {
    let mut words = words.split(' ');
    words
        .next()
        .is_some_and(|lemma| tokens[v].analysis.lemma.eq_ignore_ascii_case(lemma))
        && words.all(|word| {
            children(tokens, v).any(|c| {
                matches!(tokens[c].analysis.deprel.as_str(), "obj" | "compound:prt")
                    && tokens[c].analysis.lemma.eq_ignore_ascii_case(word)
            })
        })
}

/// Whether the word at offset `at` is a noun that modifies another noun and names its own
/// sides ("the end of clashes between pro-government forces and Druze factions"): what
/// stands before it is the other noun's, and its sides are the ones it names.
pub fn embedded_noun(tokens: &[Token], at: usize) -> bool {
    token_at(tokens, at).is_some_and(|t| {
        let word = &tokens[t].analysis;
        let sides = children(tokens, t).any(|c| {
            tokens[c].analysis.deprel.starts_with("nmod")
                && case_of(tokens, c).is_some_and(|case| matches!(case.as_str(), "between" | "among"))
        });
        nominal(&tokens[t])
            && word.deprel.starts_with("nmod")
            && word.deprel != "nmod:poss"
            && sides
            && word
                .head
                .filter(|&h| h < tokens.len())
                .is_some_and(|h| matches!(tokens[h].analysis.upos.as_str(), "NOUN" | "PROPN"))
    })
}

/// The clause of the span `start..end` (the clause of its head word).
pub fn clause_of(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    head_within(tokens, start, end).map(|h| clause_head(tokens, h))
}

/// Whether the words at offsets `a` and `b` are in the same clause.
pub fn same_clause(tokens: &[Token], a: usize, b: usize) -> bool {
    match (token_at(tokens, a), token_at(tokens, b)) {
        (Some(a), Some(b)) => clause_head(tokens, a) == clause_head(tokens, b),
        _ => false,
    }
}

/// Where the content a reporting verb at `at` follows ends ("The border will reopen next week,
/// officials announced": after "week"): the end of its clausal complement before it, or, where
/// the parser hangs the report on what it reports (parataxis), the start of the report's own
/// words.
pub fn content_before_end(tokens: &[Token], at: usize) -> Option<usize> {
    let verb = token_at(tokens, at)?;
    let analysis = &tokens[verb].analysis;
    if analysis.deprel == "parataxis" && analysis.head.is_some_and(|h| h < verb) {
        return Some(subtree_span(tokens, verb).0);
    }
    // The content's words before the verb: a sentence's last stop, which the parser may hang
    // on the content, is not part of it.
    let words_before = |c: usize| {
        (c..verb)
            .filter(|&k| tokens[k].analysis.deprel != "punct" && descends_from(tokens, k, c))
            .map(|k| tokens[k].end)
            .max()
    };
    children(tokens, verb)
        .filter(|&c| {
            matches!(tokens[c].analysis.deprel.as_str(), "ccomp" | "parataxis")
                && tokens[c].start < tokens[verb].start
        })
        .filter_map(words_before)
        .max()
}

/// The byte span of the subtree of word `i`: the word and everything that depends on it,
/// however deep (walks of at most MAX_DEPTH).
pub fn subtree_span(tokens: &[Token], i: usize) -> (usize, usize) {
    let mut span = (tokens[i].start, tokens[i].end);
    for (k, token) in tokens.iter().enumerate() {
        let mut at = k;
        for _ in 0..MAX_DEPTH {
            if at == i {
                span = (span.0.min(token.start), span.1.max(token.end));
                break;
            }
            match tokens[at].analysis.head {
                Some(h) if h < tokens.len() => at = h,
                _ => break,
            }
        }
    }
    span
}

/// Where the noun phrase of the last negating determiner ("no", one of `negators`) between
/// `from` and the trigger at offset `trigger` ends, when that phrase does not hold the
/// trigger ("offering no details as talks concluded"): what "no" negates is its noun, unless
/// the noun is a subject ("Neither side will target the other"). A clause with a subject of
/// its own that the parse hangs on the noun ("no progress as
/// negotiations resumed") is outside it too: the words from that clause's start count.
pub fn after_other_noun_negated(
    tokens: &[Token],
    trigger: usize,
    from: usize,
    negators: &[String],
) -> Option<usize> {
    let no = tokens.iter().rposition(|t| {
        t.start >= from && t.end <= trigger && t.analysis.deprel == "det" && is_one_of(t, negators)
    })?;
    let noun = tokens[no].analysis.head.filter(|&h| h < tokens.len())?;
    // On a subject it negates the predicate: "Neither side will target the other".
    if tokens[noun].analysis.deprel.starts_with("nsubj") {
        return None;
    }
    let (start, end) = subtree_span(tokens, noun);
    if trigger < start || trigger >= end {
        return Some(end.min(trigger));
    }
    // Up from the trigger to the noun: a clause of its own on the way ends the phrase.
    let mut at = token_at(tokens, trigger)?;
    for _ in 0..MAX_DEPTH {
        if at == noun {
            return None;
        }
        let clause = tokens[at].analysis.upos == "VERB" && has_subject(tokens, at);
        if clause {
            return Some(subtree_span(tokens, at).0.min(trigger));
        }
        at = tokens[at].analysis.head.filter(|&h| h < tokens.len())?;
    }
    None
}

/// Whether the words `start..end` hold a negation of their own, one of `negators` as a
/// determiner or an adverb on a word of theirs: "held no talks", "never met".
pub fn negation_within(tokens: &[Token], start: usize, end: usize, negators: &[String]) -> bool {
    let inside = |i: usize| tokens[i].start >= start && tokens[i].end <= end;
    tokens.iter().enumerate().any(|(i, t)| {
        matches!(t.analysis.deprel.as_str(), "det" | "advmod")
            && is_one_of(t, negators)
            && inside(i)
            && t.analysis.head.is_some_and(|h| h < tokens.len() && inside(h))
    })
}

/// Whether the word's form is one of `words` (lower case).
fn is_one_of(token: &Token, words: &[String]) -> bool {
    words.iter().any(|w| token.form.eq_ignore_ascii_case(w))
}

/// Where the last adverbial clause with a subject of its own that stands before the word at
/// offset `at`, on that word's clause, ends ("After Egypt protested, | Israel and Hamas
/// signed"): the words before it tell another act.
pub fn fronted_clause_end(tokens: &[Token], at: usize) -> Option<usize> {
    let own = clause_head(tokens, token_at(tokens, at)?);
    children(tokens, own)
        .filter(|&c| tokens[c].analysis.deprel == "advcl" && has_subject(tokens, c))
        .map(|c| subtree_span(tokens, c).1)
        .filter(|&end| end <= at)
        .max()
}

/// Where the subject of the content clause that holds the word at offset `at` begins, when
/// that clause, what a verb says or thinks, has a subject of its own before the word ("Sarah
/// Sanders said | the two leaders discussed ways…"): the words before it are the speaker's.
pub fn content_subject_start(tokens: &[Token], at: usize) -> Option<usize> {
    let own = clause_head(tokens, token_at(tokens, at)?);
    if tokens[own].analysis.deprel != "ccomp" {
        return None;
    }
    children(tokens, own)
        .filter(|&c| tokens[c].analysis.deprel.starts_with("nsubj"))
        .map(|c| subtree_span(tokens, c).0)
        .find(|&start| start <= at)
}

/// The document after a reporting verb that the parser took for its object where the text
/// inverts the report ("…, said a statement by the office of President Erdogan"): an object
/// after the verb with an author ("by") of its own.
pub fn inverted_author(tokens: &[Token], at: usize) -> Option<usize> {
    let verb = token_at(tokens, at)?;
    children(tokens, verb).find(|&c| {
        c > verb
            && tokens[c].analysis.deprel == "obj"
            && children(tokens, c).any(|n| case_of(tokens, n).as_deref() == Some("by"))
    })
}

/// Whether the word at byte offset `at` is a conjunct of the word at `of` or of one it hangs
/// on ("joined hands to reach a deal and agreed to…": "agreed" is joined to "joined", above
/// "reach"): another act, not part of what `of` holds.
pub fn conjoined_above(tokens: &[Token], at: usize, of: usize) -> bool {
    let (Some(word), Some(holder)) = (token_at(tokens, at), token_at(tokens, of)) else {
        return false;
    };
    let analysis = &tokens[word].analysis;
    analysis.deprel == "conj"
        && analysis
            .head
            .is_some_and(|h| h < tokens.len() && descends_from(tokens, holder, h))
}

/// Whether a word is in a tense of its own: past or present (Penn tags VBD, VBZ, VBP).
pub fn has_tense(token: &Token) -> bool {
    matches!(token.analysis.xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

/// Where the clause of a finite verb joined to an earlier verb begins (its coordinator, else
/// the verb): "…, and agreed to hold talks" begins at "and". `None` for any other word, and for
/// a conjunct without a tense of its own, which shares the first one's auxiliaries and
/// negation ("did not meet or talk").
pub fn own_conjunct_start(tokens: &[Token], at: usize) -> Option<usize> {
    let word = token_at(tokens, at)?;
    let analysis = &tokens[word].analysis;
    let head = analysis.head.filter(|&h| h < word)?;
    let finite =
        has_tense(&tokens[word]) || children(tokens, word).any(|c| tokens[c].analysis.deprel == "aux");
    (analysis.deprel == "conj" && tokens[head].analysis.upos == "VERB" && finite).then(|| {
        children(tokens, word)
            .filter(|&c| c < word && tokens[c].analysis.deprel == "cc")
            .map(|c| tokens[c].start)
            .min()
            .unwrap_or(tokens[word].start)
    })
}

/// The span of "is/are + -ing" when the clause of the word at `at` is told in the present
/// progressive ("is holding a press conference", "are meeting in Geneva"): what goes on as
/// the text is written.
pub fn present_progressive(tokens: &[Token], at: usize) -> Option<(usize, usize)> {
    let verb = clause_head(tokens, token_at(tokens, at)?);
    if tokens[verb].analysis.xpos != "VBG" {
        return None;
    }
    children(tokens, verb)
        .find(|&c| {
            let aux = &tokens[c].analysis;
            aux.deprel == "aux" && aux.lemma == "be" && matches!(aux.xpos.as_str(), "VBZ" | "VBP")
        })
        .map(|aux| (tokens[aux].start, tokens[verb].end))
}

/// The first conjunct of the list the word at byte offset `at` is in (itself when it is in
/// none): two names are of one list ("Russia, the UN, Turkey and Ukraine") when theirs is
/// the same word.
pub fn first_conjunct(tokens: &[Token], at: usize) -> Option<usize> {
    let mut i = token_at(tokens, at)?;
    for _ in 0..MAX_DEPTH {
        match tokens[i].analysis.head {
            Some(h) if h < tokens.len() && matches!(tokens[i].analysis.deprel.as_str(), "conj" | "flat") => {
                i = h
            }
            _ => break,
        }
    }
    Some(i)
}

/// The subject of the word at byte offset `at` (its `nsubj` child), if it has one.
pub fn subject_of(tokens: &[Token], at: usize) -> Option<usize> {
    let i = token_at(tokens, at)?;
    // The nearest, where the parser gives two: a quotation's own subject hung on the verb
    // that reports it ("“This agreement … opens a new page,” Machar told reporters").
    children(tokens, i)
        .filter(|&c| tokens[c].analysis.deprel == "nsubj")
        .min_by_key(|&c| c.abs_diff(i))
}

/// The subjects of the clauses above the word at offset `at`, nearest first (not of its own
/// clause): where a pronoun in a subordinate clause looks first for the person it stands
/// for, as Hobbs's search of the tree does ("Tsipras met Pavlopoulos after he spoke with
/// Zaev": he is Tsipras).
pub fn subjects_above(tokens: &[Token], at: usize) -> Vec<usize> {
    clause_chain(tokens, at)
        .into_iter()
        .skip(1)
        .filter_map(|clause| {
            children(tokens, clause)
                .filter(|&c| tokens[c].analysis.deprel.starts_with("nsubj"))
                .min_by_key(|&c| c.abs_diff(clause))
        })
        .collect()
}

/// Whether the span `start..end` (a name) is the subject of the sentence's main clause, or
/// the name in apposition to it ("Foreign Minister Alvaro Leyva", "Minister" the subject).
pub fn is_main_subject(tokens: &[Token], start: usize, end: usize) -> bool {
    let mut head = head_within(tokens, start, end);
    for _ in 0..MAX_DEPTH {
        match head {
            Some(n) if matches!(tokens[n].analysis.deprel.as_str(), "appos" | "flat") => {
                head = tokens[n].analysis.head.filter(|&h| h < tokens.len());
            }
            _ => break,
        }
    }
    head.is_some_and(|n| {
        let analysis = &tokens[n].analysis;
        analysis.deprel.starts_with("nsubj")
            && analysis
                .head
                .and_then(|h| tokens.get(h))
                .is_some_and(|h| h.analysis.deprel == "root")
    })
}

/// Whether the span `start..end` (a name) is one of the sides a "between" phrase names
/// ("talks between the army and the RSF"), or coordinated with one.
pub fn is_between_side(tokens: &[Token], start: usize, end: usize) -> bool {
    let mut at = head_within(tokens, start, end);
    // A demonym or name modifying the side's noun ("the Sudanese Armed Forces"), and a side
    // coordinated with the first.
    for _ in 0..MAX_DEPTH {
        let Some(n) = at else { return false };
        if !matches!(
            tokens[n].analysis.deprel.as_str(),
            "conj" | "amod" | "compound" | "appos" | "flat" | "nmod:poss"
        ) {
            break;
        }
        at = tokens[n].analysis.head.filter(|&h| h < tokens.len());
    }
    at.is_some_and(|n| case_of(tokens, n).as_deref() == Some("between"))
}

/// Whether the word at offset `at` is inside a clause that is the content of the verb at
/// offset `verb` (a `ccomp`, `xcomp` or `csubj` below it: "said [their release will come by
/// Monday]").
pub fn in_content_of(tokens: &[Token], at: usize, verb: usize) -> bool {
    let (Some(word), Some(verb)) = (token_at(tokens, at), token_at(tokens, verb)) else {
        return false;
    };
    let verb = clause_head(tokens, verb);
    let mut clause = clause_head(tokens, word);
    for _ in 0..MAX_DEPTH {
        if clause == verb {
            return false;
        }
        let Some(head) = tokens[clause].analysis.head.filter(|&h| h < tokens.len()) else {
            return false;
        };
        let content = matches!(
            tokens[clause].analysis.deprel.split(':').next(),
            Some("ccomp" | "xcomp" | "csubj")
        );
        if content && clause_head(tokens, head) == verb {
            return true;
        }
        clause = clause_head(tokens, head);
    }
    false
}

/// What the tree says of an event that has not happened, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrealised {
    /// An aim: an infinitive under a noun or a verb that does not make it happen ("talks to
    /// reach a deal", "hoping to reach an agreement").
    Aim,
    /// A plan: an infinitive under a verb of planning ("plans to visit Moscow").
    Plan,
}

/// Whether the trigger at `at` is a verb with an auxiliary of one of `lemmas` ("must agree").
pub fn verb_has_aux(tokens: &[Token], at: usize, lemmas: &[String]) -> bool {
    token_at(tokens, at).is_some_and(|t| {
        tokens[t].analysis.upos == "VERB"
            && children(tokens, t).any(|c| {
                tokens[c].analysis.deprel == "aux"
                    && lemmas
                        .iter()
                        .any(|l| l.eq_ignore_ascii_case(&tokens[c].analysis.lemma))
            })
    })
}

/// Whether the event of the trigger at offset `at` is unrealised, read from the tree: the
/// verb it is told by (itself, or the verb of its clause for a noun) as an infinitive under
/// a noun or a non-implicative verb. (A condition does not make an event unrealised in the
/// gold timelines: "he may travel to Egypt if the deal is done" is a planned visit.)
pub fn unrealised(tokens: &[Token], at: usize, cues: &ModalityCues) -> Option<Unrealised> {
    let (implicative, planning) = (&cues.implicative, &cues.planning);
    let t = token_at(tokens, at)?;
    let mut verb = clause_head(tokens, t);
    // A participle on the object of a verb is what that verb would bring about ("pushed to
    // get prisoners released"): its clause is the verb's.
    if tokens[verb].analysis.xpos == "VBN" && tokens[verb].analysis.deprel == "acl" {
        if let Some(object) = tokens[verb].analysis.head.filter(|&h| h < tokens.len()) {
            if tokens[object].analysis.deprel == "obj" {
                verb = clause_head(tokens, object);
            }
        }
    }
    let marked = |v: usize, words: &[String]| {
        children(tokens, v).any(|c| {
            tokens[c].analysis.deprel == "mark"
                && words
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(&tokens[c].analysis.lemma))
        })
    };
    let infinitive = tokens[verb].analysis.xpos == "VB" && marked(verb, &["to".to_owned()]);
    let mut relation = tokens[verb].analysis.deprel.split(':').next();
    let mut head = tokens[verb].analysis.head.filter(|&h| h < tokens.len());
    // An infinitive the parser hangs on a verb's object is that verb's complement ("ordered
    // its fighters to halt fighting", "urged Israel to allow aid"): the verb decides.
    if let Some(object) = head.filter(|&h| relation == Some("acl") && tokens[h].analysis.deprel == "obj") {
        relation = Some("xcomp");
        head = tokens[object].analysis.head.filter(|&h| h < tokens.len());
    }
    // "Is to include visits": what is to be done is planned, wherever the clause hangs.
    let to_be_done = children(tokens, verb).any(|c| {
        matches!(tokens[c].analysis.deprel.as_str(), "cop" | "aux") && tokens[c].analysis.lemma == "be"
    });
    if infinitive && to_be_done {
        return Some(Unrealised::Plan);
    }
    if infinitive && matches!(relation, Some("xcomp" | "acl" | "advcl")) {
        if let Some(head) = head {
            let lemma = &tokens[head].analysis.lemma;
            let listed = |words: &[String]| words.iter().any(|w| w.eq_ignore_ascii_case(lemma));
            let predicate = matches!(tokens[head].analysis.upos.as_str(), "VERB" | "ADJ");
            // The purpose of a journey made: done on it ("flew to Kabul to meet Ghani").
            let journey_made = relation == Some("advcl")
                && tokens[head].analysis.xpos == "VBD"
                && listed(&cues.journeys)
                && !children(tokens, head).any(|c| tokens[c].analysis.deprel.starts_with("aux"));
            if journey_made {
                return None;
            }
            // Ready, prepared or due to do it; or doing something else in order to do it
            // ("left for Washington to sign the agreement"): it is planned.
            if predicate && listed(planning) || relation == Some("advcl") {
                return Some(Unrealised::Plan);
            }
            // Talks, hopes or pressure to do it: an aim.
            if !predicate || !listed(implicative) {
                return Some(Unrealised::Aim);
            }
        }
    }
    None
}

/// Whether the event at offset `at` is told as a gerund under one of `onset` ("started
/// attacking shipping lanes"): an activity that began.
pub fn under_onset(tokens: &[Token], at: usize, onset: &[String]) -> bool {
    let Some(t) = token_at(tokens, at) else {
        return false;
    };
    let verb = clause_head(tokens, t);
    let analysis = &tokens[verb].analysis;
    analysis.xpos == "VBG"
        && analysis.deprel == "xcomp"
        && analysis.head.filter(|&h| h < tokens.len()).is_some_and(|h| {
            onset
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&tokens[h].analysis.lemma))
        })
}

/// Whether the event at offset `at` is told in a present perfect relative clause on a
/// noun ("a civil war which has killed tens of thousands", "the militia, which has attacked
/// shipping since 2023"): what the noun has done so far, background rather than one event.
pub fn perfect_in_relative(tokens: &[Token], at: usize) -> bool {
    let Some(t) = token_at(tokens, at) else {
        return false;
    };
    let verb = clause_head(tokens, t);
    tokens[verb].analysis.deprel == "acl:relcl"
        && tokens[verb].analysis.xpos == "VBN"
        && children(tokens, verb).any(|c| {
            let aux = &tokens[c].analysis;
            aux.deprel == "aux" && aux.lemma == "have" && matches!(aux.xpos.as_str(), "VBZ" | "VBP")
        })
}

/// The lemma of the child of `i` in relation `case` ("with" in "met with Putin").
pub fn case_of(tokens: &[Token], i: usize) -> Option<String> {
    children(tokens, i)
        .find(|&c| tokens[c].analysis.deprel == "case")
        .map(|c| tokens[c].analysis.lemma.to_lowercase())
}

/// Whether the word at byte offset `at` is the source of what its clause tells: its phrase
/// opens with one of `phrases` ("according to a joint statement released by…").
pub fn is_cited_source(tokens: &[Token], at: usize, phrases: &[String]) -> bool {
    let Some(word) = token_at(tokens, at) else {
        return false;
    };
    children(tokens, word)
        .filter(|&c| tokens[c].analysis.deprel == "case")
        .any(|c| {
            let fixed = children(tokens, c).filter(|&f| tokens[f].analysis.deprel == "fixed");
            let phrase = std::iter::once(c)
                .chain(fixed)
                .map(|w| tokens[w].form.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            phrases.contains(&phrase)
        })
}

/// How the word at byte offset `at` hangs on its clause: "obl:tmod of “spoke”".
pub fn attachment(tokens: &[Token], at: usize) -> Option<String> {
    let (word, head) = attachment_point(tokens, at)?;
    Some(format!(
        "{} of “{}”",
        tokens[word].analysis.deprel, tokens[head].form
    ))
}

/// Where the phrase of the word at byte offset `at` attaches to its clause: the word of the
/// phrase that hangs on the verb (or on the root), and that verb ("on" → "Tuesday" → "met").
fn attachment_point(tokens: &[Token], at: usize) -> Option<(usize, usize)> {
    let mut word = token_at(tokens, at)?;
    for _ in 0..MAX_DEPTH {
        let head = tokens[word].analysis.head.filter(|&h| h < tokens.len())?;
        if tokens[head].analysis.upos == "VERB" && !nominal(&tokens[head])
            || tokens[head].analysis.head.is_none()
        {
            return Some((word, head));
        }
        word = head;
    }
    None
}

/// What a date expression is to its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporalRole {
    /// The time of what its clause tells.
    EventTime,
    /// A point the event is compared with: "the first loss since 1992".
    Comparison,
    /// A time the event is due by: "cut 31,500 jobs by 2012".
    Deadline,
    /// When the event began: "held talks from Monday".
    Start,
}

/// The role of the date at `start..end`, read from the parse: the preposition of its phrase
/// ("since 1992", "by 2012"), or the word the phrase hangs on or that stands right before
/// its preposition ("compared with March").
pub fn temporal_role(tokens: &[Token], start: usize, end: usize, cues: &DatingCues) -> TemporalRole {
    let Some(head) = head_within(tokens, start, end) else {
        return TemporalRole::EventTime;
    };
    // Lemmas are compared in place: no copy per word.
    let listed = |words: &[String], i: usize| {
        let lemma = &tokens[i].analysis.lemma;
        words.iter().any(|w| w.eq_ignore_ascii_case(lemma))
    };
    let marked_by = |words: &[String]| {
        children(tokens, head)
            .filter(|&c| matches!(tokens[c].analysis.deprel.as_str(), "case" | "mark"))
            .any(|c| listed(words, c))
    };
    let governor = tokens[head].analysis.head.filter(|&h| h < tokens.len());
    // The word right before the phrase's preposition: "compared with March" reads as a
    // comparison whether the parse hangs "March" on "compared" or on the main verb.
    let before_marker = children(tokens, head)
        .find(|&c| matches!(tokens[c].analysis.deprel.as_str(), "case" | "mark"))
        .and_then(|c| c.checked_sub(1));
    // "has been in effect since November 27": the state began then.
    let perfect_state = governor.is_some_and(|g| {
        let has = |relation: &str, lemma: &str| {
            children(tokens, g)
                .any(|c| tokens[c].analysis.deprel == relation && tokens[c].analysis.lemma == lemma)
        };
        has("aux", "have") && has("cop", "be")
    });
    if perfect_state && marked_by(&cues.state_start_words) {
        TemporalRole::EventTime
    } else if marked_by(&cues.comparison_words)
        || governor.is_some_and(|g| listed(&cues.comparison_words, g))
        || before_marker.is_some_and(|b| listed(&cues.comparison_words, b))
    {
        TemporalRole::Comparison
    } else if marked_by(&cues.deadline_words) {
        TemporalRole::Deadline
    } else if marked_by(&cues.start_words) {
        TemporalRole::Start
    } else {
        TemporalRole::EventTime
    }
}

/// Whether word `i` is a predicate with a copula ("has been in effect").
fn has_copula(tokens: &[Token], i: usize) -> bool {
    let near = i.saturating_sub(4)..i;
    // A copula comes before its predicate, within a few words.
    near.into_iter()
        .any(|c| tokens[c].analysis.head == Some(i) && tokens[c].analysis.deprel == "cop")
}

/// Whether the date at `start..end` is the limit that the deadline told at offset `trigger`
/// names: a date of the trigger's own phrase ("the February 18 deadline", "an extension of
/// the deadline for troops to withdraw until Feb. 18"), or one its clause gives as a limit
/// ("has been extended until February 18", "in effect until February 18").
pub fn names_deadline(tokens: &[Token], trigger: usize, start: usize, end: usize, cues: &DatingCues) -> bool {
    let (Some(t), Some(d)) = (token_at(tokens, trigger), head_within(tokens, start, end)) else {
        return false;
    };
    let (from, to) = subtree_span(tokens, t);
    let own_phrase = from <= tokens[d].start && tokens[d].end <= to && d != t;
    own_phrase
        || temporal_role(tokens, start, end, cues) == TemporalRole::Deadline
            && (clause_head(tokens, t) == clause_head(tokens, d)
                || in_own_clause(tokens, trigger, start, end, cues))
}

/// Whether the date at `start..end` is a limit ("until July 9") set on another word than the
/// trigger at offset `trigger`: a limit dates the verb it is set on and that verb's subject or
/// object ("the tariff has been delayed until July 9", "delayed its tariffs until May 1"),
/// not what the verb's obliques tell ("delayed until July 9 following a call with von der
/// Leyen": the call was before).
pub fn limit_set_elsewhere(
    tokens: &[Token],
    trigger: usize,
    start: usize,
    end: usize,
    cues: &DatingCues,
) -> bool {
    if temporal_role(tokens, start, end, cues) != TemporalRole::Deadline {
        return false;
    }
    let (Some(t), Some(clause)) = (token_at(tokens, trigger), clause_of(tokens, start, end)) else {
        return false;
    };
    let phrase = noun_phrase_of(tokens, t);
    let argument = matches!(
        tokens[phrase].analysis.deprel.split(':').next(),
        Some("nsubj" | "obj")
    ) && tokens[phrase].analysis.head == Some(clause);
    t != clause && !argument
}

/// Whether the word is in a relation only a noun can have (a tagger's verb there is a noun),
/// or is a bare gerund subject, which the parse makes a clause ("Fighting broke out").
pub fn nominal(token: &Token) -> bool {
    matches!(
        token.analysis.deprel.split(':').next(),
        Some("nsubj" | "obj" | "iobj" | "obl" | "nmod")
    ) || token.analysis.deprel == "csubj" && token.analysis.xpos == "VBG"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Models;

    fn parse(text: &str) -> Vec<Token> {
        let models = Models::embedded().unwrap();
        models.parse_text(text, &[(0, text.len())]).remove(0).tokens
    }

    #[test]
    fn a_subject_noun_and_the_date_of_its_verb_share_a_clause() {
        let text = "A meeting between the two ministers is set for Thursday in Baku.";
        let tokens = parse(text);
        assert!(same_clause(
            &tokens,
            text.find("meeting").unwrap(),
            text.find("Thursday").unwrap()
        ));
    }

    #[test]
    fn a_relative_clause_is_another_clause() {
        let text = "Israel, which struck Syria on Monday, agreed to talks.";
        let tokens = parse(text);
        assert!(!same_clause(
            &tokens,
            text.find("agreed").unwrap(),
            text.find("Monday").unwrap()
        ));
    }

    /// A date is the trigger's when it is in its clause or a clause that only extends it;
    /// else a clause above it may date it; a clause below it never does.
    #[test]
    fn a_date_of_the_triggers_clause_or_of_a_clause_above_it() {
        let cues = crate::extract::cues::Cues::load().unwrap().dating;
        let own = |text: &str, trigger: &str, date: &str| {
            let tokens = parse(text);
            let d = text.find(date).unwrap();
            in_own_clause(&tokens, text.find(trigger).unwrap(), d, d + date.len(), &cues)
        };
        let text = "Israel and Lebanon agreed to extend the deadline to February 18.";
        assert!(!own(text, "agreed", "February 18"), "what was agreed is not when");
        let text = "Israel and Lebanon agreed on a plan for troops to withdraw until February 18.";
        assert!(!own(text, "agreed", "February 18"), "nor an aim");
        let text = "A meeting between the two ministers is set to take place Thursday in Baku.";
        assert!(own(text, "meeting", "Thursday"));
        let text = "Goods from the bloc will face a 30% tariff starting August 1.";
        assert!(own(text, "tariff", "August 1"));
        let text = "The truce ended months of shelling that began on October 8.";
        assert!(own(text, "shelling", "October 8"));
        let text = "The truce between Armenia and Azerbaijan that took effect on Nov. 27 has held.";
        assert!(
            own(text, "truce", "Nov. 27"),
            "a relative clause of an event hung on a side"
        );
        let text = "Talks between Armenia and Azerbaijan, who fought a war in 2020, resumed.";
        assert!(!own(text, "Talks", "2020"), "a side's own act");
        let text = "They will begin negotiations for the return of prisoners captured after October 7.";
        assert!(
            !own(text, "negotiations", "October 7"),
            "a participle on another noun"
        );
        let text = "Speaking to reporters on Sunday, the president said the talks had failed.";
        assert!(own(text, "said", "Sunday"));
        let text = "Signed on Friday by Petro and García, the cease-fire is set to be implemented gradually, starting Aug. 3.";
        assert!(
            !own(text, "cease-fire", "Friday"),
            "a participle with an agent of its own"
        );
        assert!(own(text, "cease-fire", "Aug. 3"), "raised from a compound's noun");
        let text = "Negotiations, which had been ongoing since January, resumed after the strikes.";
        assert!(
            !own(text, "strikes", "January"),
            "a copular predicate heads a clause of its own"
        );
        let text = "The ceasefire agreement, which has been in effect since May 2, held.";
        assert!(
            own(text, "ceasefire", "May 2"),
            "a relative clause on the compound's noun"
        );
        let text = "The truce took effect in stages and went fully into effect in March.";
        assert!(
            own(text, "truce", "March"),
            "a predicate coordinated on the trigger subject"
        );
        let text = "The envoys met in Doha and signed the accord in March.";
        assert!(!own(text, "met", "March"), "a coordinated verb is another act");
        let text = "The US confirmed Sunday that Israel and Lebanon agreed to an extension.";
        let tokens = parse(text);
        let chain = clause_chain(&tokens, text.find("agreed").unwrap());
        let sunday = text.find("Sunday").unwrap();
        assert_eq!(chain.len(), 2, "agreed, then confirmed");
        assert_eq!(clause_of(&tokens, sunday, sunday + 6), Some(chain[1]));
    }

    /// An infinitive under a noun or a verb of wanting is an aim; under one of readiness, or
    /// as a purpose, a plan; under an implicative verb, what was done.
    #[test]
    fn aims_and_plans_are_read_from_the_tree() {
        let cues = crate::extract::cues::Cues::load().unwrap().modality;
        let reading = |text: &str, trigger: &str| {
            let tokens = parse(text);
            unrealised(&tokens, text.find(trigger).unwrap(), &cues)
        };
        assert_eq!(
            reading("Europe was hoping to reach an agreement with the US.", "reach"),
            Some(Unrealised::Aim)
        );
        assert_eq!(
            reading("Syria and Israel are in talks to reach an agreement.", "reach"),
            Some(Unrealised::Aim)
        );
        assert_eq!(
            reading("Ukraine is ready to sign a minerals deal.", "sign"),
            Some(Unrealised::Plan)
        );
        assert_eq!(reading("Russia and Ukraine agreed to meet again.", "meet"), None);
        // The purpose of a journey: planned on departing or before the journey, done on a
        // journey told as made.
        assert_eq!(
            reading("The minister left for Lima to sign the accord.", "sign"),
            Some(Unrealised::Plan)
        );
        assert_eq!(
            reading("The minister will fly to Lima to sign the accord.", "sign"),
            Some(Unrealised::Plan)
        );
        assert_eq!(
            reading("The minister flew to Lima on Monday to sign the accord.", "sign"),
            None
        );
        assert_eq!(reading("The two leaders met in Riyadh on Tuesday.", "met"), None);
        assert_eq!(
            reading(
                "Hamas has pushed to get as many prisoners released as possible.",
                "released"
            ),
            Some(Unrealised::Aim),
            "a participle on the object of an aim"
        );
        assert_eq!(
            reading("Israel released 90 prisoners on Sunday.", "released"),
            None
        );
    }

    /// The role of a date is read from the parse (issue 13, item 10).
    #[test]
    fn a_date_is_an_event_time_a_comparison_or_a_deadline() {
        let cues = crate::extract::cues::Cues::load().unwrap().dating;
        let role = |text: &str, date: &str| {
            let tokens = parse(text);
            let start = text.find(date).unwrap();
            temporal_role(&tokens, start, start + date.len(), &cues)
        };
        let text = "The company posted its first annual loss since 1992 on Tuesday.";
        assert_eq!(role(text, "1992"), TemporalRole::Comparison);
        assert_eq!(role(text, "Tuesday"), TemporalRole::EventTime);
        assert_eq!(
            role("Exports fell 4% compared with March 2024.", "March 2024"),
            TemporalRole::Comparison
        );
        assert_eq!(
            role(
                "Kyiv and Moscow agreed on a ceasefire before the end of 2019.",
                "the end of 2019"
            ),
            TemporalRole::Comparison,
            "what happens before a date is not on it"
        );
        assert_eq!(
            role("The carmaker said it will cut 31,500 jobs by 2027.", "2027"),
            TemporalRole::Deadline
        );
        assert_eq!(
            role(
                "The truce, which has been in effect since November 27, held.",
                "November 27"
            ),
            TemporalRole::EventTime
        );
    }
}

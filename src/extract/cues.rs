//! Word lists of `data/rules/events/cues.toml`: modality, attribution, anaphora.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Deserialize;

use crate::model::Modality;
use crate::rules;

#[derive(Debug, Clone, Deserialize)]
pub struct Cues {
    pub skip_sentences: Patterns,
    pub omissions: Patterns,
    pub group_nouns: GroupNouns,
    pub topic_nouns: Words,
    pub modality: ModalityCues,
    pub attribution: AttributionCues,
    pub anaphora: AnaphoraCues,
    pub roles: RoleCues,
    pub dating: DatingCues,
    /// Definite noun phrase → the event types it may refer back to.
    pub references: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatingCues {
    /// Words that open another clause (relative, contrastive): a date or place across them
    /// is not the trigger's.
    pub other_clause: String,
    /// "a day after", "two weeks before": the event is dated from the other one.
    pub anchored_shift: String,
    /// Words that make a date a point of comparison or a deadline (see `tree::temporal_role`).
    pub comparison_words: Vec<String>,
    pub deadline_words: Vec<String>,
    /// Words that, on a state that has held since then ("has been in effect since November
    /// 27"), make the date when the state began rather than a point of comparison.
    pub state_start_words: Vec<String>,
    /// Words that make a date when the event began ("held talks from Monday").
    pub start_words: Vec<String>,
    /// Predicates only an event is the subject of ("began", "took effect"): a relative
    /// clause of one on a side an event noun names tells of the event.
    pub event_predicates: Vec<String>,
    /// Nouns of an occasion: a participle on one that the trigger's clause happened at dates
    /// the trigger ("signed a declaration in a ceremony hosted by Trump at the White House on
    /// Aug. 8").
    pub occasion_nouns: Vec<String>,
    /// Predicates of an occasion ("took place", "was held"): a definite occasion noun as
    /// their subject, dated, dates the undated acts of the sentence before.
    pub occasion_predicates: Vec<String>,
    /// Subordinators of a clause that tells when the clause it hangs on happened ("when"):
    /// a date there is that clause's too.
    pub simultaneous_marks: Vec<String>,
    /// Words that join a day and the last day of its range into one date ("October 25–30",
    /// "from October 25 to 30"); not "and", which joins two days.
    pub range_joiners: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Patterns {
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Words {
    pub words: Vec<String>,
}

/// The nouns after a demonym that make it name a country, and the words that cannot stand
/// between the two as modifiers.
#[derive(Debug, Clone, Deserialize)]
pub struct GroupNouns {
    pub words: Vec<String>,
    /// Nouns of acts whose demonym names who acted ("Israeli strikes").
    pub agent_nouns: Vec<String>,
    pub modifier_stops: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModalityCues {
    pub window: usize,
    pub negated: Vec<String>,
    pub hypothetical: Vec<String>,
    /// Modals of obligation, read on the trigger's own verb in the tree ("must agree").
    pub obliged: Vec<String>,
    pub proposed: Vec<String>,
    pub habitual: Vec<String>,
    pub planned: Vec<String>,
    /// Verbs whose gerund, undated, tells an activity that began, not one occurrence
    /// ("started attacking shipping lanes after the war began").
    pub onset: Vec<String>,
    /// Verbs whose infinitive tells what was done ("agreed to meet").
    pub implicative: Vec<String>,
    /// Verbs whose infinitive tells what is planned ("plans to visit").
    pub planning: Vec<String>,
    /// Verbs of a journey made, whose purpose, told in the simple past, was done on it
    /// ("flew to Kabul for an afternoon to meet with President Ghani").
    pub journeys: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttributionCues {
    pub verbs: Vec<String>,
    pub source_nouns: Vec<String>,
    /// Subjects that leave the speaker unnamed ("sources from TASS confirmed"): what they
    /// say is reported, not a party's statement.
    pub anonymous: Vec<String>,
    /// Endings of nouns made from verbs and adjectives: such a noun "of" someone is a
    /// thing, not a speaker ("the participation of the president … confirms").
    pub thing_endings: Vec<String>,
    /// Texts whose saying is their content ("the declaration stated"): no one's statement.
    pub document_nouns: Vec<String>,
}

/// Prepositions that give an event's roles in the parse.
#[derive(Debug, Clone, Deserialize)]
pub struct RoleCues {
    /// Their object is who did it ("strikes by Israel").
    pub source_prepositions: Vec<String>,
    /// Their object is the other side ("met with", "a deal between", "strikes on").
    pub target_prepositions: Vec<String>,
    /// Their object is whom a group noun is made of ("delegates from the U.S. and Ukraine").
    pub member_prepositions: Vec<String>,
    /// Nouns whose possessor is not among them ("Ukraine's allies", "his counterpart"):
    /// other possessors are ("Venezuela's government").
    pub other_side_nouns: Vec<String>,
    /// An event in an oblique under these is of another time than its verb, so not that
    /// verb subject's act ("the announcement came after the clashes").
    pub other_time_prepositions: Vec<String>,
    /// Who is named under one of these mediates or hosts ("mediation by Qatar").
    pub mediation_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AnaphoraCues {
    pub groups: Vec<String>,
    pub persons: Vec<String>,
    /// Nouns for an armed group ("the rebels"): the last group of that kind named.
    pub armed_groups: Vec<String>,
    /// First-person pronouns: in a quotation, the quotation's source.
    pub speakers: Vec<String>,
    /// Words of a group phrase that make it a pair ("both sides", "the two countries"): of
    /// more than two actors named before it, the two named together.
    pub pair_words: Vec<String>,
    /// What joins two names into a pair ("Saudi Arabia and the United States").
    pub pair_joiners: Vec<String>,
    /// Nouns that name an actor by what it is ("the army", "the mediators"): the actor of a
    /// sentence that names no other (see `ActorKind::Generic`).
    pub generic: Vec<String>,
    /// Nouns of a government that a place after "in" names ("the government in Skopje").
    pub seated: Vec<String>,
}

impl Cues {
    pub fn load() -> Result<Cues> {
        rules::load_toml("events/cues.toml")
    }

    /// The modality the words before a trigger give it ("did not commit", "will begin").
    /// `before` is the clause text up to the trigger.
    pub fn modality(&self, before: &str) -> Modality {
        // A hyphenated word is one word: the "cease" of "cease-fire violations" stops nothing.
        // A capital inside the clause starts a name, not a cue: "the May 2 agreement" (the
        // month, not the modal), "Will Smith"; it stays in the window as a word no cue is.
        let words: Vec<String> = before
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(|(i, w)| {
                if i > 0 && w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase) {
                    String::new()
                } else {
                    w.to_lowercase().replace('’', "'")
                }
            })
            .collect();
        let window = &words[words.len().saturating_sub(self.modality.window)..];
        let has = |cues: &[String]| {
            cues.iter().any(|cue| {
                let cue_words: Vec<&str> = cue.split_whitespace().collect();
                if cue.starts_with("n'") {
                    return window.iter().any(|w| w.ends_with(cue.as_str()));
                }
                window
                    .windows(cue_words.len())
                    .any(|run| run.iter().zip(&cue_words).all(|(a, b)| a == b))
            })
        };
        if has(&self.modality.negated) {
            Modality::Negated
        } else if has(&self.modality.hypothetical) {
            Modality::Hypothetical
        } else if has(&self.modality.proposed) {
            Modality::Proposed
        } else if has(&self.modality.planned) {
            Modality::Planned
        } else if has(&self.modality.habitual) {
            Modality::Habitual
        } else {
            Modality::Asserted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modality_cues_in_order() {
        let cues = Cues::load().unwrap();
        assert_eq!(
            cues.modality("While Putin said he accepted the idea, he did not"),
            Modality::Negated
        );
        assert_eq!(cues.modality("he wouldn't"), Modality::Negated);
        // What is stopped is not happening.
        assert_eq!(cues.modality("the US would stop"), Modality::Negated);
        assert_eq!(
            cues.modality("added that he would love to"),
            Modality::Hypothetical
        );
        assert_eq!(cues.modality("if Russia"), Modality::Hypothetical);
        assert_eq!(
            cues.modality("Hamas has pushed to get as many prisoners"),
            Modality::Hypothetical
        );
        assert_eq!(cues.modality("and included an invitation to"), Modality::Proposed);
        assert_eq!(cues.modality("These negotiations will"), Modality::Planned);
        assert_eq!(
            cues.modality("the Israeli army committed eight cease-fire"),
            Modality::Asserted
        );
        assert_eq!(
            cues.modality("Last week, delegates from the U.S. and Ukraine"),
            Modality::Asserted
        );
        // The month is no modal; the modal opening the clause is.
        assert_eq!(cues.modality("Trade grew after the May"), Modality::Asserted);
        assert_eq!(cues.modality("May"), Modality::Planned);
    }

    #[test]
    fn the_window_is_bounded() {
        let cues = Cues::load().unwrap();
        assert_eq!(
            cues.modality("not one two three four five six seven"),
            Modality::Asserted
        );
    }
}

//! What the extractor produces: one event as one article reports it, with its date reading
//! and its evidence.

use serde::{Deserialize, Serialize};

use crate::model::{DateBasis, Modality, Role};
use crate::time::DateInterval;

/// The date one report gives an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateReading {
    /// `None` when the text gives no date: the event happened on or before publication.
    pub interval: Option<DateInterval>,
    pub basis: DateBasis,
    /// The expression as written ("Last week"), when there is one.
    pub text: Option<String>,
    /// The time rule that read it.
    pub rule: Option<String>,
    /// How the expression hangs on its clause in the parse ("obl:tmod of “spoke”").
    pub clause: Option<String>,
}

impl DateReading {
    /// Whether two readings may be of one time: their intervals overlap, or one is undated.
    pub fn may_overlap(&self, other: &DateReading) -> bool {
        match (&self.interval, &other.interval) {
            (Some(a), Some(b)) => a.start <= b.end && b.start <= a.end,
            _ => true,
        }
    }

    /// No date: the event is only known to be reported by the publication date.
    pub fn undated() -> DateReading {
        DateReading {
            interval: None,
            basis: DateBasis::Publication,
            text: None,
            rule: None,
            clause: None,
        }
    }
}

/// Why the timeline holds an event: the sentence that says so and the rule that read it.
/// Offsets are in characters (Unicode scalar values) into the article's cleaned text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub trigger: String,
    pub trigger_start: usize,
    pub trigger_end: usize,
    pub rule: String,
    pub attributed_to: Option<String>,
    /// The actors as the sentence writes them ("Mr. Trump", "the Kremlin", "he").
    pub actor_text: Vec<String>,
    /// The trigger word's lemma in the parse ("strike" for "struck").
    pub lemma: Option<String>,
    /// Who acted and on whom, with the tree relation that says so.
    pub roles: Vec<Role>,
}

/// Another source's account that leaves out what a report says ("The White House readout
/// did not contain that information").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    pub source: String,
    pub sentence: String,
}

/// One event as one article reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedEvent {
    pub event_type: String,
    pub actors: Vec<String>,
    /// The actors at country level: each person counts for the party he acts for.
    pub parties: Vec<String>,
    pub place: Option<String>,
    pub modality: Modality,
    pub date: DateReading,
    /// What it is about ("ceasefire", "prisoners"), from the words of its clause.
    pub topics: Vec<String>,
    pub summary: String,
    pub evidence: Evidence,
    /// Accounts the same article says leave this out.
    pub disputed_by: Vec<Dispute>,
}

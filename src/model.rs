//! The vocabulary every stage shares: what the extractor says of an event (its modality,
//! where its date comes from, how precise that date is, who acted on whom), in the types
//! that the store keeps, the merge compares and the renderers print. Each is an enum with
//! the serde name the JSON and the database use, so a misspelt value fails where it is
//! read instead of comparing unequal somewhere downstream.
//!
//! Event types are not here: they are data (`data/rules/events/types.toml`), checked by
//! [`crate::extract::EventTypes`] where they are read.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How precisely the text dates something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }

    pub fn parse(text: &str) -> Option<Precision> {
        [
            Precision::Day,
            Precision::Week,
            Precision::Month,
            Precision::Season,
            Precision::Quarter,
            Precision::Half,
            Precision::Year,
            Precision::Decade,
            Precision::Century,
        ]
        .into_iter()
        .find(|p| p.as_str() == text)
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an event happened, according to its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Planned,
    Proposed,
    Hypothetical,
    Negated,
    /// Told as a repeated or lasting activity, in the background of what happened ("has
    /// repeatedly insisted", "has continued to carry out strikes", "started attacking
    /// shipping lanes after the war began"): not one occurrence, so not dated.
    Habitual,
}

impl Modality {
    pub const ALL: [Modality; 6] = [
        Modality::Asserted,
        Modality::Planned,
        Modality::Proposed,
        Modality::Hypothetical,
        Modality::Negated,
        Modality::Habitual,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Proposed => "proposed",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
            Modality::Habitual => "habitual",
        }
    }

    pub fn parse(text: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A date expression in the event's own sentence.
    Expression,
    /// The date of an event the sentence refers back to ("a readout of the call").
    Reference,
    /// The date of the last event dated earlier in the same paragraph.
    Context,
    /// The publication day, for what the text tells as going on ("is holding talks").
    Tense,
    /// No date in the text: the event is only known to be reported by the publication date.
    Publication,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Expression => "expression",
            DateBasis::Reference => "reference",
            DateBasis::Context => "context",
            DateBasis::Tense => "tense",
            DateBasis::Publication => "publication",
        }
    }

    pub fn parse(text: &str) -> Option<DateBasis> {
        [
            DateBasis::Expression,
            DateBasis::Reference,
            DateBasis::Context,
            DateBasis::Tense,
            DateBasis::Publication,
        ]
        .into_iter()
        .find(|b| b.as_str() == text)
    }
}

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    Organisation,
    /// An armed or political group (Hamas, the Houthis).
    Group,
    /// An actor named only by what it is ("the rebels", "the army"): never a party, since
    /// "the government" of one article need not be that of another.
    Generic,
}

/// Whether an actor acts or is acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleKind {
    Source,
    Target,
}

impl RoleKind {
    /// The name the JSON and the exports use.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Source => "source",
            RoleKind::Target => "target",
        }
    }
}

/// An actor's role in an event and the tree relation that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    pub role: RoleKind,
    /// The actor's canonical name.
    pub actor: String,
    /// The relation: "nsubj", "obj", "obl:with", "nmod:poss", "nsubj of “launched”".
    pub relation: String,
}

/// Where an event's reports disagree.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Conflict {
    /// "date", "place" or "omission".
    pub kind: String,
    pub note: String,
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for DateBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

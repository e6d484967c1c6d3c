//! What the store gives back: events with their date, actors and evidence, in the shape
//! `list --format json` prints.

use serde::Serialize;

use crate::model::{Conflict, DateBasis, Modality, Precision, Role};

/// An event's date: an inclusive day interval with its precision. An undated event has no
/// start; its end is the date it was reported by.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EventDate {
    pub start: Option<String>,
    pub end: String,
    /// None for an undated event, printed "undated".
    #[serde(serialize_with = "precision_or_undated")]
    #[schemars(with = "String")]
    pub precision: Option<Precision>,
    /// The TIMEX3 value ("2025-W11"); none for an undated event, whose `end` says by when
    /// it was reported.
    pub value: Option<String>,
    /// How a person reads it: "2025-03-18", "2025-W11 (Mar 10–16)", "≤ 2025-03-18".
    pub label: String,
}

impl EventDate {
    /// The precision's name, or "undated".
    pub fn precision_name(&self) -> &'static str {
        precision_name(self.precision)
    }
}

/// How an event's precision is stored and printed: its name, or "undated" for none.
pub(crate) fn precision_name(precision: Option<Precision>) -> &'static str {
    precision.map_or("undated", Precision::as_str)
}

/// One report of an event, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Mention {
    /// The article's file base name.
    pub article: String,
    /// The article's key, as `timeline articles` shows it.
    pub article_key: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: String,
    /// The line of the article's text its publication date was inferred from, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    pub sentence: String,
    /// Character offsets of the sentence in the article's cleaned text.
    pub start: usize,
    pub end: usize,
    pub trigger: String,
    pub trigger_start: usize,
    pub trigger_end: usize,
    pub attributed_to: Option<String>,
    /// The trigger rule or lexical class that fired.
    pub rule: String,
    /// The trigger word's lemma in the parse.
    pub lemma: Option<String>,
    /// Who acted and on whom, with the tree relation that gave each.
    pub roles: Vec<Role>,
    /// What this report alone says of the event.
    #[serde(rename = "type")]
    pub event_type: String,
    pub actors: Vec<String>,
    /// What this report says the parties are (events and storylines read them).
    #[serde(skip)]
    pub parties: Vec<String>,
    /// The report's row: the order reports were stored in.
    #[serde(skip)]
    pub report: i64,
    pub actor_text: Vec<String>,
    pub modality: Modality,
    pub topics: Vec<String>,
    pub date: MentionDate,
}

/// The date one report gives, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MentionDate {
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<Precision>,
    pub value: Option<String>,
    /// The date expression as written ("Last week").
    pub text: Option<String>,
    /// The time rule that read it.
    pub rule: Option<String>,
    pub basis: DateBasis,
    /// How the expression hangs on its clause in the parse ("obl:tmod of “spoke”").
    pub clause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Event {
    pub id: i64,
    /// A key made from the event's earliest report (its article's key, the trigger's offset,
    /// the type): the same on every rebuild of the same articles, unlike `id`, so calendars
    /// and timelines built from exports keep their entries.
    pub key: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub cameo: Option<String>,
    pub date: EventDate,
    pub actors: Vec<String>,
    /// The actors at country level (a person counts for the party he acts for), as the
    /// reports gave them: what storylines thread by.
    pub parties: Vec<String>,
    /// Who acted (PLOVER's source, ACLED's actor1), from the parse of its reports.
    pub source: Vec<String>,
    /// On or with whom (PLOVER's target, ACLED's actor2).
    pub target: Vec<String>,
    pub place: Option<String>,
    pub modality: Modality,
    /// What its reports say it is about, most named first.
    pub topics: Vec<String>,
    pub summary: String,
    /// Distinct outlets reporting it.
    pub sources: usize,
    /// Distinct articles reporting it.
    pub articles: usize,
    /// Where its reports disagree.
    pub conflicts: Vec<Conflict>,
    pub mentions: Vec<Mention>,
}

/// A stored article, as `timeline articles` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRecord {
    #[serde(skip)]
    pub id: i64,
    /// The start of the content hash: the same in every database that holds this text.
    pub key: String,
    pub name: String,
    /// The file it was read from, canonical (none for stdin and articles stored before
    /// paths were).
    pub path: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Who wrote it, when the article says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub published: String,
    /// The line of the text the publication date was inferred from, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    pub mentions: usize,
}

fn precision_or_undated<S: serde::Serializer>(
    precision: &Option<Precision>,
    out: S,
) -> Result<S::Ok, S::Error> {
    out.serialize_str(precision_name(*precision))
}

/// The model's enums in the database: the names their serde forms use, and a damaged
/// value is an error naming it rather than a default.
macro_rules! sql_by_name {
    ($($t:ty => $what:literal),*) => {$(
        impl rusqlite::types::ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
        impl rusqlite::types::FromSql for $t {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                <$t>::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("{text:?} is not a {}", $what).into(),
                    )
                })
            }
        }
    )*};
}
sql_by_name!(Modality => "modality", Precision => "precision", DateBasis => "date basis");

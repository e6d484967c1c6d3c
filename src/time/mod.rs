//! The temporal tagger: finds date expressions in text and resolves each against a reference
//! date (the article's publication date) into a TIMEX3 value and a day interval with its
//! precision. Patterns and word lists are data (`data/rules/time/`); this module holds the
//! matcher and the normalisation functions the rules name.

mod dateline;
mod interval;
mod resolve;
mod tagger;
mod tense;
mod timeml;

pub use dateline::publication_date;
pub use interval::{add_days, add_months, format_day, parse_day, DateInterval, Unit};
pub use tagger::Tagger;
pub use timeml::TimeMlDocument;

use serde::Serialize;

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeExpr {
    /// Byte offsets of the expression in the tagged text (end exclusive).
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value: "2025-03-18", "2025-W11", "P30D".
    pub value: String,
    /// TIMEX3 `mod`: START, MID, END, MORE_THAN, LESS_THAN, APPROX.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// The days the expression covers; `None` for durations and sets, which are not dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<DateInterval>,
    /// The name of the rule that matched.
    pub rule: String,
}

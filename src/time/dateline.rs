//! The publication date an article's own text gives when its front matter has none: a
//! dateline or a page's date line near the top ("Updated: MAY 6, 2025 21:43", "Baku, May 1,
//! 2025, AZERTAC", "WASHINGTON, March 18, 2025 --"). Only a full date that the text writes
//! out counts: a dateline without a year ("Baku, May 1") gives no date, since the year would
//! be invented.

use chrono::NaiveDate;

use super::{Tagger, TimexType};
use crate::model::Precision;

/// How many lines from the top a date line may stand on.
const HEAD_LINES: usize = 8;
/// A line this short is a date line ("Updated: …", "Published: …"), not a sentence.
const DATE_LINE_CHARS: usize = 80;
/// A dateline's date stands this near the start of its paragraph.
const DATELINE_CHARS: usize = 60;

/// The date the head of `text` says the article was published, and the line that says so.
pub fn publication_date(text: &str, tagger: &Tagger) -> Option<(NaiveDate, String)> {
    for line in text.lines().take(HEAD_LINES) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(date) = absolute_day(line, tagger) {
            return Some((date, line.chars().take(DATE_LINE_CHARS).collect()));
        }
    }
    None
}

/// The first day the line writes out in full, when the line is a date line or opens with a
/// dateline.
fn absolute_day(line: &str, tagger: &Tagger) -> Option<NaiveDate> {
    let short_line = line.chars().count() <= DATE_LINE_CHARS;
    // The same value against two far-apart reference dates: the text gives the whole date.
    let early = NaiveDate::from_ymd_opt(1950, 1, 1)?;
    let late = NaiveDate::from_ymd_opt(2050, 7, 1)?;
    let later_reading = tagger.tag(line, late);
    tagger.tag(line, early).into_iter().find_map(|expr| {
        let interval = expr.interval.as_ref()?;
        let day = (expr.kind == TimexType::Date || expr.kind == TimexType::Time)
            && interval.precision == Precision::Day
            && interval.start == interval.end;
        let fixed = later_reading
            .iter()
            .any(|other| other.start == expr.start && other.interval.as_ref() == Some(interval));
        let dateline = line[..expr.start].chars().count() <= DATELINE_CHARS;
        (day && fixed && (short_line || dateline)).then_some(interval.start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        let tagger = Tagger::load().unwrap();
        publication_date(text, &tagger).map(|(d, _)| d.to_string())
    }

    #[test]
    fn date_lines_and_datelines_give_the_date() {
        assert_eq!(
            date("Houthis agree\n\nUpdated: MAY 6, 2025 21:43\nOman said..."),
            Some("2025-05-06".into())
        );
        assert_eq!(
            date("Published: 10:21, May 7, 2025\nText."),
            Some("2025-05-07".into())
        );
        assert_eq!(
            date("WASHINGTON, March 18, 2025 (Reuters) -- Presidents spoke on Tuesday for two hours."),
            Some("2025-03-18".into())
        );
    }

    #[test]
    fn no_year_no_date() {
        assert_eq!(
            date("Baku, May 1, AZERTAC\nThe deal was signed on Wednesday."),
            None
        );
        assert_eq!(date("Trump spoke Tuesday.\nLast week they met."), None);
    }

    #[test]
    fn a_date_deep_in_a_sentence_is_not_the_publication_date() {
        let lede = "The two delegations, which had not met since the talks that collapsed in the \
                    spring, agreed on March 5, 2025 to meet again.";
        assert_eq!(date(lede), None);
    }
}

//! What all reports of one event say together: the most precise date they all allow, its
//! parties and place, and where they disagree.
//!
//! "Last week" (2025-W11) and "on Tuesday" in a paper of 2025-03-12 (2025-03-11) together
//! date the meeting to March 11, by day. Readings that do not overlap are a conflict: the
//! event keeps the reading most others agree with and says which sources differ.

use chrono::NaiveDate;

use crate::extract::Dispute;
use crate::model::{Conflict, Modality, Precision};
use crate::ordered::first_seen;

/// A date reading of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: Precision,
    pub value: String,
    /// The expression as written, for conflict notes.
    pub text: Option<String>,
}

/// One report of the event, as consensus needs it.
#[derive(Debug, Clone)]
pub struct Report {
    /// Who reports it: the outlet, or the article when the outlet is unknown.
    pub outlet: String,
    pub attributed_to: Option<String>,
    pub date: Option<Dated>,
    pub published: NaiveDate,
    pub actors: Vec<String>,
    /// The place and the country it lies in.
    pub place: Option<(String, Option<String>)>,
    pub modality: Modality,
    pub disputed_by: Vec<Dispute>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consensus {
    /// `None` when no report dates the event.
    pub date: Option<Dated>,
    /// The earliest report: an undated event happened by then.
    pub reported_by: NaiveDate,
    pub actors: Vec<String>,
    pub place: Option<String>,
    pub modality: Modality,
    pub conflicts: Vec<Conflict>,
}

pub fn consensus(reports: &[Report]) -> Consensus {
    let reported_by = reports.iter().map(|r| r.published).min().unwrap_or_default();
    let mut conflicts = Vec::new();
    let date = date_of(reports, &mut conflicts);
    let place = place_of(reports, &mut conflicts);
    for report in reports {
        for dispute in &report.disputed_by {
            let who = report.attributed_to.as_deref().unwrap_or(&report.outlet);
            conflicts.push(Conflict {
                kind: "omission".into(),
                note: format!(
                    "{who} reports it; {} does not: “{}”",
                    dispute.source, dispute.sentence
                ),
            });
        }
    }
    let actors = first_seen(reports.iter().flat_map(|r| r.actors.iter().cloned()));
    // The strongest claim any report makes: one source saying it happened outweighs another
    // saying it is planned.
    let modality = Modality::ALL
        .into_iter()
        .find(|m| reports.iter().any(|r| r.modality == *m))
        .unwrap_or(Modality::Asserted);
    Consensus {
        date,
        reported_by,
        actors,
        place,
        modality,
        conflicts,
    }
}

fn overlaps(a: &Dated, b: &Dated) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn date_of(reports: &[Report], conflicts: &mut Vec<Conflict>) -> Option<Dated> {
    let dated: Vec<(&Report, &Dated)> = reports
        .iter()
        .filter_map(|r| r.date.as_ref().map(|d| (r, d)))
        .collect();
    if dated.is_empty() {
        return None;
    }
    let start = dated.iter().map(|(_, d)| d.start).max()?;
    let end = dated.iter().map(|(_, d)| d.end).min()?;
    if start <= end {
        return Some(refined(start, end, &dated));
    }
    // No day fits every reading: keep the one most others agree with, the narrowest of those.
    let (_, best) = dated
        .iter()
        .max_by_key(|(_, d)| {
            let agreeing = dated.iter().filter(|(_, o)| overlaps(d, o)).count();
            (agreeing, std::cmp::Reverse((d.end - d.start).num_days()))
        })
        .copied()?;
    let readings: Vec<String> = dated
        .iter()
        .map(|(r, d)| {
            let text = d.text.as_deref().map(|t| format!(" (“{t}”)")).unwrap_or_default();
            format!(
                "{} {}{text}",
                r.attributed_to.as_deref().unwrap_or(&r.outlet),
                d.value
            )
        })
        .collect();
    conflicts.push(Conflict {
        kind: "date".into(),
        note: format!("dates disagree: {}; kept {}", dedup_join(&readings), best.value),
    });
    Some(best.clone())
}

/// The interval every reading allows, named by the reading it equals, or as a day.
fn refined(start: NaiveDate, end: NaiveDate, dated: &[(&Report, &Dated)]) -> Dated {
    if let Some((_, same)) = dated.iter().find(|(_, d)| d.start == start && d.end == end) {
        return (*same).clone();
    }
    if start == end {
        return Dated {
            start,
            end,
            precision: Precision::Day,
            value: start.format("%Y-%m-%d").to_string(),
            text: None,
        };
    }
    // A stretch no single report names (W11 ∩ "before March 13"): the finest grain given.
    let finest = dated
        .iter()
        .min_by_key(|(_, d)| (d.end - d.start).num_days())
        .map_or(Precision::Day, |(_, d)| d.precision);
    Dated {
        start,
        end,
        precision: finest,
        value: format!("{}/{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
        text: None,
    }
}

fn place_of(reports: &[Report], conflicts: &mut Vec<Conflict>) -> Option<String> {
    let placed: Vec<(&Report, &(String, Option<String>))> = reports
        .iter()
        .filter_map(|r| r.place.as_ref().map(|p| (r, p)))
        .collect();
    let first = placed.first()?;
    let disagreeing: Vec<String> = placed
        .iter()
        .filter(|(_, p)| !places_agree(first.1, p))
        .map(|(r, p)| format!("{} says {}", r.attributed_to.as_deref().unwrap_or(&r.outlet), p.0))
        .collect();
    if !disagreeing.is_empty() {
        conflicts.push(Conflict {
            kind: "place".into(),
            note: format!(
                "places disagree: {} says {}; {}",
                first.0.attributed_to.as_deref().unwrap_or(&first.0.outlet),
                first.1 .0,
                dedup_join(&disagreeing)
            ),
        });
    }
    Some(first.1 .0.clone())
}

/// Places agree when they are the same, one lies in the other, or both in one country.
pub(super) fn places_agree(a: &(String, Option<String>), b: &(String, Option<String>)) -> bool {
    let ((a_name, a_country), (b_name, b_country)) = (a, b);
    a_name == b_name
        || a_country.as_deref() == Some(b_name.as_str())
        || b_country.as_deref() == Some(a_name.as_str())
        || (a_country.is_some() && a_country == b_country)
}

fn dedup_join(items: &[String]) -> String {
    first_seen(items.iter().map(String::as_str)).join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn dated(start: &str, end: &str, precision: &str, value: &str) -> Option<Dated> {
        Some(Dated {
            start: day(start),
            end: day(end),
            precision: Precision::parse(precision).unwrap(),
            value: value.into(),
            text: None,
        })
    }

    fn report(outlet: &str, date: Option<Dated>) -> Report {
        Report {
            outlet: outlet.into(),
            attributed_to: None,
            date,
            published: day("2025-03-18"),
            actors: vec!["USA".into()],
            place: None,
            modality: Modality::Asserted,
            disputed_by: Vec::new(),
        }
    }

    #[test]
    fn a_week_and_a_day_in_it_give_the_day() {
        let c = consensus(&[
            report("CBS", dated("2025-03-10", "2025-03-16", "week", "2025-W11")),
            report("Wire", dated("2025-03-11", "2025-03-11", "day", "2025-03-11")),
            report("Blog", None),
        ]);
        let date = c.date.unwrap();
        assert_eq!(
            (date.value.as_str(), date.precision),
            ("2025-03-11", Precision::Day)
        );
        assert!(c.conflicts.is_empty());
    }

    #[test]
    fn overlapping_coarse_readings_narrow_to_their_common_days() {
        let c = consensus(&[
            report("A", dated("2025-03-10", "2025-03-16", "week", "2025-W11")),
            report(
                "B",
                dated("2025-03-01", "2025-03-12", "month", "2025-03/2025-03-12"),
            ),
        ]);
        let date = c.date.unwrap();
        assert_eq!((date.start, date.end), (day("2025-03-10"), day("2025-03-12")));
        assert_eq!(date.precision, Precision::Week);
    }

    #[test]
    fn disjoint_readings_are_a_conflict_and_the_widest_agreement_wins() {
        let c = consensus(&[
            report("A", dated("2025-03-11", "2025-03-11", "day", "2025-03-11")),
            report("B", dated("2025-03-10", "2025-03-16", "week", "2025-W11")),
            report("C", dated("2025-03-12", "2025-03-12", "day", "2025-03-12")),
        ]);
        // The week agrees with both days, which disagree with each other.
        assert_eq!(c.date.unwrap().value, "2025-W11");
        assert_eq!(c.conflicts.len(), 1);
        assert_eq!(c.conflicts[0].kind, "date");
        assert!(
            c.conflicts[0].note.contains("C 2025-03-12"),
            "{}",
            c.conflicts[0].note
        );
    }

    #[test]
    fn places_and_omissions_are_conflicts() {
        let mut a = report("A", None);
        a.place = Some(("Riyadh".into(), Some("Saudi Arabia".into())));
        a.attributed_to = Some("Kremlin".into());
        a.disputed_by = vec![Dispute {
            source: "White House readout".into(),
            sentence: "It did not say so.".into(),
        }];
        let mut b = report("B", None);
        b.place = Some(("Istanbul".into(), Some("Turkey".into())));
        let c = consensus(&[a, b]);
        let kinds: Vec<&str> = c.conflicts.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, vec!["place", "omission"]);
        assert!(c.conflicts[1]
            .note
            .starts_with("Kremlin reports it; White House readout does not"));
        assert_eq!(c.place.as_deref(), Some("Riyadh"));
    }
}

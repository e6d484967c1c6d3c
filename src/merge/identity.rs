//! When two reports are of one real-world event.
//!
//! Types must be compatible (`same_as` in types.toml), the dates must overlap, the actors
//! must agree once each person counts for his country, and the places must not contradict.
//! A report compares with the event's merged date, not with each earlier report, so a chain
//! of loosely dated reports cannot join two events a month apart.

use chrono::{Duration, NaiveDate};

use crate::extract::EventTypes;
use crate::model::Modality;

/// How long before its report an undated event may have happened and still be taken for a
/// dated one: news reports what just happened.
pub const UNDATED_WINDOW_DAYS: i64 = 7;

/// How far apart two readings' dates are, in days (0 when they overlap): of several events a
/// report could be, it is the nearest in time.
pub fn date_gap(a: &Reading, b: &Reading) -> i64 {
    let (a, b) = (a.span(), b.span());
    (b.0 - a.1).num_days().max((a.0 - b.1).num_days()).max(0)
}

/// What identity is judged on.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    pub event_type: &'a str,
    /// Actors at country level: a person is replaced by the country he acts for.
    pub parties: Vec<String>,
    /// Inclusive interval, or `None` when undated.
    pub interval: Option<(NaiveDate, NaiveDate)>,
    /// The (earliest) report date.
    pub reported: NaiveDate,
    /// Place and the country it lies in.
    pub place: Option<(String, Option<String>)>,
    pub modality: Modality,
    /// What it is about; compared only for types marked `by_topic`.
    pub topics: Vec<String>,
    /// The people named (the actors that are not parties themselves); compared only for
    /// types marked `by_actor`.
    pub people: Vec<String>,
}

impl Reading<'_> {
    /// The days the event may have happened on: its interval; for an undated report, the
    /// week before it was reported, or the week after for one that is planned.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let window = Duration::days(UNDATED_WINDOW_DAYS);
        match (self.interval, self.modality) {
            (Some(interval), _) => interval,
            (None, Modality::Planned) => (self.reported, self.reported + window),
            (None, _) => (self.reported - window, self.reported),
        }
    }
}

/// Whether two reports' parties (actors at country level) can be of one event: they share
/// two parties, or all of the smaller side's one. A report may name fewer or more parties
/// than another, but Trump–Putin (USA, Russia) is not Trump–Zelensky (USA, Ukraine).
pub fn parties_agree(a: &[String], b: &[String]) -> bool {
    enough_shared(a.iter().filter(|p| b.contains(p)).count(), a, b)
}

/// Whether `shared` parties of `a` and `b` are enough for one event: two, or all of the
/// smaller side's one.
fn enough_shared(shared: usize, a: &[String], b: &[String]) -> bool {
    shared > 0 && shared >= a.len().min(b.len()).min(2)
}

/// [`parties_agree`], where a person who is a party of one reading, named without the
/// country he acts for ("former President Bashar al-Assad"), is shared with the other that
/// names him beside it ("Syrian President Bashar al-Assad": Syria, and Assad among its
/// people): one article may give a person's country and another not.
fn parties_agree_through_people(a: &Reading, b: &Reading) -> bool {
    let named_by = |r: &Reading, p: &String| r.parties.contains(p) || r.people.contains(p);
    let shared = |x: &Reading, y: &Reading| x.parties.iter().filter(|p| named_by(y, p)).count();
    enough_shared(shared(a, b).max(shared(b, a)), &a.parties, &b.parties)
}

/// Whether `a` and `b` report one event; `same_article` when one article tells both. Of
/// one article, reports of a type that does not merge within an article (statements) are
/// two events only when each is dated: two dated remarks are two occasions, but an undated
/// one ("Biden emphasized…") is part of the dated one of the same speaker ("Biden
/// announced Tuesday…").
pub fn same_event(types: &EventTypes, a: &Reading, b: &Reading, same_article: bool) -> bool {
    let two_occasions = same_article && a.interval.is_some() && b.interval.is_some();
    // One speaker's undated remark in an article is of the occasion the article tells,
    // whatever each remark is about.
    let one_occasion = same_article && !two_occasions;
    let undated = a.interval.is_none() || b.interval.is_none();
    types.compatible(a.event_type, b.event_type, two_occasions)
        && (same_article || !undated || types.undated_merge_across_articles(a.event_type))
        && (same_article
            || !types.same_precision_across_articles(a.event_type)
            || precision_class(a) == precision_class(b))
        && dates_agree(a, b)
        && parties_agree_through_people(a, b)
        && places_agree(a.place.as_ref(), b.place.as_ref())
        && modalities_agree(a.modality, b.modality)
        && (!types.by_topic(a.event_type) || one_occasion || topics_agree(&a.topics, &b.topics))
        && (!types.by_actor(a.event_type) || people_agree(&a.people, &b.people, same_article))
}

/// Two reports that both name people share one; of two articles, a report that names only
/// parties ("the White House said") may be of any of its people, but one article that names
/// a person beside it tells of two speakers.
fn people_agree(a: &[String], b: &[String], same_article: bool) -> bool {
    if a.is_empty() || b.is_empty() {
        return !same_article || a.is_empty() == b.is_empty();
    }
    a.iter().any(|p| b.contains(p))
}

/// What happened or is planned to happen (a plan becomes the event when it happens) is one
/// thing; what was proposed, only imagined or denied is another, and each only its own kind:
/// "they might meet" is not the meeting they held.
fn modalities_agree(a: Modality, b: Modality) -> bool {
    let factual = |m: Modality| matches!(m, Modality::Asserted | Modality::Planned);
    factual(a) == factual(b) && (factual(a) || a == b)
}

/// Two reports about named topics share one; a report that names none agrees with any.
fn topics_agree(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|t| b.contains(t))
}

/// How finely a reading is dated: a day, a week, a month, longer (0 to 3), or undated (4).
fn precision_class(reading: &Reading) -> u8 {
    match reading.interval {
        None => 4,
        Some((start, end)) => match (end - start).num_days() {
            0 => 0,
            1..=6 => 1,
            7..=30 => 2,
            _ => 3,
        },
    }
}

fn dates_agree(a: &Reading, b: &Reading) -> bool {
    let (a, b) = (a.span(), b.span());
    a.0 <= b.1 && b.0 <= a.1
}

fn places_agree(a: Option<&(String, Option<String>)>, b: Option<&(String, Option<String>)>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => super::consensus::places_agree(a, b),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn reading<'a>(event_type: &'a str, parties: &[&str], interval: Option<(&str, &str)>) -> Reading<'a> {
        Reading {
            event_type,
            parties: parties.iter().map(|p| p.to_string()).collect(),
            interval: interval.map(|(s, e)| (day(s), day(e))),
            reported: day("2025-03-18"),
            place: None,
            modality: Modality::Asserted,
            topics: Vec::new(),
            people: Vec::new(),
        }
    }

    #[test]
    fn a_week_and_a_day_in_it_are_one_meeting() {
        let types = EventTypes::load().unwrap();
        let week = reading("meeting", &["USA", "Ukraine"], Some(("2025-03-10", "2025-03-16")));
        let day = reading("talks", &["USA", "Ukraine"], Some(("2025-03-11", "2025-03-11")));
        assert!(same_event(&types, &week, &day, false));
    }

    #[test]
    fn calls_a_month_apart_or_with_other_parties_are_distinct() {
        let types = EventTypes::load().unwrap();
        let feb = reading("call", &["USA", "Russia"], Some(("2025-02-12", "2025-02-12")));
        let mar = reading("call", &["USA", "Russia"], Some(("2025-03-18", "2025-03-18")));
        let kyiv = reading("call", &["USA", "Ukraine"], Some(("2025-02-12", "2025-02-12")));
        assert!(!same_event(&types, &feb, &mar, false));
        assert!(!same_event(&types, &feb, &kyiv, false));
        let one_side = reading("call", &["USA"], Some(("2025-02-12", "2025-02-12")));
        assert!(same_event(&types, &feb, &one_side, false));
    }

    /// "Russia was a key backer of former President Bashar al-Assad, overthrown in December"
    /// names Assad without his country; another article's "Syrian President Bashar al-Assad"
    /// gives it: one person, so one party. A person of one reading the other does not name
    /// at all is no shared party.
    #[test]
    fn a_person_named_without_his_country_is_the_party_another_report_names_with_it() {
        let types = EventTypes::load().unwrap();
        let without = reading("other", &["Russia", "Assad"], Some(("2024-12-01", "2024-12-31")));
        let mut with = reading("other", &["Syria"], Some(("2024-12-08", "2024-12-08")));
        with.people = vec!["Assad".to_owned()];
        assert!(same_event(&types, &without, &with, false));
        assert!(same_event(&types, &with, &without, false));
        with.people = vec!["Sharaa".to_owned()];
        assert!(!same_event(&types, &without, &with, false));
    }

    #[test]
    fn undated_reports_reach_back_a_week() {
        let types = EventTypes::load().unwrap();
        let undated = reading("call", &["USA", "Russia"], None);
        assert!(same_event(
            &types,
            &undated,
            &reading("call", &["USA", "Russia"], Some(("2025-03-15", "2025-03-15"))),
            false
        ));
        assert!(!same_event(
            &types,
            &undated,
            &reading("call", &["USA", "Russia"], Some(("2025-02-12", "2025-02-12"))),
            false
        ));
    }

    #[test]
    fn an_undated_attack_is_not_taken_for_another_articles_dated_one() {
        let types = EventTypes::load().unwrap();
        let undated = reading("attack", &["Israel", "Hezbollah"], None);
        let dated = reading(
            "attack",
            &["Israel", "Hezbollah"],
            Some(("2025-03-16", "2025-03-16")),
        );
        assert!(!same_event(&types, &undated, &dated, false));
        assert!(!same_event(&types, &undated, &undated.clone(), false));
        // Within one article, and for other types, the week before the report still holds.
        assert!(same_event(&types, &undated, &dated, true));
        let call = reading("call", &["USA", "Russia"], None);
        let dated_call = reading("call", &["USA", "Russia"], Some(("2025-03-16", "2025-03-16")));
        assert!(same_event(&types, &call, &dated_call, false));
    }

    #[test]
    fn a_week_of_attacks_is_not_another_articles_attack_of_a_day() {
        let types = EventTypes::load().unwrap();
        let week = reading(
            "attack",
            &["Israel", "Lebanon"],
            Some(("2025-01-20", "2025-01-26")),
        );
        let sunday = reading(
            "attack",
            &["Israel", "Lebanon"],
            Some(("2025-01-26", "2025-01-26")),
        );
        assert!(!same_event(&types, &week, &sunday, false));
        assert!(same_event(&types, &week, &week.clone(), false));
        assert!(same_event(&types, &sunday, &sunday.clone(), false));
        // Within one article the week holds its day; a meeting's week holds it across articles.
        assert!(same_event(&types, &week, &sunday, true));
        let meeting_week = reading("meeting", &["USA", "Ukraine"], Some(("2025-03-10", "2025-03-16")));
        let meeting_day = reading("meeting", &["USA", "Ukraine"], Some(("2025-03-11", "2025-03-11")));
        assert!(same_event(&types, &meeting_week, &meeting_day, false));
    }

    #[test]
    fn agreements_on_different_topics_are_distinct() {
        let types = EventTypes::load().unwrap();
        let mut prisoners = reading(
            "agreement",
            &["Russia", "Ukraine"],
            Some(("2025-05-16", "2025-05-16")),
        );
        prisoners.topics = vec!["prisoners".into()];
        let mut ceasefire = prisoners.clone();
        ceasefire.topics = vec!["ceasefire".into()];
        assert!(!same_event(&types, &prisoners, &ceasefire, false));
        let mut unnamed = prisoners.clone();
        unnamed.topics = Vec::new();
        assert!(same_event(&types, &prisoners, &unnamed, false));
    }

    #[test]
    fn a_hypothetical_or_proposed_meeting_is_not_the_one_held() {
        let types = EventTypes::load().unwrap();
        let held = reading("meeting", &["USA", "Russia"], Some(("2025-03-18", "2025-03-18")));
        for modality in [Modality::Hypothetical, Modality::Proposed, Modality::Negated] {
            let mut other = held.clone();
            other.modality = modality;
            assert!(!same_event(&types, &other, &held, false), "{modality:?}");
            assert!(same_event(&types, &other, &other.clone(), false), "{modality:?}");
        }
        let mut planned = held.clone();
        planned.modality = Modality::Planned;
        assert!(same_event(&types, &planned, &held, false));
    }

    #[test]
    fn an_undated_remark_joins_its_speakers_dated_statement_in_one_article() {
        let types = EventTypes::load().unwrap();
        let mut announced = reading("statement", &["USA"], Some(("2025-03-18", "2025-03-18")));
        announced.people = vec!["Biden".into()];
        let mut emphasized = announced.clone();
        emphasized.interval = None;
        assert!(same_event(&types, &emphasized, &announced, true));
        let mut monday = announced.clone();
        monday.interval = Some((day("2025-03-17"), day("2025-03-17")));
        let mut also_monday = monday.clone();
        also_monday.topics = Vec::new();
        assert!(
            !same_event(&types, &monday, &also_monday, true),
            "two dated remarks"
        );
        assert!(
            same_event(&types, &monday, &also_monday, false),
            "one remark, two articles"
        );
    }

    #[test]
    fn statements_of_two_officials_are_two_statements() {
        let types = EventTypes::load().unwrap();
        let mut rubio = reading("statement", &["USA"], Some(("2025-03-18", "2025-03-18")));
        rubio.people = vec!["Rubio".into()];
        let mut bessent = rubio.clone();
        bessent.people = vec!["Bessent".into()];
        assert!(!same_event(&types, &rubio, &bessent, false));
        let mut white_house = rubio.clone();
        white_house.people = Vec::new();
        assert!(same_event(&types, &rubio, &white_house, false));
    }

    #[test]
    fn an_undated_plan_is_not_the_event_of_the_day_before() {
        let types = EventTypes::load().unwrap();
        let mut planned = reading("meeting", &["USA", "Russia"], None);
        planned.modality = Modality::Planned;
        let yesterday = reading("meeting", &["USA", "Russia"], Some(("2025-03-17", "2025-03-17")));
        assert!(!same_event(&types, &planned, &yesterday, false));
        let tomorrow = reading("meeting", &["USA", "Russia"], Some(("2025-03-19", "2025-03-19")));
        assert!(same_event(&types, &planned, &tomorrow, false));
    }

    #[test]
    fn places_in_one_country_agree() {
        let riyadh = Some(("Riyadh".to_string(), Some("Saudi Arabia".to_string())));
        let saudi = Some(("Saudi Arabia".to_string(), None));
        let istanbul = Some(("Istanbul".to_string(), Some("Turkey".to_string())));
        assert!(places_agree(riyadh.as_ref(), saudi.as_ref()));
        assert!(!places_agree(riyadh.as_ref(), istanbul.as_ref()));
    }
}

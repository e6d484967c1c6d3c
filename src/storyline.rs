//! Storylines: the threads a reader follows through a timeline — the energy ceasefire, the
//! prisoner exchanges, territory — each a sequence of events in date order.
//!
//! An event belongs to the thread of its main topic (`data/rules/events/topics.toml`: the
//! topic most of its reports name); an event with no topic follows its parties. A topic's
//! events whose parties do not meet at all (a Gaza ceasefire, a Ukraine ceasefire) are
//! separate threads. `--by actors` threads events by their parties instead.

use chrono::NaiveDate;
use serde::Serialize;

use crate::ordered::extend_new;
use crate::store::Event;
use crate::time::parse_day;

/// How events are threaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Threading {
    /// By main topic, then by parties.
    Topic,
    /// By the set of parties (countries, with people counted as theirs).
    Actors,
}

#[derive(Debug, Clone, Serialize)]
pub struct Storyline {
    pub title: String,
    pub topic: Option<String>,
    pub parties: Vec<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub step: usize,
    /// Days from the previous step's date to this one's; `None` for the first step, for an
    /// undated event, or when the order is uncertain.
    pub days_since_previous: Option<i64>,
    /// The days are a lower bound: one of the two is a week or a month, not a day.
    pub at_least: bool,
    /// This event's dates overlap the previous one's: which came first is not known.
    pub order_uncertain: bool,
    pub event: Event,
}

/// The dates an event may have happened on: its interval, or for an undated event the day
/// it was reported by.
fn span(event: &Event) -> (NaiveDate, NaiveDate) {
    let end = parse_day(&event.date.end).unwrap_or_default();
    let start = event.date.start.as_deref().and_then(parse_day).unwrap_or(end);
    (start, end)
}

/// Groups `events` into storylines, each in date order, storylines ordered by their first
/// event, threading them by their parties.
/// A thread being built: its root event's index, topic, parties and events.
type Thread = (usize, Option<String>, Vec<String>, Vec<Event>);

pub fn storylines(events: Vec<Event>, threading: Threading) -> Vec<Storyline> {
    // Events of one topic whose parties meet, directly or through others, are one thread.
    let keyed: Vec<(Option<String>, Vec<String>, Event)> = events
        .into_iter()
        .map(|event| {
            let mut parties = event.parties.clone();
            parties.sort();
            let topic = match threading {
                Threading::Topic => event.topics.first().cloned(),
                Threading::Actors => None,
            };
            (topic, parties, event)
        })
        .collect();
    let mut thread_of: Vec<usize> = (0..keyed.len()).collect();
    fn root(thread_of: &mut [usize], mut i: usize) -> usize {
        while thread_of[i] != i {
            thread_of[i] = thread_of[thread_of[i]];
            i = thread_of[i];
        }
        i
    }
    for a in 0..keyed.len() {
        for b in a + 1..keyed.len() {
            let ((ta, pa, _), (tb, pb, _)) = (&keyed[a], &keyed[b]);
            let same_thread = match (ta, tb) {
                (Some(ta), Some(tb)) => ta == tb && pa.iter().any(|p| pb.contains(p)),
                (None, None) => pa == pb,
                _ => false,
            };
            if same_thread {
                let (ra, rb) = (root(&mut thread_of, a), root(&mut thread_of, b));
                thread_of[rb] = ra;
            }
        }
    }
    let mut threads: Vec<Thread> = Vec::new();
    for (index, (topic, parties, event)) in keyed.into_iter().enumerate() {
        let r = root(&mut thread_of, index);
        match threads.iter_mut().find(|t| t.0 == r) {
            Some((_, _, thread_parties, thread_events)) => {
                extend_new(thread_parties, parties);
                thread_events.push(event);
            }
            None => threads.push((r, topic, parties, vec![event])),
        }
    }
    let mut out: Vec<Storyline> = threads
        .into_iter()
        .map(|(_, topic, mut parties, mut events)| {
            events.sort_by_key(|e| (span(e), e.id));
            parties.sort();
            let who = if parties.is_empty() {
                "unknown parties".to_owned()
            } else {
                parties.join("–")
            };
            let title = match &topic {
                Some(topic) => format!("{} ({who})", crate::words::capitalise(topic)),
                None => who.clone(),
            };
            Storyline {
                title,
                topic,
                parties,
                steps: steps(events),
            }
        })
        .collect();
    out.sort_by_key(|s| s.steps.first().map(|step| span(&step.event)));
    out
}

fn steps(events: Vec<Event>) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::with_capacity(events.len());
    for (index, event) in events.into_iter().enumerate() {
        let gap = steps
            .last()
            .map(|previous| gap(&previous.event, &event))
            .unwrap_or(Gap::First);
        let (days_since_previous, at_least, order_uncertain) = match gap {
            Gap::First => (None, false, false),
            Gap::Days(days) => (Some(days), false, false),
            Gap::AtLeast(days) => (Some(days), true, false),
            Gap::Uncertain => (None, false, true),
        };
        steps.push(Step {
            step: index + 1,
            days_since_previous,
            at_least,
            order_uncertain,
            event,
        });
    }
    steps
}

enum Gap {
    First,
    /// Both are single days: exactly this many days apart.
    Days(i64),
    /// At least this many days between the end of one and the start of the next.
    AtLeast(i64),
    /// Their dates overlap, or one is undated: which came first is not known.
    Uncertain,
}

fn gap(previous: &Event, next: &Event) -> Gap {
    if previous.date.start.is_none() || next.date.start.is_none() {
        return Gap::Uncertain;
    }
    let ((p_start, p_end), (start, end)) = (span(previous), span(next));
    if p_start == p_end && start == end {
        return Gap::Days((start - p_start).num_days());
    }
    if start > p_end {
        Gap::AtLeast((start - p_end).num_days())
    } else {
        // Overlapping stretches, the same week twice included: the order is not known.
        Gap::Uncertain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Precision};
    use crate::store::EventDate;

    fn event(id: i64, start: Option<&str>, end: &str, topic: &str, actors: &[&str]) -> Event {
        Event {
            id,
            key: format!("k{id}"),
            event_type: "meeting".into(),
            cameo: None,
            date: EventDate {
                start: start.map(str::to_owned),
                end: end.into(),
                precision: Some(if start == Some(end) {
                    Precision::Day
                } else {
                    Precision::Week
                }),
                value: Some(end.into()),
                label: end.into(),
            },
            actors: actors.iter().map(|a| a.to_string()).collect(),
            parties: actors.iter().map(|a| a.to_string()).collect(),
            source: Vec::new(),
            target: Vec::new(),
            place: None,
            modality: Modality::Asserted,
            topics: if topic.is_empty() {
                vec![]
            } else {
                vec![topic.into()]
            },
            summary: String::new(),
            sources: 1,
            articles: 1,
            conflicts: vec![],
            mentions: vec![],
        }
    }

    #[test]
    fn events_thread_by_topic_and_parties_in_date_order() {
        let lines = storylines(
            vec![
                event(
                    1,
                    Some("2025-03-18"),
                    "2025-03-18",
                    "ceasefire",
                    &["USA", "Russia"],
                ),
                event(
                    2,
                    Some("2025-03-11"),
                    "2025-03-11",
                    "ceasefire",
                    &["USA", "Ukraine"],
                ),
                event(
                    3,
                    Some("2025-10-08"),
                    "2025-10-08",
                    "ceasefire",
                    &["Israel", "Hamas"],
                ),
                event(
                    4,
                    Some("2025-03-13"),
                    "2025-03-13",
                    "prisoners",
                    &["Russia", "Ukraine"],
                ),
            ],
            Threading::Topic,
        );
        let titles: Vec<&str> = lines.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Ceasefire (Russia–USA–Ukraine)",
                "Prisoners (Russia–Ukraine)",
                "Ceasefire (Hamas–Israel)"
            ]
        );
        let ceasefire = &lines[0];
        let ids: Vec<i64> = ceasefire.steps.iter().map(|s| s.event.id).collect();
        assert_eq!(ids, vec![2, 1]);
        assert_eq!(ceasefire.steps[1].days_since_previous, Some(7));
    }

    #[test]
    fn overlapping_and_undated_steps_are_uncertain() {
        let lines = storylines(
            vec![
                event(1, Some("2025-03-10"), "2025-03-16", "ceasefire", &["USA"]),
                event(2, Some("2025-03-11"), "2025-03-11", "ceasefire", &["USA"]),
                event(3, Some("2025-03-20"), "2025-03-20", "ceasefire", &["USA"]),
                event(4, None, "2025-03-21", "ceasefire", &["USA"]),
            ],
            Threading::Topic,
        );
        let steps = &lines[0].steps;
        assert!(steps[1].order_uncertain);
        assert_eq!(
            (steps[2].days_since_previous, steps[2].at_least),
            (Some(9), false)
        );
        assert!(steps[3].order_uncertain);
    }

    #[test]
    fn by_actors_threads_by_party_set() {
        let lines = storylines(
            vec![
                event(
                    1,
                    Some("2025-03-18"),
                    "2025-03-18",
                    "ceasefire",
                    &["USA", "Russia"],
                ),
                event(2, Some("2025-03-19"), "2025-03-19", "energy", &["Russia", "USA"]),
            ],
            Threading::Actors,
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].title, "Russia–USA");
    }
}

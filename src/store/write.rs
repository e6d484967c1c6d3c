//! The write path: an article's events become new events or mentions of stored ones, and
//! each touched event is recomputed from its mentions.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection};

use super::Knowledge;
use super::CONSENSUS_REPORTS;
use crate::extract::ExtractedEvent;
use crate::merge::{consensus, date_gap, same_event, Dated, Reading, Report};
use crate::model::{Modality, Precision};
use crate::time::{format_day as day, parse_day};

/// Deletes an article's mentions and the article, then the events left with no mention.
/// Returns the events that lost a mention but still have others (to be refreshed).
pub(super) fn remove_article(tx: &Connection, article_id: i64) -> Result<Vec<i64>> {
    let left = remove_mentions(tx, article_id)?;
    tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?
        .execute([article_id])?;
    Ok(left)
}

/// Deletes an article's mentions, then the events left with no mention. Returns the events
/// that lost a mention but still have others (to be refreshed).
pub(super) fn remove_mentions(tx: &Connection, article_id: i64) -> Result<Vec<i64>> {
    let touched: Vec<i64> = {
        let mut stmt = tx.prepare_cached("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?1")?;
        let rows = stmt.query_map([article_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    tx.prepare_cached("DELETE FROM mentions WHERE article_id = ?1")?
        .execute([article_id])?;
    let mut left = Vec::new();
    for id in touched {
        // Only the events this article reported can be left without a report: each is
        // looked up by its ID, not the whole table scanned.
        let deleted = tx
            .prepare_cached(
                "DELETE FROM events WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?1)",
            )?
            .execute([id])?;
        if deleted == 0 {
            left.push(id);
        }
    }
    Ok(left)
}

fn place_with_country(place: Option<&str>, knowledge: Knowledge) -> Option<(String, Option<String>)> {
    let place = place?;
    Some((place.to_owned(), knowledge.gazetteer.place_country(place)))
}

/// A FROM clause of the events (as `alias`) whose stretch of days can reach a window, read
/// as ranges of an index that ends in (span_class, lo_day) (migrations 010 and 011): an
/// event of class c that reaches the window's first day starts after that day − 2^c, and
/// none starts after its last. `condition` goes first in the join (the leading columns of
/// the index, e.g. the type); `[from, to]` are the parameters that hold the window's first
/// and last Julian days. Only the classes some event has are read, found by skipping
/// through the index of migration 011 (a few lookups, where the 19 possible classes, each
/// a range per type, were most of a report's cost). CROSS JOIN keeps the classes the outer
/// loop, so that each is a range of the index: SQLite would otherwise read every event (of
/// the type) and test its class. The caller still tests the far end (`hi_day >= from`).
pub(super) fn reaching_window(alias: &str, condition: &str, [from, to]: [&str; 2]) -> String {
    format!(
        "(WITH RECURSIVE present(class) AS (
              SELECT min(span_class) FROM events
              UNION ALL
              SELECT (SELECT min(span_class) FROM events WHERE span_class > present.class)
              FROM present WHERE present.class IS NOT NULL)
          SELECT class FROM present WHERE class IS NOT NULL) k
         CROSS JOIN events {alias} ON {condition} {alias}.span_class = k.class
                                  AND {alias}.lo_day BETWEEN {from} - (1 << k.class) AND {to}"
    )
}

/// The day as SQLite's `CAST(julianday(day) AS INTEGER)` numbers it.
pub(super) fn julian_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_424
}

/// The stored event `event` is a report of, if any. `reported_here` holds the events its
/// article has already reported (an article's reports are stored one after another, so
/// these are all the events with a mention of it).
pub(super) fn find_same(
    tx: &Connection,
    event: &ExtractedEvent,
    reported_here: &HashMap<i64, usize>,
    reported: NaiveDate,
    knowledge: Knowledge,
) -> Result<Option<i64>> {
    // Two reports are one event only if they share a party (merge::parties_agree).
    if event.parties.is_empty() {
        return Ok(None);
    }
    let reading = Reading {
        event_type: &event.event_type,
        parties: event.parties.clone(),
        interval: event.date.interval.as_ref().map(|d| (d.start, d.end)),
        reported,
        place: place_with_country(event.place.as_deref(), knowledge),
        modality: event.modality,
        topics: event.topics.clone(),
        people: people_among(&event.actors, &event.parties),
    };
    // Only events whose dates can overlap this report's: an undated one spans the week
    // before its report (after it, when planned), on either side.
    let (from, to) = reading.span();
    // The stored stretch (migration 010) is an event's days widened by the undated window
    // at both ends, so that one range serves dated and undated events alike; on the index
    // entry, a dated event's last day is hi_day − window. An undated one's stretch is two
    // windows wide (a dated one of that width passes too, and is tested below); it may be
    // planned, which its row says.
    static CANDIDATES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT e.id, e.type, e.start_day, e.end_day, e.place, e.modality, e.core
             FROM {}
             WHERE (e.hi_day - {window} >= ?1 OR e.hi_day - e.lo_day = 2 * {window})
               AND (e.party_bits IS NULL OR e.party_bits & ?4 != 0)",
            reaching_window("e", "e.type IN rarray(?3) AND", ["?1", "?2"]),
            window = crate::merge::UNDATED_WINDOW_DAYS,
        )
    });
    let mut stmt = tx.prepare_cached(&CANDIDATES)?;
    // Only events of a type this report may be of: a year-long event of another type
    // overlaps every report of its year.
    let types: Vec<Value> = knowledge
        .types
        .compatible_with(&event.event_type)
        .into_iter()
        .map(Value::Text)
        .collect();
    // A candidate must share a party with the report, or a person one of them names as a
    // party: the events that hold none of the bits of its parties and people are passed
    // over on the index (migrations 016 and 018), before their rows are read. In a busy
    // stretch of news most events of a type and week are of other parties; reading and
    // comparing them was most of a report's cost, and grew with the store's density.
    let window = params![
        julian_day(from),
        julian_day(to),
        std::rc::Rc::new(types),
        party_bits(event.parties.iter().chain(&reading.people))
    ];
    let candidates = stmt.query_map(window, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    // In id order, as ties between equally good candidates go to the first. Sorted here,
    // not by ORDER BY, which would make SQLite scan the table in id order instead of using
    // the index on the window (migration 004).
    let mut candidates = candidates.collect::<rusqlite::Result<Vec<_>>>()?;
    candidates.sort_by_key(|c| c.0);
    let mut best: Option<(i64, Rank)> = None;
    for candidate in candidates {
        let (id, event_type, start, end, place, modality, core) = candidate;
        let same_article = reported_here.contains_key(&id);
        // Types that can never be one event are passed over before their core is read;
        // whether one article's two reports are one event is same_event's to say.
        if !knowledge.types.compatible(&event.event_type, &event_type, false) {
            continue;
        }
        // Kept with the event since migration 009; read from its reports before then.
        let core = match core.as_deref().and_then(|json| serde_json::from_str(json).ok()) {
            Some(core) => core,
            None => core_of(tx, id, knowledge)?,
        };
        // A report naming one party ("Fidan chaired the meeting") may be of an event that
        // party took part in, even if most reports name others; so may one naming three or
        // more that the event's reports all name, though no two of them are a majority yet
        // (two reports of Russia and Ukraine's deal, one also naming Turkey and the UN; a
        // third of Turkey, the UN and Ukraine).
        let within_all = |parties: &[String]| parties.iter().all(|p| core.all_parties.contains(p));
        let parties =
            if reading.parties.len() == 1 || reading.parties.len() >= 3 && within_all(&reading.parties) {
                core.all_parties
            } else {
                core.parties
            };
        let topics = core.topics;
        let stored = Reading {
            event_type: &event_type,
            parties,
            topics,
            people: core.people,
            interval: start.as_deref().and_then(parse_day).zip(parse_day(&end)),
            // What the span of an undated event needs: its end_day is the day it was first
            // reported (refresh_event). A dated one's span is its interval.
            reported: parse_day(&end).unwrap_or(reported),
            place: place_with_country(place.as_deref(), knowledge),
            modality: Modality::parse(&modality).unwrap_or(Modality::Asserted),
        };
        if same_event(knowledge.types, &reading, &stored, same_article) {
            // Of several events this report could be, the nearest in time; for a dated
            // report, then the one dated most precisely (a report of one day is of the event
            // of that day rather than of an undated one); then the latest (an undated report
            // is most likely of the most recent such event).
            let gap = date_gap(&reading, &stored);
            let (start, end) = stored.span();
            let width = if reading.interval.is_some() {
                (end - start).num_days()
            } else {
                0
            };
            let rank = (gap, width, std::cmp::Reverse(end));
            if best.is_none_or(|(_, best_rank)| rank < best_rank) {
                best = Some((id, rank));
            }
        }
    }
    Ok(best.map(|(id, _)| id))
}

/// The parties' bits as `events.party_bits` stores them: for each party, bit h mod 64 of
/// its name's 64-bit FNV-1a hash. The hash is written out here, not taken from a hasher
/// of the standard library or a crate, because stored bits must mean the same to every
/// later version: two events that share a party always share its bit.
pub(super) fn party_bits<S: AsRef<str>>(parties: impl IntoIterator<Item = S>) -> i64 {
    let mut bits = 0u64;
    for party in parties {
        let hash = party.as_ref().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        bits |= 1 << (hash % 64);
    }
    bits as i64
}

/// The bits of every party and person a stored core names (`Core::bits`), or None when the
/// core cannot be read.
pub(super) fn party_bits_of_core(json: &str) -> Option<i64> {
    let core: Core = serde_json::from_str(json).ok()?;
    Some(core.bits())
}

/// How well an event fits a report, best first: the gap between their dates, the width of
/// the event's date (for a dated report), and the event's end, latest first.
type Rank = (i64, i64, std::cmp::Reverse<NaiveDate>);

/// The parties and topics most of an event's reports name (more than half of its first
/// [`CONSENSUS_REPORTS`]), read from its reports: for events stored before the core was
/// kept with the event (migration 009).
fn core_of(tx: &Connection, event_id: i64, knowledge: Knowledge) -> Result<Core> {
    let mut stmt = tx.prepare_cached(
        "SELECT actors, topics, parties FROM mentions WHERE event_id = ?1 ORDER BY published, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![event_id, CONSENSUS_REPORTS as i64], |r| {
        Ok(CoreColumns {
            actors: r.get(0)?,
            topics: r.get(1)?,
            parties: r.get(2)?,
        })
    })?;
    Core::of(rows.collect::<rusqlite::Result<Vec<_>>>()?, knowledge)
}

/// A report's columns that the core is made of, as stored (JSON).
struct CoreColumns {
    actors: String,
    topics: String,
    parties: Option<String>,
}

impl Core {
    /// Comparing with what most reports say rather than with everything any report named
    /// keeps one loose report from letting the event absorb others ("a call between the two
    /// leaders" read as three parties; "agreed to swap prisoners and to present views on a
    /// ceasefire").
    fn of(reports: Vec<CoreColumns>, knowledge: Knowledge) -> Result<Core> {
        let mut parties = Tally::default();
        let mut topics = Tally::default();
        let mut people = Vec::new();
        for report in reports {
            let list = |json: &str, what: &str| -> Result<Vec<String>> {
                serde_json::from_str(json)
                    .map_err(|e| anyhow::anyhow!("a stored report's {what} {json:?} is not a JSON list: {e}"))
            };
            let actors = list(&report.actors, "actors")?;
            let report_parties = match report.parties {
                Some(json) => list(&json, "parties")?,
                None => knowledge.gazetteer.parties_of(&actors),
            };
            // A person is one where some report names him beside the party he acts for,
            // though another names him alone, as a party ("President Juan Manuel Santos").
            crate::ordered::extend_new(&mut people, people_among(&actors, &report_parties));
            parties.add(report_parties);
            topics.add(list(&report.topics, "topics")?);
        }
        let all_parties: Vec<String> = parties.counts.iter().map(|(p, _)| p.clone()).collect();
        Ok(Core {
            parties: parties.majority(),
            people,
            all_parties,
            topics: topics.majority(),
        })
    }
}

/// The actors that stand for someone else (a person for his country).
fn people_among(actors: &[String], parties: &[String]) -> Vec<String> {
    actors.iter().filter(|a| !parties.contains(a)).cloned().collect()
}

/// What most of an event's reports say of it: what a new report is compared with. Kept
/// with the event (`events.core`, JSON) and recomputed when its reports change, so that a
/// report is compared with each candidate without reading the candidate's reports.
#[derive(serde::Serialize, serde::Deserialize)]
struct Core {
    parties: Vec<String>,
    /// Every party any report names.
    all_parties: Vec<String>,
    /// Every person a report names beside a party: a party himself in another report
    /// that names him alone, he is still the person the two share.
    people: Vec<String>,
    topics: Vec<String>,
}

impl Core {
    /// The bits `events.party_bits` keeps: of every party and every person a report names,
    /// as a person named without his country in a report is a party there
    /// (merge::identity, parties_agree_through_people).
    fn bits(&self) -> i64 {
        party_bits(self.all_parties.iter().chain(&self.people))
    }
}

/// Counts how many reports name each item.
#[derive(Default)]
struct Tally {
    reports: usize,
    counts: Vec<(String, usize)>,
}

impl Tally {
    fn add(&mut self, items: Vec<String>) {
        self.reports += 1;
        for item in items {
            match self.counts.iter_mut().find(|(i, _)| *i == item) {
                Some((_, n)) => *n += 1,
                None => self.counts.push((item, 1)),
            }
        }
    }

    /// The items more than half of the reports name.
    fn majority(self) -> Vec<String> {
        let reports = self.reports;
        self.counts
            .into_iter()
            .filter(|(_, n)| 2 * n > reports)
            .map(|(i, _)| i)
            .collect()
    }
}

pub(super) fn insert_event(
    tx: &Connection,
    event: &ExtractedEvent,
    reported: NaiveDate,
    knowledge: Knowledge,
) -> Result<i64> {
    // Undated and without actors: its first report is stored next, and refresh_event then
    // gives it the date, actors, place and modality its reports agree on (writing them
    // here too was a third of the cost of a new event, for values overwritten at once).
    tx.prepare_cached(
        "INSERT INTO events (type, cameo, start_day, end_day, precision, value, place, modality, summary)
         VALUES (?1, ?2, NULL, ?3, ?7, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        event.event_type,
        knowledge.types.cameo(&event.event_type),
        day(reported),
        event.place,
        event.modality.as_str(),
        event.summary,
        super::records::precision_name(None),
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn insert_mention(
    tx: &Connection,
    event_id: i64,
    article_id: i64,
    published: NaiveDate,
    event: &ExtractedEvent,
) -> Result<()> {
    let e = &event.evidence;
    let d = &event.date;
    tx.prepare_cached("INSERT INTO mentions (event_id, article_id, sentence, sentence_start, sentence_end, trigger, trigger_start,
            trigger_end, rule, attributed_to, type, actors, actor_text, place, modality, summary,
            date_start, date_end, date_precision, date_value, date_text, date_rule, date_basis, topics, disputed_by,
            parties, lemma, roles, date_clause, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
                 ?24, ?25, ?26, ?27, ?28, ?29, ?30)")?.execute(params![
            event_id,
            article_id,
            e.sentence,
            e.sentence_start as i64,
            e.sentence_end as i64,
            e.trigger,
            e.trigger_start as i64,
            e.trigger_end as i64,
            e.rule,
            e.attributed_to,
            event.event_type,
            serde_json::to_string(&event.actors)?,
            serde_json::to_string(&e.actor_text)?,
            event.place,
            event.modality.as_str(),
            event.summary,
            d.interval.as_ref().map(|i| day(i.start)),
            d.interval.as_ref().map(|i| day(i.end)),
            d.interval.as_ref().map(|i| i.precision.as_str()),
            d.interval.as_ref().map(|i| i.value.clone()),
            d.text,
            d.rule,
            d.basis.as_str(),
            serde_json::to_string(&event.topics)?,
            serde_json::to_string(&event.disputed_by)?,
            serde_json::to_string(&event.parties)?,
            e.lemma,
            serde_json::to_string(&e.roles)?,
            d.clause,
            day(published),
        ])?;
    Ok(())
}

/// Whether the report just stored for `event_id`, published on `published`, is one of the
/// event's first [`CONSENSUS_REPORTS`] (by publication date, then storage order: it is the
/// latest stored), which are all its consensus reads.
pub(super) fn among_first_reports(tx: &Connection, event_id: i64, published: NaiveDate) -> Result<bool> {
    // Counted in the index, and never past the bound, however many reports there are.
    let earlier: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM mentions WHERE event_id = ?1 AND published <= ?2 LIMIT ?3)",
        )?
        .query_row(
            params![event_id, day(published), CONSENSUS_REPORTS as i64 + 1],
            |r| r.get(0),
        )?;
    // `earlier` counts the new report too.
    Ok(earlier <= CONSENSUS_REPORTS as i64)
}

/// Recomputes an event from its mentions: the most precise date all reports allow, every
/// actor, the place, the strongest modality, and the conflicts between reports — of its
/// first [`CONSENSUS_REPORTS`] reports in publication order.
pub(super) fn refresh_event(tx: &Connection, event_id: i64, knowledge: Knowledge) -> Result<()> {
    let (reports, columns): (Vec<Report>, Vec<CoreColumns>) = {
        let mut stmt = tx.prepare_cached(
            "SELECT m.date_start, m.date_end, m.date_precision, m.date_value, m.date_text, m.actors, m.place,
                    m.modality, m.attributed_to, m.disputed_by, COALESCE(a.source, a.name), a.published,
                    m.topics, m.parties
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.event_id = ?1 ORDER BY m.published, m.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![event_id, CONSENSUS_REPORTS as i64], |r| {
            let start: Option<String> = r.get(0)?;
            let end: Option<String> = r.get(1)?;
            let date = match (
                start.as_deref().and_then(parse_day),
                end.as_deref().and_then(parse_day),
            ) {
                (Some(start), Some(end)) => Some(Dated {
                    start,
                    end,
                    precision: r.get::<_, Option<Precision>>(2)?.unwrap_or(Precision::Day),
                    value: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    text: r.get(4)?,
                }),
                _ => None,
            };
            let place: Option<String> = r.get(6)?;
            let report = Report {
                date,
                actors: super::json_column(r, 5)?,
                place: place_with_country(place.as_deref(), knowledge),
                modality: Modality::parse(&r.get::<_, String>(7)?).unwrap_or(Modality::Asserted),
                attributed_to: r.get(8)?,
                disputed_by: super::json_column(r, 9)?,
                outlet: r.get(10)?,
                published: parse_day(&r.get::<_, String>(11)?).unwrap_or_default(),
            };
            let columns = CoreColumns {
                actors: r.get(5)?,
                topics: r.get(12)?,
                parties: r.get(13)?,
            };
            Ok((report, columns))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().unzip()
    };
    if reports.is_empty() {
        return Ok(());
    }
    let c = consensus(&reports);
    let core = Core::of(columns, knowledge)?;
    let bits = core.bits();
    let core = serde_json::to_string(&core)?;
    // An undated event stands at the day it was first reported (migration 004).
    let (start, end, precision, value) = match &c.date {
        Some(d) => (
            Some(day(d.start)),
            day(d.end),
            d.precision.as_str(),
            d.value.clone(),
        ),
        None => (
            None,
            day(c.reported_by),
            super::records::precision_name(None),
            day(c.reported_by),
        ),
    };
    // One UPDATE: each rewrites the row and its date indexes.
    tx.prepare_cached(
        "UPDATE events SET core = ?2, start_day = ?3, end_day = ?4, precision = ?5, value = ?6,
                           place = ?7, modality = ?8, party_bits = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        event_id,
        core,
        start,
        end,
        precision,
        value,
        c.place,
        c.modality.as_str(),
        bits
    ])?;
    tx.prepare_cached("DELETE FROM event_actors WHERE event_id = ?1")?
        .execute([event_id])?;
    for (position, actor) in c.actors.iter().enumerate() {
        tx.prepare_cached("INSERT INTO event_actors (event_id, actor, position) VALUES (?1, ?2, ?3)")?
            .execute(params![event_id, actor, position as i64])?;
    }
    tx.prepare_cached("DELETE FROM event_conflicts WHERE event_id = ?1")?
        .execute([event_id])?;
    for conflict in &c.conflicts {
        tx.prepare_cached("INSERT INTO event_conflicts (event_id, kind, note) VALUES (?1, ?2, ?3)")?
            .execute(params![event_id, conflict.kind, conflict.note])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::UNDATED_WINDOW_DAYS;

    /// The stretch migration 010 computes in SQL is the one find_same means: the event's
    /// days widened by the undated window, as the Julian day numbers `julian_day` gives.
    #[test]
    fn the_stored_stretch_of_an_event_is_its_days_widened_by_the_undated_window() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let day = |s: &str| parse_day(s).unwrap();
        let window = UNDATED_WINDOW_DAYS;
        for (start, end, lo, hi) in [
            (
                Some("2025-03-18"),
                "2025-03-18",
                day("2025-03-18"),
                day("2025-03-18"),
            ),
            (
                Some("2025-01-01"),
                "2025-12-31",
                day("2025-01-01"),
                day("2025-12-31"),
            ),
            (None, "2025-03-18", day("2025-03-11"), day("2025-03-18")),
            (
                Some("0000-01-01"),
                "9999-12-31",
                day("0000-01-01"),
                day("9999-12-31"),
            ),
        ] {
            conn.execute(
                "INSERT INTO events (type, start_day, end_day, precision, value, modality, summary)
                 VALUES ('call', ?1, ?2, 'day', '', 'asserted', '')",
                params![start, end],
            )
            .unwrap();
            let (stored_lo, stored_hi, class): (i64, i64, i64) = conn
                .query_row(
                    "SELECT lo_day, hi_day, span_class FROM events WHERE id = last_insert_rowid()",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
            assert_eq!(stored_lo, julian_day(lo), "{start:?}–{end}");
            assert_eq!(stored_hi, julian_day(hi) + window, "{start:?}–{end}");
            let span = stored_hi - stored_lo;
            assert!(
                // The size classes migration 010 gives.
                (4..=22).contains(&class) && span < 1 << class && (class == 4 || span >= 1 << (class - 1))
            );
        }
    }

    /// find_same passes over, on the index, the events whose bits share none of the
    /// report's: an event that shares a party must always pass, whatever the names, and
    /// the bits a migration computes from a stored core are the ones refresh_event stores.
    #[test]
    fn events_that_share_a_party_share_its_bit() {
        let names = [
            "USA",
            "Côte d'Ivoire",
            "Frente \"Unido\"",
            "São Tomé",
            "Russia",
            "Ukraine",
        ];
        for (k, name) in names.iter().enumerate() {
            let event = party_bits(&names[..=k]);
            assert_ne!(event & party_bits([name]), 0, "{name}");
            assert_ne!(event & party_bits(["Nowhere", name]), 0, "{name}");
        }
        assert_eq!(party_bits::<&str>([]), 0);
        // Fixed for good: stored bits must mean the same to every later version (FNV-1a
        // of "USA" is 0x61eeac19db28e388 by an independent implementation: bit 8).
        assert_eq!(party_bits(["USA"]), 1 << 8);
        let core = Core {
            parties: vec!["USA".into()],
            all_parties: vec!["USA".into(), "Russia".into()],
            people: Vec::new(),
            topics: Vec::new(),
        };
        let json = serde_json::to_string(&core).unwrap();
        assert_eq!(party_bits_of_core(&json), Some(core.bits()));
        assert_eq!(party_bits_of_core("not json"), None);
    }
}

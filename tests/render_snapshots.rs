//! Snapshots of the renderers on events made by hand: what a reader sees of given events,
//! held still whatever the extractor finds. (`snapshots.rs` holds the whole pipeline on the
//! sample article; these change only when rendering does.) Review a change with `cargo insta
//! review`.

use timeline::extract::EventTypes;
use timeline::model::{Conflict, Modality, Precision};
use timeline::render::{self, TableOptions};
use timeline::store::{Event, EventDate};

/// An event's date: (start, end, precision, value, label).
type Date<'a> = (Option<&'a str>, &'a str, &'a str, Option<&'a str>, &'a str);

fn event(
    id: i64,
    event_type: &str,
    cameo: Option<&str>,
    date: Date,
    actors: &[&str],
    summary: &str,
) -> Event {
    let (start, end, precision, value, label) = date;
    let names = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    Event {
        id,
        key: format!("{id:012x}"),
        event_type: event_type.into(),
        cameo: cameo.map(str::to_owned),
        date: EventDate {
            start: start.map(str::to_owned),
            end: end.into(),
            precision: Precision::parse(precision),
            value: value.map(str::to_owned),
            label: label.into(),
        },
        actors: names(actors),
        parties: names(actors),
        source: names(&actors[..1]),
        target: names(&actors[1..]),
        place: None,
        modality: Modality::Asserted,
        topics: Vec::new(),
        summary: summary.into(),
        sources: 1,
        articles: 1,
        conflicts: Vec::new(),
        mentions: Vec::new(),
    }
}

/// Four events that exercise what the renderers do: a day, a week with a place, topics,
/// several outlets and a conflict, a planned undated event, and a long summary with
/// typographic quotes and non-ASCII names to wrap.
fn events() -> Vec<Event> {
    let call = event(
        1,
        "call",
        Some("041"),
        (
            Some("2025-03-18"),
            "2025-03-18",
            "day",
            Some("2025-03-18"),
            "2025-03-18",
        ),
        &["USA", "Russia"],
        "Trump, Putin: spoke by phone for more than two hours",
    );
    let mut talks = event(
        2,
        "meeting",
        Some("044"),
        (
            Some("2025-03-10"),
            "2025-03-16",
            "week",
            Some("2025-W11"),
            "2025-W11 (Mar 10–16)",
        ),
        &["USA", "Ukraine"],
        "USA, Ukraine: met in Jeddah and proposed a 30-day ceasefire",
    );
    talks.place = Some("Saudi Arabia".into());
    talks.topics = vec!["ceasefire".into()];
    talks.sources = 3;
    talks.articles = 4;
    talks.conflicts = vec![Conflict {
        kind: "date".into(),
        note: "one report says Tuesday, another last week".into(),
    }];
    let mut visit = event(
        3,
        "visit",
        Some("042"),
        (None, "2025-03-20", "undated", None, "after 2025-03-20"),
        &["Turkey", "Ukraine"],
        "Erdoğan: will host Zelensky in Ankara “as soon as possible”",
    );
    visit.modality = Modality::Planned;
    let statement = event(
        4,
        "statement",
        Some("010"),
        (
            Some("2025-03-21"),
            "2025-03-21",
            "day",
            Some("2025-03-21"),
            "2025-03-21",
        ),
        &["Russia"],
        "Peskov: said the Kremlin would study “every proposal that keeps the talks alive”, \
         adding that no date had been set for a second round in Riyadh or anywhere else",
    );
    vec![call, talks, visit, statement]
}

fn rendered(render: impl Fn(&[Event], &mut Vec<u8>) -> anyhow::Result<()>) -> String {
    let mut out = Vec::new();
    render(&events(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_piped() {
    let options = TableOptions {
        width: Some(100),
        colour: false,
        ascii: true,
    };
    insta::assert_snapshot!(rendered(|e, out| render::table(e, options, out)));
}

#[test]
fn table_on_a_narrow_terminal() {
    let options = TableOptions {
        width: Some(72),
        colour: false,
        ascii: false,
    };
    let out = rendered(|e, out| render::table(e, options, out));
    assert!(out.lines().all(|l| l.chars().count() <= 72), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn markdown() {
    insta::assert_snapshot!(rendered(|e, out| render::markdown(e, out)));
}

#[test]
fn csv() {
    let types = EventTypes::load().unwrap();
    insta::assert_snapshot!(rendered(|e, out| render::csv(
        e,
        &|code| types.cameo_text(code),
        out
    )));
}

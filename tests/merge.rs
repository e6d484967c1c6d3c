//! One event, many sources: merging, date refinement, conflicts, updates.

mod common;

use common::*;
use predicates::prelude::*;

/// A sandbox holding the fixture folder `folder` ingested, and its events of `event_type`.
fn events_of_type(folder: &str, event_type: &str) -> (Sandbox, Vec<serde_json::Value>) {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixture(folder)]).success();
    let events = sandbox.events(&["--type", event_type]);
    (sandbox, events)
}

#[test]
fn three_reports_of_one_meeting_become_one_event_dated_by_day() {
    let (sandbox, meetings) = events_of_type("merge/meeting", "meeting");
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    let meeting = &meetings[0];
    // "Last week" (2025-W11), "on Tuesday" in a paper of March 12, and "On March 11".
    assert_eq!(meeting["date"]["start"], "2025-03-11");
    assert_eq!(meeting["date"]["end"], "2025-03-11");
    assert_eq!(meeting["date"]["precision"], "day");
    assert_eq!(meeting["articles"], 3);
    assert_eq!(meeting["sources"], 3);
    // Each mention keeps its own reading.
    let mut readings: Vec<String> = meeting["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"]["value"].as_str().unwrap().to_owned())
        .collect();
    readings.sort();
    assert_eq!(readings, vec!["2025-03-11", "2025-03-11", "2025-W11"]);
    assert!(meeting["conflicts"].as_array().unwrap().is_empty());
    // Counts and the --min-sources filter.
    assert_eq!(sandbox.events(&["--min-sources", "3"]).len(), 1);
    assert!(sandbox.events(&["--min-sources", "4"]).is_empty());
}

#[test]
fn two_calls_a_month_apart_stay_two() {
    let (_, calls) = events_of_type("merge/calls", "call");
    let days: Vec<&str> = calls
        .iter()
        .map(|c| c["date"]["start"].as_str().unwrap())
        .collect();
    assert_eq!(days, vec!["2025-02-12", "2025-03-18"]);
}

/// "The army" of one article need not be that of another: an actor named only by what it
/// is stands in its events but is no party, and its events merge with no other report.
#[test]
fn actors_named_by_what_they_are_are_no_parties_and_never_merge() {
    let (sandbox, ceasefires) = events_of_type("merge/unnamed", "ceasefire");
    assert_eq!(ceasefires.len(), 2, "{ceasefires:#?}");
    for ceasefire in &ceasefires {
        assert_eq!(ceasefire["actors"], serde_json::json!(["the army"]));
        assert_eq!(ceasefire["date"]["start"], "2025-06-10");
        assert_eq!(ceasefire["parties"], serde_json::json!([]), "{ceasefire:#?}");
    }
    let acceptance = &sandbox.events(&["--type", "acceptance"])[0];
    assert_eq!(acceptance["actors"], serde_json::json!(["the rebels"]));
}

/// A president named without his country ("President Ana Soto signed the agreement with
/// Peru") is a party of that report, and still the person other reports name beside
/// Chile: a later report that names him and his counterpart alone is of the same signing.
#[test]
fn a_person_named_alone_in_one_report_is_still_the_person_of_the_event() {
    let (_, agreements) = events_of_type("merge/person_as_party", "agreement");
    assert_eq!(agreements.len(), 1, "{agreements:#?}");
    assert_eq!(agreements[0]["articles"], 4);
    assert_eq!(agreements[0]["date"]["value"], "2024-03-04");
    // Each president with the country of his own title, though one list names both.
    assert_eq!(
        agreements[0]["mentions"][0]["actors"],
        serde_json::json!(["Soto", "Vega", "Chile", "Peru"])
    );
}

/// Of two reports of a deal, one names four parties and one two: only those two are a
/// majority of the event, but a third report naming three of the four, all of which the
/// reports name, is of the same deal.
#[test]
fn a_report_of_three_parties_the_event_names_joins_it_before_they_are_a_majority() {
    let (_, agreements) = events_of_type("merge/multilateral", "agreement");
    assert_eq!(agreements.len(), 1, "{agreements:#?}");
    assert_eq!(agreements[0]["articles"], 3);
}

#[test]
fn a_readout_conflict_shows_in_show_and_conflicts() {
    let (sandbox, demands) = events_of_type("merge/readouts", "demand");
    assert_eq!(demands.len(), 1);
    let demand = &demands[0];
    assert_eq!(demand["mentions"][0]["attributed_to"], "Kremlin");
    assert_eq!(demand["conflicts"][0]["kind"], "omission");
    let id = demand["id"].to_string();
    sandbox.timeline().args(["show", &id]).assert().success().stdout(
        predicate::str::contains("conflict  omission: Kremlin reports it; White House readout does not")
            .and(predicate::str::contains("according to: Kremlin")),
    );
    sandbox
        .timeline()
        .args(["conflicts", "--width", "200"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("White House readout does not").and(predicate::str::contains("demand")),
        );
    // Events without conflicts are not listed there.
    let out = sandbox.timeline().args(["conflicts", "--json"]).output().unwrap();
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 1);
}

#[test]
fn an_updated_article_replaces_its_earlier_mentions() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixture("update-v1.txt")]).success();
    let before = sandbox.events(&[]);
    assert_eq!(actors(&before[0]), vec!["Trump", "Putin", "USA", "Russia"]);
    sandbox
        .timeline()
        .args(["ingest", "--verbose"])
        .arg(fixture("update-v2.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains("replacing update-v1.txt"))
        .stderr(predicate::str::contains(
            "1 ingested (of them 1 replacing an earlier text of their URL)",
        ));
    let after = sandbox.events(&[]);
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_eq!(actors(&after[0]), vec!["Trump", "Zelensky", "USA", "Ukraine"]);
    assert_eq!(after[0]["mentions"][0]["title"], "Developing story (corrected)");
    let out = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(articles.len(), 1);
    // Re-ingesting the current version changes nothing.
    sandbox
        .ingest(&[&fixture("update-v2.txt")])
        .success()
        .stderr(predicate::str::contains("0 ingested, 1 unchanged"));
    assert_eq!(sandbox.events(&[]), after);
}

#[test]
fn removing_one_source_keeps_the_event_the_others_report() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixture("merge/meeting")]).success();
    sandbox
        .timeline()
        .args(["remove", "c-march-11.txt"])
        .assert()
        .success();
    let meetings = sandbox.events(&["--type", "meeting"]);
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0]["articles"], 2);
    assert_eq!(meetings[0]["date"]["start"], "2025-03-11");
    sandbox
        .timeline()
        .args(["remove", "https://example.org/wire/jeddah"])
        .assert()
        .success();
    let meetings = sandbox.events(&["--type", "meeting"]);
    // Only "last week" is left: the date widens back to the week.
    assert_eq!(meetings[0]["date"]["precision"], "week");
}

/// An event is what its first 100 reports (by publication date) say: a later copy is kept
/// and counted without changing it, and an earlier one takes its place among the hundred.
#[test]
fn an_event_is_what_its_first_hundred_reports_say() {
    let sandbox = Sandbox::new();
    let copy = |n: usize, published: &str, place: &str| {
        format!(
            "---\nsource: Outlet {n}\nurl: https://news.example/{n}\npublished: {published}\n---\n\n\
             Russia and Ukraine spoke by phone{place}, copy {n} said.\n"
        )
    };
    let first = sandbox.dir.path().join("first");
    std::fs::create_dir(&first).unwrap();
    for n in 0..100 {
        std::fs::write(first.join(format!("c{n:03}.txt")), copy(n, "2025-03-19", "")).unwrap();
    }
    sandbox.ingest(&[&first]).success();
    // The 101st names a place, the 102nd is earlier than all the others and names another.
    let late = sandbox.write("late.txt", copy(100, "2025-03-20", " in Geneva"));
    sandbox.ingest(&[&late]).success();
    let calls = sandbox.events(&["--type", "call"]);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["sources"], 101, "counted");
    assert_eq!(
        calls[0]["place"],
        serde_json::Value::Null,
        "a report after the first 100 changes nothing"
    );
    let early = sandbox.write("early.txt", copy(101, "2025-03-17", " in Istanbul"));
    sandbox.ingest(&[&early]).success();
    let calls = sandbox.events(&["--type", "call"]);
    // Stored as in publication order: the Istanbul report first, the hundred copies with
    // it, and the Geneva one, which contradicts its place, apart.
    assert_eq!(calls.len(), 2, "{calls:#?}");
    assert_eq!(calls[0]["sources"], 101);
    assert_eq!(
        calls[0]["place"], "Istanbul",
        "an earlier report is one of the first 100"
    );
    assert_eq!(calls[1]["place"], "Geneva");
    assert_eq!(
        calls[0]["date"]["end"], "2025-03-17",
        "reported by its earliest report"
    );
}

/// Events stored before their core was kept with them (migration 009) still take new
/// reports: the core is read from their reports.
#[test]
fn events_without_a_stored_core_still_merge() {
    let sandbox = Sandbox::new();
    let mut files: Vec<_> = std::fs::read_dir(fixture("merge/meeting"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    sandbox.ingest(&[&files[0]]).success();
    let db = rusqlite::Connection::open(sandbox.db()).unwrap();
    assert!(db.execute("UPDATE events SET core = NULL", []).unwrap() > 0);
    drop(db);
    sandbox.ingest(&[&files[1], &files[2]]).success();
    let meetings = sandbox.events(&["--type", "meeting"]);
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    assert_eq!(meetings[0]["articles"], 3);
}

/// An event's key comes from its earliest report, not from the order articles were stored
/// in: the same reports ingested in another order give the same key, and calendars and
/// TimelineJS use it.
#[test]
fn event_keys_do_not_depend_on_ingest_order_and_name_calendar_entries() {
    let mut files: Vec<_> = std::fs::read_dir(fixture("merge/meeting"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let forward = Sandbox::new();
    for file in &files {
        forward.ingest(&[file]).success();
    }
    let backward = Sandbox::new();
    for file in files.iter().rev() {
        backward.ingest(&[file]).success();
    }
    let key = |sandbox: &Sandbox| {
        let meetings = sandbox.events(&["--type", "meeting"]);
        assert_eq!(meetings.len(), 1);
        meetings[0]["key"].as_str().unwrap().to_owned()
    };
    let (a, b) = (key(&forward), key(&backward));
    assert_eq!(a.len(), 12);
    assert_eq!(a, b);
    let ics = forward
        .timeline()
        .args(["export", "--format", "ics"])
        .output()
        .unwrap();
    assert!(String::from_utf8(ics.stdout)
        .unwrap()
        .contains(&format!("UID:{a}@timeline")));
}

/// The same articles give the same timeline, byte for byte, whatever order and batches they
/// arrive in: the store is always the one that ingesting them in publication order gives.
/// The fixtures are made so that order matters to a greedy merge: a report naming only
/// Ukraine could join either of two talks that day, and which one it joins decided, before,
/// whether the three reports made one event or two.
#[test]
fn the_timeline_does_not_depend_on_the_order_or_batches_articles_arrive_in() {
    let mut files: Vec<_> = std::fs::read_dir(fixture("order"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let export = |batches: &[Vec<&std::path::PathBuf>]| {
        let sandbox = Sandbox::new();
        for batch in batches {
            let mut cmd = sandbox.timeline();
            cmd.arg("ingest").args(batch).assert().success();
        }
        sandbox.export_json()
    };
    let forward: Vec<&_> = files.iter().collect();
    let reverse: Vec<&_> = files.iter().rev().collect();
    let one_run = export(std::slice::from_ref(&forward));
    let events: serde_json::Value = serde_json::from_str(&one_run).unwrap();
    let talks: Vec<_> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "talks")
        .collect();
    assert!(!talks.is_empty(), "{one_run}");
    assert_eq!(export(std::slice::from_ref(&reverse)), one_run, "reverse order");
    let singly: Vec<Vec<&_>> = reverse.iter().map(|f| vec![*f]).collect();
    assert_eq!(export(&singly), one_run, "one run per article, newest first");
    let batches: Vec<Vec<&_>> = forward.chunks(2).map(<[_]>::to_vec).collect();
    assert_eq!(export(&batches), one_run, "batches of two");
    let backwards: Vec<Vec<&_>> = batches.iter().rev().cloned().collect();
    assert_eq!(export(&backwards), one_run, "batches of two, last first");
}

/// Removing an article gives the timeline of never having ingested it, and the articles
/// after it that merged with its reports are stored again.
#[test]
fn removing_an_article_gives_the_timeline_without_it() {
    let mut files: Vec<_> = std::fs::read_dir(fixture("order"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let all = Sandbox::new();
    let mut cmd = all.timeline();
    cmd.arg("ingest").args(&files).assert().success();
    let removed = files.iter().find(|f| f.ends_with("c-russia-ukraine.md")).unwrap();
    all.timeline()
        .arg("remove")
        .arg(removed)
        .assert()
        .success()
        .stderr(predicate::str::contains("stored 4 articles after it again"));
    let without = Sandbox::new();
    let mut cmd = without.timeline();
    cmd.arg("ingest")
        .args(files.iter().filter(|f| *f != removed))
        .assert()
        .success();
    assert_eq!(all.export_json(), without.export_json());
}

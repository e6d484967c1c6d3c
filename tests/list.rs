//! `timeline list` on the sample article: what the spine must show.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

fn sample() -> (Sandbox, Vec<Value>) {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    let events = sandbox.events(&[]);
    (sandbox, events)
}

fn dated<'a>(events: &'a [Value], event_type: &str, day: &str) -> Vec<&'a Value> {
    of_type(events, event_type)
        .into_iter()
        .filter(|e| e["date"]["start"] == day && e["date"]["end"] == day)
        .collect()
}

#[test]
fn the_call_agreement_ceasefire_and_condition_are_on_the_day_of_the_call() {
    let (_sandbox, events) = sample();
    let call = dated(&events, "call", "2025-03-18");
    assert_eq!(call.len(), 1, "{events:#?}");
    assert!(actors(call[0]).contains(&"Trump".into()) && actors(call[0]).contains(&"Putin".into()));
    assert_eq!(call[0]["cameo"], "041");
    assert_eq!(dated(&events, "agreement", "2025-03-18").len(), 1);
    assert_eq!(dated(&events, "ceasefire", "2025-03-18").len(), 1);
    let demand = dated(&events, "demand", "2025-03-18");
    assert_eq!(demand.len(), 1);
    assert_eq!(demand[0]["mentions"][0]["attributed_to"], "Kremlin");
}

#[test]
fn trumps_monday_statements_are_on_monday() {
    let (_sandbox, events) = sample();
    let statements = dated(&events, "statement", "2025-03-17");
    assert_eq!(statements.len(), 2);
    for s in statements {
        assert_eq!(actors(s), vec!["Trump", "USA"]);
    }
}

#[test]
fn last_weeks_meeting_and_proposal_are_a_week() {
    let (_sandbox, events) = sample();
    for event_type in ["meeting", "proposal"] {
        let found = of_type(&events, event_type);
        assert_eq!(found.len(), 1, "{event_type}");
        let date = &found[0]["date"];
        assert_eq!(
            (date["start"].as_str(), date["end"].as_str()),
            (Some("2025-03-10"), Some("2025-03-16"))
        );
        assert_eq!(date["precision"], "week");
        assert_eq!(date["label"], "2025-W11 (Mar 10–16)");
        assert_eq!(found[0]["place"], "Saudi Arabia");
        assert_eq!(actors(found[0]), vec!["USA", "Ukraine"]);
    }
}

#[test]
fn putins_acceptance_is_not_dated_after_the_call() {
    let (_sandbox, events) = sample();
    let acceptance = of_type(&events, "acceptance");
    assert_eq!(acceptance.len(), 1);
    assert!(acceptance[0]["date"]["end"].as_str().unwrap() <= "2025-03-18");
    assert_eq!(actors(acceptance[0]), vec!["Putin", "Russia"]);
}

#[test]
fn durations_date_nothing() {
    let (_sandbox, events) = sample();
    for event in &events {
        for mention in event["mentions"].as_array().unwrap() {
            let text = mention["date"]["text"].as_str().unwrap_or("");
            assert!(
                !["30-day", "at least 90 minutes", "three years"].contains(&text),
                "{event:#}"
            );
        }
    }
}

#[test]
fn every_event_keeps_its_evidence() {
    let (_sandbox, events) = sample();
    for event in &events {
        let mention = &event["mentions"][0];
        assert_eq!(mention["article"], "2025-03-18-cbs-trump-putin-call.txt");
        assert_eq!(mention["source"], "CBS News");
        assert_eq!(mention["published"], "2025-03-18");
        assert!(mention["rule"].as_str().unwrap().contains('.'));
        let (start, end) = (
            mention["start"].as_u64().unwrap(),
            mention["end"].as_u64().unwrap(),
        );
        let sentence = mention["sentence"].as_str().unwrap();
        assert_eq!((end - start) as usize, sentence.chars().count());
    }
}

#[test]
fn hypothetical_and_negated_events_are_kept_but_not_listed_by_default() {
    let (sandbox, events) = sample();
    let all = sandbox.events(&["--modality", "all"]);
    assert!(all.len() > events.len());
    let negated = sandbox.events(&["--modality", "negated"]);
    assert!(
        negated.iter().any(|e| e["type"] == "agreement"),
        "“did not commit to a deal”: {negated:#?}"
    );
    assert!(events
        .iter()
        .all(|e| e["modality"] != "negated" && e["modality"] != "hypothetical"));
}

/// A plan no report dates ("will begin negotiations") has no place on a timeline: kept,
/// listed with --modality planned or all, and counted in what a table leaves out.
#[test]
fn plans_without_a_date_are_kept_but_not_listed_by_default() {
    let sandbox = Sandbox::new();
    let article = sandbox.write(
        "plans.txt",
        "---\ntitle: Plans\npublished: 2024-05-08\n---\n\n\
         Peru and Chile signed a fisheries agreement on Monday.\n\n\
         Chile's parliament will approve the agreement.\n\n\
         Peru and Chile will hold talks in Lima on Friday.\n",
    );
    sandbox.ingest(&[&article]).success();
    let undated_plan = |events: &[Value]| {
        events
            .iter()
            .any(|e| e["modality"] == "planned" && e["date"]["start"].is_null())
    };
    let listed = sandbox.events(&[]);
    assert!(!undated_plan(&listed), "{listed:#?}");
    assert!(
        listed
            .iter()
            .any(|e| e["modality"] == "planned" && e["date"]["start"] == "2024-05-10"),
        "a dated plan stays: {listed:#?}"
    );
    for modality in ["planned", "all"] {
        assert!(
            undated_plan(&sandbox.events(&["--modality", modality])),
            "{modality}"
        );
    }
    let out = sandbox.timeline().arg("list").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 planned, undated"), "{stderr}");
}

#[test]
fn filters_by_date_type_and_actor() {
    let (sandbox, _events) = sample();
    let monday = sandbox.events(&["--from", "2025-03-17", "--to", "2025-03-17"]);
    assert!(monday.iter().all(|e| e["type"] == "statement"), "{monday:#?}");
    // A week overlapping the range is in it.
    let week = sandbox.events(&["--from", "2025-03-16", "--to", "2025-03-16", "--type", "meeting"]);
    assert_eq!(week.len(), 1);
    let kremlin = sandbox.events(&["--actor", "russia"]);
    assert!(kremlin.iter().all(|e| actors(e).contains(&"Russia".to_owned())));
    assert!(!kremlin.is_empty());
    assert!(sandbox.events(&["--to", "2025-03"]).len() >= 9);
    assert!(sandbox.events(&["--to", "2025-02"]).is_empty());
}

#[test]
fn table_csv_and_markdown_formats() {
    let (sandbox, _events) = sample();
    sandbox
        .timeline()
        .args(["list", "--width", "140"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2025-W11 (Mar 10–16)").and(predicate::str::contains("Saudi Arabia")),
        );
    let csv = sandbox
        .timeline()
        .args(["list", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("id"));
    for column in ["key", "parties", "source", "target", "topics", "outlets", "urls"] {
        assert!(headers.iter().any(|h| h == column), "{column} in {headers:?}");
    }
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(records.len() >= 9);
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let meeting = records.iter().find(|r| &r[at("type")] == "meeting").unwrap();
    assert_eq!(&meeting[at("outlets")], "CBS News");
    assert_eq!(&meeting[at("topics")], "ceasefire");
    assert_eq!(meeting[at("key")].len(), 12);
    // The CAMEO code as text, with its name: a spreadsheet or pandas, which read "044" as
    // the number 44, keep it.
    let cameo = &meeting[at("cameo")];
    assert_eq!(cameo, "044 Meet at a \"third\" location");
    assert!(cameo.parse::<f64>().is_err());
    sandbox
        .timeline()
        .args(["list", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("| ID | Date | Type |"));
    let markdown = sandbox
        .timeline()
        .args(["list", "--format", "markdown"])
        .output()
        .unwrap();
    let lines: Vec<String> = String::from_utf8(markdown.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let columns = |line: &str| line.matches(" | ").count();
    assert!(
        lines.iter().skip(2).all(|l| columns(l) == columns(&lines[0])),
        "{lines:#?}"
    );
    sandbox
        .timeline()
        .args(["list", "--width", "160"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sources | Articles"));
    sandbox
        .timeline()
        .args(["list", "--from", "Marchember"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a date"));
}

#[test]
fn only_tables_shorten_summaries() {
    let (sandbox, events) = sample();
    let call = of_type(&events, "call")[0];
    let summary = call["summary"].as_str().unwrap();
    assert!(
        !summary.ends_with('…') && summary.split_whitespace().count() > 16,
        "{summary}"
    );
    sandbox
        .timeline()
        .args(["list", "--width", "300"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the…"));
}

#[test]
fn show_explains_an_event() {
    let (sandbox, events) = sample();
    let demand = of_type(&events, "demand")[0];
    let id = demand["id"].to_string();
    sandbox.timeline().args(["show", &id]).assert().success().stdout(
        predicate::str::contains("demand (CAMEO 100)")
            .and(predicate::str::contains(
                "A Russian readout of the call from the Kremlin said",
            ))
            .and(predicate::str::contains("rule:      demand.condition"))
            .and(predicate::str::contains("according to: Kremlin"))
            .and(predicate::str::contains("“the call” (reference)")),
    );
    sandbox
        .timeline()
        .args(["show", "9999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no event 9999"));
}

#[test]
fn articles_lists_and_remove_takes_an_article_out() {
    let (sandbox, _events) = sample();
    sandbox
        .timeline()
        .arg("articles")
        .assert()
        .success()
        .stdout(predicate::str::contains("2025-03-18-cbs-trump-putin-call.txt"));
    sandbox
        .timeline()
        .args(["remove", "2025-03-18-cbs-trump-putin-call.txt"])
        .assert()
        .success();
    assert!(sandbox.events(&["--modality", "all"]).is_empty());
    sandbox.timeline().args(["remove", "nope.txt"]).assert().code(2);
}

#[test]
fn reading_commands_never_create_a_database() {
    let sandbox = Sandbox::new();
    let missing = sandbox.dir.path().join("no/such/dir/x.db");
    for args in [
        &["list"][..],
        &["seq"],
        &["show", "1"],
        &["articles"],
        &["conflicts"],
        &["export", "--format", "json"],
    ] {
        let out = sandbox
            .timeline()
            .arg("--db")
            .arg(&missing)
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no timeline database there"), "{err}");
    }
    assert!(!sandbox.dir.path().join("no").exists(), "a folder was created");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let (sandbox, _) = sample();
    for format in ["json", "csv", "table", "markdown"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("timeline"))
            .env("TIMELINE_DB", sandbox.db())
            .args(["list", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first byte, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Nothing but the note a table adds of other modalities, when the table was
        // written before the reader went away (the two race): no error.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.lines().all(|l| l.starts_with("not shown:")),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn a_table_narrower_than_twenty_columns_is_refused() {
    let (sandbox, _) = sample();
    sandbox
        .timeline()
        .args(["list", "--width", "0"])
        .assert()
        .failure();
    sandbox
        .timeline()
        .args(["conflicts", "--width", "5"])
        .assert()
        .failure();
    sandbox
        .timeline()
        .args(["list", "--width", "20"])
        .assert()
        .success();
}

#[test]
fn filters_read_names_as_the_rule_files_do_and_refuse_what_cannot_match() {
    let (sandbox, events) = sample();
    let count = |args: &[&str]| sandbox.events(args).len();
    // Any case for a type, any alias for an actor.
    let calls = of_type(&events, "call").len();
    assert!(calls > 0);
    assert_eq!(count(&["--type", "Call"]), calls);
    assert_eq!(
        count(&["--actor", "Vladimir Putin"]),
        count(&["--actor", "Putin"])
    );
    assert!(count(&["--actor", "Vladimir Putin"]) > 0);
    // Mistakes are errors, not empty timelines.
    for args in [
        &["list", "--type", "foo"][..],
        &["list", "--from", "2025-04", "--to", "2025-03"],
        &["seq", "--topic", "nosuch"],
    ] {
        let out = sandbox.timeline().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = sandbox
        .timeline()
        .args(["list", "--type", "foo"])
        .output()
        .unwrap()
        .stderr;
    assert!(String::from_utf8(err)
        .unwrap()
        .contains("use one of call, meeting"));
    sandbox
        .timeline()
        .args(["seq", "--topic", "Ceasefire"])
        .assert()
        .success();
}

#[test]
fn from_and_to_take_phrases_the_tagger_resolves() {
    let (sandbox, _) = sample();
    let by_phrase = sandbox.events(&["--from", "March 2025", "--to", "March 2025"]);
    let by_month = sandbox.events(&["--from", "2025-03", "--to", "2025-03"]);
    assert!(!by_month.is_empty());
    assert_eq!(by_phrase, by_month);
    sandbox
        .timeline()
        .args(["list", "--from", "soonish"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("\"soonish\" is not a date"));
}

/// Two articles of one file name in two folders: the name alone is refused with both
/// candidates listed; the key, the path `ingest` printed and a dry run each do what they say.
#[test]
fn remove_takes_a_key_or_path_refuses_an_ambiguous_name_and_has_a_dry_run() {
    let sandbox = Sandbox::new();
    let text = |day: &str| {
        format!(
            "---\npublished: 2025-03-{day}\n---\n\nChile and Peru signed a trade agreement on March {day}.\n"
        )
    };
    let (a, b) = (sandbox.dir.path().join("a"), sandbox.dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("report.txt"), text("18")).unwrap();
    std::fs::write(b.join("report.txt"), text("25")).unwrap();
    sandbox.ingest(&[&a, &b]).success();
    let articles = || -> Vec<serde_json::Value> {
        let out = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let stored = articles();
    assert_eq!(stored.len(), 2);
    let key = |i: usize| stored[i]["key"].as_str().unwrap().to_owned();
    assert_eq!(key(0).len(), 12);
    sandbox
        .timeline()
        .args(["remove", "report.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 articles are called \"report.txt\""))
        .stderr(predicate::str::contains(key(0)))
        .stderr(predicate::str::contains(key(1)));
    sandbox
        .timeline()
        .args(["remove", "--dry-run", &key(0)])
        .assert()
        .success()
        .stderr(predicate::str::contains("would remove"))
        .stderr(predicate::str::contains("nothing removed"));
    assert_eq!(articles().len(), 2, "a dry run removes nothing");
    // The path as ingest printed it (relative to where it ran) names the file.
    sandbox
        .timeline()
        .current_dir(sandbox.dir.path())
        .args(["remove", "b/report.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed"));
    let left = articles();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["key"], stored[0]["key"]);
    sandbox.timeline().args(["remove", &key(0)]).assert().success();
    assert!(articles().is_empty());
}

/// Tables written to a pipe or a file are drawn in ASCII: no box-drawing bytes for the
/// reader (a pager, grep, a log) to wade through.
#[test]
fn piped_tables_are_ascii() {
    let (sandbox, _) = sample();
    for args in [&["list"][..], &["seq"], &["conflicts"], &["articles"]] {
        let out = sandbox.timeline().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("+-") || text.lines().count() <= 1,
            "{args:?}: {text}"
        );
        assert!(!text.contains(['┆', '│', '═', '╞', '─']), "{args:?}: {text}");
    }
}

/// Every command that prints records takes `--format`; `--json` stays as the older spelling.
#[test]
fn show_conflicts_and_articles_take_format_json() {
    let (sandbox, _) = sample();
    for (new, old) in [
        (
            &["show", "1", "--format", "json"][..],
            &["show", "1", "--json"][..],
        ),
        (&["conflicts", "--format", "json"], &["conflicts", "--json"]),
        (&["articles", "--format", "json"], &["articles", "--json"]),
    ] {
        let a = sandbox.timeline().args(new).output().unwrap();
        let b = sandbox.timeline().args(old).output().unwrap();
        assert!(a.status.success(), "{new:?}");
        serde_json::from_slice::<serde_json::Value>(&a.stdout).expect("JSON");
        assert_eq!(a.stdout, b.stdout, "{new:?}");
    }
    sandbox
        .timeline()
        .args(["articles", "--format", "xml"])
        .assert()
        .code(2);
}

/// Every command that prints records takes `-o/--output`: the file gets the bytes standard
/// output would (a file is no terminal: plain tables), and a failed run leaves an existing
/// file as it was, with nothing written beside it.
#[test]
fn every_printing_command_writes_to_a_file_with_o() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&common::sample_articles()]).success();
    // One command of each way of taking -o: list's and seq's options, the one-record commands'
    // (show, conflicts, articles), export's.
    let commands: [&[&str]; 4] = [
        &["list"],
        &["seq", "--format", "json"],
        &["show", "1"],
        &["export", "--format", "csv"],
    ];
    let file = sandbox.dir.path().join("out.txt");
    for args in commands {
        let piped = sandbox.timeline().args(args).output().unwrap();
        assert!(piped.status.success(), "{args:?}");
        let written = sandbox
            .timeline()
            .args(args)
            .arg("-o")
            .arg(&file)
            .output()
            .unwrap();
        assert!(written.status.success(), "{args:?}");
        assert!(written.stdout.is_empty(), "{args:?}");
        assert_eq!(std::fs::read(&file).unwrap(), piped.stdout, "{args:?}");
    }
    let before = std::fs::read(&file).unwrap();
    let failed = sandbox
        .timeline()
        .args(["show", "999", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!failed.status.success());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a failed run kept the file"
    );
    let beside: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

/// A table says how many events of other modalities it leaves out, so that "11 events"
/// ingested and 9 rows shown is not a mystery; records on stdout are only the events.
#[test]
fn a_table_says_how_many_events_of_other_modalities_it_leaves_out() {
    let (sandbox, _events) = sample();
    let out = sandbox.timeline().arg("list").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let all = sandbox.events(&["--modality", "all"]).len();
    let shown = sandbox.events(&[]).len();
    assert!(all > shown);
    assert!(
        stderr.contains(&format!("not shown: {} more event", all - shown))
            && stderr.contains("--modality all"),
        "{stderr}"
    );
    let everything = sandbox
        .timeline()
        .args(["list", "--modality", "all"])
        .output()
        .unwrap();
    assert!(
        everything.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&everything.stderr)
    );
    let json = sandbox
        .timeline()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(json.stderr.is_empty());
}

/// An undated event has no value: its report date is when it was reported by, which `end`
/// and the label ("≤ 2025-03-18") say, not a date it happened on.
#[test]
fn an_undated_event_has_no_value() {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "undated.txt",
        "---\npublished: 2025-03-18\n---\n\nTrump spoke with Putin by phone, the White House said.\n",
    );
    sandbox.ingest(&[&path]).success();
    let calls = sandbox.events(&["--type", "call"]);
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let date = &calls[0]["date"];
    assert_eq!(date["precision"], "undated");
    assert_eq!(date["value"], Value::Null);
    assert_eq!(date["end"], "2025-03-18");
    assert_eq!(date["label"], "≤ 2025-03-18");
}

/// A stored value that does not read back (a damaged database) is an error on one line
/// naming the value, instead of a mention with no actors or an event of no modality.
#[test]
fn a_damaged_column_is_an_error_not_a_default() {
    for (damage, expected) in [
        (
            "UPDATE mentions SET actors = 'not json' WHERE id = (SELECT min(id) FROM mentions)",
            "column actors holds \"not json\", not a JSON list",
        ),
        (
            "UPDATE mentions SET modality = 'maybe' WHERE id = (SELECT min(id) FROM mentions)",
            "\"maybe\" is not a modality",
        ),
        (
            "UPDATE mentions SET date_basis = 'hunch' WHERE id = (SELECT min(id) FROM mentions)",
            "\"hunch\" is not a date basis",
        ),
        (
            "UPDATE events SET precision = 'fortnight' WHERE id = (SELECT min(id) FROM events)",
            "column precision holds \"fortnight\", not a precision",
        ),
    ] {
        let (sandbox, _events) = sample();
        let db = rusqlite::Connection::open(sandbox.db()).unwrap();
        db.execute(damage, []).unwrap();
        drop(db);
        let out = sandbox
            .timeline()
            .args(["list", "--format", "json", "--modality", "all"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{damage}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{damage}: {stderr}");
    }
}

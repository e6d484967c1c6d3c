//! `timeline ingest`: articles in, events stored, bad input refused without loss.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn the_sample_ingests_and_reingesting_changes_nothing() {
    let sandbox = Sandbox::new();
    sandbox
        .ingest(&[&sample_articles()])
        .success()
        .stderr(predicate::str::contains("1 ingested, 0 unchanged, 0 failed"));
    let first = sandbox.events(&["--modality", "all"]);
    assert!(first.len() >= 9, "{first:#?}");
    sandbox
        .ingest(&[&sample_articles()])
        .success()
        .stderr(predicate::str::contains("0 ingested, 1 unchanged, 0 failed"));
    assert_eq!(sandbox.events(&["--modality", "all"]), first);
}

#[test]
fn stored_sentences_are_repaired() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    for event in sandbox.events(&["--modality", "all"]) {
        for mention in event["mentions"].as_array().unwrap() {
            let sentence = mention["sentence"].as_str().unwrap();
            assert!(!sentence.contains('â') && !sentence.contains('Â'), "{sentence}");
        }
    }
}

#[test]
fn an_undated_article_is_refused_and_the_others_still_ingest() {
    let sandbox = Sandbox::new();
    let undated = fixture("undated/no-date.txt");
    sandbox.ingest(&[&undated, &sample_articles()]).code(1).stderr(
        predicate::str::contains("no-date.txt: no publication date")
            .and(predicate::str::contains("--published"))
            .and(predicate::str::contains("1 ingested")),
    );
    assert!(!sandbox.events(&[]).is_empty());
    // Given the date, the same file ingests and its "Tuesday" resolves against it.
    sandbox
        .timeline()
        .args(["ingest", "--published", "2025-04-03"])
        .arg(&undated)
        .assert()
        .success();
    let calls = sandbox.events(&["--type", "call", "--from", "2025-04-01"]);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["date"]["start"], "2025-04-01");
}

#[test]
fn a_dateline_dates_an_article_without_front_matter_and_is_shown_as_inferred() {
    let sandbox = Sandbox::new();
    let page = sandbox.write(
        "page.txt",
        "Leaders agree to talk again\n\nUpdated: APRIL 3, 2025 10:12\n\n\
         Kenyan President William Ruto spoke with Tanzanian President Samia Suluhu Hassan on Tuesday.\n",
    );
    sandbox.ingest(&[&page]).success();
    let calls = sandbox.events(&["--type", "call"]);
    assert_eq!(calls.len(), 1, "{calls:#?}");
    // Tuesday before Thursday 3 April 2025.
    assert_eq!(calls[0]["date"]["start"], "2025-04-01");
    assert_eq!(
        calls[0]["mentions"][0]["published_from"],
        "Updated: APRIL 3, 2025 10:12"
    );
    sandbox
        .timeline()
        .arg("articles")
        .assert()
        .success()
        .stdout(predicate::str::contains("2025-04-03 (inferred)"));
    let id = calls[0]["id"].to_string();
    sandbox
        .timeline()
        .args(["show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("inferred from the text"));
    // --published still wins over the text.
    let other = sandbox.write("other.txt", "Updated: APRIL 3, 2025 10:12\n\nKenyan President William Ruto met Tanzanian President Samia Suluhu Hassan on Tuesday in Arusha.\n");
    sandbox
        .timeline()
        .args(["ingest", "--published", "2025-05-08"])
        .arg(&other)
        .assert()
        .success();
    let meetings = sandbox.events(&["--type", "meeting"]);
    assert!(
        meetings.iter().any(|m| m["date"]["start"] == "2025-05-06"),
        "{meetings:#?}"
    );
}

#[test]
fn show_says_why_from_the_parse_lemma_roles_and_the_clause_of_the_date() {
    let sandbox = Sandbox::new();
    let article = sandbox.write(
        "strike.txt",
        "---\npublished: 2025-07-17\n---\n\nIsrael struck the army headquarters in Damascus on Wednesday.\n",
    );
    sandbox.ingest(&[&article]).success();
    let attacks = sandbox.events(&["--type", "attack"]);
    assert_eq!(attacks.len(), 1, "{attacks:#?}");
    assert_eq!(attacks[0]["source"][0], "Israel");
    assert_eq!(attacks[0]["date"]["start"], "2025-07-16");
    let id = attacks[0]["id"].to_string();
    sandbox.timeline().args(["show", &id]).assert().success().stdout(
        predicate::str::contains("attack.verb (trigger lemma “strike”)")
            .and(predicate::str::contains("roles:     source Israel (nsubj)"))
            .and(predicate::str::contains("of “struck”")),
    );
}

#[test]
fn an_article_repeating_one_sentence_stores_a_bounded_number_of_reports() {
    let sandbox = Sandbox::new();
    let sentence = "Trump spoke with Putin by phone on Tuesday. ";
    let article = sandbox.write(
        "repeat.txt",
        format!("---\npublished: 2025-03-18\n---\n\n{}\n", sentence.repeat(300)),
    );
    sandbox
        .ingest(&[&article])
        .success()
        .stderr(predicate::str::contains("1 event in"));
    let calls = sandbox.events(&["--type", "call"]);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["mentions"].as_array().unwrap().len(), 16);
}

#[test]
fn unattended_runs_print_the_count_verbose_ones_a_line_per_article() {
    let sandbox = Sandbox::new();
    // Piped (as here), a plain run draws no progress bar and prints no line per article.
    let plain = sandbox.ingest(&[&sample_articles()]).success();
    let stderr = String::from_utf8(plain.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("1 ingested, 0 unchanged, 0 failed"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\r'), "{stderr:?}");
    let verbose = sandbox
        .timeline()
        .args(["ingest", "-v"])
        .arg(sample_articles())
        .assert()
        .success();
    let stderr = String::from_utf8(verbose.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("[1/1] skipped"), "{stderr}");
    assert!(stderr.contains("already ingested as"), "{stderr}");
    let again = sandbox
        .timeline()
        .args(["ingest", "--quiet"])
        .arg(sample_articles())
        .assert()
        .success();
    let stderr = String::from_utf8(again.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("0 ingested, 1 unchanged, 0 failed"), "{stderr}");
    sandbox
        .timeline()
        .args(["ingest", "-q", "-v"])
        .arg(sample_articles())
        .assert()
        .failure();
}

#[test]
fn a_closed_pipe_on_standard_error_does_not_stop_the_run() {
    let sandbox = Sandbox::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_timeline"))
        .env("TIMELINE_DB", sandbox.db())
        .args(["ingest", "--published", "2025-03-18"])
        .args((0..6).map(|i| {
            sandbox.write(
                &format!("a{i}.txt"),
                format!("Trump and Putin spoke Tuesday, call {i}.\n"),
            )
        }))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Nobody reads what it reports.
    drop(child.stderr.take());
    assert!(child.wait().unwrap().success());
    sandbox
        .timeline()
        .arg("articles")
        .assert()
        .success()
        .stdout(predicate::str::contains("a5.txt"));
}

#[test]
fn errors_name_the_file_and_lose_nothing_stored() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    let before = sandbox.events(&["--modality", "all"]);
    let bad = sandbox.write("bad.txt", "---\npublished: 18 March\n---\nTrump called Putin.");
    sandbox.ingest(&[&bad]).code(1).stderr(predicate::str::contains(
        "bad.txt: front matter: published date \"18 March\" is not YYYY-MM-DD",
    ));
    let binary = sandbox.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    sandbox
        .ingest(&[&binary])
        .code(1)
        .stderr(predicate::str::contains("image.txt: not a text file"));
    let missing = sandbox.dir.path().join("missing.txt");
    sandbox
        .ingest(&[&missing])
        .code(1)
        .stderr(predicate::str::contains("missing.txt: no such file or directory"));
    assert_eq!(sandbox.events(&["--modality", "all"]), before);
}

#[test]
fn stdin_and_flags_supply_metadata() {
    let sandbox = Sandbox::new();
    sandbox
        .timeline()
        .args([
            "ingest",
            "-",
            "--published",
            "2025-03-18",
            "--source",
            "Test Wire",
            "--title",
            "Piped",
        ])
        .write_stdin("Trump and Putin spoke Tuesday in a phone call.")
        .assert()
        .success();
    let events = sandbox.events(&[]);
    assert_eq!(events.len(), 1);
    let mention = &events[0]["mentions"][0];
    assert_eq!(mention["article"], "stdin");
    assert_eq!(mention["source"], "Test Wire");
    assert_eq!(mention["title"], "Piped");
    assert_eq!(events[0]["date"]["start"], "2025-03-18");
}

#[test]
fn windows_1252_files_are_decoded() {
    let sandbox = Sandbox::new();
    let mut bytes = b"---\npublished: 2025-03-18\n---\n".to_vec();
    bytes.extend_from_slice(b"\x93Today,\x94 Trump and Putin spoke by phone, the Kremlin said.");
    let path = sandbox.write("cp1252.txt", bytes);
    sandbox.ingest(&[&path]).success();
    let events = sandbox.events(&[]);
    let sentence = events[0]["mentions"][0]["sentence"].as_str().unwrap();
    assert!(sentence.starts_with("“Today,”"), "{sentence}");
}

#[test]
fn reports_of_one_event_merge_and_refine_its_date() {
    let sandbox = Sandbox::new();
    sandbox
        .ingest(&[&sample_articles(), &fixture("articles")])
        .success();
    let meetings = sandbox.events(&["--type", "meeting"]);
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    let meeting = &meetings[0];
    // "Last week" (2025-W11) and "on Tuesday" in a paper of 2025-03-12 agree on March 11.
    assert_eq!(meeting["date"]["start"], "2025-03-11");
    assert_eq!(meeting["date"]["precision"], "day");
    assert_eq!(meeting["articles"], 2);
    assert_eq!(meeting["sources"], 2);
}

#[test]
fn absurd_counts_give_no_date_and_the_run_goes_on() {
    let sandbox = Sandbox::new();
    let absurd = sandbox.write(
        "absurd.txt",
        "---\npublished: 2025-03-18\n---\nIt began 100000000 days ago, and 9999999999999 weeks ago. \
         The envoys met on Feb. 25 and again 100000000 days later. Talks end 3000000 months from now.\n",
    );
    sandbox
        .ingest(&[&absurd, &sample_articles()])
        .success()
        .stderr(predicate::str::contains("panicked").not());
    let tagged = sandbox
        .timeline()
        .args(["tag", "--format", "jsonl"])
        .arg(&absurd)
        .output()
        .unwrap();
    assert!(tagged.status.success());
    let lines = String::from_utf8(tagged.stdout).unwrap();
    // Only "Feb. 25" is a date; no count that leaves the calendar becomes one ("3000000
    // months" from now is a duration, with no date).
    let values: Vec<String> = lines
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|expr| !expr["interval"].is_null())
        .map(|expr| expr["value"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(values, ["2025-02-25"], "{lines}");
    let articles = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&articles.stdout).unwrap();
    assert_eq!(articles.len(), 2);
}

/// The split path (`extract` anywhere, then `ingest --mentions`) gives the timeline a direct
/// ingest gives, and a bad line is one failure naming its line.
#[test]
fn extract_then_ingest_mentions_equals_a_direct_ingest() {
    let direct = Sandbox::new();
    direct.ingest(&[&sample_articles()]).success();
    let split = Sandbox::new();
    let extracted = split
        .timeline()
        .arg("extract")
        .arg(sample_articles())
        .output()
        .unwrap();
    assert!(
        extracted.status.success(),
        "{}",
        String::from_utf8_lossy(&extracted.stderr)
    );
    let lines = String::from_utf8(extracted.stdout).unwrap();
    assert_eq!(
        lines.lines().count(),
        std::fs::read_dir(sample_articles()).unwrap().count()
    );
    // Halves stored by two runs, one from a file with a broken line, one from stdin.
    let (first, second) = lines.split_at(lines.find('\n').unwrap() + 1);
    let file = split.write("first.jsonl", format!("{first}{{\"version\": 1}}\n\n"));
    split
        .timeline()
        .args(["ingest", "--mentions"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "first.jsonl:2: not an extraction: missing field",
        ));
    split
        .timeline()
        .args(["ingest", "--quiet", "--mentions", "-"])
        .write_stdin(second)
        .assert()
        .success();
    assert_eq!(split.export_json(), direct.export_json());
    assert_eq!(
        split.events(&["--modality", "all"]),
        direct.events(&["--modality", "all"])
    );
}

#[test]
fn articles_extracted_by_other_rules_are_found_and_extracted_again() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    let cameo_of_calls = |sandbox: &Sandbox| -> Vec<String> {
        let out = sandbox
            .timeline()
            .args(["list", "--format", "json", "--type", "call"])
            .output()
            .unwrap();
        let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        events
            .iter()
            .map(|e| e["cameo"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(cameo_of_calls(&sandbox).iter().all(|c| c == "041"));
    // Rules changed: the same types, the call coded 040 instead of 041.
    let rules = sandbox.write("rules-marker", "").with_file_name("rules");
    std::fs::create_dir_all(rules.join("events")).unwrap();
    let types = std::fs::read_to_string(project("data/rules/events/types.toml")).unwrap();
    std::fs::write(
        rules.join("events/types.toml"),
        types.replace("cameo = \"041\"", "cameo = \"040\""),
    )
    .unwrap();
    let with_rules = |args: &[&str]| {
        let mut cmd = sandbox.timeline();
        cmd.env("TIMELINE_RULES", &rules).args(args);
        cmd.assert()
    };
    let warned = with_rules(&["ingest", sample_articles().to_str().unwrap()]).success();
    let stderr = String::from_utf8(warned.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "other rules or models extracted 1 stored article; `timeline reextract` extracts it again"
        ),
        "{stderr}"
    );
    with_rules(&["reextract", "--dry-run"])
        .success()
        .stderr(predicate::str::contains("would extract 1 article again"));
    assert!(
        cameo_of_calls(&sandbox).iter().all(|c| c == "041"),
        "a dry run changes nothing"
    );
    with_rules(&["reextract"])
        .success()
        .stderr(predicate::str::contains("extracted 1 article again, 0 failed"));
    let recoded = cameo_of_calls(&sandbox);
    assert!(
        !recoded.is_empty() && recoded.iter().all(|c| c == "040"),
        "{recoded:?}"
    );
    // Now nothing is left to do under these rules, and the store equals a fresh ingest.
    with_rules(&["reextract", "--dry-run"])
        .success()
        .stderr(predicate::str::contains("would extract 0 articles again"));
    let fresh = Sandbox::new();
    let mut cmd = fresh.timeline();
    cmd.env("TIMELINE_RULES", &rules)
        .arg("ingest")
        .arg(sample_articles())
        .assert()
        .success();
    assert_eq!(sandbox.export_json(), fresh.export_json());
    // Back on the built-in rules, ingest says so again.
    sandbox
        .ingest(&[&sample_articles()])
        .success()
        .stderr(predicate::str::contains(
            "other rules or models extracted 1 stored article",
        ));
}

/// On a terminal, ingest draws a progress bar with the count, the rate and the time left
/// (and clears it before the closing line). Run under `script`, which gives it a terminal;
/// skipped where there is no `script`.
#[test]
fn a_terminal_gets_a_progress_bar() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` here: skipped");
        return;
    }
    let sandbox = Sandbox::new();
    let folder = sandbox.write("marker", "").with_file_name("two");
    std::fs::create_dir(&folder).unwrap();
    for (name, day) in [("a.txt", "Monday"), ("b.txt", "Tuesday")] {
        let text =
            format!("---\npublished: 2025-03-19\n---\n\nChile and Peru signed a trade agreement on {day}.\n");
        std::fs::write(folder.join(name), text).unwrap();
    }
    let command = format!("{} ingest {}", env!("CARGO_BIN_EXE_timeline"), folder.display());
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TIMELINE_DB", sandbox.db())
        .env("TERM", "xterm")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("/2 articles") && shown.contains("left"),
        "{shown:?}"
    );
    assert!(shown.contains("2 ingested, 0 unchanged, 0 failed"), "{shown:?}");
}

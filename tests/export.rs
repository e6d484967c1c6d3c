//! `timeline seq` and `timeline export` on the sample data.

mod common;

use common::*;
use predicates::prelude::*;

fn sample() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    sandbox
}

fn export(sandbox: &Sandbox, format: &str) -> String {
    let out = sandbox
        .timeline()
        .args(["export", "--format", format])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn seq_prints_storylines_with_day_gaps() {
    let sandbox = sample();
    let out = sandbox
        .timeline()
        .args(["seq", "--width", "140"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let titles: Vec<&str> = text.lines().filter(|l| l.contains(" step")).collect();
    assert!(titles.len() >= 2, "{text}");
    assert!(titles[0].starts_with("Ceasefire ("), "{text}");
    // The ceasefire thread runs from last week's proposal to the call, with the gaps.
    assert!(text.contains("≥ 2") && text.contains("+0"), "{text}");
    let json = sandbox
        .timeline()
        .args(["seq", "--format", "json"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let first = &lines[0]["steps"];
    assert!(first.as_array().unwrap().len() >= 4);
    sandbox
        .timeline()
        .args(["seq", "--topic", "ceasefire", "--format", "markdown"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("### Ceasefire")
                .and(predicate::str::contains("| Step | Date | Days |")),
        );
    sandbox
        .timeline()
        .args(["seq", "--by", "actors", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("storyline,step,event"));
}

#[test]
fn timelinejs_export_has_what_timelinejs_reads() {
    let sandbox = sample();
    let json: serde_json::Value = serde_json::from_str(&export(&sandbox, "timelinejs")).unwrap();
    let events = json["events"].as_array().unwrap();
    assert!(events.len() >= 9);
    for event in events {
        assert!(event["start_date"]["year"].is_i64(), "{event}");
        assert!(!event["text"]["headline"].as_str().unwrap().is_empty());
        assert!(event["group"].is_string());
        if let Some(month) = event["start_date"].get("month") {
            assert!((1..=12).contains(&month.as_i64().unwrap()));
        }
    }
    // A week is a span; a day has no end.
    let meeting = events
        .iter()
        .find(|e| e["text"]["headline"].as_str().unwrap().starts_with("Meeting"))
        .unwrap();
    assert_eq!(
        meeting["start_date"],
        serde_json::json!({"year": 2025, "month": 3, "day": 10})
    );
    assert_eq!(
        meeting["end_date"],
        serde_json::json!({"year": 2025, "month": 3, "day": 16})
    );
    assert!(json["title"]["text"]["headline"].is_string());
}

#[test]
fn ics_export_parses_as_icalendar() {
    let sandbox = sample();
    let text = export(&sandbox, "ics");
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let calendar = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none());
    assert!(calendar.events.len() >= 9);
    for event in &calendar.events {
        let get = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        assert!(get("UID").is_some() && get("SUMMARY").is_some() && get("DTSTAMP").is_some());
        // Events of a negotiation do not make the reader busy.
        assert_eq!(get("TRANSP").as_deref(), Some("TRANSPARENT"));
        let start = event.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert!(start
            .params
            .as_ref()
            .unwrap()
            .iter()
            .any(|(k, v)| k == "VALUE" && v == &["DATE".to_owned()]));
    }
    // Last week's meeting spans its seven days (DTEND is exclusive).
    let meeting = calendar
        .events
        .iter()
        .find(|e| {
            e.properties
                .iter()
                .any(|p| p.name == "SUMMARY" && p.value.as_deref().unwrap_or("").starts_with("Meeting"))
        })
        .unwrap();
    let value = |name: &str| {
        meeting
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .value
            .clone()
            .unwrap()
    };
    assert_eq!(
        (value("DTSTART").as_str(), value("DTEND").as_str()),
        ("20250310", "20250317")
    );
}

#[test]
fn html_export_escapes_article_text() {
    let sandbox = Sandbox::new();
    let article = sandbox.write(
        "xss.txt",
        "---\ntitle: <script>alert('title')</script> Talks\nsource: <b>Bold</b> Wire\nurl: javascript:alert(1)\npublished: 2025-03-18\n---\n\nTrump and Putin spoke Tuesday in a phone call <script>alert(2)</script>.\n",
    );
    sandbox.ingest(&[&article]).success();
    let html = export(&sandbox, "html");
    // The page's own filter script is the only one; none comes from the article.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>Bold"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt; Wire"));
}

#[test]
fn html_export_is_self_contained_and_draws_every_event() {
    let sandbox = sample();
    let path = html_file(&sandbox);
    let html = std::fs::read_to_string(&path).unwrap();
    // Nothing fetched: one inline script, no src=, no stylesheet link, no import.
    assert!(
        html.matches("<script>").count() == 1
            && !html.contains("<link")
            && !html.contains(" src=")
            && !html.contains("@import")
    );
    assert_eq!(html.matches("class=\"mark").count(), 9, "nine marks");
    assert!(html.contains("class=\"lane-label\">Ceasefire"));
}

/// What a reader needs on a phone and in a long timeline: the viewport set, a filter box and
/// one checkbox per type (the legend), a label on each mark, cards near the right edge opened
/// leftwards, Escape to close a card.
#[test]
fn html_export_fits_a_phone_and_filters() {
    let sandbox = sample();
    let html = std::fs::read_to_string(html_file(&sandbox)).unwrap();
    assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(html.contains("<input type=\"search\" id=\"filter\""));
    let types: std::collections::BTreeSet<&str> = html
        .split("class=\"mark")
        .skip(1)
        .filter_map(|m| m.split("data-type=\"").nth(1)?.split('"').next())
        .collect();
    assert!(types.len() >= 3, "{types:?}");
    for t in &types {
        assert!(
            html.contains(&format!("class=\"type-toggle\" value=\"{t}\" checked")),
            "no checkbox for {t}"
        );
    }
    assert_eq!(html.matches("<span class=\"label\">").count(), 9);
    assert!(
        html.contains("class=\"mark flip\"") || html.contains(" flip\""),
        "a card opens leftwards"
    );
    assert!(html.contains("e.key === 'Escape'"));
    assert!(html.contains("@media (max-width: 640px)"));
}

/// Renders the HTML page in headless Chromium (Debian's `chromium`), when it is installed,
/// and checks the page loads with no console error. Without Chromium the test says so and
/// passes: the HTML itself is checked by the tests above.
#[test]
fn html_export_renders_in_headless_chromium() {
    let Some(browser) = Browser::with_sample() else {
        return;
    };
    let (dom, log) = browser.dump_dom("");
    assert!(dom.contains("class=\"mark"), "the page did not render: {log}");
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") && l.contains("ERROR"))
        .collect();
    assert!(console_errors.is_empty(), "{console_errors:#?}");
}

/// The filter runs in a browser: "#q=" in the address hides the marks and rows whose text
/// does not hold the words (skipped, as above, without Chromium).
#[test]
fn html_export_filters_in_headless_chromium() {
    let Some(browser) = Browser::with_sample() else {
        return;
    };
    let (all, _) = browser.dump_dom("");
    let (filtered, log) = browser.dump_dom("#q=ceasefire");
    let hidden = |dom: &str| dom.matches(" hidden=\"\"").count();
    assert_eq!(hidden(&all), 0, "nothing hidden without a filter");
    assert!(hidden(&filtered) > 0, "the filter hid nothing: {log}");
    let marks = filtered.matches("class=\"mark").count();
    let hidden_marks = filtered
        .split("class=\"mark")
        .skip(1)
        .filter(|m| m.split('>').next().is_some_and(|tag| tag.contains("hidden")))
        .count();
    assert!(
        hidden_marks > 0 && hidden_marks < marks,
        "{hidden_marks} of {marks} marks hidden"
    );
}

/// Headless Chromium (Debian's `chromium`) and the sample's HTML export; `None`, said on
/// stderr, when Chromium is not installed.
struct Browser {
    chromium: &'static str,
    sandbox: Sandbox,
    page: std::path::PathBuf,
}

impl Browser {
    fn with_sample() -> Option<Browser> {
        let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| which(c)) else {
            eprintln!("chromium is not installed: skipping the browser check");
            return None;
        };
        let sandbox = sample();
        let page = html_file(&sandbox);
        Some(Browser {
            chromium,
            sandbox,
            page,
        })
    }

    /// The page's DOM after its script ran (the address ending in `fragment`), and
    /// Chromium's log.
    fn dump_dom(&self, fragment: &str) -> (String, String) {
        let profile = self.sandbox.dir.path().join("profile");
        let url = format!("file://{}{fragment}", self.page.display());
        dump_dom(self.chromium, &profile, &url)
    }
}

fn dump_dom(chromium: &str, profile: &std::path::Path, url: &str) -> (String, String) {
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The sample's HTML export, written with `-o` to a file in the sandbox.
fn html_file(sandbox: &Sandbox) -> std::path::PathBuf {
    let path = sandbox.dir.path().join("timeline.html");
    sandbox
        .timeline()
        .args(["export", "--format", "html", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Article text that attacks its reader: terminal control sequences, a carriage return, a
/// spreadsheet formula, a `javascript:` URL.
#[test]
fn hostile_text_is_disarmed_in_every_output() {
    let sandbox = Sandbox::new();
    let hostile = sandbox.write(
        "hostile.txt",
        "---\npublished: 2025-03-18\ntitle: Talks\u{1b}]0;owned\u{7}\nurl: javascript:alert(1)\n---\n\
         @SUM(1+1)*cmd|'/c calc'!A1 Trump spoke with Putin on Tuesday \u{1b}[2J about a\rceasefire \\| \
         here\u{9b}31m, \u{7f}and \u{202e}desrever\u{2066} <script>alert(1)</script>.\n",
    );
    sandbox.ingest(&[&hostile]).success();
    // The evidence keeps the text as it was (after the cleanup every article gets: a
    // carriage return is a line break).
    let json = sandbox.timeline().args(["show", "1", "--json"]).output().unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sentence = shown["mentions"][0]["sentence"].as_str().unwrap();
    for kept in [
        "\u{1b}[2J",
        "\u{9b}31m",
        "\u{7f}",
        "\u{202e}desrever\u{2066}",
        "@SUM(1+1)",
    ] {
        assert!(sentence.contains(kept), "{kept:?} in {sentence:?}");
    }
    for args in [
        &["list"][..],
        &["list", "--format", "csv"],
        &["list", "--format", "markdown"],
        &["seq"],
        &["seq", "--format", "csv"],
        &["seq", "--format", "markdown"],
        &["show", "1"],
        &["articles"],
        &["conflicts"],
        &["export", "--format", "ics"],
        &["export", "--format", "html"],
        &["export", "--format", "timelinejs"],
        &["export", "--format", "csv"],
        &["export", "--format", "markdown"],
    ] {
        let out = sandbox.timeline().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let text = if args.contains(&"ics") {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}']),
            "{args:?}: {text:?}"
        );
        // A link can only be followed where the output makes links: calendars and pages.
        if args.contains(&"export") {
            assert!(!text.contains("javascript:"), "{args:?}: {text}");
        }
        // Pages (and TimelineJS, which shows its text as HTML) escape markup.
        if args.contains(&"html") || args.contains(&"timelinejs") {
            assert!(!text.contains("<script>alert"), "{args:?}: {text}");
        }
    }
    let csv = sandbox
        .timeline()
        .args(["list", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    let markdown = sandbox
        .timeline()
        .args(["list", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    let row = markdown.lines().nth(2).unwrap();
    // Eight cells: an escaped pipe in the text does not open a ninth.
    let unescaped = row.replace("\\\\", "").replace("\\|", "");
    assert_eq!(unescaped.matches('|').count(), 9, "{row}");
}

/// `export --format json` is an envelope with a version around the events `list` prints; its
/// JSON Schema (generated from the types that write it) names every field the export holds
/// and requires those always present.
#[test]
fn json_export_has_a_version_and_a_schema_that_describes_it() {
    let sandbox = sample();
    let export: serde_json::Value = serde_json::from_str(&export(&sandbox, "json")).unwrap();
    assert_eq!(export["version"], 1);
    let listed: serde_json::Value = serde_json::from_slice(
        &sandbox
            .timeline()
            .args(["list", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(export["events"], listed, "the events are list's");

    // The schema needs no database.
    let schema = Sandbox::new()
        .timeline()
        .args(["export", "--format", "json-schema"])
        .output()
        .unwrap();
    assert!(schema.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap();
    let definition = |name: &str| schema["$defs"][name].clone();
    let check = |value: &serde_json::Value, definition: &serde_json::Value, what: &str| {
        let properties = definition["properties"].as_object().unwrap();
        let object = value.as_object().unwrap();
        for key in object.keys() {
            assert!(properties.contains_key(key), "{what}.{key} is not in the schema");
        }
        for required in definition["required"].as_array().unwrap() {
            assert!(
                object.contains_key(required.as_str().unwrap()),
                "{what} lacks {required}"
            );
        }
    };
    let events = export["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for event in events {
        check(event, &definition("Event"), "event");
        check(&event["date"], &definition("EventDate"), "event.date");
        for mention in event["mentions"].as_array().unwrap() {
            check(mention, &definition("Mention"), "mention");
            check(&mention["date"], &definition("MentionDate"), "mention.date");
        }
    }
}

/// The Parquet rows of `format` as JSON objects, read back with the parquet crate's own
/// reader (dates as `YYYY-MM-DD`, lists as arrays).
fn parquet_rows(sandbox: &Sandbox, format: &str) -> Vec<serde_json::Value> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let path = sandbox.dir.path().join(format!("{format}.parquet"));
    sandbox
        .timeline()
        .args(["export", "--format", format, "--output"])
        .arg(&path)
        .assert()
        .success();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().to_json_value())
        .collect()
}

/// The `key` of each object of the JSON array `list`, as an array.
fn each(list: &serde_json::Value, key: &str) -> serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].clone())
        .collect()
}

#[test]
fn parquet_exports_hold_what_the_json_export_holds() {
    let sandbox = sample();
    let json: serde_json::Value = serde_json::from_str(&export(&sandbox, "json")).unwrap();
    let events = json["events"].as_array().unwrap();
    let rows = parquet_rows(&sandbox, "parquet");
    assert_eq!(rows.len(), events.len());
    for (row, event) in rows.iter().zip(events) {
        assert_eq!(row["id"], event["id"]);
        assert_eq!(row["type"], event["type"]);
        assert_eq!(row["actors"], event["actors"]);
        assert_eq!(row["modality"], event["modality"]);
        assert_eq!(row["sources"], event["sources"]);
        assert_eq!(row["start"], event["date"]["start"], "{row}");
        assert_eq!(row["end"], event["date"]["end"]);
        assert_eq!(row["conflict_kinds"], each(&event["conflicts"], "kind"));
    }
    let mentions = parquet_rows(&sandbox, "parquet-mentions");
    let reported: Vec<(&serde_json::Value, &serde_json::Value)> = events
        .iter()
        .flat_map(|e| {
            e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |m| (&e["id"], m))
        })
        .collect();
    assert_eq!(mentions.len(), reported.len());
    for (row, (id, mention)) in mentions.iter().zip(reported) {
        assert_eq!(&row["event_id"], id);
        assert_eq!(row["sentence"], mention["sentence"]);
        assert_eq!(row["published"], mention["published"]);
        assert_eq!(row["date_start"], mention["date"]["start"]);
        assert_eq!(row["role_actors"], each(&mention["roles"], "actor"));
    }
    assert!(mentions
        .iter()
        .any(|m| !m["role_actors"].as_array().unwrap().is_empty()));
}

//! `timeline tag`: the temporal tagger on real files.

mod common;

use common::*;
use serde_json::Value;

fn tag(args: &[&str]) -> Vec<Value> {
    let out = Sandbox::new()
        .timeline()
        .arg("tag")
        .args(args)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_sample_articles_dates_resolve_against_its_publication_date() {
    let path = sample_articles().join("2025-03-18-cbs-trump-putin-call.txt");
    let found = tag(&[path.to_str().unwrap()]);
    let value = |text: &str| {
        found.iter().find(|e| e["text"] == text).map(|e| {
            (
                e["type"].as_str().unwrap().to_owned(),
                e["value"].as_str().unwrap().to_owned(),
            )
        })
    };
    assert_eq!(value("Tuesday"), Some(("DATE".into(), "2025-03-18".into())));
    assert_eq!(value("Today"), Some(("DATE".into(), "2025-03-18".into())));
    assert_eq!(value("Monday"), Some(("DATE".into(), "2025-03-17".into())));
    assert_eq!(value("Last week"), Some(("DATE".into(), "2025-W11".into())));
    assert_eq!(value("30-day"), Some(("DURATION".into(), "P30D".into())));
    assert_eq!(
        value("at least 90 minutes"),
        Some(("DURATION".into(), "PT90M".into()))
    );
    assert_eq!(value("three years"), Some(("DURATION".into(), "P3Y".into())));
}

#[test]
fn offsets_are_characters_of_the_cleaned_text() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("t.txt", "Café talks — Tuesday.");
    let found = tag(&[path.to_str().unwrap(), "--published", "2025-03-18"]);
    // "Café talks — " is 13 characters (15 bytes).
    assert_eq!(found[0]["start"], 13);
    assert_eq!(found[0]["end"], 20);
    assert_eq!(
        found[0]["interval"],
        serde_json::json!(["2025-03-18", "2025-03-18"])
    );
}

#[test]
fn a_text_without_a_reference_date_is_refused() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("t.txt", "on Tuesday");
    sandbox
        .timeline()
        .arg("tag")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("t.txt: no publication date"));
}

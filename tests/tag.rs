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

/// `TIMELINE_RULES` points at a folder of rule files that replace the built-in ones of the
/// same path; a broken override is an error naming the file.
#[test]
fn rule_files_can_be_overridden() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("noon.txt", "---\npublished: 2025-03-18\n---\nThey met at noon.\n");
    let tag = |rules: Option<&std::path::Path>| {
        let mut cmd = sandbox.timeline();
        if let Some(dir) = rules {
            cmd.env("TIMELINE_RULES", dir);
        }
        cmd.args(["tag", "--format", "jsonl"])
            .arg(&article)
            .output()
            .unwrap()
    };
    let built_in = tag(None);
    assert!(String::from_utf8_lossy(&built_in.stdout).contains("2025-03-18T12:00"));

    let rules = sandbox.dir.path().join("rules");
    std::fs::create_dir_all(rules.join("time")).unwrap();
    let mut text = std::fs::read_to_string(project("data/rules/time/rules.toml")).unwrap();
    text.push_str(
        "\n[[rule]]\nname = \"none.test_noon\"\npattern = '(?i:at\\s+noon)'\n\
         resolve = \"none\"\nexamples = [[\"at noon\", \"\"]]\n",
    );
    std::fs::write(rules.join("time/rules.toml"), text).unwrap();
    let overridden = tag(Some(&rules));
    assert!(
        overridden.status.success(),
        "{}",
        String::from_utf8_lossy(&overridden.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&overridden.stdout), "");

    std::fs::write(rules.join("time/rules.toml"), "[[rule]\n").unwrap();
    let broken = tag(Some(&rules));
    assert!(!broken.status.success());
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(err.contains("time/rules.toml"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

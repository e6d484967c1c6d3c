//! `timeline completions`: shell completion scripts from the command definition.

mod common;

use common::*;

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Sandbox::new()
            .timeline()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("ingest"), "{shell}");
    }
}

/// Completions offer the values an option takes: event types, modalities, topics (from the
/// rule files), not file names.
#[test]
fn completions_offer_types_modalities_and_topics() {
    let out = Sandbox::new()
        .timeline()
        .args(["completions", "fish"])
        .output()
        .unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    // fish writes an option's values on the lines after its `-l NAME`, up to the next
    // `complete` line.
    let offered = |option: &str, value: &str| {
        script
            .split("\ncomplete ")
            .any(|entry| entry.contains(&format!("-l {option} ")) && entry.contains(&format!("{value}\\t")))
    };
    assert!(offered("type", "meeting"), "{script}");
    assert!(offered("type", "ceasefire"));
    assert!(offered("modality", "hypothetical"));
    assert!(offered("topic", "ceasefire"));
    assert!(offered("actor", "Zelensky"));
}

/// The dynamic script asks the program at each Tab, which offers what the database holds:
/// the keys of its articles for `remove`, the actors of its events for `--actor`.
#[test]
fn dynamic_completions_offer_article_keys_and_stored_actors() {
    let sandbox = Sandbox::new();
    let script = sandbox
        .timeline()
        .args(["completions", "bash", "--dynamic"])
        .output()
        .unwrap();
    assert!(script.status.success());
    let script = String::from_utf8(script.stdout).unwrap();
    assert!(
        script.contains("_clap_complete_timeline") && script.contains("COMPLETE="),
        "{script}"
    );
    // With no database, nothing is offered and nothing is created.
    let ask = |words: &[&str]| {
        let out = sandbox
            .timeline()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .env("_CLAP_IFS", "\n")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let is_key = |l: &str| l.len() == 12 && l.bytes().all(|b| b.is_ascii_hexdigit());
    assert!(!ask(&["timeline", "remove", ""]).lines().any(is_key));
    assert!(!sandbox.db().exists());
    sandbox.ingest(&[&sample_articles()]).success();
    let out = sandbox
        .timeline()
        .args(["articles", "--format", "json"])
        .output()
        .unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let key = articles[0]["key"].as_str().unwrap();
    let offered = ask(&["timeline", "remove", ""]);
    assert_eq!(
        offered.lines().filter(|l| is_key(l)).collect::<Vec<_>>(),
        [key],
        "{offered}"
    );
    assert_eq!(ask(&["timeline", "remove", &key[..4]]).trim(), key);
    let actors = ask(&["timeline", "list", "--actor", "pu"]);
    assert!(actors.lines().any(|l| l == "Putin"), "{actors}");
}

/// The manual page is roff made from the command definitions: every command and option is in
/// it, and a page per command names its options.
#[test]
fn the_manual_page_lists_every_command_and_a_command_page_its_options() {
    let sandbox = Sandbox::new();
    let page = sandbox.timeline().arg("man").output().unwrap();
    assert!(page.status.success());
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH timeline 1"),
        "{page}"
    );
    for command in [
        "ingest",
        "extract",
        "list",
        "seq",
        "show",
        "conflicts",
        "export",
        "remove",
    ] {
        assert!(page.contains(command), "{command}");
    }
    let ingest = sandbox.timeline().args(["man", "ingest"]).output().unwrap();
    let ingest = String::from_utf8(ingest.stdout).unwrap();
    assert!(ingest.contains(".TH timeline-ingest 1"), "{ingest}");
    assert!(ingest.contains("mentions") && ingest.contains("jobs"), "{ingest}");
    sandbox.timeline().args(["man", "nosuch"]).assert().code(2);
}

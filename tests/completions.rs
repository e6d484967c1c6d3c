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

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

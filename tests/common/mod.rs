//! Helpers for running the real `timeline` binary against a fresh database.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("timeline.db")
    }

    /// The binary, pointed at this sandbox's database, with no rule overrides.
    pub fn timeline(&self) -> Command {
        let mut cmd = Command::cargo_bin("timeline").unwrap();
        cmd.env("TIMELINE_DB", self.db())
            .env_remove("TIMELINE_RULES")
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn ingest(&self, paths: &[&Path]) -> assert_cmd::assert::Assert {
        self.timeline().arg("ingest").args(paths).assert()
    }

    /// `export --format json`: the whole timeline, as compared across ways of building it.
    pub fn export_json(&self) -> String {
        let out = self
            .timeline()
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// `list --format json` with extra arguments, parsed.
    pub fn events(&self, args: &[&str]) -> Vec<Value> {
        let out = self
            .timeline()
            .args(["list", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
    }

    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

pub fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn sample_articles() -> PathBuf {
    project("data/articles")
}

pub fn fixture(path: &str) -> PathBuf {
    project("tests/fixtures").join(path)
}

/// The events of `events` of type `event_type`.
pub fn of_type<'a>(events: &'a [Value], event_type: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == event_type).collect()
}

pub fn actors(event: &Value) -> Vec<String> {
    event["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}

/// Whether the tests run as root, whom file permissions do not stop.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

//! Several processes on one database: writers wait their turn, readers never fail, and a
//! database on storage the process cannot write to can still be read.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use common::Sandbox;
use serde_json::Value;

/// `count` short articles in `folder`, numbered from `first`, each about its own meeting.
fn articles(sandbox: &Sandbox, folder: &str, first: usize, count: usize) -> PathBuf {
    let dir = sandbox.dir.path().join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    for n in first..first + count {
        let day = 1 + n % 27;
        std::fs::write(
            dir.join(format!("a{n}.txt")),
            format!(
                "---\ntitle: Report {n}\nurl: https://news.example/{n}\npublished: 2025-04-{day:02}\n---\n\n\
                 Delegates of Chile and Peru met in Geneva on Monday for round {n} of talks.\n"
            ),
        )
        .unwrap();
    }
    dir
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("timeline")
}

fn spawn(db: &Path, args: &[&Path]) -> std::process::Child {
    Process::new(binary())
        .env("TIMELINE_DB", db)
        .env_remove("TIMELINE_RULES")
        .arg("ingest")
        .arg("--quiet")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn stored_articles(sandbox: &Sandbox) -> Vec<Value> {
    let out = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn four_ingests_of_overlapping_folders_on_a_new_database_store_each_article_once() {
    let sandbox = Sandbox::new();
    let folders: Vec<PathBuf> = (0..4)
        .map(|k| articles(&sandbox, &format!("f{k}"), 10 * k, 10))
        .collect();
    // Each process takes two neighbouring folders, so every folder is ingested twice, by two
    // processes that start together on a database that does not exist yet.
    let children: Vec<_> = (0..4)
        .map(|k| spawn(&sandbox.db(), &[&folders[k], &folders[(k + 1) % 4]]))
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "an ingest failed: {stderr}");
        assert!(stderr.contains(", 0 failed;"), "{stderr}");
    }
    let stored = stored_articles(&sandbox);
    let mut urls: Vec<&str> = stored.iter().map(|a| a["url"].as_str().unwrap()).collect();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(stored.len(), 40, "every article once");
    assert_eq!(urls.len(), 40);
}

#[test]
fn list_never_fails_while_an_ingest_writes() {
    let sandbox = Sandbox::new();
    let first = articles(&sandbox, "first", 0, 3);
    sandbox.ingest(&[&first]).success();
    let more = articles(&sandbox, "more", 100, 40);
    let mut ingest = spawn(&sandbox.db(), &[&more]);
    let mut reads = 0;
    while ingest.try_wait().unwrap().is_none() || reads == 0 {
        let out = sandbox
            .timeline()
            .args(["list", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "list failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("a whole JSON array");
        reads += 1;
    }
    assert!(ingest.wait().unwrap().success());
    assert_eq!(stored_articles(&sandbox).len(), 43);
}

#[cfg(unix)]
#[test]
fn a_database_in_a_folder_nobody_may_write_to_can_be_read() {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = Sandbox::new();
    let folder = articles(&sandbox, "in", 0, 3);
    let ro = sandbox.dir.path().join("readonly");
    std::fs::create_dir(&ro).unwrap();
    let db = ro.join("t.db");
    sandbox
        .timeline()
        .env("TIMELINE_DB", &db)
        .arg("ingest")
        .arg(&folder)
        .assert()
        .success();
    let listed = |as_user: bool| {
        // Root may write anywhere: the reader then runs as `nobody`, for whom the folder is
        // read-only as for anyone else.
        let mut cmd = if as_user {
            let mut c = Process::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(binary());
            c
        } else {
            Process::new(binary())
        };
        cmd.env("TIMELINE_DB", &db)
            .args(["list", "--format", "json"])
            .output()
            .unwrap()
    };
    let before = listed(false);
    assert!(before.status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let root = common::is_root();
    if root && Process::new("setpriv").arg("--help").output().is_err() {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    }
    // `nobody` must be able to reach the folder.
    if root {
        let mut dir = ro.parent();
        while let Some(d) = dir {
            let mode = std::fs::metadata(d).unwrap().permissions().mode();
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o005)).unwrap();
            dir = d.parent().filter(|p| p.starts_with(sandbox.dir.path()));
        }
    }
    let after = listed(root);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert_eq!(after.stdout, before.stdout);
    assert!(
        std::fs::read_dir(&ro).unwrap().count() == 1,
        "reading made no file beside the database"
    );
}

#[test]
fn one_thread_or_two_give_the_same_timeline() {
    let one = Sandbox::new();
    let two = Sandbox::new();
    let folder = articles(&one, "in", 0, 24);
    one.timeline()
        .args(["ingest", "-q", "-j", "1"])
        .arg(&folder)
        .assert()
        .success();
    two.timeline()
        .args(["ingest", "-q", "--jobs", "2"])
        .arg(&folder)
        .assert()
        .success();
    assert_eq!(one.export_json(), two.export_json());
}

/// `kill -9` in the middle of a parallel ingest loses nothing stored, stores no part of an
/// article, and the run taken up again gives the timeline of an uninterrupted one.
#[test]
fn an_ingest_killed_and_run_again_gives_the_timeline_of_an_uninterrupted_one() {
    let whole = Sandbox::new();
    // Enough articles that the ingest outlasts the polling below by far (with 80 it could
    // end between two polls on a quiet machine).
    let folder = articles(&whole, "in", 0, 400);
    whole.ingest(&[&folder]).success();
    let killed = Sandbox::new();
    let mut ingest = Process::new(binary())
        .env("TIMELINE_DB", killed.db())
        .env_remove("TIMELINE_RULES")
        // Small batches: several are committed before the kill, and one is open at it.
        .args(["ingest", "-q", "-j", "2", "--batch", "3"])
        .arg(&folder)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once a few articles are stored, well before the end.
    loop {
        let stored = killed.db().exists() && {
            let out = killed.timeline().args(["articles", "--json"]).output().unwrap();
            out.status.success()
                && serde_json::from_slice::<Vec<Value>>(&out.stdout).is_ok_and(|a| a.len() >= 3)
        };
        if stored {
            break;
        }
        assert!(
            ingest.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    ingest.kill().unwrap();
    ingest.wait().unwrap();
    let partial = stored_articles(&killed).len();
    assert!((3..400).contains(&partial), "{partial} stored when killed");
    killed.ingest(&[&folder]).success();
    assert!(!whole.events(&[]).is_empty());
    assert_eq!(killed.export_json(), whole.export_json());
}

/// Articles stored in a batch are seen by other processes when it commits, all together;
/// what is stored when the store is closed is committed.
#[test]
fn a_batch_of_articles_is_seen_by_readers_when_it_commits() {
    use timeline::article::{Article, Metadata};
    use timeline::store::{Batching, Database, Knowledge};
    let sandbox = Sandbox::new();
    let db = Database {
        path: sandbox.db(),
        wait: std::time::Duration::from_secs(30),
    };
    let extractor = timeline::extract::Extractor::load().unwrap();
    let article = |n: usize| {
        let raw = format!(
            "---\ntitle: Report {n}\npublished: 2025-04-0{n}\n---\n\nDelegates of Chile and Peru met on Monday for round {n}.\n"
        );
        let article = Article::parse(&format!("b{n}.txt"), &raw, &Metadata::default()).unwrap();
        let events = extractor.extract(&article);
        (article, events)
    };
    let mut store = db.open_or_create().unwrap();
    store.batch_writes(Batching {
        articles: 2,
        every: std::time::Duration::from_secs(3600),
    });
    let mut stored = 0;
    for n in 1..=5 {
        let (article, events) = article(n);
        store
            .ingest(&article, &events, None, Knowledge::of(&extractor))
            .unwrap();
        stored += 1;
        // Committed in twos: the odd one out waits for its batch.
        assert_eq!(stored_articles(&sandbox).len(), stored / 2 * 2, "after {n}");
    }
    drop(store);
    assert_eq!(stored_articles(&sandbox).len(), 5);
}

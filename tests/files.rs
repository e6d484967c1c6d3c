//! What `ingest` and `tag` make of the files a user points them at: odd kinds of file,
//! encodings, folders that cannot be read, dates, and an output folder that must not eat
//! its inputs.

mod common;

use std::path::Path;

use common::Sandbox;
use predicates::prelude::*;

const ARTICLE: &str =
    "---\npublished: 2025-03-18\n---\n\nChile and Peru signed a trade agreement on Monday.\n";

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded() {
    let sandbox = Sandbox::new();
    let text = ARTICLE.replace("Peru signed", "Perú’s neighbour Peru signed");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = sandbox.write("utf16.txt", bytes);
    sandbox.ingest(&[&path]).success();
    let events = sandbox.events(&[]);
    assert_eq!(events.len(), 1);
    let sentence = events[0]["mentions"][0]["sentence"].as_str().unwrap();
    assert!(sentence.contains("Perú’s"), "{sentence}");
}

#[test]
fn publication_dates_are_exactly_yyyy_mm_dd() {
    let sandbox = Sandbox::new();
    for (name, published) in [
        ("plus.txt", "+2025-03-18"),
        ("garbage.txt", "2025-03-18garbage"),
        ("long.txt", "12025-03-18"),
    ] {
        let path = sandbox.write(name, ARTICLE.replace("2025-03-18", published));
        sandbox
            .ingest(&[&path])
            .code(1)
            .stderr(predicate::str::contains(format!(
                "{name}: front matter: published date \"{published}\" is not YYYY-MM-DD"
            )));
    }
    sandbox
        .timeline()
        .args(["ingest", "--published", "+2025-03-18", "-"])
        .write_stdin("Chile and Peru met on Monday.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a date"));
    assert!(!sandbox.db().exists() || sandbox.events(&[]).is_empty());
}

#[cfg(unix)]
#[test]
fn pipes_are_read_devices_refused_and_unreadable_folder_entries_reported() {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = Sandbox::new();
    // A named pipe given by name is read like a file (as `<(zcat a.gz)` gives one).
    let fifo = sandbox.dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, ARTICLE).unwrap())
    };
    sandbox
        .ingest(&[&fifo])
        .success()
        .stderr(predicate::str::contains("1 ingested, 0 unchanged, 0 failed"));
    writer.join().unwrap();

    sandbox
        .ingest(&[Path::new("/dev/null")])
        .code(1)
        .stderr(predicate::str::contains("/dev/null: a device, not a file"));

    // In a folder: a pipe with an article's name is not waited on, and a symlink loop and a
    // link to nothing are reported; the readable article is ingested.
    let folder = sandbox.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), ARTICLE.replace("Monday", "Sunday")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(folder.join("waiting.txt"))
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
    let locked = folder.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("hidden.txt"), ARTICLE.replace("Monday", "Friday")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = sandbox.timeline().arg("ingest").arg(&folder).output().unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("waiting.txt: a named pipe, not a file; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("loop: cannot read: a symbolic link back to"),
        "{stderr}"
    );
    assert!(stderr.contains("good.txt"), "{stderr}");
    // Root reads the locked folder anyway; anyone else is told it could not be read.
    let summary = if common::is_root() {
        "2 ingested, 0 unchanged, 2 failed;"
    } else {
        assert!(stderr.contains("locked: cannot read: "), "{stderr}");
        "1 ingested, 0 unchanged, 3 failed;"
    };
    assert!(
        stderr.contains(summary),
        "every entry that could not be read counts as a failure: {stderr}"
    );
}

#[test]
fn tag_out_never_writes_over_an_input_or_through_a_link_and_keeps_both_of_two_names() {
    let sandbox = Sandbox::new();
    let a = sandbox.dir.path().join("a");
    let b = sandbox.dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("news.txt"), ARTICLE).unwrap();
    std::fs::write(b.join("news.txt"), ARTICLE.replace("Monday", "Tuesday")).unwrap();

    // Into the inputs' own folder: refused for that input, the input untouched.
    sandbox
        .timeline()
        .args(["tag", "--out"])
        .arg(&a)
        .arg(a.join("news.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is an input (choose another --out folder)",
        ));
    assert_eq!(std::fs::read_to_string(a.join("news.txt")).unwrap(), ARTICLE);

    // Two inputs of one name: two outputs, and the second one's name said.
    let out = sandbox.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let secret = sandbox.write("secret.txt", "keep me");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, out.join("news.txt")).unwrap();
    sandbox
        .timeline()
        .args(["tag", "--out"])
        .arg(&out)
        .arg(a.join("news.txt"))
        .arg(b.join("news.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains("written as news-2.txt"))
        .stderr(predicate::str::contains("2 files written to"));
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "keep me",
        "not written through the link"
    );
    let first = std::fs::read_to_string(out.join("news.txt")).unwrap();
    let second = std::fs::read_to_string(out.join("news-2.txt")).unwrap();
    assert!(
        first.contains("Monday") && second.contains("Tuesday"),
        "{first}\n{second}"
    );
    assert!(!std::fs::symlink_metadata(out.join("news.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
}

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
    let out = sandbox
        .timeline()
        .args(["ingest", "-v"])
        .arg(&folder)
        .output()
        .unwrap();
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

const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Chile and Peru sign a trade pact</title>
<link rel="canonical" href="https://news.example/chile-peru">
<meta property="og:site_name" content="News Example">
<meta property="article:published_time" content="2025-03-18T08:00:00-03:00">
<meta name="author" content="Ana Pérez">
</head><body>
<header><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></header>
<article><h1>Chile and Peru sign a trade pact</h1>
<p>LIMA — Chile and Peru signed a trade agreement on Monday, after two years of talks between
their ministries that at times looked likely to fail over copper quotas.</p>
<p>The agreement lowers tariffs on 400 goods and sets up a joint commission, officials of
both governments said at a ceremony in the Peruvian capital.</p>
</article>
<aside>Most read: <a href="/a">Storm hits coast</a> <a href="/b">Cup final tonight</a></aside>
</body></html>"#;

#[test]
fn a_saved_web_page_is_read_as_its_article() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("pact.html", PAGE);
    sandbox.ingest(&[&path]).success();
    let events = sandbox.events(&["--type", "agreement"]);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0]["date"]["start"], "2025-03-17");
    let sentence = events[0]["mentions"][0]["sentence"].as_str().unwrap();
    assert!(sentence.starts_with("LIMA — Chile and Peru signed"), "{sentence}");
    let out = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let article = &articles[0];
    assert_eq!(article["title"], "Chile and Peru sign a trade pact");
    assert_eq!(article["url"], "https://news.example/chile-peru");
    assert_eq!(article["source"], "News Example");
    assert_eq!(article["byline"], "Ana Pérez");
    assert_eq!(article["published"], "2025-03-18");
    let shown = sandbox.timeline().args(["show", "1", "--json"]).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    for page_text in ["<p>", "Subscribe", "Most read", "Storm hits"] {
        assert!(!shown.contains(page_text), "{page_text} in {shown}");
    }
}

#[test]
fn json_lines_corpora_give_one_article_per_line_and_name_the_line_that_fails() {
    let sandbox = Sandbox::new();
    let line = |story: &str, date: &str| {
        serde_json::json!({"headline": "H", "story": story, "date_publish": date, "url": format!("https://x.example/{date}")})
            .to_string()
    };
    let corpus = [
        line("Chile and Peru signed a trade agreement on Monday.", "2025-03-18"),
        String::new(),
        "{\"story\": ".into(),
        line(
            "Bolivia and Paraguay signed a trade agreement on Friday.",
            "2025-04-12",
        ),
    ]
    .join("\n");
    let path = sandbox.write("corpus.jsonl", corpus);
    // Without naming the text field, no line has one.
    sandbox
        .ingest(&[&path])
        .failure()
        .stderr(predicate::str::contains("corpus.jsonl:1: no text field"));
    sandbox
        .timeline()
        .args(["ingest", "--field", "text=story"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("corpus.jsonl:3: not a JSON object"))
        .stderr(predicate::str::contains("2 ingested, 0 unchanged, 1 failed"));
    let events = sandbox.events(&["--type", "agreement"]);
    let starts: Vec<&str> = events
        .iter()
        .map(|e| e["date"]["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2025-03-17", "2025-04-11"]);
    assert_eq!(events[1]["mentions"][0]["url"], "https://x.example/2025-04-12");
    sandbox
        .timeline()
        .args(["ingest", "--field", "summary=story"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown part \"summary\""));
}

#[test]
fn a_folder_says_which_files_it_left_out() {
    let sandbox = Sandbox::new();
    let folder = sandbox.write("mixed-marker", "").with_file_name("mixed");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("scan.pdf"), "%PDF-1.4").unwrap();
    std::fs::write(folder.join("notes.json"), "{}").unwrap();
    std::fs::write(folder.join("gold.jsonl"), "{\"events\": []}\n").unwrap();
    std::fs::write(folder.join(".hidden"), "x").unwrap();
    // One article per JSON file, as news-please writes them.
    let news_please = serde_json::json!({
        "title": "Pact", "maintext": "Bolivia and Paraguay signed a trade agreement on Friday.",
        "date_publish": "2025-04-12 10:00:00", "source_domain": "news.example", "authors": ["C. Tres"],
    });
    std::fs::write(folder.join("article.json"), news_please.to_string()).unwrap();
    let out = sandbox.ingest(&[&folder]).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("2 ingested"), "{stderr}");
    assert!(stderr.contains("1 file of other types (scan.pdf)"), "{stderr}");
    assert!(
        stderr.contains("1 file of JSON with no text field (notes.json)"),
        "{stderr}"
    );
    let agreements = sandbox.events(&["--type", "agreement"]);
    assert_eq!(agreements.len(), 2, "{agreements:#?}");
    assert_eq!(agreements[1]["date"]["start"], "2025-04-11");
    assert_eq!(agreements[1]["mentions"][0]["source"], "news.example");
    assert!(
        stderr.contains("1 file of JSON Lines with no text field (gold.jsonl)"),
        "{stderr}"
    );
    assert!(!stderr.contains(".hidden"), "{stderr}");
}

#[test]
fn toml_front_matter_dates_an_article() {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "toml.md",
        "+++\ntitle = \"Pact\"\ndate = 2025-03-18T09:00:00Z\nauthors = [\"A. Uno\", \"B. Dos\"]\n+++\n\nChile and Peru signed a trade agreement on Monday.\n",
    );
    sandbox.ingest(&[&path]).success();
    assert_eq!(sandbox.events(&[])[0]["date"]["start"], "2025-03-17");
    let out = sandbox.timeline().args(["articles", "--json"]).output().unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(articles[0]["byline"], "A. Uno, B. Dos");
}

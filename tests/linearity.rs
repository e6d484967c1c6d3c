//! Every stage stays linear on the inputs that once made it quadratic (a denial of service
//! for anyone ingesting scraped pages). Each test times one family at size n and 4n and fails
//! when the time grows more than 8 times: the geometric midpoint between linear (4) and
//! quadratic (16), so that n log n passes and n² fails. A ratio, not an absolute time, so that
//! a slow machine does not fail it. Each size is timed three times and the fastest run counts,
//! the families take turns (the tests of one binary run in parallel), and a ratio over the
//! limit is measured again, up to three times: a busy machine can slow one measurement
//! (CI once saw 5.6 for a family that is 3.7 at rest), a quadratic stage fails every time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use timeline::article::{Article, Metadata};
use timeline::extract::Extractor;
use timeline::store::{Database, Knowledge};
use timeline::time::Tagger;

const LIMIT: f64 = 8.0;

/// How many times a ratio over the limit is measured before the test fails.
const ATTEMPTS: usize = 3;

/// Held by each test from its start, so that no test loads models or times while
/// another times.
static TIMING: Mutex<()> = Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn fastest(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Fails when `run(4n)` takes more than `LIMIT` times `run(n)` in each of `ATTEMPTS`
/// measurements.
fn assert_linear(family: &str, n: usize, mut run: impl FnMut(usize)) {
    let mut ratios = Vec::new();
    for _ in 0..ATTEMPTS {
        let small = fastest(|| run(n));
        let large = fastest(|| run(4 * n));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        eprintln!(
            "{family}: n={n} {small:?}, 4n={} {large:?}, ratio {ratio:.2}",
            4 * n
        );
        if ratio < LIMIT {
            return;
        }
        ratios.push(format!("{ratio:.1}"));
    }
    panic!(
        "{family}: 4n takes more than {LIMIT} times as long as n = {n} in each of {ATTEMPTS} \
         measurements (ratios {})",
        ratios.join(", ")
    );
}

/// A new, empty store in `dir`, named `name`.
fn new_store(dir: &tempfile::TempDir, name: &str) -> timeline::store::Store {
    let db = Database {
        path: dir.path().join(format!("{name}.db")),
        wait: Duration::from_secs(5),
    };
    db.open_or_create().unwrap()
}

fn published() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 18).unwrap()
}

fn article(name: &str, body: &str) -> Article {
    let meta = Metadata {
        published: Some(published()),
        url: Some(format!("https://news.example/{name}")),
        ..Metadata::default()
    };
    Article::parse(name, body, &meta).unwrap()
}

#[test]
fn many_weekdays_in_one_sentence_tag_in_linear_time() {
    let _turn = turn();
    let tagger = Tagger::load().unwrap();
    assert_linear("weekdays in one sentence", 600, |n| {
        let text = format!("The envoys met on Tuesday{} in Geneva.", " and Tuesday".repeat(n));
        assert!(tagger.tag(&text, published()).len() >= n);
    });
}

/// The tense of each date read from the parse of its sentence: the walk up the tree looks at
/// a date's own parse piece only, whatever the sentence's length (the parse is timed
/// elsewhere; here only the tagging of a sentence parsed beforehand).
#[test]
fn many_weekdays_in_one_parsed_sentence_tag_in_linear_time() {
    let _turn = turn();
    let tagger = Tagger::load().unwrap();
    let syntax = timeline::syntax::Models::embedded().unwrap();
    let n = 1000;
    let parsed: Vec<(usize, String, Vec<timeline::syntax::ParsedSentence>)> = [n, 4 * n]
        .into_iter()
        .map(|k| {
            let text = format!("They met on Friday{} in Geneva.", " and met on Friday".repeat(k));
            let sentences = syntax.parse_text(&text, &[(0, text.len())]);
            (k, text, sentences)
        })
        .collect();
    assert_linear("weekdays in one parsed sentence", n, |k| {
        let (_, text, sentences) = parsed.iter().find(|p| p.0 == k).unwrap();
        assert!(tagger.tag_parsed(text, published(), sentences).len() >= k);
    });
}

#[test]
fn a_text_of_periods_splits_in_linear_time() {
    let _turn = turn();
    assert_linear("periods", 400_000, |n| {
        let text = ".".repeat(n);
        std::hint::black_box(timeline::article::split_sentences(&text));
    });
}

#[test]
fn many_clauses_in_one_sentence_extract_in_linear_time() {
    let _turn = turn();
    let extractor = Extractor::load().unwrap();
    assert_linear("clauses with triggers in one sentence", 300, |n| {
        // Two triggers, names and a group ("the two leaders") in each clause.
        let clause = "Trump called Putin on Tuesday and the two leaders spoke about a ceasefire in Ukraine, ";
        let a = article("clauses", &format!("{}and that was all.", clause.repeat(n)));
        std::hint::black_box(extractor.extract(&a));
    });
}

#[test]
fn one_sentence_repeated_ingests_in_linear_time() {
    let _turn = turn();
    let extractor = Extractor::load().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut k = 0;
    assert_linear("one sentence repeated", 100, |n| {
        k += 1;
        let mut store = new_store(&dir, &format!("repeat{k}"));
        let a = article(
            "repeat",
            &"Russia and Ukraine agreed to talks on Tuesday. ".repeat(n),
        );
        let events = extractor.extract(&a);
        store
            .ingest(&a, &events, None, Knowledge::of(&extractor))
            .unwrap();
    });
}

#[test]
fn many_one_report_articles_of_one_event_store_in_linear_time() {
    let _turn = turn();
    let extractor = Extractor::load().unwrap();
    let report = article("report", "Russia and Ukraine spoke by phone on Tuesday.");
    let events = extractor.extract(&report);
    assert_eq!(events.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let mut k = 0;
    assert_linear("one-report articles of one event", 400, |n| {
        k += 1;
        let mut store = new_store(&dir, &format!("reports{k}"));
        for i in 0..n {
            // Another copy of the same story: its own URL and text, the same event.
            let copy = article(&format!("copy{i}"), &format!("{} (copy {i})", report.text));
            store
                .ingest(&copy, &events, None, Knowledge::of(&extractor))
                .unwrap();
        }
        assert_eq!(store.event_count().unwrap(), 1);
    });
}

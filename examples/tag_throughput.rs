//! Throughput of the temporal tagger on one thread, whole documents at a time.
//!
//! ```sh
//! cargo run --release --example tag_throughput -- ../shared/data/tempeval3/tbaq
//! ```
//!
//! Reads every .tml file under the folder (text of <TEXT>, gold tags stripped) and every
//! dated .txt article (news as typed: `-- ../shared/data/articles2`), then tags
//! the whole collection repeatedly for a few seconds and reports megabytes of text per
//! second. It also tags the collection concatenated into one document, once at 1x and once
//! at 8x, to show that time grows linearly with document size.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use timeline::article::{Article, Metadata};
use timeline::time::{Tagger, TimeMlDocument};

/// A text to tag and the date it is read against.
struct Doc {
    text: String,
    dct: chrono::NaiveDate,
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/tempeval3/tbaq".into()),
    );
    // TimeML documents (the TempEval text, mostly ASCII) and news articles (.txt with front
    // matter: curly quotes, dashes, non-ASCII names), whichever the folder holds.
    let mut docs = Vec::new();
    for entry in walkdir::WalkDir::new(&root).follow_links(true) {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "tml") {
            let doc = TimeMlDocument::parse(&std::fs::read_to_string(path)?)?;
            docs.push(Doc {
                text: doc.text,
                dct: doc.dct,
            });
        } else if path.extension().is_some_and(|e| e == "txt") {
            let raw = std::fs::read_to_string(path)?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if let Ok(article) = Article::parse(&name, &raw, &Metadata::default()) {
                docs.push(Doc {
                    text: article.text,
                    dct: article.published,
                });
            }
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no .tml or dated .txt files under {}",
        root.display()
    );
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let ascii = docs
        .iter()
        .map(|d| d.text.bytes().filter(|b| !b.is_ascii()).count())
        .sum::<usize>();
    println!(
        "{:.2}% of the bytes are not ASCII",
        100.0 * ascii as f64 / bytes as f64
    );
    let tagger = Tagger::load()?;

    let (rounds, elapsed) = repeat(Duration::from_secs(3), || {
        for doc in &docs {
            std::hint::black_box(tagger.tag(&doc.text, doc.dct));
        }
    });
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} documents, {:.2} MB of text; {rounds} rounds in {:.2} s: {:.2} MB/s on one thread",
        docs.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        mb / elapsed.as_secs_f64()
    );

    let one: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let eight = one.repeat(8);
    let dct = docs[0].dct;
    for (label, text) in [("1x", &one), ("8x", &eight)] {
        let (rounds, elapsed) = repeat(Duration::from_secs(2), || {
            std::hint::black_box(tagger.tag(text, dct));
        });
        let per_mb = elapsed.as_secs_f64() / rounds as f64 / (text.len() as f64 / 1e6);
        println!(
            "one document of {:>6.2} MB ({label}): {:.3} s per MB",
            text.len() as f64 / 1e6,
            per_mb
        );
    }
    Ok(())
}

/// Runs `work` until `budget` has passed; returns how many times it ran and how long it took.
fn repeat(budget: Duration, mut work: impl FnMut()) -> (usize, Duration) {
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed() < budget {
        work();
        rounds += 1;
    }
    (rounds, start.elapsed())
}

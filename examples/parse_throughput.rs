//! Speed of the syntactic layer on one thread: model load, then tag + lemmatise + parse +
//! label, in tokens per second, on the development articles (tokenised by `timeline`) and on
//! the EWT test set (gold tokens); and extraction per article, of which parsing is a part.
//!
//! ```sh
//! cargo run --release --example parse_throughput -- ../shared/data/articles ../shared/data/ud/en_ewt-ud-test.conllu
//! ```
//!
//! `--models DIR` times the models of a folder (as `train_syntax` writes them) instead of the
//! built-in ones; the extraction figure is always of the built-in models.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use timeline::article::{Article, Metadata};
use timeline::extract::Extractor;
use timeline::syntax::{conllu, Models};

/// The binary's allocator, so that this measures what `timeline` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let mut positional = Vec::new();
    let mut model_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--models" => model_dir = Some(PathBuf::from(args.next().context("--models needs a folder")?)),
            _ => positional.push(arg),
        }
    }
    let mut positional = positional.into_iter();
    let articles_dir = PathBuf::from(
        positional
            .next()
            .unwrap_or_else(|| "../shared/data/articles".into()),
    );
    let treebank = PathBuf::from(
        positional
            .next()
            .unwrap_or_else(|| "../shared/data/ud/en_ewt-ud-test.conllu".into()),
    );

    let files = match &model_dir {
        Some(dir) => {
            let read = |name: &str| {
                std::fs::read(dir.join(name)).with_context(|| format!("{}/{name}", dir.display()))
            };
            Some((read("network.bin")?, read("lemmatizer.bin")?))
        }
        None => None,
    };
    let started = Instant::now();
    let owned;
    let models = match &files {
        Some((network, lemmatizer)) => {
            owned = Models::from_bytes(network, lemmatizer)?;
            &owned
        }
        None => Models::embedded()?,
    };
    println!(
        "model load: {:.1} ms ({})",
        started.elapsed().as_secs_f64() * 1e3,
        models.sizes()
    );

    let mut articles = Vec::new();
    for entry in std::fs::read_dir(&articles_dir).with_context(|| articles_dir.display().to_string())? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let raw = std::fs::read_to_string(&path)?;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            articles.push(Article::parse(&name, &raw, &Metadata::default())?);
        }
    }
    articles.sort_by(|a, b| a.name.cmp(&b.name));
    let spans: Vec<Vec<(usize, usize)>> = articles
        .iter()
        .map(|a| a.sentences().iter().map(|s| (s.start, s.end)).collect())
        .collect();
    let tokens: usize = articles
        .iter()
        .zip(&spans)
        .map(|(a, s)| {
            models
                .parse_text(&a.text, s)
                .iter()
                .map(|p| p.tokens.len())
                .sum::<usize>()
        })
        .sum();
    let (rounds, elapsed) = repeat(|| {
        for (a, s) in articles.iter().zip(&spans) {
            std::hint::black_box(models.parse_text(&a.text, s));
        }
    });
    let per_article = elapsed.as_secs_f64() / (rounds * articles.len()) as f64;
    println!(
        "{} articles, {tokens} tokens: {:.0} tokens/s (tokenise + tag + lemmatise + parse + label), {:.2} ms per article",
        articles.len(),
        (tokens * rounds) as f64 / elapsed.as_secs_f64(),
        per_article * 1e3
    );

    let extractor = Extractor::load()?;
    let (rounds, elapsed) = repeat(|| {
        for a in &articles {
            std::hint::black_box(extractor.extract(a));
        }
    });
    let extract = elapsed.as_secs_f64() / (rounds * articles.len()) as f64;
    println!(
        "extraction (parsing the sentences that name an actor): {:.2} ms per article, {:.0} articles/s on one thread; parsing every sentence alone takes {:.0}% of that",
        extract * 1e3,
        1.0 / extract,
        100.0 * per_article / extract
    );

    let text = std::fs::read_to_string(&treebank).with_context(|| treebank.display().to_string())?;
    let sentences = conllu::parse(&text).with_context(|| treebank.display().to_string())?;
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let (rounds, elapsed) = repeat(|| {
        for f in &forms {
            std::hint::black_box(models.analyse(f));
        }
    });
    println!(
        "{}: {} sentences, {words} words: {:.0} tokens/s one sentence at a time (tag + lemmatise + parse + label)",
        treebank.display(),
        sentences.len(),
        (words * rounds) as f64 / elapsed.as_secs_f64()
    );
    let (rounds, elapsed) = repeat(|| {
        std::hint::black_box(models.analyse_many(&forms));
    });
    println!(
        "  the whole file at once, as `timeline parse` reads it: {:.0} tokens/s",
        (words * rounds) as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}

/// Runs `f` for at least three seconds; returns the rounds and the time they took.
fn repeat(mut f: impl FnMut()) -> (usize, Duration) {
    let started = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed() < Duration::from_secs(3) {
        f();
        rounds += 1;
    }
    (rounds, started.elapsed())
}

//! Training every model of the syntactic layer from CoNLL-U treebanks, with a fixed seed, and
//! scoring them on held-apart data the way `../shared/eval/ud_score.py` does.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;

use super::conllu::{self, Sentence};
use super::learn::{self, Example, Schedule};
use super::network::{Dims, Network, Spec};
use super::vocab::{keys, Vocabulary, FEATURES};
use super::{lemma, Models};

/// What to train on, how large a network, and how long.
pub struct Options {
    pub train: Vec<PathBuf>,
    pub dev: Vec<PathBuf>,
    pub out: PathBuf,
    /// The sizes of the network; its numbers of tags and labels are read from the data.
    pub dims: Dims,
    pub schedule: Schedule,
}

/// How often a string must be seen in training to have an embedding of its own: forms twice
/// (the rest are read by their other strings), affixes five times, shapes twice.
const MIN_COUNTS: [usize; FEATURES] = [2, 5, 5, 5, 5, 5, 5, 5, 2];

/// Reads every sentence of `paths`, naming the file in any error.
pub fn read_treebanks(paths: &[PathBuf]) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let sentences = conllu::parse(&text).with_context(|| format!("{}", path.display()))?;
        out.extend(sentences);
    }
    Ok(out)
}

/// The distinct values of `f` over every word, sorted: the classes of a model.
fn classes<T: Ord + Clone>(data: &[Sentence], f: impl Fn(&conllu::Word) -> T) -> Vec<T> {
    let mut all: Vec<T> = data.iter().flat_map(|s| s.words.iter().map(&f)).collect();
    all.sort();
    all.dedup();
    all
}

/// Trains the models, writes them to `options.out` and returns them.
pub fn train(options: &Options, log: &mut dyn FnMut(&str)) -> Result<Models> {
    let data = read_treebanks(&options.train)?;
    let words: usize = data.iter().map(|s| s.words.len()).sum();
    log(&format!("training on {} sentences, {words} words", data.len()));
    let data: Vec<Sentence> = data
        .into_iter()
        .filter(|s| !s.words.is_empty() && s.words.iter().all(|w| w.head.is_some()))
        .collect();

    let mut counts: [FxHashMap<String, usize>; FEATURES] = Default::default();
    for w in data.iter().flat_map(|s| &s.words) {
        for (k, key) in keys(&w.form).into_iter().enumerate() {
            *counts[k].entry(key).or_default() += 1;
        }
    }
    let vocab = Vocabulary::from_counts(&counts, MIN_COUNTS);
    let tags = classes(&data, |w| (w.upos.clone(), w.xpos.clone()));
    let labels = classes(&data, |w| w.deprel.clone());
    let mut word_counts = vec![0u32; vocab.sizes()[0]];
    let examples: Vec<Example> = data
        .iter()
        .map(|s| {
            let ids: Vec<[u32; FEATURES]> = s.words.iter().map(|w| vocab.ids(&w.form)).collect();
            for i in &ids {
                word_counts[i[0] as usize] += 1;
            }
            Example {
                ids,
                tags: s
                    .words
                    .iter()
                    .map(|w| {
                        tags.binary_search(&(w.upos.clone(), w.xpos.clone()))
                            .expect("a tag") as u32
                    })
                    .collect(),
                heads: s.words.iter().map(|w| w.head.unwrap_or(0) as u32).collect(),
                labels: s
                    .words
                    .iter()
                    .map(|w| labels.binary_search(&w.deprel).expect("a label") as u32)
                    .collect(),
            }
        })
        .collect();
    let dims = Dims {
        tags: tags.len(),
        labels: labels.len(),
        ..options.dims
    };
    let spec = Spec::new(dims, vocab.sizes());
    log(&format!(
        "network: {} parameters; {} forms, {} tags, {} labels",
        spec.layout.total(),
        vocab.sizes()[0],
        tags.len(),
        labels.len()
    ));

    let lemmatizer = lemma::train(data.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.upos.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
            )
        })
    }));
    let (lw, ls) = lemmatizer.size();
    let dev: Vec<Sentence> = read_treebanks(&options.dev)?;
    let dev_words = dev.iter().flat_map(|s| &s.words);
    let right = dev_words
        .clone()
        .filter(|w| lemmatizer.lemma(&w.form, &w.upos, &w.xpos) == w.lemma)
        .count();
    log(&format!(
        "lemmatiser: {lw} words, {ls} suffixes; {:.2}% right on the dev files with gold tags",
        100.0 * right as f64 / dev_words.count().max(1) as f64
    ));

    let mut models = Models {
        network: Network::new(spec.clone(), spec.layout.initial(0), vocab, tags, labels)?,
        lemmatizer,
    };
    let flat = {
        let mut score = |flat: &[f32]| {
            models.network.set_parameters(flat);
            evaluate(&models, &dev).las
        };
        learn::train(&spec, &examples, &word_counts, &options.schedule, &mut score, log)
    };
    models.network.set_parameters(&flat);

    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("{}: cannot create", options.out.display()))?;
    let files = [
        ("network.bin", models.network.write()),
        ("lemmatizer.bin", models.lemmatizer.write()),
    ];
    for (name, bytes) in &files {
        let path = options.out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
        log(&format!(
            "wrote {} ({:.2} MB)",
            path.display(),
            bytes.len() as f64 / 1e6
        ));
    }
    // Scored as the binary will read them: through the 16-bit file.
    let models = Models::from_bytes(&files[0].1, &files[1].1)?;
    for path in &options.dev {
        let gold = read_treebanks(std::slice::from_ref(path))?;
        log(&format!("{}: {}", path.display(), evaluate(&models, &gold)));
    }
    Ok(models)
}

/// Accuracies over words, as the CoNLL 2018 shared task computes them with gold tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "words {} UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}",
            self.words, self.upos, self.xpos, self.lemma, self.uas, self.las
        )
    }
}

/// Scores `models` on gold sentences (tokens given).
pub fn evaluate(models: &Models, gold: &[Sentence]) -> Score {
    let forms: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let predicted = models.analyse_many(&forms);
    let mut right = [0usize; 5];
    let mut total = 0;
    for (s, p) in gold.iter().zip(&predicted) {
        for (g, p) in s.words.iter().zip(p) {
            total += 1;
            let head = p.head.map_or(0, |h| h + 1);
            let head_right = g.head == Some(head);
            let base = |l: &str| l.split(':').next().unwrap_or("").to_owned();
            right[0] += usize::from(g.upos == p.upos);
            right[1] += usize::from(g.xpos == p.xpos);
            right[2] += usize::from(g.lemma == p.lemma);
            right[3] += usize::from(head_right);
            right[4] += usize::from(head_right && base(&g.deprel) == base(&p.deprel));
        }
    }
    let pct = |k: usize| 100.0 * right[k] as f64 / total.max(1) as f64;
    Score {
        words: total,
        upos: pct(0),
        xpos: pct(1),
        lemma: pct(2),
        uas: pct(3),
        las: pct(4),
    }
}

/// The treebank files in `dir` for a split ("train", "dev", "test").
pub fn treebank_files(dir: &Path, split: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&format!("-{split}.conllu")))
        })
        .collect();
    files.sort();
    files
}

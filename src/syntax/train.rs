//! Training every model of the syntactic layer from CoNLL-U treebanks, with a fixed seed, and
//! scoring them on held-apart data the way `../shared/eval/ud_score.py` does.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::conllu::{self, Sentence};
use super::hash::hash_str;
use super::word::WordInfo;
use super::{labeller, lemma, parser, tagger, Models};

/// What to train on and how long.
pub struct Options {
    pub train: Vec<PathBuf>,
    pub dev: Vec<PathBuf>,
    pub out: PathBuf,
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub labeller_epochs: usize,
    /// Train the parser on tags predicted by taggers that did not see the sentence (k-fold
    /// jackknifing), so that it learns from tags as good as those it will get; 0 or 1: gold.
    pub jackknife: usize,
    /// Averaged weights under these are dropped when the tagger, parser and labeller are
    /// frozen: the trade between file size and accuracy (the tagger loses most by pruning).
    pub prune: [f32; 3],
}

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

fn word_infos(s: &Sentence) -> Vec<WordInfo> {
    s.words.iter().map(|w| WordInfo::new(&w.form)).collect()
}

/// Gold heads with the root as `n` (the parser's convention).
fn gold_heads(s: &Sentence) -> Vec<usize> {
    let n = s.words.len();
    s.words
        .iter()
        .map(|w| w.head.map_or(n, |h| if h == 0 { n } else { h - 1 }))
        .collect()
}

/// Trains the four models, writes them to `options.out` and returns the models.
pub fn train(options: &Options, log: &mut dyn FnMut(&str)) -> Result<Models> {
    let data = read_treebanks(&options.train)?;
    let words: usize = data.iter().map(|s| s.words.len()).sum();
    log(&format!("training on {} sentences, {words} words", data.len()));
    let data: Vec<Sentence> = data
        .into_iter()
        .filter(|s| s.words.iter().all(|w| w.head.is_some()))
        .collect();

    // Each sentence's words, gold tags, heads and labels, computed once for every model.
    let infos: Vec<Vec<WordInfo>> = data.iter().map(word_infos).collect();
    let gold_tags: Vec<Vec<(String, String)>> = data
        .iter()
        .map(|s| s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone())).collect())
        .collect();
    let heads: Vec<Vec<usize>> = data.iter().map(gold_heads).collect();
    let labels: Vec<Vec<String>> = data
        .iter()
        .map(|s| s.words.iter().map(|w| w.deprel.clone()).collect())
        .collect();
    let tag_examples: Vec<tagger::TaggedSentence> = infos
        .iter()
        .zip(&gold_tags)
        .map(|(words, tags)| tagger::TaggedSentence { words, tags })
        .collect();

    let started = std::time::Instant::now();
    let tagger = tagger::train(
        &tag_examples,
        options.tagger_epochs,
        options.seed,
        options.prune[0],
    );
    log(&format!(
        "tagger: {} features, {:.0?}",
        tagger.features(),
        started.elapsed()
    ));

    let lemmatizer = lemma::train(data.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str()))
    }));
    let (lw, ls) = lemmatizer.size();
    log(&format!("lemmatiser: {lw} words, {ls} suffixes"));

    // The parser's tags: jackknifed or gold.
    let tags: Vec<Vec<u64>> = if options.jackknife > 1 {
        let k = options.jackknife;
        let mut tags: Vec<Vec<u64>> = vec![Vec::new(); data.len()];
        for fold in 0..k {
            let rest: Vec<tagger::TaggedSentence> = tag_examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, e)| *e)
                .collect();
            let t = tagger::train(&rest, options.tagger_epochs, options.seed + fold as u64 + 1, 0.0);
            for i in (fold..data.len()).step_by(k) {
                tags[i] = t.tag(&infos[i]).iter().map(|&c| t.xpos_hash(c)).collect();
            }
            log(&format!("jackknife fold {}/{k} tagged", fold + 1));
        }
        tags
    } else {
        gold_tags
            .iter()
            .map(|s| s.iter().map(|(_, x)| hash_str(x)).collect())
            .collect()
    };
    let inputs: Vec<parser::Input> = infos
        .iter()
        .zip(&tags)
        .map(|(words, tags)| parser::Input { words, tags })
        .collect();

    let started = std::time::Instant::now();
    let examples: Vec<parser::Example> = inputs
        .iter()
        .zip(&heads)
        .map(|(&input, heads)| parser::Example { input, heads })
        .collect();
    let parser = parser::train(&examples, options.parser_epochs, options.seed, options.prune[1]);
    log(&format!(
        "parser: {} features, {:.0?}",
        parser.features(),
        started.elapsed()
    ));

    let started = std::time::Instant::now();
    let examples: Vec<labeller::Example> = inputs
        .iter()
        .zip(&heads)
        .zip(&labels)
        .map(|((&input, heads), labels)| labeller::Example { input, heads, labels })
        .collect();
    let labeller = labeller::train(&examples, options.labeller_epochs, options.seed, options.prune[2]);
    log(&format!(
        "labeller: {} features, {:.0?}",
        labeller.features(),
        started.elapsed()
    ));

    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("{}: cannot create", options.out.display()))?;
    let files = [
        ("tagger.bin", tagger.write()),
        ("lemmatizer.bin", lemmatizer.write()),
        ("parser.bin", parser.write()),
        ("labeller.bin", labeller.write()),
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
    let models = Models {
        tagger,
        lemmatizer,
        parser,
        labeller,
    };
    for path in &options.dev {
        let gold = read_treebanks(std::slice::from_ref(path))?;
        let score = evaluate(&models, &gold);
        log(&format!("{}: {score}", path.display()));
        // What the parser does with perfect tags: how much tagging errors cost.
        {
            let mut right = 0;
            let mut total = 0;
            for s in &gold {
                let w = word_infos(s);
                let t: Vec<u64> = s.words.iter().map(|w| hash_str(&w.xpos)).collect();
                let heads = models.parser.parse(&parser::Input { words: &w, tags: &t });
                let g = gold_heads(s);
                right += heads.iter().zip(&g).filter(|(a, b)| a == b).count();
                total += g.len();
            }
            log(&format!(
                "  with gold tags: UAS {:.2}",
                100.0 * right as f64 / total as f64
            ));
        }
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
    let mut right = [0usize; 5];
    let mut total = 0;
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let predicted = models.analyse(&forms);
        for (g, p) in s.words.iter().zip(&predicted) {
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

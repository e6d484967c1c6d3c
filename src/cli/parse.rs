//! `timeline parse`: the syntactic analysis of articles, or of CoNLL-U files with their tokens.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use clap::ValueEnum;

use super::Outcome;
use crate::article::{
    collect_inputs, parse_front_matter, read_input, split_sentences, stored_text, CharOffsets, Input,
};
use crate::render::safe;
use crate::syntax::conllu::{self, Sentence, Word};
use crate::syntax::{Models, ParsedSentence};

/// Print part-of-speech tags, lemmas and dependency trees.
///
/// Articles (.txt, .md) are split into sentences and words; offsets are characters into the
/// stored article text, the same that `show` prints. A .conllu file keeps its sentences and
/// words, and gets columns LEMMA to DEPREL predicted (for scoring against the gold file).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (searched for .txt, .md and .conllu), or - for stdin (an article, or
    /// CoNLL-U when its first line looks like it)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ParseFormat::Tree)]
    format: ParseFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    /// An indented tree per sentence, for people
    Tree,
    /// CoNLL-U, for tools and scorers
    Conllu,
}

const PARSE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "conllu"];

pub fn run(args: Args) -> Result<Outcome> {
    let models = Models::embedded()?;
    let mut failed = false;
    let stdout = std::io::stdout();
    for input in collect_inputs(&args.paths, PARSE_EXTENSIONS, &Default::default()).inputs {
        let result = input.and_then(|input| {
            let raw = read_input(&input)?;
            let sentences = if is_conllu(&input, &raw) {
                parse_conllu(models, &raw).map_err(|e| anyhow!("{}: {e}", input.display()))?
            } else {
                parse_article(models, &input, &raw)?
            };
            Ok(match args.format {
                ParseFormat::Conllu => conllu::write(&sentences),
                ParseFormat::Tree => sentences.iter().map(render_tree).collect(),
            })
        });
        match result {
            Ok(text) => stdout.lock().write_all(safe::display(&text).as_bytes())?,
            Err(err) => {
                crate::tell!("timeline: {err:#}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

/// A `.conllu` file, or standard input whose first line is a comment or a word line.
fn is_conllu(input: &Input, raw: &str) -> bool {
    match input {
        Input::File(p) => p.extension().is_some_and(|x| x == "conllu"),
        _ => raw.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| {
            l.starts_with("# sent_id") || l.starts_with("# text") || l.split('\t').count() == 10
        }),
    }
}

/// Predicts LEMMA, UPOS, XPOS, HEAD and DEPREL of every word; FEATS and DEPS are cleared
/// (they are not predicted), everything else is kept.
fn parse_conllu(models: &Models, raw: &str) -> Result<Vec<Sentence>> {
    let mut sentences = conllu::parse(raw)?;
    let forms: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let analyses = models.analyse_many(&forms);
    for (s, analyses) in sentences.iter_mut().zip(analyses) {
        for (w, a) in s.words.iter_mut().zip(analyses) {
            w.lemma = a.lemma;
            w.upos = a.upos;
            w.xpos = a.xpos;
            w.feats = String::new();
            w.head = Some(a.head.map_or(0, |h| h + 1));
            w.deprel = a.deprel;
            w.deps = String::new();
        }
    }
    Ok(sentences)
}

fn parse_article(models: &Models, input: &Input, raw: &str) -> Result<Vec<Sentence>> {
    let (_, body) = parse_front_matter(raw).map_err(|e| anyhow!("{}: {e}", input.display()))?;
    let text = stored_text(body);
    let spans: Vec<(usize, usize)> = split_sentences(&text).iter().map(|s| (s.start, s.end)).collect();
    let parsed = models.parse_text(&text, &spans);
    let chars = CharOffsets::new(&text);
    let name = input.name();
    let stem = Path::new(&name)
        .file_stem()
        .map_or(name.clone(), |s| s.to_string_lossy().into_owned());
    Ok(parsed
        .iter()
        .enumerate()
        .map(|(i, p)| to_conllu(&text, &chars, &stem, i, p))
        .collect())
}

/// An article sentence as CoNLL-U: `TokenRange=start:end` (characters into the stored text,
/// as UDPipe writes it) and `SpaceAfter=No` in MISC.
fn to_conllu(text: &str, chars: &CharOffsets, doc: &str, i: usize, p: &ParsedSentence) -> Sentence {
    let mut comments = Vec::new();
    if i == 0 {
        comments.push(format!("newdoc id = {doc}"));
    }
    comments.push(format!("sent_id = {doc}-{}", i + 1));
    comments.push(format!(
        "text = {}",
        text[p.start..p.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    ));
    let words = p
        .tokens
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut misc = format!("TokenRange={}:{}", chars.at(t.start), chars.at(t.end));
            if p.tokens.get(k + 1).is_some_and(|next| next.start == t.end) {
                misc.push_str("|SpaceAfter=No");
            }
            Word {
                form: t.form.clone(),
                lemma: t.analysis.lemma.clone(),
                upos: t.analysis.upos.clone(),
                xpos: t.analysis.xpos.clone(),
                feats: String::new(),
                head: Some(t.analysis.head.map_or(0, |h| h + 1)),
                deprel: t.analysis.deprel.clone(),
                deps: String::new(),
                misc,
            }
        })
        .collect();
    Sentence {
        comments,
        words,
        other_lines: Vec::new(),
    }
}

/// An indented tree: each word under its head, with relation, tag, lemma and offsets.
fn render_tree(s: &Sentence) -> String {
    let mut out = String::new();
    let id = s.comment("sent_id").unwrap_or("sentence");
    out.push_str(&format!("# {id}: {}\n", s.comment("text").unwrap_or("")));
    let n = s.words.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for (i, w) in s.words.iter().enumerate() {
        let h = w.head.unwrap_or(0).min(n);
        children[h].push(i + 1);
    }
    // Depth-first from the root; `seen` guards against a malformed input's cycles.
    let mut seen = vec![false; n + 1];
    let mut stack: Vec<(usize, usize)> = children[0].iter().rev().map(|&c| (c, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[node], true) {
            continue;
        }
        let w = &s.words[node - 1];
        let range = w
            .misc
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
            .map(|r| format!("  [{}]", r.replace(':', "–")))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:indent$}{} {}  {} {} lemma={}{range}\n",
            "",
            w.deprel,
            w.form,
            w.upos,
            w.xpos,
            w.lemma,
            indent = depth * 2
        ));
        for &c in children[node].iter().rev() {
            stack.push((c, depth + 1));
        }
    }
    out.push('\n');
    out
}

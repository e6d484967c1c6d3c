//! The syntactic layer: tokens, part-of-speech tags, lemmas and labelled dependency trees.
//!
//! `article → syntax → time/extract`: the extractor reads who did what to whom from the tree
//! instead of from word windows. Everything here is trained by this project from Universal
//! Dependencies treebanks ([`train`]; `cargo run --release --example train_syntax`) and the
//! model files are embedded in the binary (`data/models/`, with their README), so a fresh
//! machine needs no download.
//!
//! The pipeline per sentence: [`tokenize`] (UD English conventions, offsets kept) → one
//! network ([`network`]: BiLSTM encoder; tags, biaffine arcs, labels) → the maximum spanning
//! tree of its arc scores ([`mst`]) → lemmatiser (edit rules by tag) → one correction of
//! the tree ([`repair`]: a sentence read as a noun phrase). Training's evaluation reads the
//! corrected trees, as `timeline parse` does.

mod binary;
pub mod conllu;
mod hash;
mod learn;
mod lemma;
mod mst;
mod network;
mod nn;
mod repair;
pub mod tokenize;
pub mod train;
pub mod tree;
mod vocab;
mod word;

use std::sync::OnceLock;

use anyhow::{Context, Result};

pub use learn::Schedule;
use lemma::Lemmatizer;
pub use network::Dims;
use network::Network;

/// What the layer says of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// The index of the head word in the sentence; `None` for the root of the sentence.
    pub head: Option<usize>,
    /// The UD relation to the head, with its subtype ("nsubj", "obl:unmarked", "root").
    pub deprel: String,
}

/// A word of an article: where it is in the text and what the layer says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the text that was parsed (end exclusive).
    pub start: usize,
    pub end: usize,
    /// The word as the text has it (`text[start..end]`).
    pub form: String,
    pub analysis: Analysis,
}

/// A parsed sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// The trained models.
pub struct Models {
    network: Network,
    lemmatizer: Lemmatizer,
}

/// The model files as built into the binary.
const EMBEDDED: [(&str, &[u8]); 2] = [
    ("network.bin", include_bytes!("../../data/models/network.bin")),
    (
        "lemmatizer.bin",
        include_bytes!("../../data/models/lemmatizer.bin"),
    ),
];

/// The longest run of words parsed as one: a longer sentence (a list, a table, text with no
/// full stops) is parsed in pieces of this many words, the root of each later piece hung on
/// the first piece's root as `parataxis`. Arc scoring is quadratic in the words parsed
/// together, so this bound is what keeps parsing linear in the length of a sentence.
pub const MAX_PIECE: usize = 200;

/// Words the network reads in one batch: large enough for its matrix products to run at
/// full speed, small enough to bound the memory of a pass (a few MB).
const BATCH_WORDS: usize = 2048;

/// The relation that joins the pieces of an over-long sentence.
const PIECE_RELATION: &str = "parataxis";

impl Models {
    /// The model files built into the binary, by name.
    pub fn embedded_files() -> &'static [(&'static str, &'static [u8])] {
        &EMBEDDED
    }

    /// The models built into the binary, loaded once per process.
    pub fn embedded() -> Result<&'static Models> {
        static MODELS: OnceLock<std::result::Result<Models, String>> = OnceLock::new();
        MODELS
            .get_or_init(|| {
                let [n, l] = EMBEDDED.map(|(_, bytes)| bytes);
                Models::from_bytes(n, l).map_err(|e| format!("{e:#}"))
            })
            .as_ref()
            .map_err(|e| anyhow::anyhow!("the built-in syntax models cannot be read: {e}"))
    }

    /// Models from the bytes of their files (network, lemmatiser).
    pub fn from_bytes(network: &[u8], lemmatizer: &[u8]) -> Result<Models> {
        Ok(Models {
            network: Network::read(network).context(EMBEDDED[0].0)?,
            lemmatizer: Lemmatizer::read(lemmatizer).context(EMBEDDED[1].0)?,
        })
    }

    /// Tags, lemmatises and parses one sentence given as its words.
    pub fn analyse<S: AsRef<str>>(&self, forms: &[S]) -> Vec<Analysis> {
        self.analyse_many(&[forms]).remove(0)
    }

    /// Tags, lemmatises and parses sentences given as their words, many at a time (which is
    /// faster than one by one: the network's products are wider).
    pub fn analyse_many<W: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[W]) -> Vec<Vec<Analysis>> {
        // Pieces of at most MAX_PIECE words: (sentence, first word, words).
        let pieces: Vec<(usize, &[S])> = sentences
            .iter()
            .enumerate()
            .flat_map(|(k, s)| s.as_ref().chunks(MAX_PIECE).map(move |p| (k, p)))
            .collect();
        let mut parses = Vec::with_capacity(pieces.len());
        let mut at = 0;
        while at < pieces.len() {
            let mut words = 0;
            let mut batch: Vec<&[S]> = Vec::new();
            while at < pieces.len() && (batch.is_empty() || words + pieces[at].1.len() <= BATCH_WORDS) {
                words += pieces[at].1.len();
                batch.push(pieces[at].1);
                at += 1;
            }
            parses.extend(self.network.parse(&batch));
        }
        let mut out: Vec<Vec<Analysis>> = sentences
            .iter()
            .map(|s| Vec::with_capacity(s.as_ref().len()))
            .collect();
        let mut first_root: Vec<Option<usize>> = vec![None; sentences.len()];
        for ((k, forms), parse) in pieces.iter().zip(parses) {
            let offset = out[*k].len();
            for (form, p) in forms.iter().zip(parse) {
                let (upos, xpos) = &self.network.tags[p.tag];
                let mut analysis = Analysis {
                    lemma: self.lemmatizer.lemma(form.as_ref(), upos, xpos),
                    upos: upos.clone(),
                    xpos: xpos.clone(),
                    head: (p.head > 0).then(|| offset + p.head - 1),
                    deprel: self.network.labels[p.label].clone(),
                };
                if p.head == 0 {
                    match first_root[*k] {
                        None => first_root[*k] = Some(out[*k].len()),
                        Some(root) => {
                            analysis.head = Some(root);
                            analysis.deprel = PIECE_RELATION.to_owned();
                        }
                    }
                }
                out[*k].push(analysis);
            }
        }
        for words in &mut out {
            repair::verbless_sentence(words);
            repair::relative_between_subject_and_verb(words);
            repair::participle_after_noun(words);
        }
        out
    }

    /// Tokenises and parses the sentences `spans` (byte ranges) of `text`.
    pub fn parse_text(&self, text: &str, spans: &[(usize, usize)]) -> Vec<ParsedSentence> {
        let words: Vec<Vec<tokenize::RawWord>> = spans
            .iter()
            .map(|&(start, end)| tokenize::words(text, start, end))
            .collect();
        let forms: Vec<Vec<&str>> = words
            .iter()
            .map(|ws| ws.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let analyses = self.analyse_many(&forms);
        spans
            .iter()
            .zip(words)
            .zip(analyses)
            .map(|((&(start, end), words), analyses)| ParsedSentence {
                start,
                end,
                tokens: words
                    .into_iter()
                    .zip(analyses)
                    .map(|(w, analysis)| Token {
                        start: w.start,
                        end: w.end,
                        form: w.form,
                        analysis,
                    })
                    .collect(),
            })
            .collect()
    }

    /// The network's parameters and the lemmatiser's entries.
    pub fn sizes(&self) -> String {
        let (words, suffixes) = self.lemmatizer.size();
        format!(
            "network {} parameters, lemmatiser {words} words + {suffixes} suffixes",
            self.network.parameters().len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Token> {
        let models = Models::embedded().expect("the built-in models load");
        models.parse_text(text, &[(0, text.len())]).remove(0).tokens
    }

    /// The head's form and the relation of the word `form`.
    fn relation<'a>(tokens: &'a [Token], form: &str) -> (&'a str, &'a str) {
        let t = tokens
            .iter()
            .find(|t| t.form == form)
            .unwrap_or_else(|| panic!("no word {form}"));
        let head = t.analysis.head.map_or("ROOT", |h| tokens[h].form.as_str());
        (head, t.analysis.deprel.as_str())
    }

    #[test]
    fn subject_object_and_negation() {
        let t = parse("The delegates did not accept the proposal.");
        assert_eq!(relation(&t, "delegates"), ("accept", "nsubj"));
        assert_eq!(relation(&t, "proposal"), ("accept", "obj"));
        assert_eq!(relation(&t, "not"), ("accept", "advmod"));
        assert_eq!(relation(&t, "accept"), ("ROOT", "root"));
        assert_eq!(t[1].analysis.lemma, "delegate");
    }

    #[test]
    fn temporal_and_place_modifiers_hang_on_their_verb() {
        let t = parse("Negotiators met in Riyadh on Tuesday.");
        assert_eq!(relation(&t, "Negotiators"), ("met", "nsubj"));
        assert_eq!(relation(&t, "Riyadh"), ("met", "obl"));
        assert_eq!(relation(&t, "Tuesday"), ("met", "obl"));
        assert_eq!(relation(&t, "on"), ("Tuesday", "case"));
        let t = parse("Russia rejected the ceasefire last week, the Kremlin said.");
        assert_eq!(relation(&t, "week"), ("rejected", "obl:unmarked"));
        assert_eq!(relation(&t, "rejected"), ("said", "ccomp"));
        assert_eq!(relation(&t, "Kremlin"), ("said", "nsubj"));
    }

    #[test]
    fn passives_and_possessives_keep_their_subtypes() {
        let t = parse("The deal was signed by both sides.");
        assert_eq!(relation(&t, "deal"), ("signed", "nsubj:pass"));
        assert_eq!(relation(&t, "was"), ("signed", "aux:pass"));
        let t = parse("Oman’s foreign minister spoke.");
        assert_eq!(relation(&t, "Oman"), ("minister", "nmod:poss"));
        assert_eq!(relation(&t, "’s"), ("Oman", "case"));
    }

    #[test]
    fn every_sentence_gets_one_tree() {
        let models = Models::embedded().unwrap();
        let texts = [
            "",
            "...",
            "—",
            "“",
            "Hamas",
            "a b c d e f g h i j k l m n o p",
            "1 2 3 4 5 6 7 8 9 10 11 12",
            "Talks, talks, talks; and then (again) “talks”!",
        ];
        for text in texts {
            for sentence in models.parse_text(text, &[(0, text.len())]) {
                let n = sentence.tokens.len();
                let roots = sentence
                    .tokens
                    .iter()
                    .filter(|t| t.analysis.head.is_none())
                    .count();
                assert_eq!(roots, usize::from(n > 0), "{text:?}");
                for (i, t) in sentence.tokens.iter().enumerate() {
                    // Following heads from any word reaches the root: no cycles.
                    let mut at = i;
                    for _ in 0..=n {
                        match sentence.tokens[at].analysis.head {
                            Some(h) => at = h,
                            None => break,
                        }
                    }
                    assert!(sentence.tokens[at].analysis.head.is_none(), "{text:?}: a cycle");
                    assert_eq!(&text[t.start..t.end], t.form);
                }
            }
        }
    }
}

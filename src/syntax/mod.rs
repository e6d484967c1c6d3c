//! The syntactic layer: tokens, part-of-speech tags, lemmas and labelled dependency trees.
//!
//! `article → syntax → time/extract`: the extractor reads who did what to whom from the tree
//! instead of from word windows. Everything here is trained by this project from Universal
//! Dependencies treebanks ([`train`]; `cargo run --release --example train_syntax`) and the
//! model files are embedded in the binary (`data/models/`, with their README), so a fresh
//! machine needs no download.
//!
//! The pipeline per sentence: [`tokenize`] (UD English conventions, offsets kept) → tagger
//! (UPOS + XPOS, averaged perceptron) → lemmatiser (edit rules) → parser (arc-hybrid, greedy,
//! dynamic oracle) → labeller (UD relations with subtypes).

mod binary;
pub mod conllu;
mod hash;
mod labeller;
mod lemma;
mod linear;
mod parser;
mod tagger;
pub mod tokenize;
pub mod train;
mod word;

use std::sync::OnceLock;

use anyhow::{Context, Result};

use labeller::Labeller;
use lemma::Lemmatizer;
use parser::Parser;
use tagger::Tagger;
use word::WordInfo;

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

/// The four trained models.
pub struct Models {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
    labeller: Labeller,
}

/// The model files as built into the binary.
const EMBEDDED: [(&str, &[u8]); 4] = [
    ("tagger.bin", include_bytes!("../../data/models/tagger.bin")),
    (
        "lemmatizer.bin",
        include_bytes!("../../data/models/lemmatizer.bin"),
    ),
    ("parser.bin", include_bytes!("../../data/models/parser.bin")),
    ("labeller.bin", include_bytes!("../../data/models/labeller.bin")),
];

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
                let [t, l, p, b] = EMBEDDED.map(|(_, bytes)| bytes);
                Models::from_bytes(t, l, p, b).map_err(|e| format!("{e:#}"))
            })
            .as_ref()
            .map_err(|e| anyhow::anyhow!("the built-in syntax models cannot be read: {e}"))
    }

    /// Models from the bytes of their files (tagger, lemmatiser, parser, labeller).
    pub fn from_bytes(tagger: &[u8], lemmatizer: &[u8], parser: &[u8], labeller: &[u8]) -> Result<Models> {
        // The parser is the largest file (about 60% of the bytes): it loads on a thread of its
        // own while the other three load here, which halves the start-up of every run.
        std::thread::scope(|scope| {
            let parser = scope.spawn(|| Parser::read(parser).context(EMBEDDED[2].0));
            let tagger = Tagger::read(tagger).context(EMBEDDED[0].0);
            let lemmatizer = Lemmatizer::read(lemmatizer).context(EMBEDDED[1].0);
            let labeller = Labeller::read(labeller).context(EMBEDDED[3].0);
            let parser = parser
                .join()
                .map_err(|_| anyhow::anyhow!("loading the parser panicked"))?;
            Ok(Models {
                tagger: tagger?,
                lemmatizer: lemmatizer?,
                parser: parser?,
                labeller: labeller?,
            })
        })
    }

    /// Tags, lemmatises and parses one sentence given as its words.
    pub fn analyse<S: AsRef<str>>(&self, forms: &[S]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let words: Vec<WordInfo> = forms.iter().map(|f| WordInfo::new(f.as_ref())).collect();
        let classes = self.tagger.tag(&words);
        let tags: Vec<u64> = classes.iter().map(|&c| self.tagger.xpos_hash(c)).collect();
        let input = parser::Input {
            words: &words,
            tags: &tags,
        };
        let heads = self.parser.parse(&input);
        let labels = self.labeller.label(&input, &heads);
        let n = forms.len();
        classes
            .iter()
            .zip(heads)
            .zip(labels)
            .zip(forms)
            .map(|(((&c, h), deprel), form)| {
                let upos = self.tagger.upos(c).to_owned();
                Analysis {
                    lemma: self.lemmatizer.lemma(form.as_ref(), &upos),
                    xpos: self.tagger.xpos(c).to_owned(),
                    upos,
                    head: (h < n).then_some(h),
                    deprel,
                }
            })
            .collect()
    }

    /// Tokenises and parses the sentences `spans` (byte ranges) of `text`.
    pub fn parse_text(&self, text: &str, spans: &[(usize, usize)]) -> Vec<ParsedSentence> {
        spans
            .iter()
            .map(|&(start, end)| {
                let words = tokenize::words(text, start, end);
                let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
                let analyses = self.analyse(&forms);
                ParsedSentence {
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
                }
            })
            .collect()
    }

    /// Features with weights in each model, and entries of the lemmatiser.
    pub fn sizes(&self) -> String {
        let (words, suffixes) = self.lemmatizer.size();
        format!(
            "tagger {} features, parser {} features, labeller {} features, lemmatiser {words} words + {suffixes} suffixes",
            self.tagger.features(),
            self.parser.features(),
            self.labeller.features()
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

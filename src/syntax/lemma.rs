//! Lemmas from edit rules: "negotiated" + VERB → strip one character ("negotiate"),
//! "talks" + NOUN → strip one, "n't" + PART → strip three, add "not". The rule of a word seen
//! in training is looked up by its form as written and XPOS ("i" is "I", "US" is not "us"),
//! then by its lower-cased form and XPOS ("her" as PRP$ and as PRP); other words take the
//! most frequent rule of the longest suffix seen with their UPOS (as in Chrupała's
//! edit-script lemmatisers and UDPipe 1's suffix rules). Each rule also says whether the lemma
//! keeps the word's case (proper nouns, "I") or is lower case. Only the entries that change
//! what the shorter keys would give are kept.

use std::collections::HashMap;

use anyhow::{ensure, Result};

use super::binary::{Reader, Writer};
use super::hash::hash_parts;
use super::word::last_chars;

/// An edit from a form to its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    keep_case: bool,
    /// Characters to remove from the end.
    strip: u8,
    append: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, if a suffix edit can (with or without case).
    fn between(form: &str, lemma: &str) -> Option<Rule> {
        let lower = form.to_lowercase();
        let (source, keep_case) = if lemma == lemma.to_lowercase() && !(lemma == form && form != lower) {
            (lower, false)
        } else {
            (form.to_owned(), true)
        };
        let s: Vec<char> = source.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let common = s.iter().zip(&l).take_while(|(a, b)| a == b).count();
        let strip = s.len() - common;
        (strip <= u8::MAX as usize).then(|| Rule {
            keep_case,
            strip: strip as u8,
            append: l[common..].iter().collect(),
        })
    }

    fn apply(&self, form: &str) -> Option<String> {
        let source = if self.keep_case {
            form.to_owned()
        } else {
            form.to_lowercase()
        };
        let chars: Vec<char> = source.chars().collect();
        let keep = chars.len().checked_sub(self.strip as usize)?;
        let mut out: String = chars[..keep].iter().collect();
        out.push_str(&self.append);
        (!out.is_empty()).then_some(out)
    }
}

/// The longest suffix looked at.
const MAX_SUFFIX: usize = 7;
/// The Penn Treebank tag of a verb's base form ("halt", "sign"), which is its own lemma.
const BASE_FORM: &str = "VB";

fn word_key(xpos: &str, form: &str) -> u64 {
    hash_parts(&[xpos, form])
}

fn suffix_key(upos: &str, suffix: &str) -> u64 {
    hash_parts(&[upos, suffix, "~"])
}

/// The suffixes of `lower` of 0 to MAX_SUFFIX characters, longest first.
fn suffixes_of(lower: &str) -> impl Iterator<Item = &str> {
    let longest = MAX_SUFFIX.min(lower.chars().count());
    (0..=longest).rev().map(move |k| last_chars(lower, k))
}

/// A trained lemmatiser.
pub struct Lemmatizer {
    rules: Vec<Rule>,
    /// By XPOS and the form as written.
    forms: HashMap<u64, u16>,
    /// By XPOS and the lower-cased form.
    words: HashMap<u64, u16>,
    /// By UPOS and suffix.
    suffixes: HashMap<u64, u16>,
}

impl Lemmatizer {
    /// The lemma of `form` as a word of classes `upos` and `xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        for key in [word_key(xpos, form), word_key(xpos, &lower)] {
            for table in [&self.forms, &self.words] {
                if let Some(&r) = table.get(&key) {
                    if let Some(l) = self.rules[r as usize].apply(form) {
                        return l;
                    }
                }
            }
        }
        // A verb's base form is its lemma: the suffix rules, keyed by the part of speech,
        // learn from past forms too ("dealt" → "deal"), which would make "halt" "hal".
        if xpos == BASE_FORM {
            return lower;
        }
        for suffix in suffixes_of(&lower) {
            if let Some(&r) = self.suffixes.get(&suffix_key(upos, suffix)) {
                if let Some(l) = self.rules[r as usize].apply(form) {
                    return l;
                }
            }
        }
        if upos == "PROPN" {
            form.to_owned()
        } else {
            lower
        }
    }

    /// Entries stored: words (as written or in lower case) and suffixes.
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.forms.len() + self.words.len(), self.suffixes.len())
    }

    pub(crate) fn write(&self) -> Vec<u8> {
        let mut w = Writer::with_header("lemmatizer");
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u8(u8::from(r.keep_case));
            w.u8(r.strip);
            w.str(&r.append);
        }
        for table in [&self.forms, &self.words, &self.suffixes] {
            let mut entries: Vec<(u64, u16)> = table.iter().map(|(&k, &v)| (k, v)).collect();
            entries.sort_unstable();
            w.u32(entries.len() as u32);
            for (k, v) in entries {
                w.u32(k as u32);
                w.u32((k >> 32) as u32);
                w.u32(u32::from(v));
            }
        }
        w.into_bytes()
    }

    pub(crate) fn read(bytes: &[u8]) -> Result<Lemmatizer> {
        let mut r = Reader::with_header(bytes, "lemmatizer")?;
        let n = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let keep_case = r.u8()? != 0;
            let strip = r.u8()?;
            let append = r.str()?;
            rules.push(Rule {
                keep_case,
                strip,
                append,
            });
        }
        let mut tables = Vec::new();
        for _ in 0..3 {
            let n = r.u32()? as usize;
            let mut table = HashMap::with_capacity(n);
            for _ in 0..n {
                let lo = u64::from(r.u32()?);
                let hi = u64::from(r.u32()?);
                let v = r.u32()?;
                ensure!((v as usize) < rules.len(), "a lemma rule {v} of {}", rules.len());
                table.insert(lo | (hi << 32), v as u16);
            }
            tables.push(table);
        }
        r.finish()?;
        let [forms, words, suffixes]: [HashMap<u64, u16>; 3] = tables.try_into().expect("three tables");
        Ok(Lemmatizer {
            rules,
            forms,
            words,
            suffixes,
        })
    }
}

/// One training word: form, UPOS, XPOS, lemma.
pub(crate) type Example<'a> = (&'a str, &'a str, &'a str, &'a str);

/// Learns rules from training words.
pub(crate) fn train<'a>(examples: impl Iterator<Item = Example<'a>>) -> Lemmatizer {
    type Counts = HashMap<(String, String), HashMap<Rule, usize>>;
    let (mut by_form, mut by_word, mut by_suffix) = (Counts::new(), Counts::new(), Counts::new());
    let mut best_upos: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
    let count = |table: &mut Counts, key: (&str, &str), rule: &Rule| {
        *table
            .entry((key.0.to_owned(), key.1.to_owned()))
            .or_default()
            .entry(rule.clone())
            .or_default() += 1;
    };
    for (form, upos, xpos, lemma) in examples {
        if lemma == "_" || lemma.is_empty() {
            continue;
        }
        let Some(rule) = Rule::between(form, lemma) else {
            continue;
        };
        let lower = form.to_lowercase();
        *best_upos
            .entry((xpos.to_owned(), lower.clone()))
            .or_default()
            .entry(upos.to_owned())
            .or_default() += 1;
        count(&mut by_form, (xpos, form), &rule);
        count(&mut by_word, (xpos, &lower), &rule);
        for suffix in suffixes_of(&lower) {
            count(&mut by_suffix, (upos, suffix), &rule);
        }
    }
    let best = |counts: &HashMap<Rule, usize>| {
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(r, _)| r.clone())
            .expect("a rule was counted")
    };
    let mut rules: Vec<Rule> = Vec::new();
    let mut rule_index: HashMap<Rule, u16> = HashMap::new();
    let mut intern = |r: Rule| -> u16 {
        *rule_index.entry(r.clone()).or_insert_with(|| {
            rules.push(r);
            (rules.len() - 1) as u16
        })
    };
    // Suffixes, shortest first: a suffix whose best rule is its parent's adds nothing.
    let mut keys: Vec<&(String, String)> = by_suffix.keys().collect();
    keys.sort_by_key(|(u, s)| (s.chars().count(), u.clone(), s.clone()));
    let mut effective: HashMap<(String, String), Rule> = HashMap::new();
    let mut suffixes = HashMap::new();
    for key in keys {
        let (upos, suffix) = key;
        let rule = best(&by_suffix[key]);
        let parent = suffix.chars().skip(1).collect::<String>();
        let inherited = (!suffix.is_empty())
            .then(|| effective.get(&(upos.clone(), parent)))
            .flatten()
            .cloned();
        if inherited.as_ref() != Some(&rule) {
            suffixes.insert(suffix_key(upos, suffix), intern(rule.clone()));
        }
        effective.insert(key.clone(), rule);
    }
    // Words in lower case, only where the suffix rules (of the UPOS the word has most often
    // with that XPOS) would be wrong.
    let mut words = HashMap::new();
    let mut word_rules: HashMap<(String, String), Rule> = HashMap::new();
    let mut word_keys: Vec<&(String, String)> = by_word.keys().collect();
    word_keys.sort();
    for key in word_keys {
        let (xpos, lower) = key;
        let rule = best(&by_word[key]);
        let upos = best_upos[key]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
        let by_suffix = upos.and_then(|(upos, _)| {
            suffixes_of(lower).find_map(|suffix| effective.get(&(upos.clone(), suffix.to_owned())))
        });
        if by_suffix != Some(&rule) {
            words.insert(word_key(xpos, lower), intern(rule.clone()));
        }
        word_rules.insert(key.clone(), rule);
    }
    // Forms as written, only where the lower-case entry would be wrong ("i" is "I").
    let mut forms = HashMap::new();
    let mut form_keys: Vec<&(String, String)> = by_form.keys().collect();
    form_keys.sort();
    for key in form_keys {
        let (xpos, form) = key;
        let rule = best(&by_form[key]);
        let lower = form.to_lowercase();
        if word_rules.get(&(xpos.clone(), lower)) != Some(&rule) {
            forms.insert(word_key(xpos, form), intern(rule));
        }
    }
    Lemmatizer {
        rules,
        forms,
        words,
        suffixes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_describe_suffix_edits_and_case() {
        let r = Rule::between("negotiated", "negotiate").unwrap();
        assert_eq!((r.strip, r.append.as_str(), r.keep_case), (1, "", false));
        assert_eq!(r.apply("Updated").as_deref(), Some("update"));
        let r = Rule::between("n't", "not").unwrap();
        assert_eq!(r.apply("n't").as_deref(), Some("not"));
        let r = Rule::between("Zaman", "Zaman").unwrap();
        assert!(r.keep_case);
        assert_eq!(
            Rule::between("The", "the").unwrap().apply("The").as_deref(),
            Some("the")
        );
        assert_eq!(
            Rule::between("went", "go").unwrap().apply("went").as_deref(),
            Some("go")
        );
    }

    #[test]
    fn unseen_words_follow_their_suffix() {
        let data = [
            ("talks", "NOUN", "NNS", "talk"),
            ("deals", "NOUN", "NNS", "deal"),
            ("leaders", "NOUN", "NNS", "leader"),
            ("met", "VERB", "VBD", "meet"),
            ("agreed", "VERB", "VBD", "agree"),
            ("signed", "VERB", "VBD", "sign"),
            ("signed", "VERB", "VBN", "sign"),
            ("Kenya", "PROPN", "NNP", "Kenya"),
            ("news", "NOUN", "NN", "news"),
        ];
        let lem = train(data.iter().copied());
        assert_eq!(lem.lemma("ceasefires", "NOUN", "NNS"), "ceasefire");
        assert_eq!(lem.lemma("Talks", "NOUN", "NNS"), "talk");
        assert_eq!(lem.lemma("met", "VERB", "VBD"), "meet");
        assert_eq!(lem.lemma("news", "NOUN", "NN"), "news");
        assert_eq!(lem.lemma("Oman", "PROPN", "NNP"), "Oman");
        let read = Lemmatizer::read(&lem.write()).unwrap();
        assert_eq!(read.lemma("met", "VERB", "VBD"), "meet");
        assert_eq!(read.lemma("deals", "NOUN", "NNS"), "deal");
    }

    /// Past forms teach suffix edits ("dealt" → "deal", "felt" → "feel") that a base form
    /// must not take: "halt" is "halt".
    #[test]
    fn a_base_form_is_its_own_lemma() {
        let data = [
            ("dealt", "VERB", "VBD", "deal"),
            ("felt", "VERB", "VBD", "feel"),
            ("spelt", "VERB", "VBD", "spell"),
        ];
        let lem = train(data.iter().copied());
        assert_eq!(lem.lemma("halt", "VERB", "VB"), "halt");
        assert_eq!(lem.lemma("Halt", "VERB", "VB"), "halt");
    }

    #[test]
    fn the_form_as_written_and_the_fine_tag_decide_where_they_differ() {
        let data = [
            ("I", "PRON", "PRP", "I"),
            ("I", "PRON", "PRP", "I"),
            ("i", "PRON", "PRP", "I"),
            ("her", "PRON", "PRP", "she"),
            ("her", "PRON", "PRP$", "she"),
            ("'s", "AUX", "VBZ", "be"),
            ("'s", "PART", "POS", "'s"),
        ];
        let lem = Lemmatizer::read(&train(data.iter().copied()).write()).unwrap();
        assert_eq!(lem.lemma("i", "PRON", "PRP"), "I");
        assert_eq!(lem.lemma("I", "PRON", "PRP"), "I");
        assert_eq!(lem.lemma("her", "PRON", "PRP$"), "she");
        assert_eq!(lem.lemma("'s", "AUX", "VBZ"), "be");
        assert_eq!(lem.lemma("'s", "PART", "POS"), "'s");
    }
}

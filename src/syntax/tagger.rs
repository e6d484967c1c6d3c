//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over the word, its
//! affixes and shape, two words either side and the two tags before it (Collins 2002; the
//! design of Honnibal's "good part-of-speech tagger in about 200 lines"). The class is the
//! pair UPOS + XPOS, so that the two tags never contradict each other.

use anyhow::{ensure, Result};

use super::hash::{feature_key, hash_str, SplitMix64};
use super::linear::{argmax, Linear, Perceptron};
use super::word::{WordInfo, PADDING};

/// A trained tagger.
pub struct Tagger {
    model: Linear,
    /// (UPOS, XPOS) of each class.
    tags: Vec<(String, String)>,
    /// The hash of each class's XPOS: what the parser reads as a word's tag.
    xpos_hashes: Vec<u64>,
}

/// Stands for the tags before the sentence.
const START: u64 = u64::MAX;

/// The two tags before word `i`, given the tags so far.
fn history(tags: &[usize], i: usize) -> (u64, u64) {
    let at = |k: usize| i.checked_sub(k).map_or(START, |j| tags[j] as u64);
    (at(1), at(2))
}

fn features(words: &[WordInfo], i: usize, prev: u64, prev2: u64, out: &mut Vec<u32>) {
    out.clear();
    let at = |k: isize| -> &WordInfo {
        let j = i as isize + k;
        if j < 0 || j >= words.len() as isize {
            &PADDING
        } else {
            &words[j as usize]
        }
    };
    let w = at(0);
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let first = u64::from(i == 0);
    let templates: [&[u64]; 37] = [
        &[],
        &[w.lower],
        &[w.exact],
        &[w.suffix[0]],
        &[w.suffix[1]],
        &[w.suffix[2]],
        &[w.suffix[3]],
        &[w.suffix[4]],
        &[w.prefix[0]],
        &[w.prefix[1]],
        &[w.prefix[2]],
        &[w.shape],
        &[prev],
        &[prev2],
        &[prev, prev2],
        &[prev, w.lower],
        &[p1.lower],
        &[p1.suffix[2]],
        &[p2.lower],
        &[n1.lower],
        &[n1.suffix[2]],
        &[n2.lower],
        &[p1.lower, w.lower],
        &[w.lower, n1.lower],
        &[n1.shape],
        &[p1.shape],
        &[first, w.shape],
        &[prev, w.suffix[2]],
        &[n1.lower, n2.lower],
        &[p1.lower, n1.lower],
        &[n1.suffix[1]],
        &[n1.prefix[0]],
        &[n2.suffix[2]],
        &[p1.exact],
        &[n1.exact],
        &[prev, n1.lower],
        &[w.exact, n1.shape],
    ];
    for (t, atoms) in templates.iter().enumerate() {
        out.push(feature_key(t as u32, atoms));
    }
}

impl Tagger {
    /// The class of each word.
    pub(crate) fn tag(&self, words: &[WordInfo]) -> Vec<usize> {
        let mut keys = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.model.classes()];
        let mut out: Vec<usize> = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let (prev, prev2) = history(&out, i);
            features(words, i, prev, prev2, &mut keys);
            self.model.score(&keys, &mut scores);
            out.push(argmax(&scores, |_| true).unwrap_or(0));
        }
        out
    }

    pub(crate) fn upos(&self, class: usize) -> &str {
        &self.tags[class].0
    }

    pub(crate) fn xpos(&self, class: usize) -> &str {
        &self.tags[class].1
    }

    pub(crate) fn xpos_hash(&self, class: usize) -> u64 {
        self.xpos_hashes[class]
    }

    pub(crate) fn features(&self) -> usize {
        self.model.features()
    }

    pub(crate) fn write(&self) -> Vec<u8> {
        self.model.to_file("tagger")
    }

    pub(crate) fn read(bytes: &[u8]) -> Result<Tagger> {
        let model = Linear::from_file(bytes, "tagger")?;
        let tags: Vec<(String, String)> = model
            .class_names()
            .iter()
            .map(|n| {
                let (u, x) = n.split_once(' ').unwrap_or((n, "_"));
                (u.to_owned(), x.to_owned())
            })
            .collect();
        ensure!(model.classes() > 0, "a tagger with no tags");
        Ok(Tagger::new(model, tags))
    }

    fn new(model: Linear, tags: Vec<(String, String)>) -> Tagger {
        let xpos_hashes = tags.iter().map(|(_, x)| hash_str(x)).collect();
        Tagger {
            model,
            tags,
            xpos_hashes,
        }
    }
}

/// One training sentence for the tagger: words and their (UPOS, XPOS).
#[derive(Clone, Copy)]
pub(crate) struct TaggedSentence<'a> {
    pub words: &'a [WordInfo],
    pub tags: &'a [(String, String)],
}

/// Trains a tagger for `epochs` passes over `data` in a seeded random order.
pub(crate) fn train(data: &[TaggedSentence], epochs: usize, seed: u64, prune: f32) -> Tagger {
    let mut names: Vec<(String, String)> = data.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    names.sort();
    names.dedup();
    let index = |t: &(String, String)| names.binary_search(t).expect("every tag was collected");
    let gold: Vec<Vec<usize>> = data.iter().map(|s| s.tags.iter().map(index).collect()).collect();
    let mut model = Perceptron::new(names.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut keys = Vec::new();
    let mut scores = vec![0f32; names.len()];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let words = data[s].words;
            let mut tagged: Vec<usize> = Vec::with_capacity(words.len());
            for (i, &truth) in gold[s].iter().enumerate() {
                let (prev, prev2) = history(&tagged, i);
                features(words, i, prev, prev2, &mut keys);
                model.score(&keys, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                model.update(&keys, truth, guess);
                tagged.push(guess);
            }
        }
    }
    let class_names = names.iter().map(|(u, x)| format!("{u} {x}")).collect();
    Tagger::new(model.freeze(class_names, prune), names)
}

//! Dependency labels for a finished tree: each arc, left to right by dependent, is given the
//! label an averaged perceptron prefers from the words and tags of the head and dependent,
//! direction and distance, the function words hanging on the dependent ("with", "to", "that")
//! and the labels already given to its siblings. Labelling after parsing sees the whole tree,
//! which a transition system labelling as it goes cannot.

use anyhow::Result;

use super::hash::{feature_key, hash_str, SplitMix64};
use super::linear::{argmax, Linear, Perceptron};
use super::parser::Input;

const NONE: u64 = 3;
const ROOT: u64 = 2;
/// The label of an arc from the root.
pub(crate) const ROOT_LABEL: &str = "root";
const ROOT_HASH: u64 = hash_str(ROOT_LABEL);

/// The children of each word, computed once per tree so that features of a word cost the
/// same however wide the tree is.
struct Children {
    /// All children of each word in order (the root is index n).
    of: Vec<Vec<usize>>,
    /// Where each word stands among its head's children.
    position: Vec<usize>,
    /// Whether a word has a form of "be" among its left children ("was signed").
    be_aux: Vec<bool>,
}

impl Children {
    fn new(input: &Input, heads: &[usize]) -> Children {
        let n = heads.len();
        let mut of = vec![Vec::new(); n + 1];
        let mut position = vec![0; n];
        let mut be_aux = vec![false; n + 1];
        for (d, &h) in heads.iter().enumerate() {
            let h = h.min(n);
            position[d] = of[h].len();
            of[h].push(d);
            be_aux[h] |= d < h && BE_FORMS.contains(&input.words[d].lower);
        }
        Children { of, position, be_aux }
    }
}

fn features(
    input: &Input,
    heads: &[usize],
    children: &Children,
    labels: &[u64],
    d: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    let n = input.words.len();
    let h = heads[d];
    let w = |k: usize| if k >= n { ROOT } else { input.words[k].lower };
    let t = |k: usize| if k >= n { ROOT } else { input.tags[k] };
    let (dw, dt, hw, ht) = (w(d), t(d), w(h), t(h));
    let dir = u64::from(d < h);
    let dist = match d.abs_diff(h) {
        k @ 0..=3 => k as u64,
        4..=7 => 4,
        _ => 5,
    };
    let mine = &children.of[d];
    let first = mine.first().copied();
    let last = mine.last().copied();
    let opt_w = |k: Option<usize>| k.map_or(NONE, w);
    let opt_t = |k: Option<usize>| k.map_or(NONE, t);
    // Function words: a left child that is a preposition, particle or subordinator.
    let function = mine
        .iter()
        .copied()
        .filter(|&c| c < d)
        .find(|&c| input.words[c].lower != input.words[d].lower && is_function_tag(input, c));
    let siblings = &children.of[h.min(n)];
    let pos = children.position[d];
    let left_sibling = pos.checked_sub(1).map(|i| siblings[i]);
    let right_sibling = siblings.get(pos + 1).copied();
    let left_sibling_label = left_sibling.map_or(NONE, |s| labels[s]);
    let head_label = if h < n { labels[h] } else { ROOT };
    let grand = if h < n { t(heads[h]) } else { NONE };
    // "was signed": a passive auxiliary among the head's children.
    let has_be_aux = children.be_aux[h.min(n)];
    let prev_t = if d > 0 { t(d - 1) } else { NONE };
    let next_t = if d + 1 < n { t(d + 1) } else { NONE };
    let templates: [&[u64]; 34] = [
        &[],
        &[dw],
        &[dt],
        &[dw, dt],
        &[hw],
        &[ht],
        &[hw, ht],
        &[dw, ht],
        &[dt, hw],
        &[dt, ht],
        &[dw, hw],
        &[dt, ht, dir],
        &[dt, ht, dir, dist],
        &[dw, dir],
        &[opt_w(function), dt],
        &[opt_w(function), dt, ht],
        &[opt_w(function)],
        &[opt_t(first), dt],
        &[opt_w(first), dt],
        &[opt_t(last), dt],
        &[left_sibling_label, dt, dir],
        &[left_sibling_label],
        &[opt_t(left_sibling), dt, ht],
        &[opt_t(right_sibling), dt, ht],
        &[head_label, dt],
        &[head_label, dt, ht],
        &[grand, ht, dt],
        &[u64::from(has_be_aux), dt, ht, dir],
        &[prev_t, dt],
        &[dt, next_t],
        &[prev_t, dt, ht],
        &[mine.len().min(4) as u64, dt],
        &[u64::from(h >= n), dt],
        &[input.words[d].shape, dt],
    ];
    for (k, atoms) in templates.iter().enumerate() {
        out.push(feature_key(k as u32 + 2000, atoms));
    }
}

/// Fine tags of prepositions, particles, subordinators and wh-words.
const FUNCTION_TAGS: [u64; 7] = [
    hash_str("IN"),
    hash_str("TO"),
    hash_str("RP"),
    hash_str("WDT"),
    hash_str("WP"),
    hash_str("WRB"),
    hash_str("POS"),
];

/// Forms of "be" (lower case).
const BE_FORMS: [u64; 12] = [
    hash_str("was"),
    hash_str("were"),
    hash_str("is"),
    hash_str("are"),
    hash_str("be"),
    hash_str("been"),
    hash_str("being"),
    hash_str("'s"),
    hash_str("’s"),
    hash_str("am"),
    hash_str("'re"),
    hash_str("’re"),
];

fn is_function_tag(input: &Input, k: usize) -> bool {
    FUNCTION_TAGS.contains(&input.tags[k])
}

/// A trained arc labeller.
pub struct Labeller {
    model: Linear,
    /// The hash of each label, as features of later arcs read it.
    hashes: Vec<u64>,
    /// The class of `root`, which only an arc from the root gets.
    root: Option<usize>,
}

impl Labeller {
    /// A label for each arc of `heads` (`words.len()` is the root).
    pub(crate) fn label(&self, input: &Input, heads: &[usize]) -> Vec<String> {
        let n = input.words.len();
        let children = Children::new(input, heads);
        let mut chosen = vec![NONE; n];
        let mut names = Vec::with_capacity(n);
        let mut keys = Vec::with_capacity(40);
        let mut scores = vec![0i32; self.model.classes()];
        for d in 0..n {
            if heads[d] >= n {
                names.push(ROOT_LABEL.to_owned());
                chosen[d] = ROOT_HASH;
                continue;
            }
            features(input, heads, &children, &chosen, d, &mut keys);
            self.model.score(&keys, &mut scores);
            let c = argmax(&scores, |c| Some(c) != self.root).unwrap_or(0);
            chosen[d] = self.hashes[c];
            names.push(self.model.class_names()[c].clone());
        }
        names
    }

    pub(crate) fn features(&self) -> usize {
        self.model.features()
    }

    pub(crate) fn write(&self) -> Vec<u8> {
        self.model.to_file("labeller")
    }

    pub(crate) fn read(bytes: &[u8]) -> Result<Labeller> {
        Ok(Labeller::new(Linear::from_file(bytes, "labeller")?))
    }

    fn new(model: Linear) -> Labeller {
        let hashes = model.class_names().iter().map(|n| hash_str(n)).collect();
        let root = model.class_names().iter().position(|n| n == ROOT_LABEL);
        Labeller { model, hashes, root }
    }
}

/// One training tree: words, tags, heads and labels.
pub(crate) struct Example<'a> {
    pub input: Input<'a>,
    pub heads: &'a [usize],
    pub labels: &'a [String],
}

pub(crate) fn train(data: &[Example], epochs: usize, seed: u64, prune: f32) -> Labeller {
    let mut names: Vec<String> = data.iter().flat_map(|e| e.labels.iter().cloned()).collect();
    names.sort();
    names.dedup();
    let mut model = Perceptron::new(names.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut keys = Vec::new();
    let mut scores = vec![0f32; names.len()];
    let hashes: Vec<u64> = names.iter().map(|n| hash_str(n)).collect();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = &data[i];
            let n = e.input.words.len();
            let children = Children::new(&e.input, e.heads);
            let mut chosen = vec![NONE; n];
            for d in 0..n {
                let truth = names.binary_search(&e.labels[d]).expect("collected");
                if e.heads[d] >= n {
                    chosen[d] = hashes[truth];
                    continue;
                }
                features(&e.input, e.heads, &children, &chosen, d, &mut keys);
                model.score(&keys, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                model.update(&keys, truth, guess);
                chosen[d] = hashes[guess];
            }
        }
    }
    Labeller::new(model.freeze(names, prune))
}

//! Linear multiclass models: the averaged perceptron that trains them and the compact,
//! quantised form that the binary embeds.
//!
//! Every statistical step of the syntactic layer (tags, parser transitions, arc labels) is
//! one such model over hashed features. The frozen form keeps, for each feature key, only the
//! classes whose weight survived quantisation to 16 bits, in an open-addressing table that is
//! built when the model loads (a few milliseconds) rather than stored.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use anyhow::{bail, ensure, Result};

use super::binary::{Reader, Writer};

/// Feature keys are hashes already: hashing them again would only cost time.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(crate) type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// One weight of the averaged perceptron, with what averaging needs (lazy averaging: the sum
/// is brought up to date only when the weight changes).
#[derive(Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u64,
}

/// An averaged perceptron over hashed features (Collins 2002; Freund & Schapire's averaging).
pub(crate) struct Perceptron {
    classes: usize,
    params: KeyMap<Vec<Param>>,
    /// Updates so far: the averaging clock.
    step: u64,
}

impl Perceptron {
    pub(crate) fn new(classes: usize) -> Perceptron {
        Perceptron {
            classes,
            params: KeyMap::default(),
            step: 0,
        }
    }

    /// Adds the current (not averaged) weights of `keys` into `scores`.
    pub(crate) fn score(&self, keys: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for key in keys {
            if let Some(row) = self.params.get(key) {
                for p in row {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Moves `truth`'s weights up and `guess`'s down on `keys` (nothing when they agree).
    pub(crate) fn update(&mut self, keys: &[u32], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        for &key in keys {
            let row = self.params.entry(key).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let step = self.step;
                let p = match row.iter_mut().position(|p| p.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                p.total += f64::from(p.weight) * (step - p.stamp) as f64;
                p.stamp = step;
                p.weight += delta;
            }
        }
    }

    /// The averaged weights, quantised to 16 bits. Averaged weights smaller than `prune` are
    /// dropped: most features of a perceptron carry tiny weights that change few decisions,
    /// and dropping them keeps model files small.
    pub(crate) fn freeze(&self, class_names: Vec<String>, prune: f32) -> Linear {
        assert_eq!(class_names.len(), self.classes, "one name per class");
        let step = self.step.max(1) as f64;
        let average = |p: &Param| (p.total + f64::from(p.weight) * (self.step - p.stamp) as f64) / step;
        let max = self
            .params
            .values()
            .flatten()
            .map(|p| average(p).abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = 32767.0 / max;
        let mut keys: Vec<u32> = self.params.keys().copied().collect();
        keys.sort_unstable();
        let (mut kept, mut lens_less_one, mut classes, mut weights) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for key in keys {
            let mut entries: Vec<(u8, i16)> = self.params[&key]
                .iter()
                .filter(|p| average(p).abs() >= f64::from(prune))
                .map(|p| (p.class as u8, (average(p) * scale).round() as i16))
                .filter(|&(_, w)| w != 0)
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable();
            kept.push(key);
            lens_less_one.push((entries.len() - 1) as u8);
            for (c, w) in entries {
                classes.push(c);
                weights.push(w);
            }
        }
        Linear::from_parts(class_names, &kept, &lens_less_one, classes, weights)
            .expect("a trained model fits its format")
    }
}

/// A slot of the frozen model's table: a key, and where its weights start (low 24 bits) and
/// how many there are less one (high 8 bits). Eight bytes, so that the table of a model with
/// a million features stays at 16 MB and a probe touches one cache line.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u32,
    packed: u32,
}

/// The most weights a frozen model can hold (24 bits of offset).
const MAX_WEIGHTS: usize = 1 << 24;

impl Slot {
    fn range(self) -> std::ops::Range<usize> {
        let start = (self.packed & 0x00ff_ffff) as usize;
        start..start + (self.packed >> 24) as usize + 1
    }
}

/// A frozen linear model: for each feature key, the 16-bit weights of some classes.
pub(crate) struct Linear {
    class_names: Vec<String>,
    /// Open addressing, linear probing; capacity a power of two, at most half full.
    slots: Vec<Slot>,
    /// Row by row, each sorted by class.
    classes: Vec<u8>,
    weights: Vec<i16>,
    features: usize,
}

impl Linear {
    /// A model from rows given as keys (sorted, distinct, non-zero), row lengths less one
    /// and the concatenated classes and weights of the rows.
    fn from_parts(
        class_names: Vec<String>,
        keys: &[u32],
        lens_less_one: &[u8],
        classes: Vec<u8>,
        weights: Vec<i16>,
    ) -> Result<Linear> {
        ensure!(
            classes.len() == weights.len()
                && classes.len() < MAX_WEIGHTS
                && keys.len() == lens_less_one.len(),
            "model too large"
        );
        // Checked once here, so that the insertion loop below needs no test per probe (it
        // runs a million times at every start, unoptimised in the test builds).
        ensure!(
            keys.first() != Some(&0) && keys.windows(2).all(|w| w[0] < w[1]),
            "feature keys are not sorted, distinct and non-zero"
        );
        let capacity = (keys.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut at = 0usize;
        for (&key, &less_one) in keys.iter().zip(lens_less_one) {
            let mut i = key as usize & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                key,
                packed: at as u32 | (u32::from(less_one) << 24),
            };
            at += usize::from(less_one) + 1;
        }
        ensure!(at == classes.len(), "row lengths do not add up to the weights");
        if let Some(&c) = classes.iter().find(|&&c| c as usize >= class_names.len()) {
            bail!("a weight for class {c} of {}", class_names.len());
        }
        Ok(Linear {
            class_names,
            slots,
            classes,
            weights,
            features: keys.len(),
        })
    }

    pub(crate) fn class_names(&self) -> &[String] {
        &self.class_names
    }

    pub(crate) fn classes(&self) -> usize {
        self.class_names.len()
    }

    /// How many features have weights.
    pub(crate) fn features(&self) -> usize {
        self.features
    }

    fn row(&self, key: u32) -> Option<Slot> {
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The score of every class for a set of feature keys (`scores` is overwritten).
    pub(crate) fn score(&self, keys: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &key in keys {
            if let Some(slot) = self.row(key) {
                let range = slot.range();
                for (&c, &w) in self.classes[range.clone()].iter().zip(&self.weights[range]) {
                    scores[c as usize] += i32::from(w);
                }
            }
        }
    }

    /// Rows in key order: (key, range into classes/weights).
    fn sorted_rows(&self) -> Vec<(u32, std::ops::Range<usize>)> {
        let mut rows: Vec<(u32, std::ops::Range<usize>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.range()))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Columns, so that the file reads back with bulk copies: class names, then the keys,
    /// the row lengths less one, the classes and the weights of all rows.
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u32(self.class_names.len() as u32);
        for name in &self.class_names {
            out.str(name);
        }
        let rows = self.sorted_rows();
        out.u32(rows.len() as u32);
        for (key, _) in &rows {
            out.u32(*key);
        }
        for (_, range) in &rows {
            out.u8((range.len() - 1) as u8);
        }
        for (_, range) in &rows {
            out.bytes(&self.classes[range.clone()]);
        }
        for (_, range) in &rows {
            for &w in &self.weights[range.clone()] {
                out.i16(w);
            }
        }
    }

    /// The bytes of a model file holding this model alone, as a `kind` model.
    pub(crate) fn to_file(&self, kind: &str) -> Vec<u8> {
        let mut w = Writer::with_header(kind);
        self.write(&mut w);
        w.into_bytes()
    }

    /// The model of a file written by [`Linear::to_file`] for `kind`.
    pub(crate) fn from_file(bytes: &[u8], kind: &str) -> Result<Linear> {
        let mut r = Reader::with_header(bytes, kind)?;
        let model = Linear::read(&mut r)?;
        r.finish()?;
        Ok(model)
    }

    pub(crate) fn read(input: &mut Reader) -> Result<Linear> {
        let n_classes = input.u32()? as usize;
        ensure!((1..=256).contains(&n_classes), "a model with {n_classes} classes");
        let class_names = (0..n_classes).map(|_| input.str()).collect::<Result<Vec<_>>>()?;
        let n = input.u32()? as usize;
        let keys = input.u32s(n)?;
        let lens_less_one = input.take(n)?;
        let total = lens_less_one.len() + lens_less_one.iter().map(|&l| usize::from(l)).sum::<usize>();
        let classes = input.take(total)?.to_vec();
        let weights = input.i16s(total)?;
        Linear::from_parts(class_names, &keys, lens_less_one, classes, weights)
    }
}

/// The index of the highest score among the allowed classes (`allowed` None: all).
pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perceptron_learns_a_separable_problem_and_survives_freezing() {
        // Class = which of three features is present.
        let mut p = Perceptron::new(3);
        let data = [
            (vec![11u32], 0usize),
            (vec![21], 1),
            (vec![31], 2),
            (vec![11, 41], 0),
        ];
        let mut scores = vec![0.0f32; 3];
        for _ in 0..5 {
            for (keys, truth) in &data {
                p.score(keys, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap();
                p.update(keys, *truth, guess);
            }
        }
        let frozen = p.freeze(vec!["a".into(), "b".into(), "c".into()], 0.0);
        let mut out = Writer::new();
        frozen.write(&mut out);
        let bytes = out.into_bytes();
        let read = Linear::read(&mut Reader::new(&bytes)).unwrap();
        let mut int_scores = vec![0i32; 3];
        for (keys, truth) in &data {
            read.score(keys, &mut int_scores);
            assert_eq!(argmax(&int_scores, |_| true), Some(*truth));
        }
        assert_eq!(read.class_names(), &["a", "b", "c"]);
    }

    #[test]
    fn argmax_respects_what_is_allowed() {
        assert_eq!(argmax(&[3, 9, 5], |_| true), Some(1));
        assert_eq!(argmax(&[3, 9, 5], |i| i != 1), Some(2));
        assert_eq!(argmax(&[3, 9, 5], |_| false), None);
    }
}

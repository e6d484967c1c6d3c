//! Unlabelled dependency parsing: the arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez
//! & Satta 2011) with the root at the end of the buffer (Ballesteros & Nivre 2013), a greedy
//! averaged perceptron over rich feature templates (after Zhang & Nivre 2011), trained with
//! the dynamic oracle of Goldberg & Nivre (2013): the oracle scores every transition by how
//! many gold arcs it makes unreachable, so training can follow the model's own mistakes and
//! learn to recover from them. Labels are added afterwards by [`super::labeller`].

use anyhow::Result;

use super::hash::{feature_key, SplitMix64};
use super::linear::{argmax, Linear, Perceptron};
use super::word::WordInfo;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const MOVES: usize = 3;
const MOVE_NAMES: [&str; MOVES] = ["shift", "left", "right"];

/// No word there (an empty stack slot, a missing child).
const NONE: usize = usize::MAX;

/// The words of a sentence as the parser sees them.
#[derive(Clone, Copy)]
pub(crate) struct Input<'a> {
    pub words: &'a [WordInfo],
    /// A hash of each word's fine tag (XPOS).
    pub tags: &'a [u64],
}

/// A configuration: stack, the front of the buffer (the rest follows it; the root is the
/// position `n`, last) and the arcs so far with what the features read of them.
struct State {
    n: usize,
    stack: Vec<usize>,
    front: usize,
    heads: Vec<usize>,
    /// Closest two children on each side: [leftmost, second leftmost], [rightmost, second].
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NONE; n],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            left_count: vec![0; n + 1],
            right_count: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.front == self.n && self.stack.is_empty()
    }

    fn s(&self, k: usize) -> usize {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.front < self.n,
            // The root takes one word only: the last one left.
            LEFT => !self.stack.is_empty() && (self.front < self.n || self.stack.len() == 1),
            RIGHT => self.stack.len() >= 2,
            _ => false,
        }
    }

    fn attach(&mut self, head: usize, child: usize) {
        self.heads[child] = head;
        if child < head {
            self.left[head] = [child, self.left[head][0]];
            self.left_count[head] = self.left_count[head].saturating_add(1);
        } else {
            self.right[head] = [child, self.right[head][0]];
            self.right_count[head] = self.right_count[head].saturating_add(1);
        }
    }

    fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.front);
                self.front += 1;
            }
            LEFT => {
                let s0 = self.stack.pop().expect("LEFT needs a stack");
                self.attach(self.front, s0);
            }
            _ => {
                let s0 = self.stack.pop().expect("RIGHT needs two on the stack");
                let s1 = *self.stack.last().expect("RIGHT needs two on the stack");
                self.attach(s1, s0);
            }
        }
    }

    /// How many gold arcs each move would make unreachable (Goldberg & Nivre 2013, arc-hybrid).
    fn cost(&self, m: usize, gold: &[usize]) -> usize {
        let in_buffer = |k: usize| k >= self.front && k <= self.n;
        let s0 = self.s(0);
        match m {
            SHIFT => {
                let b = self.front;
                let below_top = &self.stack[..self.stack.len().saturating_sub(1)];
                usize::from(below_top.contains(&gold[b]))
                    + self.stack.iter().filter(|&&k| gold[k] == b).count()
            }
            LEFT => {
                let head_lost = gold[s0] != self.front && (gold[s0] == self.s(1) || (in_buffer(gold[s0])));
                usize::from(head_lost) + self.dependents_in_buffer(s0, gold)
            }
            _ => usize::from(in_buffer(gold[s0])) + self.dependents_in_buffer(s0, gold),
        }
    }

    fn dependents_in_buffer(&self, w: usize, gold: &[usize]) -> usize {
        (self.front..self.n).filter(|&k| gold[k] == w).count()
    }
}

/// Feature atoms of one position: word, tag, both.
struct Atoms {
    w: u64,
    t: u64,
}

const ROOT_ATOM: Atoms = Atoms { w: 2, t: 2 };
const EMPTY_ATOM: Atoms = Atoms { w: 3, t: 3 };

fn atoms(input: &Input, k: usize) -> Atoms {
    if k == NONE {
        EMPTY_ATOM
    } else if k >= input.words.len() {
        ROOT_ATOM
    } else {
        Atoms {
            w: input.words[k].lower,
            t: input.tags[k],
        }
    }
}

fn distance_bin(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64 + 1,
        5..=9 => 6,
        _ => 7,
    }
}

fn features(input: &Input, st: &State, out: &mut Vec<u32>) {
    out.clear();
    let (s0, s1, s2, b0) = (st.s(0), st.s(1), st.s(2), st.front);
    let b1 = if b0 < st.n { b0 + 1 } else { NONE };
    let b2 = if b0 + 1 < st.n { b0 + 2 } else { NONE };
    let child = |k: usize, side: &[[usize; 2]], i: usize| if k == NONE { NONE } else { side[k][i] };
    let count = |k: usize, side: &[u8]| if k == NONE { 0 } else { u64::from(side[k].min(5)) };
    let a = |k: usize| atoms(input, k);
    let (s0a, s1a, s2a, b0a, b1a, b2a) = (a(s0), a(s1), a(s2), a(b0), a(b1), a(b2));
    let s0l = a(child(s0, &st.left, 0));
    let s0l2 = a(child(s0, &st.left, 1));
    let s0r = a(child(s0, &st.right, 0));
    let s0r2 = a(child(s0, &st.right, 1));
    let s1r = a(child(s1, &st.right, 0));
    let s1l = a(child(s1, &st.left, 0));
    let b0l = a(child(b0, &st.left, 0));
    let b0l2 = a(child(b0, &st.left, 1));
    let d01 = distance_bin(s0, b0);
    let d10 = distance_bin(s1, s0);
    let (s0nl, s0nr, s1nr, b0nl) = (
        count(s0, &st.left_count),
        count(s0, &st.right_count),
        count(s1, &st.right_count),
        count(b0, &st.left_count),
    );
    let sfx = |k: usize| {
        if k < input.words.len() {
            input.words[k].suffix[2]
        } else {
            4
        }
    };
    let b3t = if b0 + 3 < st.n { input.tags[b0 + 3] } else { 5 };
    let templates: [&[u64]; 78] = [
        &[],
        // Single positions.
        &[s0a.w],
        &[s0a.t],
        &[s0a.w, s0a.t],
        &[s1a.w],
        &[s1a.t],
        &[s1a.w, s1a.t],
        &[s2a.t],
        &[b0a.w],
        &[b0a.t],
        &[b0a.w, b0a.t],
        &[b1a.w],
        &[b1a.t],
        &[b1a.w, b1a.t],
        &[b2a.w],
        &[b2a.t],
        // Children.
        &[s0l.t],
        &[s0l.w],
        &[s0r.t],
        &[s0r.w],
        &[s0l2.t],
        &[s0r2.t],
        &[s1r.t],
        &[s1r.w],
        &[s1l.t],
        &[b0l.t],
        &[b0l.w],
        &[b0l2.t],
        // Pairs of s0 and b0.
        &[s0a.w, s0a.t, b0a.w, b0a.t],
        &[s0a.w, s0a.t, b0a.w],
        &[s0a.w, b0a.w, b0a.t],
        &[s0a.w, s0a.t, b0a.t],
        &[s0a.t, b0a.w, b0a.t],
        &[s0a.w, b0a.w],
        &[s0a.t, b0a.t],
        &[b0a.t, b1a.t],
        // Pairs of s1 and s0.
        &[s1a.w, s1a.t, s0a.w, s0a.t],
        &[s1a.w, s0a.w],
        &[s1a.t, s0a.t],
        &[s1a.t, s0a.w],
        &[s1a.w, s0a.t],
        &[s1a.t, b0a.t],
        // Tag trigrams.
        &[b0a.t, b1a.t, b2a.t],
        &[s0a.t, b0a.t, b1a.t],
        &[s1a.t, s0a.t, b0a.t],
        &[s2a.t, s1a.t, s0a.t],
        &[s0a.t, s0l.t, b0a.t],
        &[s0a.t, s0r.t, b0a.t],
        &[s0a.t, b0a.t, b0l.t],
        &[s0a.t, s0l.t, s0l2.t],
        &[s0a.t, s0r.t, s0r2.t],
        &[b0a.t, b0l.t, b0l2.t],
        &[s1a.t, s1r.t, s0a.t],
        &[s1a.t, s0a.t, s0r.t],
        &[s1a.t, s0a.t, s0l.t],
        // Distance.
        &[s0a.w, d01],
        &[s0a.t, d01],
        &[b0a.w, d01],
        &[b0a.t, d01],
        &[s0a.w, b0a.w, d01],
        &[s0a.t, b0a.t, d01],
        &[s1a.t, s0a.t, d10],
        // Valency.
        &[s0a.t, s0nl, s0nr],
        &[s0a.w, s0nr],
        &[s1a.t, s1nr],
        &[b0a.t, b0nl],
        // Unknown words by their ending; wider context.
        &[sfx(s0), s0a.t],
        &[sfx(b0), b0a.t],
        &[sfx(s0), sfx(b0)],
        &[s2a.w],
        &[b2a.t, b3t],
        &[b0a.w, b1a.w],
        &[s0a.w, b0a.t, b1a.t],
        &[s0a.t, b0a.w, b1a.t],
        &[s0a.t, b0a.t, b1a.w],
        &[s0l.w, s0a.t, b0a.t],
        &[s0r.w, s0a.t, b0a.t],
        &[b0l.w, s0a.t, b0a.t],
    ];
    for (t, atoms) in templates.iter().enumerate() {
        out.push(feature_key(t as u32 + 1000, atoms));
    }
}

/// A trained transition classifier.
pub struct Parser {
    model: Linear,
}

impl Parser {
    /// The head of each word: an index into the sentence, or `words.len()` for the root.
    pub(crate) fn parse(&self, input: &Input) -> Vec<usize> {
        let n = input.words.len();
        let mut st = State::new(n);
        let mut keys = Vec::with_capacity(80);
        let mut scores = [0i32; MOVES];
        while !st.done() {
            features(input, &st, &mut keys);
            self.model.score(&keys, &mut scores);
            let m =
                argmax(&scores, |m| st.valid(m)).expect("a configuration that is not final allows a move");
            st.apply(m);
        }
        st.heads
    }

    pub(crate) fn features(&self) -> usize {
        self.model.features()
    }

    pub(crate) fn write(&self) -> Vec<u8> {
        self.model.to_file("parser")
    }

    pub(crate) fn read(bytes: &[u8]) -> Result<Parser> {
        let model = Linear::from_file(bytes, "parser")?;
        anyhow::ensure!(
            model.classes() == MOVES,
            "a parser with {} moves",
            model.classes()
        );
        Ok(Parser { model })
    }
}

/// One training sentence: the words, their tags and gold heads (`words.len()` for the root).
pub(crate) struct Example<'a> {
    pub input: Input<'a>,
    pub heads: &'a [usize],
}

/// How training explores: from the second epoch on, the model's own move is followed with
/// this probability even when it is wrong (Goldberg & Nivre's p = 0.9).
const EXPLORE: f64 = 0.9;

pub(crate) fn train(data: &[Example], epochs: usize, seed: u64, prune: f32) -> Parser {
    let mut model = Perceptron::new(MOVES);
    let gold: Vec<Vec<usize>> = data.iter().map(|e| projectivise(e.heads)).collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut keys = Vec::new();
    let mut scores = [0f32; MOVES];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let input = &data[i].input;
            let gold = &gold[i];
            let mut st = State::new(input.words.len());
            while !st.done() {
                features(input, &st, &mut keys);
                model.score(&keys, &mut scores);
                let guess = argmax(&scores, |m| st.valid(m)).expect("a move");
                let costs: Vec<usize> = (0..MOVES)
                    .map(|m| if st.valid(m) { st.cost(m, gold) } else { usize::MAX })
                    .collect();
                let least = *costs.iter().min().expect("three moves");
                let best = argmax(&scores, |m| costs[m] == least).expect("a least-cost move");
                model.update(&keys, best, guess);
                let follow = if epoch > 0 && rng.chance(EXPLORE) {
                    guess
                } else {
                    best
                };
                st.apply(follow);
            }
        }
    }
    Parser {
        model: model.freeze(MOVE_NAMES.iter().map(|s| s.to_string()).collect(), prune),
    }
}

/// The tree with every non-projective arc lifted to its head's head until none crosses
/// another (the shortest offending arc first). Arc-hybrid builds projective trees only;
/// training towards the lifted tree is training towards the closest tree it can build.
pub(crate) fn projectivise(heads: &[usize]) -> Vec<usize> {
    let n = heads.len();
    let mut heads = heads.to_vec();
    loop {
        let dominated = |k: usize, h: usize, heads: &[usize]| {
            let mut x = k;
            for _ in 0..=n {
                if x == h {
                    return true;
                }
                if x >= n {
                    return false;
                }
                x = heads[x];
            }
            false
        };
        let worst = (0..n)
            .filter(|&d| heads[d] < n)
            .filter(|&d| {
                let h = heads[d];
                (d.min(h) + 1..d.max(h)).any(|k| !dominated(k, h, &heads))
            })
            .min_by_key(|&d| d.abs_diff(heads[d]));
        match worst {
            Some(d) => heads[d] = heads[heads[d]],
            None => return heads,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the zero-cost moves only and returns the tree they build.
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let mut st = State::new(gold.len());
        while !st.done() {
            let m = (0..MOVES)
                .find(|&m| st.valid(m) && st.cost(m, gold) == 0)
                .expect("a zero-cost move");
            st.apply(m);
        }
        st.heads
    }

    #[test]
    fn the_oracle_reaches_every_projective_tree() {
        // "Trump spoke with Putin on Tuesday ." — heads, root = 7.
        let gold = vec![1, 7, 3, 1, 5, 1, 1];
        assert_eq!(oracle_parse(&gold), gold);
        // A chain to the right and a chain to the left (the root is 5).
        assert_eq!(oracle_parse(&[5, 0, 1, 2, 3]), vec![5, 0, 1, 2, 3]);
        assert_eq!(oracle_parse(&[1, 2, 3, 4, 5]), vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_oracle_reaches_every_training_tree_once_lifted() {
        // The real treebank when it is beside the project (as in CI), else nothing to check.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/ud/en_ewt-ud-train.conllu"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("{path}: not found, skipped");
            return;
        };
        let sentences = crate::syntax::conllu::parse(&text).unwrap();
        let mut lifted_arcs = 0;
        for s in &sentences {
            let n = s.words.len();
            let gold: Vec<usize> = s
                .words
                .iter()
                .map(|w| w.head.map_or(n, |h| if h == 0 { n } else { h - 1 }))
                .collect();
            let projective = projectivise(&gold);
            lifted_arcs += gold.iter().zip(&projective).filter(|(a, b)| a != b).count();
            assert_eq!(
                oracle_parse(&projective),
                projective,
                "{:?}",
                s.comment("sent_id")
            );
        }
        assert!(sentences.len() > 12_000);
        assert!(lifted_arcs < 2_000, "{lifted_arcs} arcs lifted");
    }

    #[test]
    fn lifting_makes_a_tree_projective_and_keeps_projective_ones() {
        // 3 → 1 crosses 0 → 2 (word 2 is not under 3): word 1 is lifted to 3's head, 0.
        let crossing = vec![4, 3, 0, 0];
        let lifted = projectivise(&crossing);
        assert_eq!(lifted, vec![4, 0, 0, 0]);
        assert_eq!(oracle_parse(&lifted), lifted);
        let projective = vec![1, 7, 3, 1, 5, 1, 1];
        assert_eq!(projectivise(&projective), projective);
    }

    #[test]
    fn after_a_mistake_the_oracle_still_finds_the_best_reachable_tree() {
        let gold = vec![1, 7, 3, 1, 5, 1, 1];
        let mut st = State::new(gold.len());
        st.apply(SHIFT);
        // A mistake: word 0 should have been attached to word 1 first.
        let mut lost = st.cost(SHIFT, &gold);
        assert_eq!(lost, 1);
        st.apply(SHIFT);
        while !st.done() {
            let valid: Vec<usize> = (0..MOVES).filter(|&m| st.valid(m)).collect();
            let m = *valid.iter().min_by_key(|&&m| st.cost(m, &gold)).unwrap();
            lost += st.cost(m, &gold);
            st.apply(m);
        }
        let wrong = st.heads.iter().zip(&gold).filter(|(a, b)| a != b).count();
        assert_eq!(wrong, lost, "the costs count exactly the arcs lost");
        assert!(wrong >= 1);
    }
}

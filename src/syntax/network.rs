//! The joint tagger and parser: one network reads a sentence and gives every word its tag,
//! its head and the label of the arc to it.
//!
//! - Each word is the sum of embeddings of the strings it is known by ([`super::vocab`]:
//!   form, suffixes, prefixes, shape) beside the embedding of its form, so that unseen words
//!   are read by their endings and shape.
//! - Bidirectional LSTM layers give each word a vector of its whole sentence (Kiperwasser &
//!   Goldberg 2016); a root token before the first word stands for the root.
//! - Tags: a linear layer over that vector; the class is the pair UPOS + XPOS, so that the two
//!   never contradict each other.
//! - Heads: the deep biaffine scorer of Dozat & Manning (2017) — each word as a dependent and
//!   as a head through its own ReLU layer, every pair scored by a bilinear form plus a head
//!   bias — and the maximum spanning tree of those scores ([`super::mst`]), so trees may be
//!   non-projective and always have one root.
//! - Labels: for each arc, a linear layer over the dependent's and the head's label vectors
//!   and their element-wise product (a cheaper stand-in for Dozat & Manning's biaffine
//!   classifier: 3·d·L multiplications per word instead of d²·L).
//!
//! Parameters live in one flat vector ([`super::nn::params`]); [`Spec`] says where each
//! matrix is, so that training ([`super::learn`]) and parsing share one forward pass.

use anyhow::{ensure, Context, Result};

use super::binary::{Reader, Writer};
use super::hash::SplitMix64;
use super::mst::best_tree;
use super::nn::kernels::{argmax, axpy, matmul, relu_in_place, View};
use super::nn::lstm::{BiLstm, BiTrace, Runs};
use super::nn::params::{affine, Init, Layout, Packed, Tensor, Weights};
use super::vocab::{Vocabulary, FEATURES, ROOT};

/// The sizes of a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dims {
    /// Width of a form's embedding.
    pub word: usize,
    /// Width of the other strings' embeddings, which are summed.
    pub affix: usize,
    /// LSTM width in each direction.
    pub hidden: usize,
    pub layers: usize,
    /// Width of the dependent and head vectors the arcs are scored from.
    pub arc: usize,
    /// Width of the dependent and head vectors the labels are chosen from.
    pub label: usize,
    pub tags: usize,
    pub labels: usize,
}

impl Dims {
    fn to_array(self) -> [usize; 8] {
        [
            self.word,
            self.affix,
            self.hidden,
            self.layers,
            self.arc,
            self.label,
            self.tags,
            self.labels,
        ]
    }

    fn from_array(a: [usize; 8]) -> Dims {
        let [word, affix, hidden, layers, arc, label, tags, labels] = a;
        Dims {
            word,
            affix,
            hidden,
            layers,
            arc,
            label,
            tags,
            labels,
        }
    }
}

/// A weight matrix and its bias.
pub(crate) type Affine = [Tensor; 2];

/// Where every matrix of a network of given sizes lies in its flat parameter vector.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub dims: Dims,
    pub embed: [Tensor; FEATURES],
    pub layers: Vec<BiLstm>,
    pub tag: Affine,
    pub arc_dep: Affine,
    pub arc_head: Affine,
    /// `U` of the bilinear arc score `dep · U · head`.
    pub arc_bilinear: Tensor,
    /// How much any word is a likely head, whatever the dependent.
    pub arc_head_bias: Tensor,
    pub label_dep: Affine,
    pub label_head: Affine,
    pub label_out: Affine,
    pub layout: Layout,
}

fn declare_affine(layout: &mut Layout, input: usize, output: usize) -> Affine {
    [
        layout.add(input, output, Init::Glorot),
        layout.add(1, output, Init::Constant(0.0)),
    ]
}

impl Spec {
    /// The layout of a network with these sizes and tables of `table_sizes` strings.
    pub(crate) fn new(dims: Dims, table_sizes: [usize; FEATURES]) -> Spec {
        let mut layout = Layout::default();
        let embed = std::array::from_fn(|k| {
            let width = if k == 0 { dims.word } else { dims.affix };
            // Unit variance per vector: each element ±sqrt(3 / width).
            layout.add(table_sizes[k], width, Init::Uniform((3.0 / width as f32).sqrt()))
        });
        let mut input = dims.word + dims.affix;
        let layers = (0..dims.layers)
            .map(|_| {
                let layer = BiLstm::declare(&mut layout, input, dims.hidden);
                input = layer.output();
                layer
            })
            .collect();
        let top = 2 * dims.hidden;
        Spec {
            dims,
            embed,
            layers,
            tag: declare_affine(&mut layout, top, dims.tags),
            arc_dep: declare_affine(&mut layout, top, dims.arc),
            arc_head: declare_affine(&mut layout, top, dims.arc),
            arc_bilinear: layout.add(dims.arc, dims.arc, Init::Constant(0.0)),
            arc_head_bias: layout.add(1, dims.arc, Init::Constant(0.0)),
            label_dep: declare_affine(&mut layout, top, dims.label),
            label_head: declare_affine(&mut layout, top, dims.label),
            label_out: declare_affine(&mut layout, 3 * dims.label, dims.labels),
            layout,
        }
    }

    pub(crate) fn input_width(&self) -> usize {
        self.dims.word + self.dims.affix
    }

    /// The matrices a forward pass multiplies by (those worth holding as bfloat16).
    fn products(&self) -> Vec<Tensor> {
        let mut out: Vec<Tensor> = self.layers.iter().flat_map(|l| l.products()).collect();
        out.extend(
            [
                self.tag,
                self.arc_dep,
                self.arc_head,
                self.label_dep,
                self.label_head,
                self.label_out,
            ]
            .map(|a| a[0]),
        );
        out
    }
}

/// Sentences as the network reads them, one after the other: a root row, then a row of ids
/// for each word.
#[derive(Debug, Default, Clone)]
pub(crate) struct Batch {
    pub ids: Vec<[u32; FEATURES]>,
    /// Where each sentence's root row is, and how many rows it has (words + 1).
    pub sentences: Vec<(usize, usize)>,
}

impl Batch {
    pub(crate) fn push(&mut self, words: impl IntoIterator<Item = [u32; FEATURES]>) {
        let start = self.ids.len();
        self.ids.push([ROOT; FEATURES]);
        self.ids.extend(words);
        self.sentences.push((start, self.ids.len() - start));
    }
}

/// Dropout while training: a generator and the probability of zeroing an element.
pub(crate) struct Dropout<'a> {
    pub rng: &'a mut SplitMix64,
    pub p: f32,
}

/// Zeroes elements of `x` with probability `p` and scales the others by 1/(1 − p); returns
/// the factor applied to each element, which the backward pass applies to the gradient.
fn dropout(x: &mut [f32], dropout: &mut Option<Dropout>) -> Vec<f32> {
    let Some(d) = dropout else {
        return Vec::new();
    };
    let keep = 1.0 / (1.0 - d.p);
    let mask: Vec<f32> = (0..x.len())
        .map(|_| if d.rng.chance(f64::from(d.p)) { 0.0 } else { keep })
        .collect();
    x.iter_mut().zip(&mask).for_each(|(x, m)| *x *= m);
    mask
}

/// Everything a forward pass computed, kept for the heads and for the backward pass. A pass
/// given to [`Spec::forward`] again reuses its vectors: parsing keeps one per thread, since
/// fresh buffers of a few MB cost more in page faults (the kernel zeroing huge pages) than
/// the arithmetic that fills them.
#[derive(Default)]
pub(crate) struct Pass {
    pub runs: Option<Runs>,
    /// The input of each layer after dropout; the last is the input of the heads.
    pub inputs: Vec<Vec<f32>>,
    /// The dropout factors applied to each of `inputs` (empty without dropout).
    pub masks: Vec<Vec<f32>>,
    pub traces: Vec<BiTrace>,
    pub tag_logits: Vec<f32>,
    /// After their ReLU.
    pub arc_dep: Vec<f32>,
    pub arc_head: Vec<f32>,
    pub label_dep: Vec<f32>,
    pub label_head: Vec<f32>,
    /// The label layer's input and output for the arcs decoded.
    label_input: Vec<f32>,
    label_logits: Vec<f32>,
}

impl Pass {
    pub(crate) fn top(&self) -> &[f32] {
        self.inputs.last().expect("a pass has an input")
    }

    pub(crate) fn runs(&self) -> &Runs {
        self.runs.as_ref().expect("a forward pass ran")
    }
}

/// The arc scores of one sentence: `scores[i · (n+1) + j]` for word `i + 1` under `j`
/// (0: the root), a word never under itself; and `heads_u = head · Uᵀ`, which the backward
/// pass reuses.
pub(crate) struct ArcScores {
    pub scores: Vec<f32>,
    pub heads_u: Vec<f32>,
}

fn relu_layer<W: Weights + ?Sized>(weights: &W, layer: Affine, x: &[f32], out: &mut Vec<f32>) {
    affine(weights, layer[0], layer[1], x, out);
    relu_in_place(out);
}

impl Spec {
    /// The encoder and the heads' input layers over a batch, with dropout when training,
    /// into `pass`.
    pub(crate) fn forward<W: Weights + ?Sized>(
        &self,
        weights: &W,
        batch: &Batch,
        mut drop: Option<Dropout>,
        pass: &mut Pass,
    ) {
        let flat = weights.flat();
        let width = self.input_width();
        let word = self.dims.word;
        let layers = self.layers.len();
        pass.inputs.resize_with(layers + 1, Vec::new);
        pass.masks.resize_with(layers + 1, Vec::new);
        pass.traces.resize_with(layers, BiTrace::default);
        let x = &mut pass.inputs[0];
        x.clear();
        x.resize(batch.ids.len() * width, 0.0);
        for (row, ids) in x.chunks_exact_mut(width).zip(&batch.ids) {
            row[..word].copy_from_slice(self.embed[0].row(flat, ids[0] as usize));
            for (k, &id) in ids.iter().enumerate().skip(1) {
                axpy(1.0, self.embed[k].row(flat, id as usize), &mut row[word..]);
            }
        }
        let runs = Runs::new(batch.sentences.iter().map(|&(_, len)| len));
        pass.masks[0] = dropout(x, &mut drop);
        for (k, layer) in self.layers.iter().enumerate() {
            let (before, after) = pass.inputs.split_at_mut(k + 1);
            layer.forward(weights, &before[k], &runs, &mut pass.traces[k], &mut after[0]);
            pass.masks[k + 1] = dropout(&mut after[0], &mut drop);
        }
        pass.runs = Some(runs);
        let top = pass.inputs.last().expect("an input");
        affine(weights, self.tag[0], self.tag[1], top, &mut pass.tag_logits);
        relu_layer(weights, self.arc_dep, top, &mut pass.arc_dep);
        relu_layer(weights, self.arc_head, top, &mut pass.arc_head);
        relu_layer(weights, self.label_dep, top, &mut pass.label_dep);
        relu_layer(weights, self.label_head, top, &mut pass.label_head);
    }

    /// The arc scores of the sentence whose rows are `start..start + len`.
    pub(crate) fn arc_scores(&self, flat: &[f32], pass: &Pass, (start, len): (usize, usize)) -> ArcScores {
        let a = self.dims.arc;
        let n = len - 1;
        let heads = &pass.arc_head[start * a..(start + len) * a];
        let deps = &pass.arc_dep[(start + 1) * a..(start + len) * a];
        let mut heads_u = vec![0f32; len * a];
        matmul(
            View::new(heads, len, a),
            self.arc_bilinear.view(flat).t(),
            &mut heads_u,
            false,
        );
        let mut scores = vec![0f32; n * len];
        matmul(
            View::new(deps, n, a),
            View::new(&heads_u, len, a).t(),
            &mut scores,
            false,
        );
        let bias = self.arc_head_bias.of(flat);
        let head_bias: Vec<f32> = heads
            .chunks_exact(a)
            .map(|h| h.iter().zip(bias).map(|(x, y)| x * y).sum())
            .collect();
        for (i, row) in scores.chunks_exact_mut(len).enumerate() {
            row.iter_mut().zip(&head_bias).for_each(|(s, b)| *s += b);
            row[i + 1] = f32::NEG_INFINITY;
        }
        ArcScores { scores, heads_u }
    }

    /// The input of the label layer for arcs given as (dependent row, head row):
    /// `[dep; head; dep ⊙ head]` of their label vectors, into `z`.
    pub(crate) fn label_input(&self, pass: &Pass, arcs: &[(usize, usize)], z: &mut Vec<f32>) {
        let l = self.dims.label;
        z.clear();
        z.reserve(arcs.len() * 3 * l);
        for &(d, h) in arcs {
            let dep = &pass.label_dep[d * l..(d + 1) * l];
            let head = &pass.label_head[h * l..(h + 1) * l];
            z.extend_from_slice(dep);
            z.extend_from_slice(head);
            z.extend(dep.iter().zip(head).map(|(a, b)| a * b));
        }
    }

    /// Tags, heads and labels of every sentence of a batch. `root_label` is the label an
    /// arc from the root takes, and no other arc.
    pub(crate) fn decode<W: Weights + ?Sized>(
        &self,
        weights: &W,
        batch: &Batch,
        root_label: usize,
    ) -> Vec<Vec<Parse>> {
        thread_local! {
            static PASS: std::cell::RefCell<Pass> = std::cell::RefCell::new(Pass::default());
        }
        PASS.with(|pass| self.decode_with(weights, batch, root_label, &mut pass.borrow_mut()))
    }

    fn decode_with<W: Weights + ?Sized>(
        &self,
        weights: &W,
        batch: &Batch,
        root_label: usize,
        pass: &mut Pass,
    ) -> Vec<Vec<Parse>> {
        self.forward(weights, batch, None, pass);
        let flat = weights.flat();
        let (t, labels) = (self.dims.tags, self.dims.labels);
        let mut out = Vec::with_capacity(batch.sentences.len());
        let mut arcs = Vec::with_capacity(batch.ids.len());
        for &(start, len) in &batch.sentences {
            let n = len - 1;
            // The tree of the highest total score is the most probable one: every tree has
            // one head per word, so the words' softmax normalisers are the same for all.
            let scores = self.arc_scores(flat, pass, (start, len)).scores;
            let heads = best_tree(&scores, n);
            let first = arcs.len();
            arcs.extend(heads.iter().enumerate().map(|(i, &h)| (start + 1 + i, start + h)));
            out.push(
                heads
                    .iter()
                    .enumerate()
                    .map(|(i, &head)| {
                        let row = start + 1 + i;
                        Parse {
                            tag: argmax(&pass.tag_logits[row * t..(row + 1) * t]).unwrap_or(0),
                            head,
                            label: first + i,
                        }
                    })
                    .collect::<Vec<_>>(),
            );
        }
        // Labels for all arcs of the batch in one product.
        let mut z = std::mem::take(&mut pass.label_input);
        self.label_input(pass, &arcs, &mut z);
        affine(
            weights,
            self.label_out[0],
            self.label_out[1],
            &z,
            &mut pass.label_logits,
        );
        pass.label_input = z;
        for parse in out.iter_mut().flatten() {
            let row = &pass.label_logits[parse.label * labels..(parse.label + 1) * labels];
            parse.label = if parse.head == 0 {
                root_label
            } else {
                (0..labels)
                    .filter(|&c| c != root_label)
                    .max_by(|&a, &b| row[a].total_cmp(&row[b]).then(b.cmp(&a)))
                    .unwrap_or(0)
            };
        }
        out
    }
}

/// What the network says of one word: its tag class, its head (0: the root, else the
/// 1-based position of the head word) and its label class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parse {
    pub tag: usize,
    pub head: usize,
    pub label: usize,
}

/// A trained network with its vocabulary and class names.
pub(crate) struct Network {
    pub spec: Spec,
    weights: Packed,
    pub vocab: Vocabulary,
    /// "UPOS XPOS" of each tag class.
    pub tags: Vec<(String, String)>,
    pub labels: Vec<String>,
    root_label: usize,
}

/// The label of an arc from the root.
pub(crate) const ROOT_LABEL: &str = "root";

impl Network {
    pub(crate) fn new(
        spec: Spec,
        flat: Vec<f32>,
        vocab: Vocabulary,
        tags: Vec<(String, String)>,
        labels: Vec<String>,
    ) -> Result<Network> {
        ensure!(
            flat.len() == spec.layout.total(),
            "parameters do not fit the layout"
        );
        ensure!(
            tags.len() == spec.dims.tags && labels.len() == spec.dims.labels,
            "class names do not fit the sizes"
        );
        let root_label = labels
            .iter()
            .position(|l| l == ROOT_LABEL)
            .context("no root label")?;
        let weights = Packed::new(flat, &spec.products());
        Ok(Network {
            spec,
            weights,
            vocab,
            tags,
            labels,
            root_label,
        })
    }

    /// Tags, heads and labels of each sentence (given as its words).
    pub(crate) fn parse<S: AsRef<str>>(&self, sentences: &[&[S]]) -> Vec<Vec<Parse>> {
        let mut batch = Batch::default();
        for words in sentences {
            batch.push(words.iter().map(|w| self.vocab.ids(w.as_ref())));
        }
        self.spec.decode(&self.weights, &batch, self.root_label)
    }

    /// The parameters, as one vector.
    pub(crate) fn parameters(&self) -> &[f32] {
        self.weights.flat()
    }

    /// Puts other parameters of the same network in place (training scores each epoch's).
    pub(crate) fn set_parameters(&mut self, flat: &[f32]) {
        assert_eq!(
            flat.len(),
            self.spec.layout.total(),
            "parameters of another network"
        );
        self.weights = Packed::new(flat.to_vec(), &self.spec.products());
    }

    /// The model file: sizes, vocabulary, class names, then the parameters as 16-bit floats
    /// (half the size of 32-bit ones; the parse is the same to within rounding).
    pub(crate) fn write(&self) -> Vec<u8> {
        let mut w = Writer::with_header("network");
        for d in self.spec.dims.to_array() {
            w.u32(d as u32);
        }
        self.vocab.write(&mut w);
        for (upos, xpos) in &self.tags {
            w.str(&format!("{upos} {xpos}"));
        }
        for label in &self.labels {
            w.str(label);
        }
        let flat = self.weights.flat();
        w.u32(flat.len() as u32);
        let mut halves = vec![0u16; flat.len()];
        half::slice::HalfFloatSliceExt::convert_from_f32_slice(
            bytemuck::cast_slice_mut::<u16, half::f16>(&mut halves),
            flat,
        );
        w.u16s(&halves);
        w.into_bytes()
    }

    pub(crate) fn read(bytes: &[u8]) -> Result<Network> {
        let mut r = Reader::with_header(bytes, "network")?;
        let mut sizes = [0usize; 8];
        for s in &mut sizes {
            *s = r.u32()? as usize;
            ensure!(*s < 1 << 20, "a network size of {s}");
        }
        let dims = Dims::from_array(sizes);
        let vocab = Vocabulary::read(&mut r)?;
        let tags = (0..dims.tags)
            .map(|_| {
                let name = r.str()?;
                let (u, x) = name.split_once(' ').unwrap_or((&name, "_"));
                Ok((u.to_owned(), x.to_owned()))
            })
            .collect::<Result<Vec<_>>>()?;
        let labels = (0..dims.labels).map(|_| r.str()).collect::<Result<Vec<_>>>()?;
        let spec = Spec::new(dims, vocab.sizes());
        let n = r.u32()? as usize;
        ensure!(
            n == spec.layout.total(),
            "{n} parameters for a network of {}",
            spec.layout.total()
        );
        let halves = r.u16s(n)?;
        let mut flat = vec![0f32; n];
        half::slice::HalfFloatSliceExt::convert_to_f32_slice(
            bytemuck::cast_slice::<u16, half::f16>(&halves),
            &mut flat,
        );
        r.finish()?;
        Network::new(spec, flat, vocab, tags, labels)
    }
}

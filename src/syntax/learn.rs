//! Training the network: the gradient of its loss on a batch of treebank sentences, and the
//! loop that follows it with Adam over shuffled batches, on several threads, with a fixed
//! seed.
//!
//! The loss is the sum of three cross-entropies per word: its tag, its head among all words
//! of the sentence and the root, and the label of the arc from its gold head (Dozat &
//! Manning 2017). Regularisation: dropout on the embeddings, between layers and before the
//! heads, and word dropout — a form seen `c` times is read as unknown with probability
//! α / (α + c) (Kiperwasser & Goldberg 2016), so that the network learns to read unknown
//! words by their other strings.

use super::hash::SplitMix64;
use super::network::{ArcScores, Batch, Dims, Dropout, Pass, Spec};
use super::nn::kernels::{axpy, matmul, softmax_in_place, View};
use super::nn::params::{affine, affine_backward, Adam};
use super::vocab::{FEATURES, UNKNOWN};

/// A treebank sentence for training.
#[derive(Debug, Clone)]
pub(crate) struct Example {
    /// The ids of each word's strings.
    pub ids: Vec<[u32; FEATURES]>,
    pub tags: Vec<u32>,
    /// 0 for the root, else the 1-based position of the head.
    pub heads: Vec<u32>,
    pub labels: Vec<u32>,
}

/// Summed losses of a batch, and its number of words.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Losses {
    pub tag: f64,
    pub arc: f64,
    pub label: f64,
    pub words: usize,
}

impl std::ops::AddAssign for Losses {
    fn add_assign(&mut self, o: Losses) {
        self.tag += o.tag;
        self.arc += o.arc;
        self.label += o.label;
        self.words += o.words;
    }
}

impl std::fmt::Display for Losses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let w = self.words.max(1) as f64;
        write!(
            f,
            "loss per word: tag {:.3} arc {:.3} label {:.3}",
            self.tag / w,
            self.arc / w,
            self.label / w
        )
    }
}

/// How much regularisation a gradient is computed with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Noise<'a> {
    pub dropout: f32,
    /// α of word dropout; 0: none.
    pub word_dropout: f32,
    /// How often each form was seen in training, by id (word dropout reads it).
    pub word_counts: &'a [u32],
}

/// Cross-entropy of the logits in `row` against `gold`; `row` is replaced by the gradient
/// of the loss times `scale`.
fn cross_entropy(row: &mut [f32], gold: usize, scale: f32) -> f64 {
    let gold_logit = row[gold];
    let log_z = softmax_in_place(row);
    row[gold] -= 1.0;
    row.iter_mut().for_each(|x| *x *= scale);
    f64::from(log_z - gold_logit)
}

/// Zeroes the gradient where a ReLU's output was zero.
fn relu_backward(grad: &mut [f32], out: &[f32]) {
    grad.iter_mut().zip(out).for_each(|(g, &o)| {
        if o <= 0.0 {
            *g = 0.0;
        }
    });
}

fn apply_mask(grad: &mut [f32], mask: &[f32]) {
    if !mask.is_empty() {
        grad.iter_mut().zip(mask).for_each(|(g, m)| *g *= m);
    }
}

/// Adds to `grad` the gradient of the losses on `examples`, each loss multiplied by
/// `scale` (one over the words of the whole batch, so that the gradients of several
/// threads add up to the batch's mean), and returns the unscaled losses.
pub(crate) fn gradient(
    spec: &Spec,
    flat: &[f32],
    examples: &[&Example],
    noise: Noise,
    rng: &mut SplitMix64,
    scale: f32,
    grad: &mut [f32],
) -> Losses {
    let Dims {
        tags: t,
        arc: a,
        label: l,
        labels: nl,
        word,
        ..
    } = spec.dims;
    let mut batch = Batch::default();
    for e in examples {
        let words = e.ids.iter().map(|ids| {
            let mut ids = *ids;
            let count = noise.word_counts.get(ids[0] as usize).copied().unwrap_or(0) as f32;
            if noise.word_dropout > 0.0
                && rng.chance(f64::from(noise.word_dropout / (noise.word_dropout + count)))
            {
                ids[0] = UNKNOWN;
            }
            ids
        });
        batch.push(words.collect::<Vec<_>>());
    }
    let mut pass = Pass::default();
    spec.forward(
        flat,
        &batch,
        Some(Dropout {
            rng,
            p: noise.dropout,
        }),
        &mut pass,
    );
    let rows = batch.ids.len();
    let mut losses = Losses::default();

    // Tags.
    let mut d_tag = vec![0f32; rows * t];
    for (e, &(start, len)) in examples.iter().zip(&batch.sentences) {
        for i in 0..len - 1 {
            let row = start + 1 + i;
            let d = &mut d_tag[row * t..(row + 1) * t];
            d.copy_from_slice(&pass.tag_logits[row * t..(row + 1) * t]);
            losses.tag += cross_entropy(d, e.tags[i] as usize, scale);
        }
        losses.words += len - 1;
    }

    // Heads.
    let mut d_arc_dep = vec![0f32; rows * a];
    let mut d_arc_head = vec![0f32; rows * a];
    for (e, &(start, len)) in examples.iter().zip(&batch.sentences) {
        let n = len - 1;
        let ArcScores {
            scores: mut d_scores,
            heads_u,
        } = spec.arc_scores(flat, &pass, (start, len));
        for (i, row) in d_scores.chunks_exact_mut(len).enumerate() {
            losses.arc += cross_entropy(row, e.heads[i] as usize, scale);
        }
        let deps = &pass.arc_dep[(start + 1) * a..(start + len) * a];
        let heads = &pass.arc_head[start * a..(start + len) * a];
        let ds = View::new(&d_scores, n, len);
        matmul(
            ds,
            View::new(&heads_u, len, a),
            &mut d_arc_dep[(start + 1) * a..(start + len) * a],
            true,
        );
        let mut d_heads_u = vec![0f32; len * a];
        matmul(ds.t(), View::new(deps, n, a), &mut d_heads_u, false);
        let d_heads = &mut d_arc_head[start * a..(start + len) * a];
        matmul(
            View::new(&d_heads_u, len, a),
            spec.arc_bilinear.view(flat),
            d_heads,
            true,
        );
        matmul(
            View::new(&d_heads_u, len, a).t(),
            View::new(heads, len, a),
            spec.arc_bilinear.of_mut(grad),
            true,
        );
        let bias = spec.arc_head_bias.of(flat);
        for j in 0..len {
            let d_bias: f32 = (0..n).map(|i| d_scores[i * len + j]).sum();
            axpy(
                d_bias,
                &heads[j * a..(j + 1) * a],
                spec.arc_head_bias.of_mut(grad),
            );
            axpy(d_bias, bias, &mut d_heads[j * a..(j + 1) * a]);
        }
    }

    // Labels of the gold arcs.
    let arcs: Vec<(usize, usize)> = examples
        .iter()
        .zip(&batch.sentences)
        .flat_map(|(e, &(start, _))| {
            e.heads
                .iter()
                .enumerate()
                .map(move |(i, &h)| (start + 1 + i, start + h as usize))
        })
        .collect();
    let gold_labels = examples.iter().flat_map(|e| e.labels.iter());
    let mut z = Vec::new();
    spec.label_input(&pass, &arcs, &mut z);
    let mut d_logits = Vec::new();
    affine(flat, spec.label_out[0], spec.label_out[1], &z, &mut d_logits);
    for (row, &gold) in d_logits.chunks_exact_mut(nl).zip(gold_labels) {
        losses.label += cross_entropy(row, gold as usize, scale);
    }
    let mut dz = vec![0f32; z.len()];
    affine_backward(
        flat,
        grad,
        spec.label_out[0],
        spec.label_out[1],
        &z,
        &d_logits,
        Some(&mut dz),
    );
    let mut d_label_dep = vec![0f32; rows * l];
    let mut d_label_head = vec![0f32; rows * l];
    for (dz, &(d, h)) in dz.chunks_exact(3 * l).zip(&arcs) {
        let dep = &pass.label_dep[d * l..(d + 1) * l];
        let head = &pass.label_head[h * l..(h + 1) * l];
        let (d_dep, rest) = dz.split_at(l);
        let (d_head, d_product) = rest.split_at(l);
        for k in 0..l {
            d_label_dep[d * l + k] += d_dep[k] + d_product[k] * head[k];
            d_label_head[h * l + k] += d_head[k] + d_product[k] * dep[k];
        }
    }

    // Into the encoder.
    relu_backward(&mut d_arc_dep, &pass.arc_dep);
    relu_backward(&mut d_arc_head, &pass.arc_head);
    relu_backward(&mut d_label_dep, &pass.label_dep);
    relu_backward(&mut d_label_head, &pass.label_head);
    let top = pass.top();
    let mut d_out = vec![0f32; top.len()];
    for (layer, d) in [
        (spec.tag, &d_tag),
        (spec.arc_dep, &d_arc_dep),
        (spec.arc_head, &d_arc_head),
        (spec.label_dep, &d_label_dep),
        (spec.label_head, &d_label_head),
    ] {
        affine_backward(flat, grad, layer[0], layer[1], top, d, Some(&mut d_out));
    }
    for (k, layer) in spec.layers.iter().enumerate().rev() {
        apply_mask(&mut d_out, &pass.masks[k + 1]);
        let mut d_in = vec![0f32; rows * layer.input()];
        layer.backward(
            flat,
            grad,
            &pass.inputs[k],
            pass.runs(),
            &pass.traces[k],
            &d_out,
            &mut d_in,
        );
        d_out = d_in;
    }
    apply_mask(&mut d_out, &pass.masks[0]);
    let width = spec.input_width();
    for (d, ids) in d_out.chunks_exact(width).zip(&batch.ids) {
        axpy(1.0, &d[..word], spec.embed[0].row_mut(grad, ids[0] as usize));
        for (k, &id) in ids.iter().enumerate().skip(1) {
            axpy(1.0, &d[word..], spec.embed[k].row_mut(grad, id as usize));
        }
    }
    losses
}

/// How the network is trained.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub epochs: usize,
    /// Words per update.
    pub batch_words: usize,
    pub rate: f32,
    /// The rate is multiplied by this after each epoch.
    pub decay: f32,
    pub dropout: f32,
    pub word_dropout: f32,
    pub seed: u64,
    pub threads: usize,
    /// The parameters scored and kept are an exponential moving average of the trained
    /// ones, each update moving it this fraction of the way (Polyak averaging: steadier
    /// from one epoch to the next than the last update's parameters); 1: no averaging.
    pub average: f32,
}

/// Trains the network of `spec` on `examples`; after each epoch `score` rates the
/// parameters (on held-apart data) and the best are returned.
pub(crate) fn train(
    spec: &Spec,
    examples: &[Example],
    word_counts: &[u32],
    schedule: &Schedule,
    score: &mut dyn FnMut(&[f32]) -> f64,
    log: &mut dyn FnMut(&str),
) -> Vec<f32> {
    let mut flat = spec.layout.initial(schedule.seed);
    let mut adam = Adam::new(flat.len(), schedule.rate);
    let mut rng = SplitMix64::new(schedule.seed ^ 0x5eed);
    let threads = schedule.threads.max(1);
    let mut grads = vec![vec![0f32; flat.len()]; threads];
    let mut average = flat.clone();
    let mut best = (f64::NEG_INFINITY, flat.clone());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let noise = Noise {
        dropout: schedule.dropout,
        word_dropout: schedule.word_dropout,
        word_counts,
    };
    for epoch in 0..schedule.epochs {
        let started = std::time::Instant::now();
        rng.shuffle(&mut order);
        let mut losses = Losses::default();
        let mut at = 0;
        while at < order.len() {
            let mut batch: Vec<&Example> = Vec::new();
            let mut words = 0;
            while at < order.len() && words < schedule.batch_words {
                let e = &examples[order[at]];
                words += e.ids.len();
                batch.push(e);
                at += 1;
            }
            // Sentences dealt to the threads by turns; each thread has its own generator,
            // seeded from the main one, so that a run is the same every time.
            let seeds: Vec<u64> = (0..threads).map(|_| rng.next_u64()).collect();
            let scale = 1.0 / words as f32;
            let parts: Vec<Vec<&Example>> = (0..threads)
                .map(|k| batch.iter().skip(k).step_by(threads).copied().collect())
                .collect();
            let results: Vec<Losses> = std::thread::scope(|scope| {
                let handles: Vec<_> = grads
                    .iter_mut()
                    .zip(&parts)
                    .zip(&seeds)
                    .map(|((grad, part), &seed)| {
                        let flat = &flat;
                        scope.spawn(move || {
                            grad.fill(0.0);
                            let mut rng = SplitMix64::new(seed);
                            gradient(spec, flat, part, noise, &mut rng, scale, grad)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a training thread panicked"))
                    .collect()
            });
            for r in results {
                losses += r;
            }
            let (first, rest) = grads.split_first_mut().expect("one thread at least");
            for other in rest.iter() {
                axpy(1.0, other, first);
            }
            adam.step(&mut flat, first);
            let rate = schedule.average;
            average
                .iter_mut()
                .zip(&flat)
                .for_each(|(a, p)| *a += rate * (p - *a));
        }
        let trained = started.elapsed();
        let s = score(&average);
        log(&format!(
            "epoch {}: {losses}, rate {:.2e}, dev {s:.2}, {:.0?}",
            epoch + 1,
            adam.rate,
            trained
        ));
        if s > best.0 {
            best = (s, average.clone());
        }
        adam.rate *= schedule.decay;
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No dropout of any kind: the loss is a function of the parameters alone.
    const QUIET: Noise = Noise {
        dropout: 0.0,
        word_dropout: 0.0,
        word_counts: &[],
    };

    fn tiny() -> (Spec, Vec<Example>) {
        let dims = Dims {
            word: 3,
            affix: 2,
            hidden: 3,
            layers: 2,
            arc: 3,
            label: 2,
            tags: 3,
            labels: 4,
        };
        let spec = Spec::new(dims, [5, 4, 4, 4, 4, 4, 4, 4, 4]);
        let id = |k: u32| -> [u32; FEATURES] { std::array::from_fn(|f| (k + f as u32) % 4) };
        let examples = vec![
            Example {
                ids: vec![id(2), id(3), id(0)],
                tags: vec![0, 1, 2],
                heads: vec![2, 0, 2],
                labels: vec![1, 0, 2],
            },
            Example {
                ids: vec![id(4), id(2)],
                tags: vec![2, 1],
                heads: vec![0, 1],
                labels: vec![0, 3],
            },
        ];
        (spec, examples)
    }

    fn loss(spec: &Spec, flat: &[f32], examples: &[&Example]) -> f64 {
        let mut grad = vec![0f32; flat.len()];
        let l = gradient(
            spec,
            flat,
            examples,
            QUIET,
            &mut SplitMix64::new(1),
            1.0,
            &mut grad,
        );
        l.tag + l.arc + l.label
    }

    #[test]
    fn the_gradient_matches_finite_differences() {
        let (spec, examples) = tiny();
        let examples: Vec<&Example> = examples.iter().collect();
        let mut flat = spec.layout.initial(5);
        // Non-zero biases and bilinear weights, so that every path carries a gradient.
        let mut rng = SplitMix64::new(9);
        flat.iter_mut()
            .for_each(|p| *p += (rng.uniform() as f32 - 0.5) * 0.5);
        let mut grad = vec![0f32; flat.len()];
        gradient(
            &spec,
            &flat,
            &examples,
            QUIET,
            &mut SplitMix64::new(1),
            1.0,
            &mut grad,
        );
        let eps = 1e-2f32;
        let mut checked = 0;
        for i in 0..flat.len() {
            let mut up = flat.clone();
            up[i] += eps;
            let mut down = flat.clone();
            down[i] -= eps;
            let numeric =
                (loss(&spec, &up, &examples) - loss(&spec, &down, &examples)) / (2.0 * f64::from(eps));
            let analytic = f64::from(grad[i]);
            let tolerance = 3e-3 + 0.03 * numeric.abs().max(analytic.abs());
            assert!(
                (numeric - analytic).abs() < tolerance,
                "parameter {i}: numeric {numeric}, analytic {analytic}"
            );
            checked += usize::from(analytic != 0.0);
        }
        assert!(checked > flat.len() / 2, "{checked} of {} parameters", flat.len());
    }

    #[test]
    fn training_fits_a_tiny_treebank() {
        let (spec, examples) = tiny();
        let schedule = Schedule {
            epochs: 60,
            batch_words: 10,
            rate: 0.05,
            decay: 1.0,
            dropout: 0.0,
            word_dropout: 0.0,
            seed: 3,
            threads: 2,
            average: 1.0,
        };
        // A score that rises every epoch: the last parameters are the best.
        let mut epoch = 0.0;
        let flat = train(
            &spec,
            &examples,
            &[],
            &schedule,
            &mut |_| {
                epoch += 1.0;
                epoch
            },
            &mut |_| {},
        );
        let mut batch = Batch::default();
        for e in &examples {
            batch.push(e.ids.iter().copied());
        }
        // Label 0 is the one arcs from the root have in these examples.
        let parses = spec.decode(&flat, &batch, 0);
        for (e, p) in examples.iter().zip(&parses) {
            let column = |f: fn(&super::super::network::Parse) -> usize| -> Vec<u32> {
                p.iter().map(|w| f(w) as u32).collect()
            };
            assert_eq!(column(|w| w.head), e.heads);
            assert_eq!(column(|w| w.tag), e.tags);
            assert_eq!(column(|w| w.label), e.labels);
        }
    }
}

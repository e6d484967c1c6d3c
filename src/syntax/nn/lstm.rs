//! Bidirectional LSTM layers (Hochreiter & Schmidhuber 1997; Graves & Schmidhuber 2005) over
//! a batch of sentences, forward for parsing and backward for training.
//!
//! The sentences of a batch are runs of consecutive rows. The input projection of every
//! word is one matrix product; the recurrence then steps through all sentences at once,
//! longest first, so that step `t` is one product over the sentences still running (as
//! PyTorch's packed sequences do). The backward pass keeps the same order in reverse and
//! leaves the weight gradients to three products over the whole batch.

use super::kernels::{lstm_cell, lstm_cell_backward, matmul, View};
use super::params::{affine, affine_backward, Init, Layout, Tensor, Weights};

/// The sentences of a batch, as runs of rows of its matrices.
#[derive(Debug, Clone)]
pub(crate) struct Runs {
    /// (first row, length) of each sentence, longest first.
    by_length: Vec<(usize, usize)>,
    rows: usize,
}

impl Runs {
    /// Runs of the given lengths, one after the other from row 0.
    pub(crate) fn new(lengths: impl IntoIterator<Item = usize>) -> Runs {
        let mut rows = 0;
        let mut by_length: Vec<(usize, usize)> = lengths
            .into_iter()
            .map(|len| {
                let run = (rows, len);
                rows += len;
                run
            })
            .collect();
        // Stable, so that equal lengths keep their order and a batch always runs the same way.
        by_length.sort_by_key(|&(_, len)| std::cmp::Reverse(len));
        Runs { by_length, rows }
    }

    /// How many sentences are longer than `t` (a prefix of `by_length`).
    fn running(&self, t: usize) -> usize {
        self.by_length.partition_point(|&(_, len)| len > t)
    }

    fn steps(&self) -> usize {
        self.by_length.first().map_or(0, |&(_, len)| len)
    }

    /// The row that sentence `k` (in length order) reads at step `t`.
    fn row(&self, k: usize, t: usize, reverse: bool) -> usize {
        let (first, len) = self.by_length[k];
        if reverse {
            first + len - 1 - t
        } else {
            first + t
        }
    }
}

/// One direction's weights: input `wx`, recurrent `wh`, bias `b`, gates in the order i f g o.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lstm {
    wx: Tensor,
    wh: Tensor,
    b: Tensor,
    hidden: usize,
}

/// What a forward pass keeps for the backward pass: per row, the activated gates, the cell
/// and the output.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    gates: Vec<f32>,
    cells: Vec<f32>,
    out: Vec<f32>,
}

impl Lstm {
    pub(crate) fn declare(layout: &mut Layout, input: usize, hidden: usize) -> Lstm {
        Lstm {
            wx: layout.add(input, 4 * hidden, Init::Glorot),
            wh: layout.add(hidden, 4 * hidden, Init::Glorot),
            b: layout.add(1, 4 * hidden, Init::GateBias),
            hidden,
        }
    }

    /// Runs over the rows of `x` (`rows × input`), each sentence forwards or in `reverse`.
    fn forward<W: Weights + ?Sized>(
        &self,
        weights: &W,
        x: &[f32],
        runs: &Runs,
        reverse: bool,
        trace: &mut Trace,
    ) {
        let (h, rows) = (self.hidden, runs.rows);
        affine(weights, self.wx, self.b, x, &mut trace.gates);
        trace.cells.clear();
        trace.cells.resize(rows * h, 0.0);
        trace.out.clear();
        trace.out.resize(rows * h, 0.0);
        let width = runs.by_length.len();
        let mut gates = vec![0f32; width * 4 * h];
        let mut h_prev = vec![0f32; width * h];
        let mut c_prev = vec![0f32; width * h];
        for t in 0..runs.steps() {
            let running = runs.running(t);
            for k in 0..running {
                let row = runs.row(k, t, reverse);
                gates[k * 4 * h..(k + 1) * 4 * h]
                    .copy_from_slice(&trace.gates[row * 4 * h..(row + 1) * 4 * h]);
            }
            weights.product(
                &h_prev[..running * h],
                self.wh,
                &mut gates[..running * 4 * h],
                true,
            );
            for k in 0..running {
                let row = runs.row(k, t, reverse);
                let g = &mut gates[k * 4 * h..(k + 1) * 4 * h];
                let c = &mut trace.cells[row * h..(row + 1) * h];
                let out = &mut trace.out[row * h..(row + 1) * h];
                lstm_cell(g, &c_prev[k * h..(k + 1) * h], c, out);
                trace.gates[row * 4 * h..(row + 1) * 4 * h].copy_from_slice(g);
                c_prev[k * h..(k + 1) * h].copy_from_slice(c);
                h_prev[k * h..(k + 1) * h].copy_from_slice(out);
            }
        }
    }

    /// Adds the gradients of the weights to `grad` and of the input to `dx`, given the
    /// gradient of the output `d_out` (`rows × hidden`).
    #[allow(clippy::too_many_arguments)]
    fn backward(
        &self,
        flat: &[f32],
        grad: &mut [f32],
        x: &[f32],
        runs: &Runs,
        reverse: bool,
        trace: &Trace,
        d_out: &[f32],
        dx: &mut [f32],
    ) {
        let (h, rows) = (self.hidden, runs.rows);
        let width = runs.by_length.len();
        let mut d_gates = vec![0f32; rows * 4 * h];
        // The output each row's step started from (zero at a sentence's first step).
        let mut h_prev_rows = vec![0f32; rows * h];
        let mut dh_next = vec![0f32; width * h];
        let mut dc_next = vec![0f32; width * h];
        let mut dh = vec![0f32; h];
        let zeros = vec![0f32; h];
        let mut step_gates = vec![0f32; width * 4 * h];
        for t in (0..runs.steps()).rev() {
            let running = runs.running(t);
            for k in 0..running {
                let row = runs.row(k, t, reverse);
                let prev = (t > 0).then(|| runs.row(k, t - 1, reverse));
                for ((d, a), b) in dh
                    .iter_mut()
                    .zip(&d_out[row * h..(row + 1) * h])
                    .zip(&dh_next[k * h..(k + 1) * h])
                {
                    *d = a + b;
                }
                let c_prev = prev.map_or(&zeros[..], |p| &trace.cells[p * h..(p + 1) * h]);
                lstm_cell_backward(
                    &trace.gates[row * 4 * h..(row + 1) * 4 * h],
                    &trace.cells[row * h..(row + 1) * h],
                    c_prev,
                    &dh,
                    &mut dc_next[k * h..(k + 1) * h],
                    &mut d_gates[row * 4 * h..(row + 1) * 4 * h],
                );
                step_gates[k * 4 * h..(k + 1) * 4 * h]
                    .copy_from_slice(&d_gates[row * 4 * h..(row + 1) * 4 * h]);
                if let Some(p) = prev {
                    h_prev_rows[row * h..(row + 1) * h].copy_from_slice(&trace.out[p * h..(p + 1) * h]);
                }
            }
            matmul(
                View::new(&step_gates, running, 4 * h),
                self.wh.view(flat).t(),
                &mut dh_next[..running * h],
                false,
            );
        }
        matmul(
            View::new(&h_prev_rows, rows, h).t(),
            View::new(&d_gates, rows, 4 * h),
            self.wh.of_mut(grad),
            true,
        );
        affine_backward(flat, grad, self.wx, self.b, x, &d_gates, Some(dx));
    }
}

/// A bidirectional layer: each word's output is `[forward; backward]`, `2 × hidden` wide.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BiLstm {
    forward: Lstm,
    backward: Lstm,
}

/// What a bidirectional layer's forward pass keeps for the backward pass. Its vectors are
/// reused by the next pass that is given it.
#[derive(Debug, Default)]
pub(crate) struct BiTrace {
    forward: Trace,
    backward: Trace,
}

impl BiLstm {
    pub(crate) fn declare(layout: &mut Layout, input: usize, hidden: usize) -> BiLstm {
        BiLstm {
            forward: Lstm::declare(layout, input, hidden),
            backward: Lstm::declare(layout, input, hidden),
        }
    }

    pub(crate) fn input(&self) -> usize {
        self.forward.wx.rows
    }

    pub(crate) fn output(&self) -> usize {
        2 * self.forward.hidden
    }

    /// The matrices its forward pass multiplies by.
    pub(crate) fn products(&self) -> [Tensor; 4] {
        [
            self.forward.wx,
            self.forward.wh,
            self.backward.wx,
            self.backward.wh,
        ]
    }

    /// Runs the layer over the rows of `x`; `out` gets `rows × 2·hidden`.
    pub(crate) fn forward<W: Weights + ?Sized>(
        &self,
        weights: &W,
        x: &[f32],
        runs: &Runs,
        trace: &mut BiTrace,
        out: &mut Vec<f32>,
    ) {
        self.forward.forward(weights, x, runs, false, &mut trace.forward);
        self.backward.forward(weights, x, runs, true, &mut trace.backward);
        let h = self.forward.hidden;
        out.clear();
        out.reserve(runs.rows * 2 * h);
        for (f, b) in trace
            .forward
            .out
            .chunks_exact(h)
            .zip(trace.backward.out.chunks_exact(h))
        {
            out.extend_from_slice(f);
            out.extend_from_slice(b);
        }
    }

    /// Adds the weights' gradients to `grad` and the input's to `dx` (`rows × input`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn backward(
        &self,
        flat: &[f32],
        grad: &mut [f32],
        x: &[f32],
        runs: &Runs,
        trace: &BiTrace,
        d_out: &[f32],
        dx: &mut [f32],
    ) {
        let h = self.forward.hidden;
        let mut d_forward = Vec::with_capacity(runs.rows * h);
        let mut d_backward = Vec::with_capacity(runs.rows * h);
        for row in d_out.chunks_exact(2 * h) {
            d_forward.extend_from_slice(&row[..h]);
            d_backward.extend_from_slice(&row[h..]);
        }
        self.forward
            .backward(flat, grad, x, runs, false, &trace.forward, &d_forward, dx);
        self.backward
            .backward(flat, grad, x, runs, true, &trace.backward, &d_backward, dx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scalar loss of the layer's output: a fixed weighted sum, so that its gradient is
    /// the weights.
    fn loss(layer: &BiLstm, flat: &[f32], x: &[f32], runs: &Runs, weights: &[f32]) -> f64 {
        let mut out = Vec::new();
        layer.forward(flat, x, runs, &mut BiTrace::default(), &mut out);
        out.iter().zip(weights).map(|(a, b)| f64::from(a * b)).sum()
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (input, hidden) = (3, 4);
        let mut layout = Layout::default();
        let layer = BiLstm::declare(&mut layout, input, hidden);
        let flat = layout.initial(7);
        // Three sentences of different lengths, so that the lockstep order matters.
        let runs = Runs::new([2, 4, 1]);
        let mut rng = crate::syntax::hash::SplitMix64::new(3);
        let mut random =
            |n: usize| -> Vec<f32> { (0..n).map(|_| rng.uniform() as f32 * 2.0 - 1.0).collect() };
        let x = random(7 * input);
        let weights = random(7 * 2 * hidden);

        let mut trace = BiTrace::default();
        layer.forward(&flat, &x, &runs, &mut trace, &mut Vec::new());
        let mut grad = vec![0f32; flat.len()];
        let mut dx = vec![0f32; x.len()];
        layer.backward(&flat, &mut grad, &x, &runs, &trace, &weights, &mut dx);

        let eps = 1e-2f32;
        let numeric = |f: &dyn Fn(f32) -> f64| (f(eps) - f(-eps)) / (2.0 * f64::from(eps));
        for i in 0..flat.len() {
            let d = numeric(&|e| {
                let mut p = flat.clone();
                p[i] += e;
                loss(&layer, &p, &x, &runs, &weights)
            });
            assert!(
                (d - f64::from(grad[i])).abs() < 2e-3,
                "weight {i}: numeric {d}, analytic {}",
                grad[i]
            );
        }
        for i in 0..x.len() {
            let d = numeric(&|e| {
                let mut xe = x.clone();
                xe[i] += e;
                loss(&layer, &flat, &xe, &runs, &weights)
            });
            assert!(
                (d - f64::from(dx[i])).abs() < 2e-3,
                "input {i}: numeric {d}, analytic {}",
                dx[i]
            );
        }
    }

    #[test]
    fn a_sentence_reads_the_same_alone_or_in_a_batch() {
        let mut layout = Layout::default();
        let layer = BiLstm::declare(&mut layout, 2, 3);
        let flat = layout.initial(1);
        let x: Vec<f32> = (0..10).map(|i| (i as f32 * 0.37).sin()).collect();
        let (mut batch, mut alone) = (Vec::new(), Vec::new());
        layer.forward(&flat, &x, &Runs::new([3, 2]), &mut BiTrace::default(), &mut batch);
        layer.forward(
            &flat,
            &x[6..],
            &Runs::new([2]),
            &mut BiTrace::default(),
            &mut alone,
        );
        for (a, b) in batch[3 * 6..].iter().zip(&alone) {
            assert!((a - b).abs() < 1e-6);
        }
    }
}

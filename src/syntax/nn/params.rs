//! Every weight of a network in one flat vector, each matrix a named range of it: gradients,
//! the optimiser's moments and the model file then have the same simple shape, and summing
//! the gradients of two threads is one loop.

use rustc_hash::FxHashMap;

use super::bf16::{self, Bf16Matrix};
use super::kernels::{matmul, View};
use crate::syntax::hash::SplitMix64;

/// Where one matrix (a vector is one row) lies in the flat vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Tensor {
    offset: usize,
    pub rows: usize,
    pub cols: usize,
}

impl Tensor {
    pub(crate) fn len(self) -> usize {
        self.rows * self.cols
    }

    pub(crate) fn of(self, flat: &[f32]) -> &[f32] {
        &flat[self.offset..self.offset + self.len()]
    }

    pub(crate) fn of_mut(self, flat: &mut [f32]) -> &mut [f32] {
        &mut flat[self.offset..self.offset + self.len()]
    }

    /// The matrix as a view for products.
    pub(crate) fn view(self, flat: &[f32]) -> View<'_> {
        View::new(self.of(flat), self.rows, self.cols)
    }

    /// Row `r` of the matrix.
    pub(crate) fn row(self, flat: &[f32], r: usize) -> &[f32] {
        &self.of(flat)[r * self.cols..(r + 1) * self.cols]
    }

    pub(crate) fn row_mut(self, flat: &mut [f32], r: usize) -> &mut [f32] {
        &mut self.of_mut(flat)[r * self.cols..(r + 1) * self.cols]
    }
}

/// How a matrix starts before training.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Init {
    /// Uniform in ±sqrt(6 / (rows + cols)) (Glorot & Bengio 2010): weights of a layer.
    Glorot,
    /// Uniform in ±`f32`: embeddings.
    Uniform(f32),
    /// Every element this value: biases.
    Constant(f32),
    /// The biases of LSTM gates `[i f g o]`: the forget gate's at 1, so that a new network
    /// remembers rather than forgets (Jozefowicz et al. 2015), the others at 0.
    GateBias,
}

/// The tensors of a network, in the order they were declared.
#[derive(Debug, Default, Clone)]
pub(crate) struct Layout {
    tensors: Vec<(Tensor, Init)>,
    total: usize,
}

impl Layout {
    /// Declares the next `rows × cols` matrix.
    pub(crate) fn add(&mut self, rows: usize, cols: usize, init: Init) -> Tensor {
        let t = Tensor {
            offset: self.total,
            rows,
            cols,
        };
        self.total += t.len();
        self.tensors.push((t, init));
        t
    }

    /// How many numbers all the tensors hold.
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// Initial values for training, from `seed`.
    pub(crate) fn initial(&self, seed: u64) -> Vec<f32> {
        let mut rng = SplitMix64::new(seed);
        let mut flat = vec![0f32; self.total];
        for &(t, init) in &self.tensors {
            let values = t.of_mut(&mut flat);
            match init {
                Init::Glorot => {
                    let limit = (6.0 / (t.rows + t.cols) as f64).sqrt();
                    values
                        .iter_mut()
                        .for_each(|v| *v = (rng.uniform() * 2.0 - 1.0) as f32 * limit as f32);
                }
                Init::Uniform(limit) => values
                    .iter_mut()
                    .for_each(|v| *v = (rng.uniform() * 2.0 - 1.0) as f32 * limit),
                Init::Constant(c) => values.fill(c),
                Init::GateBias => {
                    let hidden = t.len() / 4;
                    values.fill(0.0);
                    values[hidden..2 * hidden].fill(1.0);
                }
            }
        }
        flat
    }
}

/// Adam (Kingma & Ba 2015) over the flat vector, with the gradient's global norm clipped.
pub(crate) struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    steps: i32,
    pub rate: f32,
    beta1: f32,
    beta2: f32,
    clip: f32,
}

impl Adam {
    /// β₂ = 0.9 rather than 0.999, as Dozat & Manning (2017) found better for parsers.
    pub(crate) fn new(size: usize, rate: f32) -> Adam {
        Adam {
            m: vec![0.0; size],
            v: vec![0.0; size],
            steps: 0,
            rate,
            beta1: 0.9,
            beta2: 0.9,
            clip: 5.0,
        }
    }

    pub(crate) fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        self.steps += 1;
        let norm = grad.iter().map(|g| f64::from(*g).powi(2)).sum::<f64>().sqrt() as f32;
        let scale = if norm > self.clip { self.clip / norm } else { 1.0 };
        let correction1 = 1.0 - self.beta1.powi(self.steps);
        let correction2 = 1.0 - self.beta2.powi(self.steps);
        let rate = self.rate * correction2.sqrt() / correction1;
        let (b1, b2) = (self.beta1, self.beta2);
        for (((p, &g), m), v) in params.iter_mut().zip(grad).zip(&mut self.m).zip(&mut self.v) {
            let g = g * scale;
            *m = b1 * *m + (1.0 - b1) * g;
            *v = b2 * *v + (1.0 - b2) * g * g;
            *p -= rate * *m / (v.sqrt() + 1e-8);
        }
    }
}

/// The parameters a forward pass reads: the flat vector, and how a product with one of its
/// matrices is computed.
pub(crate) trait Weights {
    fn flat(&self) -> &[f32];

    /// `out = x · w` (`out += x · w` when `accumulate`) for the rows of `x`.
    fn product(&self, x: &[f32], w: Tensor, out: &mut [f32], accumulate: bool) {
        let rows = x.len() / w.rows;
        matmul(View::new(x, rows, w.rows), w.view(self.flat()), out, accumulate);
    }
}

/// Training reads the flat vector as it is.
impl Weights for [f32] {
    fn flat(&self) -> &[f32] {
        self
    }
}

impl Weights for Vec<f32> {
    fn flat(&self) -> &[f32] {
        self
    }
}

/// Parameters for parsing: the flat vector, and the matrices that products read held again
/// as bfloat16 where the CPU multiplies those faster ([`bf16`]).
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    flat: Vec<f32>,
    matrices: FxHashMap<Tensor, Bf16Matrix>,
}

impl Packed {
    /// `products`: the matrices forward passes multiply by.
    pub(crate) fn new(flat: Vec<f32>, products: &[Tensor]) -> Packed {
        let matrices = if bf16::available() {
            products
                .iter()
                .map(|&t| (t, Bf16Matrix::new(t.of(&flat), t.rows, t.cols)))
                .collect()
        } else {
            FxHashMap::default()
        };
        Packed { flat, matrices }
    }
}

impl Weights for Packed {
    fn flat(&self) -> &[f32] {
        &self.flat
    }

    fn product(&self, x: &[f32], w: Tensor, out: &mut [f32], accumulate: bool) {
        match self.matrices.get(&w) {
            Some(m) => m.multiply(x, &mut out[..x.len() / w.rows * w.cols], accumulate),
            None => {
                let rows = x.len() / w.rows;
                matmul(View::new(x, rows, w.rows), w.view(&self.flat), out, accumulate);
            }
        }
    }
}

/// `out = x · w + b` for the rows of `x` (`x` is `rows × w.rows`).
pub(crate) fn affine<W: Weights + ?Sized>(weights: &W, w: Tensor, b: Tensor, x: &[f32], out: &mut Vec<f32>) {
    let rows = x.len() / w.rows;
    out.clear();
    out.resize(rows * w.cols, 0.0);
    weights.product(x, w, out, false);
    super::kernels::add_row(out, b.of(weights.flat()));
}

/// The gradients of [`affine`]: `dw += xᵀ·dy`, `db += Σ dy`, and `dx += dy · wᵀ` if asked.
pub(crate) fn affine_backward(
    flat: &[f32],
    grad: &mut [f32],
    w: Tensor,
    b: Tensor,
    x: &[f32],
    dy: &[f32],
    dx: Option<&mut [f32]>,
) {
    let rows = x.len() / w.rows;
    matmul(
        View::new(x, rows, w.rows).t(),
        View::new(dy, rows, w.cols),
        w.of_mut(grad),
        true,
    );
    let db = b.of_mut(grad);
    for row in dy.chunks_exact(w.cols) {
        super::kernels::axpy(1.0, row, db);
    }
    if let Some(dx) = dx {
        matmul(View::new(dy, rows, w.cols), w.view(flat).t(), dx, true);
    }
}

//! The arithmetic the network spends its time in: matrix products (the `matrixmultiply`
//! crate, which picks AVX/FMA kernels at run time and reaches 40–50 GMAC/s on one core here)
//! and element-wise activations written so that the compiler vectorises them, compiled a
//! second time for AVX2 + FMA and chosen at run time. A binary built for any x86-64 (or any
//! other target) runs everywhere and uses the wide instructions where the CPU has them.

/// A read-only matrix: row-major data, or a transposed view of it.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    data: &'a [f32],
    rows: usize,
    cols: usize,
    row_stride: usize,
    col_stride: usize,
}

impl<'a> View<'a> {
    /// `rows × cols` stored row by row in `data` (which may be longer).
    pub(crate) fn new(data: &'a [f32], rows: usize, cols: usize) -> View<'a> {
        assert!(
            data.len() >= rows * cols,
            "a {rows}×{cols} matrix in {} numbers",
            data.len()
        );
        View {
            data,
            rows,
            cols,
            row_stride: cols,
            col_stride: 1,
        }
    }

    /// The transpose, without copying.
    pub(crate) fn t(self) -> View<'a> {
        View {
            rows: self.cols,
            cols: self.rows,
            row_stride: self.col_stride,
            col_stride: self.row_stride,
            ..self
        }
    }
}

/// `c = a · b`, or `c += a · b` when `accumulate`; `c` is row-major `a.rows × b.cols`.
pub(crate) fn matmul(a: View, b: View, c: &mut [f32], accumulate: bool) {
    assert_eq!(a.cols, b.rows, "inner dimensions of a product");
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert!(c.len() >= m * n, "a {m}×{n} product in {} numbers", c.len());
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            c[..m * n].fill(0.0);
        }
        return;
    }
    if m < SMALL && a.col_stride == 1 && b.col_stride == 1 {
        if !accumulate {
            c[..m * n].fill(0.0);
        }
        small_matmul(a.data, a.row_stride, m, k, b.data, b.row_stride, n, c);
        return;
    }
    let beta = if accumulate { 1.0 } else { 0.0 };
    // SAFETY: `View::new` checked that each operand's data holds rows × cols numbers at its
    // strides (a transpose reads the same numbers), and `c` was checked above; the three do
    // not overlap since `c` is borrowed mutably.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.data.as_ptr(),
            a.row_stride as isize,
            a.col_stride as isize,
            b.data.as_ptr(),
            b.row_stride as isize,
            b.col_stride as isize,
            beta,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// Below this many rows of `a`, a product runs in [`small_matmul`]: `sgemm` packs its
/// operands into blocks first, which costs more than it saves for the one to a few rows an
/// LSTM step multiplies (2 GMAC/s for one row, against 20 unpacked).
const SMALL: usize = 12;

/// `c += a · b` for row-major `a` (`m × k`, rows `lda` apart), `b` (`k × n`, rows `ldb`
/// apart) and `c` (`m × n`): each block of rows and columns of `c` is summed in registers
/// over all of `k`, reading each row of `b` once per block of rows of `a`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn small_matmul_body(
    a: &[f32],
    lda: usize,
    m: usize,
    k: usize,
    b: &[f32],
    ldb: usize,
    n: usize,
    c: &mut [f32],
) {
    let mut i = 0;
    while i + 4 <= m {
        register_block::<4, 16>(a, lda, i, k, b, ldb, n, c);
        i += 4;
    }
    if i + 2 <= m {
        register_block::<2, 32>(a, lda, i, k, b, ldb, n, c);
        i += 2;
    }
    if i < m {
        register_block::<1, 32>(a, lda, i, k, b, ldb, n, c);
    }
}

/// Rows `i..i + R` of `c += a · b`, `J` columns at a time (the last columns one by one).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn register_block<const R: usize, const J: usize>(
    a: &[f32],
    lda: usize,
    i: usize,
    k: usize,
    b: &[f32],
    ldb: usize,
    n: usize,
    c: &mut [f32],
) {
    let mut jb = 0;
    while jb + J <= n {
        let mut acc = [[0f32; J]; R];
        for kk in 0..k {
            let row: &[f32; J] = b[kk * ldb + jb..kk * ldb + jb + J].try_into().expect("J columns");
            for (r, acc) in acc.iter_mut().enumerate() {
                let x = a[(i + r) * lda + kk];
                for (s, y) in acc.iter_mut().zip(row) {
                    *s += x * y;
                }
            }
        }
        for (r, acc) in acc.iter().enumerate() {
            for (c, s) in c[(i + r) * n + jb..(i + r) * n + jb + J].iter_mut().zip(acc) {
                *c += s;
            }
        }
        jb += J;
    }
    for j in jb..n {
        for r in 0..R {
            c[(i + r) * n + j] += (0..k)
                .map(|kk| a[(i + r) * lda + kk] * b[kk * ldb + j])
                .sum::<f32>();
        }
    }
}

/// Defines `$name` to run `$body` compiled for AVX2 + FMA where the CPU has them, and as
/// compiled for the target otherwise. `$body` must be `#[inline(always)]` so that it is
/// compiled anew inside the wide variant.
macro_rules! wide_when_possible {
    ($(#[$doc:meta])* $name:ident => $body:ident ($($arg:ident: $ty:ty),*)) => {
        $(#[$doc])*
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn $name($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                unsafe fn wide($($arg: $ty),*) {
                    $body($($arg),*)
                }
                if std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("fma")
                {
                    // SAFETY: the CPU has the features `wide` was compiled for.
                    return unsafe { wide($($arg),*) };
                }
            }
            $body($($arg),*)
        }
    };
}

/// tanh to within 4e-7 (Eigen's rational approximation: odd degree-13 over even degree-6
/// polynomial, inputs clamped where tanh is ±1 in single precision). Branch-free, so a loop
/// of it vectorises; `f32::tanh` calls libm per element and was a third of the LSTM's time.
#[inline(always)]
#[allow(clippy::excessive_precision)] // Eigen's coefficients, as published.
fn tanh1(x: f32) -> f32 {
    let x = x.clamp(-7.905_311, 7.905_311);
    let x2 = x * x;
    let mut p = x2 * -2.760_768_5e-16 + 2.000_187_9e-13;
    p = x2 * p + -8.604_671_5e-11;
    p = x2 * p + 5.122_297_1e-8;
    p = x2 * p + 1.485_722_4e-5;
    p = x2 * p + 6.372_619_3e-4;
    p = x2 * p + 4.893_524_6e-3;
    let mut q = x2 * 1.198_258_4e-6 + 1.185_347_1e-4;
    q = x2 * q + 2.268_434_6e-3;
    q = x2 * q + 4.893_525_2e-3;
    x * p / q
}

/// The logistic function, as `(1 + tanh(x/2)) / 2`.
#[inline(always)]
fn sigmoid1(x: f32) -> f32 {
    0.5 + 0.5 * tanh1(0.5 * x)
}

#[inline(always)]
fn tanh_body(xs: &mut [f32]) {
    xs.iter_mut().for_each(|x| *x = tanh1(*x));
}

#[inline(always)]
fn sigmoid_body(xs: &mut [f32]) {
    xs.iter_mut().for_each(|x| *x = sigmoid1(*x));
}

#[inline(always)]
fn relu_body(xs: &mut [f32]) {
    xs.iter_mut().for_each(|x| *x = x.max(0.0));
}

/// One LSTM step for a row of gates `[i f g o]` (pre-activations in, activations out):
/// `c = f·c_prev + i·g`, `h = o·tanh(c)`.
#[inline(always)]
fn lstm_cell_body(gates: &mut [f32], c_prev: &[f32], c: &mut [f32], h: &mut [f32]) {
    let n = c.len();
    let (ifo, rest) = gates.split_at_mut(2 * n);
    let (g, o) = rest.split_at_mut(n);
    sigmoid_body(ifo);
    tanh_body(g);
    sigmoid_body(o);
    let (i, f) = ifo.split_at(n);
    for k in 0..n {
        c[k] = f[k] * c_prev[k] + i[k] * g[k];
        h[k] = o[k] * tanh1(c[k]);
    }
}

/// The gradients of [`lstm_cell_body`] for one row: from the output's gradient `dh` and the
/// cell's gradient `dc` (from the step after; replaced by the gradient of `c_prev`), the
/// gradients of the gates' pre-activations.
#[inline(always)]
fn lstm_cell_backward_body(
    gates: &[f32],
    c: &[f32],
    c_prev: &[f32],
    dh: &[f32],
    dc: &mut [f32],
    d_gates: &mut [f32],
) {
    let n = c.len();
    let (i, rest) = gates.split_at(n);
    let (f, rest) = rest.split_at(n);
    let (g, o) = rest.split_at(n);
    let (di, rest) = d_gates.split_at_mut(n);
    let (df, rest) = rest.split_at_mut(n);
    let (dg, d_o) = rest.split_at_mut(n);
    for k in 0..n {
        let tc = tanh1(c[k]);
        let dck = dh[k] * o[k] * (1.0 - tc * tc) + dc[k];
        di[k] = dck * g[k] * i[k] * (1.0 - i[k]);
        df[k] = dck * c_prev[k] * f[k] * (1.0 - f[k]);
        dg[k] = dck * i[k] * (1.0 - g[k] * g[k]);
        d_o[k] = dh[k] * tc * o[k] * (1.0 - o[k]);
        dc[k] = dck * f[k];
    }
}

#[inline(always)]
fn axpy_body(a: f32, x: &[f32], y: &mut [f32]) {
    y.iter_mut().zip(x).for_each(|(y, x)| *y += a * x);
}

wide_when_possible!(
    /// max(0, x) of every element, in place.
    relu_in_place => relu_body(xs: &mut [f32])
);
wide_when_possible!(
    /// `c += a · b` for a few rows of `a` (see the body).
    small_matmul => small_matmul_body(a: &[f32], lda: usize, m: usize, k: usize, b: &[f32], ldb: usize, n: usize, c: &mut [f32])
);
wide_when_possible!(
    /// Activates one row of LSTM gates and computes the new cell and output (see the body).
    lstm_cell => lstm_cell_body(gates: &mut [f32], c_prev: &[f32], c: &mut [f32], h: &mut [f32])
);
wide_when_possible!(
    /// The gradients of [`lstm_cell`] for one row (see the body).
    lstm_cell_backward => lstm_cell_backward_body(gates: &[f32], c: &[f32], c_prev: &[f32], dh: &[f32], dc: &mut [f32], d_gates: &mut [f32])
);
wide_when_possible!(
    /// `y += a·x`.
    axpy => axpy_body(a: f32, x: &[f32], y: &mut [f32])
);

/// `y += x` for each row of `y` (`x` a row): adds a bias to every row.
pub(crate) fn add_row(y: &mut [f32], x: &[f32]) {
    for row in y.chunks_exact_mut(x.len()) {
        axpy(1.0, x, row);
    }
}

/// The index of the largest number (the first of equals); `None` for an empty slice.
pub(crate) fn argmax(xs: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &x) in xs.iter().enumerate() {
        if best.is_none_or(|b| x > xs[b]) {
            best = Some(i);
        }
    }
    best
}

/// Turns scores into probabilities in place and returns the log of the normaliser.
pub(crate) fn softmax_in_place(xs: &mut [f32]) -> f32 {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        let p = 1.0 / xs.len().max(1) as f32;
        xs.fill(p);
        return 0.0;
    }
    let mut sum = 0.0;
    for x in xs.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    xs.iter_mut().for_each(|x| *x /= sum);
    max + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activations_match_the_library_functions() {
        let mut worst = [0f32; 2];
        for k in -4000..=4000 {
            let x = k as f32 * 0.005;
            worst[0] = worst[0].max((tanh1(x) - x.tanh()).abs());
            worst[1] = worst[1].max((sigmoid1(x) - 1.0 / (1.0 + (-x).exp())).abs());
        }
        assert!(worst[0] < 1e-6 && worst[1] < 1e-6, "{worst:?}");
        assert_eq!([1e30, -1e30, f32::MAX].map(tanh1), [1.0, -1.0, 1.0]);
    }

    #[test]
    fn products_with_transposed_views() {
        // a = [[1,2,3],[4,5,6]], b = [[1,0],[0,1],[1,1]]
        let a = [1., 2., 3., 4., 5., 6.];
        let b = [1., 0., 0., 1., 1., 1.];
        let mut c = [0f32; 4];
        matmul(View::new(&a, 2, 3), View::new(&b, 3, 2), &mut c, false);
        assert_eq!(c, [4., 5., 10., 11.]);
        // aᵀ·a is 3×3.
        let mut d = [0f32; 9];
        matmul(View::new(&a, 2, 3).t(), View::new(&a, 2, 3), &mut d, false);
        assert_eq!(d, [17., 22., 27., 22., 29., 36., 27., 36., 45.]);
        // a·aᵀ accumulated onto ones.
        let mut e = [1f32; 4];
        matmul(View::new(&a, 2, 3), View::new(&a, 2, 3).t(), &mut e, true);
        assert_eq!(e, [15., 33., 33., 78.]);
    }

    #[test]
    fn few_rows_give_what_many_rows_give() {
        let mut rng = crate::syntax::hash::SplitMix64::new(2);
        let (k, n) = (37, 53);
        let a: Vec<f32> = (0..20 * k).map(|_| rng.uniform() as f32 - 0.5).collect();
        let b: Vec<f32> = (0..k * n).map(|_| rng.uniform() as f32 - 0.5).collect();
        let mut all = vec![0f32; 20 * n];
        matmul(View::new(&a, 20, k), View::new(&b, k, n), &mut all, false);
        for m in 1..SMALL {
            let mut few = vec![1f32; m * n];
            matmul(View::new(&a, m, k), View::new(&b, k, n), &mut few, true);
            for (x, y) in few.iter().zip(&all) {
                assert!((x - 1.0 - y).abs() < 1e-4, "{m} rows");
            }
        }
    }

    #[test]
    fn softmax_sums_to_one_and_survives_infinities() {
        let mut xs = [1.0, 2.0, 3.0];
        let log_z = softmax_in_place(&mut xs);
        assert!((xs.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!((log_z - (1f32.exp() + 2f32.exp() + 3f32.exp()).ln()).abs() < 1e-5);
        let mut masked = [f32::NEG_INFINITY, 0.0];
        softmax_in_place(&mut masked);
        assert_eq!(masked, [0.0, 1.0]);
    }
}

//! Products with weights held as bfloat16, on CPUs with AVX512-BF16 (AMD Zen 4, Intel
//! Cooper Lake and Sapphire Rapids on): `vdpbf16ps` multiplies pairs of bfloat16 and adds
//! them to single-precision sums, twice the multiply-adds of an f32 FMA per instruction.
//! Parsing spends most of its time in such products; measured on our shapes, 90–98 GMAC/s
//! on Zen 4 and 46–57 on a Sapphire Rapids core, against 40–50 for f32 `sgemm`. Where the
//! CPU also has AMX ([`super::amx`]), products of two rows or more run on its tiles instead
//! (300–330 GMAC/s there).
//!
//! Only inference uses this: training stays in f32. A bfloat16 keeps 8 bits of mantissa, so
//! each product is exact to about 0.3%; the parse of the development sets is the same to
//! within a few hundredths of a point (measured, see `data/models/README.md`). Machines
//! without the instructions run the f32 path.

use super::amx::{self, TILE_PAIRS};

/// Whether this CPU can run [`Bf16Matrix::multiply`].
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// f32 → bfloat16, rounding to nearest even (NaN stays NaN). Branch-free, so that a loop of
/// it vectorises.
#[inline(always)]
fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    let rounded = (bits.wrapping_add(0x7fff + ((bits >> 16) & 1)) >> 16) as u16;
    if x.is_nan() {
        0x7fc0
    } else {
        rounded
    }
}

/// Columns per block: one 512-bit register of f32 sums.
const LANES: usize = 16;

/// A `k × n` weight matrix as bfloat16, laid out for the kernels: blocks of 16 columns; in
/// each, for every pair of rows `2p, 2p + 1`, the 16 columns' two values side by side (the
/// pairs `vdpbf16ps` multiplies, and the rows of an AMX weight tile). Columns are padded to
/// 16 and pairs of rows to a multiple of 16 (a whole tile) with zeros.
#[derive(Debug, Clone)]
pub(crate) struct Bf16Matrix {
    k: usize,
    n: usize,
    /// Pairs of rows holding weights.
    pairs: usize,
    /// Pairs of rows per block, padding included.
    stride: usize,
    data: Vec<u16>,
}

impl Bf16Matrix {
    /// `w` is row-major `k × n`.
    pub(crate) fn new(w: &[f32], k: usize, n: usize) -> Bf16Matrix {
        assert_eq!(w.len(), k * n, "a {k}×{n} matrix");
        let pairs = k.div_ceil(2);
        let stride = pairs.next_multiple_of(TILE_PAIRS);
        let blocks = n.div_ceil(LANES);
        let mut data = vec![0u16; blocks * stride * 2 * LANES];
        for block in 0..blocks {
            for p in 0..pairs {
                for j in 0..LANES {
                    let col = block * LANES + j;
                    for q in 0..2 {
                        let row = 2 * p + q;
                        if row < k && col < n {
                            data[((block * stride + p) * LANES + j) * 2 + q] = to_bf16(w[row * n + col]);
                        }
                    }
                }
            }
        }
        Bf16Matrix {
            k,
            n,
            pairs,
            stride,
            data,
        }
    }

    /// `c = a · W` (`c += a · W` when `accumulate`) for the `m` rows of `a` (`m × k`);
    /// `c` is `m × n`. The caller has checked [`available`].
    pub(crate) fn multiply(&self, a: &[f32], c: &mut [f32], accumulate: bool) {
        let m = a.len() / self.k.max(1);
        assert!(
            a.len() == m * self.k && c.len() >= m * self.n,
            "operands of a product"
        );
        assert!(available(), "a bfloat16 product on a CPU without AVX512-BF16");
        thread_local! {
            // The converted rows, kept from one product to the next (see `network::Pass`).
            static ROWS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let tiles = amx::available();
        ROWS.with(|rows| self.multiply_with(a, m, c, accumulate, &mut rows.borrow_mut(), tiles));
    }

    /// [`Self::multiply`] with the buffer for `a`'s converted rows, on AMX tiles if `tiles`.
    fn multiply_with(
        &self,
        a: &[f32],
        m: usize,
        c: &mut [f32],
        accumulate: bool,
        rows: &mut Vec<u32>,
        tiles: bool,
    ) {
        // Each row of `a` as pairs of bfloat16, one u32 per pair (the low half first),
        // padded with zeros to the weights' stride.
        rows.clear();
        rows.resize(m * self.stride, 0);
        for (row, out) in a.chunks_exact(self.k).zip(rows.chunks_exact_mut(self.stride)) {
            let (even, odd) = row.split_at(row.len() & !1);
            for (pair, x) in out.iter_mut().zip(even.chunks_exact(2)) {
                *pair = u32::from(to_bf16(x[0])) | (u32::from(to_bf16(x[1])) << 16);
            }
            if let [last] = odd {
                out[self.pairs - 1] = u32::from(to_bf16(*last));
            }
        }
        // One row is a vector product, which AMX's 16-row tiles do no faster.
        #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
        if m >= 2 && tiles {
            // SAFETY: the caller found AMX available; `rows` holds m rows of `stride` pairs, `self.data`
            // the blocks of the layout, and `c` was checked to hold m × n.
            unsafe { amx::multiply(rows, m, self.stride, &self.data, self.n, c, accumulate) };
            return;
        }
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `available()` was asserted, and the kernel reads within `rows`, `self.data`
        // and writes within `c[..m * n]`, whose sizes were checked above.
        unsafe {
            kernel::multiply(rows, m, self, c, accumulate)
        };
    }
}

#[cfg(target_arch = "x86_64")]
mod kernel {
    use std::arch::x86_64::*;

    use super::{Bf16Matrix, LANES};

    /// Rows of `a` per register tile, by how many are left: eight, four, two, one.
    #[target_feature(enable = "avx512f,avx512bf16")]
    pub(super) unsafe fn multiply(a: &[u32], m: usize, w: &Bf16Matrix, c: &mut [f32], accumulate: bool) {
        let mut i = 0;
        while i + 8 <= m {
            tile::<8>(a, i, w, c, accumulate);
            i += 8;
        }
        if i + 4 <= m {
            tile::<4>(a, i, w, c, accumulate);
            i += 4;
        }
        if i + 2 <= m {
            tile::<2>(a, i, w, c, accumulate);
            i += 2;
        }
        if i < m {
            tile::<1>(a, i, w, c, accumulate);
        }
    }

    /// Rows `i..i + R` of the product, two blocks of 16 columns at a time: 2·R sums in
    /// registers over all of `k`, each step loading two weight registers and broadcasting
    /// one pair of each row.
    #[target_feature(enable = "avx512f,avx512bf16")]
    unsafe fn tile<const R: usize>(a: &[u32], i: usize, w: &Bf16Matrix, c: &mut [f32], accumulate: bool) {
        let blocks = w.n.div_ceil(LANES);
        let (pairs, stride) = (w.pairs, w.stride);
        let weights = w.data.as_ptr();
        let rows = a.as_ptr().add(i * stride);
        let mut block = 0;
        while block < blocks {
            let second = block + 1 < blocks;
            let mut sums0 = [_mm512_setzero_ps(); R];
            let mut sums1 = [_mm512_setzero_ps(); R];
            let w0 = weights.add(block * stride * 2 * LANES);
            let w1 = weights.add((block + usize::from(second)) * stride * 2 * LANES);
            for p in 0..pairs {
                let b0: __m512bh = std::mem::transmute(_mm512_loadu_si512(w0.add(p * 2 * LANES).cast()));
                let b1: __m512bh = std::mem::transmute(_mm512_loadu_si512(w1.add(p * 2 * LANES).cast()));
                for r in 0..R {
                    let x: __m512bh =
                        std::mem::transmute(_mm512_set1_epi32(*rows.add(r * stride + p) as i32));
                    sums0[r] = _mm512_dpbf16_ps(sums0[r], x, b0);
                    sums1[r] = _mm512_dpbf16_ps(sums1[r], x, b1);
                }
            }
            for r in 0..R {
                let out = c.as_mut_ptr().add((i + r) * w.n);
                store(out, block, w.n, sums0[r], accumulate);
                if second {
                    store(out, block + 1, w.n, sums1[r], accumulate);
                }
            }
            block += 2;
        }
    }

    /// Writes (or adds) the sums of one block of columns of one row, masked at the last
    /// block when `n` is not a multiple of 16.
    #[target_feature(enable = "avx512f")]
    unsafe fn store(row: *mut f32, block: usize, n: usize, sums: __m512, accumulate: bool) {
        let first = block * LANES;
        let valid = (n - first).min(LANES);
        let mask: __mmask16 = if valid == LANES {
            0xffff
        } else {
            (1u16 << valid) - 1
        };
        let at = row.add(first);
        let value = if accumulate {
            _mm512_add_ps(sums, _mm512_maskz_loadu_ps(mask, at))
        } else {
            sums
        };
        _mm512_mask_storeu_ps(at, mask, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_match_single_precision_to_bfloat16_rounding() {
        if !available() {
            eprintln!("no AVX512-BF16 on this CPU: nothing to check");
            return;
        }
        let kernels: &[bool] = if amx::available() {
            &[false, true]
        } else {
            &[false]
        };
        let mut rng = crate::syntax::hash::SplitMix64::new(4);
        // Odd k and n not a multiple of 16, every tile height of both kernels, more rows
        // than one AMX tile and pairs past one tile.
        for (m, k, n) in [
            (1, 5, 3),
            (2, 33, 17),
            (7, 64, 40),
            (19, 128, 106),
            (8, 1, 16),
            (40, 301, 50),
        ] {
            let a: Vec<f32> = (0..m * k).map(|_| rng.uniform() as f32 - 0.5).collect();
            let w: Vec<f32> = (0..k * n).map(|_| rng.uniform() as f32 - 0.5).collect();
            let packed = Bf16Matrix::new(&w, k, n);
            for &tiles in kernels {
                let mut rows = Vec::new();
                let mut c = vec![1f32; m * n + 3];
                packed.multiply_with(&a, m, &mut c, true, &mut rows, tiles);
                for i in 0..m {
                    for j in 0..n {
                        let exact: f32 = (0..k).map(|kk| a[i * k + kk] * w[kk * n + j]).sum();
                        let bound = 0.01
                            * (0..k)
                                .map(|kk| (a[i * k + kk] * w[kk * n + j]).abs())
                                .sum::<f32>()
                            + 1e-6;
                        assert!(
                            (c[i * n + j] - 1.0 - exact).abs() <= bound,
                            "{m}×{k}×{n} at {i},{j}, tiles {tiles}"
                        );
                    }
                }
                assert_eq!(&c[m * n..], &[1.0; 3], "nothing written past the product");
                let mut fresh = vec![5f32; m * n];
                packed.multiply_with(&a, m, &mut fresh, false, &mut rows, tiles);
                for (fresh, c) in fresh.iter().zip(&c) {
                    assert!((fresh - (c - 1.0)).abs() < 1e-5, "{m}×{k}×{n}, tiles {tiles}");
                }
            }
        }
    }

    #[test]
    fn rounding_to_bfloat16() {
        assert_eq!(to_bf16(1.0), 0x3f80);
        assert_eq!(to_bf16(-2.0), 0xc000);
        // 1 + 2⁻⁸ is halfway between two bfloat16: to even (1.0).
        assert_eq!(to_bf16(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(to_bf16(f32::NAN), 0x7fc0);
    }
}

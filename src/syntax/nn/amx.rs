//! Products with bfloat16 weights on Intel's Advanced Matrix Extensions (AMX, Sapphire Rapids
//! on): `tdpbf16ps` multiplies a tile of 16 rows × 32 bfloat16 by a tile of 32 × 16 and adds
//! the 16 × 16 products to single-precision sums in one instruction. Measured here on our
//! shapes, 300–330 GMAC/s on one core against 46–57 for AVX512-BF16 (`super::bf16`), for
//! the few rows an LSTM step multiplies (2–16 sentences) as well as for whole articles.
//!
//! The weights are read in `Bf16Matrix`'s layout as they are: for each block of 16 columns,
//! 64 bytes per pair of rows, which is the layout a `B` tile loads (16 pairs a tile when the
//! pairs are padded to a multiple of 16, as `Bf16Matrix` does). The rows of `a` are pairs of
//! bfloat16 with the same padding, 16 rows per `A` tile.
//!
//! Linux hands out AMX's 8 KB of tile state only to a process that asks for it
//! (`arch_prctl(ARCH_REQ_XCOMP_PERM)`); [`available`] asks once. The instructions are written
//! with `asm!`, since Rust's AMX intrinsics are not stable; each product loads its tile
//! configuration and releases the tiles when it is done, so no state outlives a call.

/// Pairs of bfloat16 (u32) in one row of an `A` tile: 64 bytes.
pub(super) const TILE_PAIRS: usize = 16;

/// Rows of `A` and `C` tiles, and columns of `B` and `C` tiles.
const TILE_ROWS: usize = 16;

/// Whether this CPU has AMX-BF16 and the kernel lets this process use it (asked once).
pub(super) fn available() -> bool {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *AVAILABLE.get_or_init(|| {
            // CPUID leaf 7: EDX bit 22 is AMX-BF16, bit 24 AMX-TILE.
            let leaf = std::arch::x86_64::__cpuid_count(7, 0);
            let cpu_has = leaf.edx & (1 << 22) != 0 && leaf.edx & (1 << 24) != 0;
            const ARCH_REQ_XCOMP_PERM: libc::c_long = 0x1023;
            const XFEATURE_XTILEDATA: libc::c_long = 18;
            // SAFETY: a system call with integer arguments; it fails cleanly (EINVAL) where
            // the kernel does not know AMX.
            cpu_has
                && unsafe { libc::syscall(libc::SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) }
                    == 0
        })
    }
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        false
    }
}

/// `c = a · W` (`c += a · W` when `accumulate`): `a` is `m` rows of `stride` pairs, `w`
/// holds `blocks` blocks of `stride` pairs of 16 columns, `c` is `m × n` row-major
/// (`n ≤ 16 · blocks`). `stride` is a multiple of [`TILE_PAIRS`].
///
/// # Safety
/// [`available`] returned true, and the slices hold what is said above.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub(super) unsafe fn multiply(
    a: &[u32],
    m: usize,
    stride: usize,
    w: &[u16],
    n: usize,
    c: &mut [f32],
    accumulate: bool,
) {
    use std::arch::asm;
    debug_assert!(stride.is_multiple_of(TILE_PAIRS) && a.len() >= m * stride && c.len() >= m * n);
    let blocks = n.div_ceil(TILE_ROWS);
    let full_blocks = n / TILE_ROWS;
    debug_assert!(w.len() >= blocks * stride * 2 * TILE_ROWS);
    let a_bytes = stride * 4;
    let c_bytes = n * 4;
    // The last block of columns when `n` is not a multiple of 16 goes through here.
    let mut edge = [0f32; TILE_ROWS * TILE_ROWS];
    let mut configured = 0;
    let mut i = 0;
    while i < m {
        let rows = (m - i).min(TILE_ROWS);
        if rows != configured {
            configure(rows);
            configured = rows;
        }
        let a_rows = a.as_ptr().add(i * stride);
        let c_rows = c.as_mut_ptr().add(i * n);
        let mut block = 0;
        while block < blocks {
            // Three column blocks at a time: sums in tmm0–2, the rows of `a` in tmm3, the
            // weights in tmm4–6.
            let group = (blocks - block).min(3);
            for t in 0..group {
                let b = block + t;
                let target = c_rows.add(b * TILE_ROWS);
                if accumulate && b < full_blocks {
                    match t {
                        0 => asm!("tileloadd tmm0, [{0} + {1}]", in(reg) target, in(reg) c_bytes),
                        1 => asm!("tileloadd tmm1, [{0} + {1}]", in(reg) target, in(reg) c_bytes),
                        _ => asm!("tileloadd tmm2, [{0} + {1}]", in(reg) target, in(reg) c_bytes),
                    }
                } else {
                    match t {
                        0 => asm!("tilezero tmm0"),
                        1 => asm!("tilezero tmm1"),
                        _ => asm!("tilezero tmm2"),
                    }
                }
            }
            for p in (0..stride).step_by(TILE_PAIRS) {
                asm!("tileloadd tmm3, [{0} + {1}]", in(reg) a_rows.add(p), in(reg) a_bytes);
                let weights = |t: usize| w.as_ptr().add(((block + t) * stride + p) * 2 * TILE_ROWS);
                asm!("tileloadd tmm4, [{0} + {1}]", in(reg) weights(0), in(reg) 64usize);
                asm!("tdpbf16ps tmm0, tmm3, tmm4");
                if group > 1 {
                    asm!("tileloadd tmm5, [{0} + {1}]", in(reg) weights(1), in(reg) 64usize);
                    asm!("tdpbf16ps tmm1, tmm3, tmm5");
                }
                if group > 2 {
                    asm!("tileloadd tmm6, [{0} + {1}]", in(reg) weights(2), in(reg) 64usize);
                    asm!("tdpbf16ps tmm2, tmm3, tmm6");
                }
            }
            for t in 0..group {
                let b = block + t;
                let (target, target_bytes) = if b < full_blocks {
                    (c_rows.add(b * TILE_ROWS), c_bytes)
                } else {
                    (edge.as_mut_ptr(), TILE_ROWS * 4)
                };
                match t {
                    0 => asm!("tilestored [{0} + {1}], tmm0", in(reg) target, in(reg) target_bytes),
                    1 => asm!("tilestored [{0} + {1}], tmm1", in(reg) target, in(reg) target_bytes),
                    _ => asm!("tilestored [{0} + {1}], tmm2", in(reg) target, in(reg) target_bytes),
                }
                if b >= full_blocks {
                    let cols = n - b * TILE_ROWS;
                    for r in 0..rows {
                        let out = std::slice::from_raw_parts_mut(c_rows.add(r * n + b * TILE_ROWS), cols);
                        let sums = &edge[r * TILE_ROWS..r * TILE_ROWS + cols];
                        if accumulate {
                            out.iter_mut().zip(sums).for_each(|(c, s)| *c += s);
                        } else {
                            out.copy_from_slice(sums);
                        }
                    }
                }
            }
            block += group;
        }
        i += rows;
    }
    asm!("tilerelease");
}

/// Loads a tile configuration for `rows` rows of `a`: sums (tmm0–2) and rows of `a` (tmm3)
/// `rows × 64 bytes`, weights (tmm4–6) 16 pairs × 64 bytes.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
unsafe fn configure(rows: usize) {
    #[repr(C, align(64))]
    struct Config([u8; 64]);
    let mut config = Config([0; 64]);
    config.0[0] = 1; // palette 1: eight tiles of up to 16 rows × 64 bytes
    for tile in 0..7 {
        // Bytes per row (u16 at 16 + 2·tile), then rows (u8 at 48 + tile).
        config.0[16 + 2 * tile] = 64;
        config.0[48 + tile] = if tile >= 4 { TILE_PAIRS as u8 } else { rows as u8 };
    }
    std::arch::asm!("ldtilecfg [{0}]", in(reg) config.0.as_ptr());
}

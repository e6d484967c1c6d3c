//! Stable hashing and a seeded generator for training.
//!
//! The lemmatiser's file stores its keys by their hash, so the hash must never change
//! between builds, platforms or Rust versions: `std`'s hashers promise none of that, hence
//! FNV-1a. Training draws its initial weights, order and dropout from SplitMix64 with a
//! fixed seed for the same reason: the same command gives the same model.

/// FNV-1a over `parts` joined by tabs, without building the joined string.
pub(crate) fn hash_parts(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b'\t');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in part.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A strong 64-bit finaliser (the one SplitMix64 uses): every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// SplitMix64: a tiny generator whose sequence is fixed by its seed, for reproducible training.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A number in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Whether an event of probability `p` happened.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed_forever() {
        // The lemmatiser's file depends on these values: changing them invalidates it.
        assert_eq!(hash_parts(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_parts(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_parts(&["NOUN", "talks"]), hash_parts(&["NOUN\ttalks"]));
        assert_ne!(hash_parts(&["NOUN", "talks"]), hash_parts(&["talks", "NOUN"]));
    }

    #[test]
    fn the_same_seed_gives_the_same_order() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64::new(7).shuffle(&mut a);
        SplitMix64::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<u32>>());
    }
}

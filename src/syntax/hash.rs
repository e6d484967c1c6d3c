//! Stable hashing of features and a seeded random order for training.
//!
//! Model files store features by their hash, so the hash must never change between builds,
//! platforms or Rust versions: `std`'s hashers promise none of that, hence FNV-1a for strings
//! and a fixed 64-bit mixer for combinations. Training shuffles its data with SplitMix64 from
//! a fixed seed for the same reason: the same command gives the same model.

/// FNV-1a over the bytes of `text`.
pub(crate) const fn hash_str(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

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

/// The key of feature template `template` over `atoms`: a non-zero 32-bit value (0 marks an
/// empty slot in a model's table). Two features that share a key share their weights, which
/// at the sizes used here (under a million features) happens to a handful of them.
pub(crate) fn feature_key(template: u32, atoms: &[u64]) -> u32 {
    let mut h = mix(u64::from(template).wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &a in atoms {
        h = mix(h ^ a.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
    ((h >> 32) as u32) | 1
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

    /// Whether an event of probability `p` happened.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
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
        // Model files depend on these values: changing them invalidates every model.
        assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            feature_key(1, &[hash_str("the")]),
            feature_key(1, &[hash_str("the")])
        );
        assert_ne!(feature_key(1, &[1, 2]), feature_key(1, &[2, 1]));
        assert_ne!(feature_key(1, &[7]), feature_key(2, &[7]));
        assert_eq!(hash_parts(&["NOUN", "talks"]), hash_str("NOUN\ttalks"));
        assert_eq!(feature_key(3, &[5]) & 1, 1);
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

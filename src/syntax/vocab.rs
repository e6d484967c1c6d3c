//! What the network knows a word by: its normalised lower-case form, its last one to four
//! and first one to three characters, and its shape ("Xxxx", "d,dd"), each looked up in a
//! table of the strings seen often enough in training. A word never seen still has a
//! suffix ("-ations"), a prefix and a shape the network has learnt from: this is how it
//! tags and attaches names and words that the treebanks do not have.

use anyhow::{ensure, Result};
use rustc_hash::FxHashMap;

use super::binary::{Reader, Writer};
use super::word::{first_chars, last_chars, plain_quotes, shape};

/// How many strings a word is known by: form, four suffixes, three prefixes, shape.
pub(crate) const FEATURES: usize = 9;
/// The id of a string not in a table.
pub(crate) const UNKNOWN: u32 = 0;
/// The id that stands for the root of the sentence in every table.
pub(crate) const ROOT: u32 = 1;
/// Ids below this are reserved.
const FIRST: u32 = 2;

/// The strings `form` is known by. The form is lower case with typographic quotes made plain
/// and digits made 0 ("2,000" and "1,500" are the same word to a parser).
pub(crate) fn keys(form: &str) -> [String; FEATURES] {
    let plain = plain_quotes(form);
    let lower: String = plain
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let suffix = |k: usize| last_chars(&lower, k).to_owned();
    let prefix = |k: usize| first_chars(&lower, k).to_owned();
    [
        lower.clone(),
        suffix(1),
        suffix(2),
        suffix(3),
        suffix(4),
        prefix(1),
        prefix(2),
        prefix(3),
        shape(&plain),
    ]
}

/// The strings of one kind, by id.
#[derive(Debug, Clone, Default)]
struct Table {
    names: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl Table {
    fn from_names(names: Vec<String>) -> Table {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32 + FIRST))
            .collect();
        Table { names, index }
    }

    fn id(&self, key: &str) -> u32 {
        self.index.get(key).copied().unwrap_or(UNKNOWN)
    }
}

/// A table for each kind of string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    tables: [Table; FEATURES],
}

impl Vocabulary {
    /// The strings counted at least `min[k]` times, most frequent first (ties by the string,
    /// so that the same data always gives the same ids).
    pub(crate) fn from_counts(
        counts: &[FxHashMap<String, usize>; FEATURES],
        min: [usize; FEATURES],
    ) -> Vocabulary {
        let tables = std::array::from_fn(|k| {
            let mut kept: Vec<(&String, usize)> = counts[k]
                .iter()
                .filter(|(_, &c)| c >= min[k])
                .map(|(s, &c)| (s, c))
                .collect();
            kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            Table::from_names(kept.into_iter().map(|(s, _)| s.clone()).collect())
        });
        Vocabulary { tables }
    }

    /// The id of each of the word's strings.
    pub(crate) fn ids(&self, form: &str) -> [u32; FEATURES] {
        let keys = keys(form);
        std::array::from_fn(|k| self.tables[k].id(&keys[k]))
    }

    /// The number of ids of each table, the reserved ones included.
    pub(crate) fn sizes(&self) -> [usize; FEATURES] {
        std::array::from_fn(|k| self.tables[k].names.len() + FIRST as usize)
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        for table in &self.tables {
            out.u32(table.names.len() as u32);
            for name in &table.names {
                out.str(name);
            }
        }
    }

    pub(crate) fn read(input: &mut Reader) -> Result<Vocabulary> {
        let mut tables: [Table; FEATURES] = Default::default();
        for table in &mut tables {
            let n = input.u32()? as usize;
            ensure!(n < 10_000_000, "a vocabulary of {n} strings");
            let names = (0..n).map(|_| input.str()).collect::<Result<Vec<_>>>()?;
            *table = Table::from_names(names);
        }
        Ok(Vocabulary { tables })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_case_quotes_and_digits() {
        let k = keys("Russia’s");
        assert_eq!(k[0], "russia's");
        assert_eq!(k[4], "ia's");
        assert_eq!(k[7], "rus");
        assert_eq!(k[8], "Xxx'x");
        assert_eq!(keys("2,000")[0], "0,000");
        assert_eq!(keys("1,500")[0], keys("2,000")[0]);
    }

    #[test]
    fn unseen_strings_are_unknown_and_ids_survive_a_round_trip() {
        let mut counts: [FxHashMap<String, usize>; FEATURES] = Default::default();
        for form in ["talks", "talks", "talked", "Putin"] {
            for (k, key) in keys(form).into_iter().enumerate() {
                *counts[k].entry(key).or_default() += 1;
            }
        }
        let vocab = Vocabulary::from_counts(&counts, [2; FEATURES]);
        let ids = vocab.ids("talks");
        assert_eq!(ids[0], FIRST);
        assert_eq!(vocab.ids("Putin")[0], UNKNOWN);
        // "talked" shares the prefix "tal" with "talks" (counted three times).
        assert_ne!(vocab.ids("talked")[7], UNKNOWN);
        let mut w = Writer::new();
        vocab.write(&mut w);
        let bytes = w.into_bytes();
        let read = Vocabulary::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(read.ids("talks"), ids);
        assert_eq!(read.sizes(), vocab.sizes());
    }
}

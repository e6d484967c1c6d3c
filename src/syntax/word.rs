//! What the statistical models know of a word form: hashes of the form, its lower case, its
//! affixes and its shape, computed once per word and shared by the tagger and the parser.

use super::hash::hash_str;

/// Hashed views of one word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub exact: u64,
    pub lower: u64,
    /// Last 1..=5 characters of the lower-cased form.
    pub suffix: [u64; 5],
    /// First 1..=3 characters.
    pub prefix: [u64; 3],
    /// "Xxxx" → "Xx", "1,000" → "d,d": case and digits with runs shortened.
    pub shape: u64,
}

/// Stands for the words before the first and after the last.
pub(crate) const PADDING: WordInfo = WordInfo {
    exact: 1,
    lower: 1,
    suffix: [1; 5],
    prefix: [1; 3],
    shape: 1,
};

impl WordInfo {
    pub(crate) fn new(form: &str) -> WordInfo {
        let form = &plain_quotes(form);
        let lower = form.to_lowercase();
        let suffix = std::array::from_fn(|k| hash_str(last_chars(&lower, k + 1)) ^ (k as u64 + 1));
        let prefix = std::array::from_fn(|k| hash_str(first_chars(&lower, k + 1)) ^ ((k as u64 + 1) << 8));
        WordInfo {
            exact: hash_str(form),
            lower: hash_str(&lower),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
        }
    }
}

/// The last `k` characters of `text` (all of it when it is shorter).
pub(crate) fn last_chars(text: &str, k: usize) -> &str {
    match k {
        0 => &text[text.len()..],
        _ => text
            .char_indices()
            .rev()
            .nth(k - 1)
            .map_or(text, |(i, _)| &text[i..]),
    }
}

/// The first `k` characters of `text` (all of it when it is shorter).
fn first_chars(text: &str, k: usize) -> &str {
    text.char_indices().nth(k).map_or(text, |(i, _)| &text[..i])
}

/// The form with typographic quotes made plain: news writes "Russia’s" and “talks”, the
/// treebanks mostly "Russia's" and "talks"; to the models they are the same words.
fn plain_quotes(form: &str) -> std::borrow::Cow<'_, str> {
    if form.contains(['’', '‘', '“', '”']) {
        form.chars()
            .map(|c| match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            })
            .collect::<String>()
            .into()
    } else {
        form.into()
    }
}

/// The shape of a form: upper case X, lower case x, digits d, other characters as they are,
/// each run cut to two.
pub(crate) fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
        } else {
            run = 1;
            last = class;
        }
        if run <= 2 {
            out.push(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_shorten_runs() {
        assert_eq!(shape("Washington"), "Xxx");
        assert_eq!(shape("1,000"), "d,dd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("Zelenskyy’s"), "Xxx’x");
        assert_eq!(WordInfo::new("Russia’s"), WordInfo::new("Russia's"));
        assert_eq!(WordInfo::new("“"), WordInfo::new("\""));
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(last_chars("café", 2), "fé");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "");
        assert_eq!(first_chars("éclat", 2), "éc");
        assert_eq!(first_chars("a", 3), "a");
    }

    #[test]
    fn case_is_kept_apart_from_the_word() {
        let a = WordInfo::new("Talks");
        let b = WordInfo::new("talks");
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.shape, b.shape);
        // Short words pad their affixes with the whole word.
        assert_eq!(WordInfo::new("a").suffix[0] ^ 1, WordInfo::new("a").suffix[4] ^ 5);
    }
}

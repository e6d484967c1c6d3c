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
        // Character boundaries, so that affixes are slices, not new strings.
        let mut bounds = [0usize; 12];
        let mut count = 0;
        for (i, _) in lower.char_indices() {
            if count < 6 {
                bounds[count] = i;
            }
            count += 1;
        }
        let ends: Vec<usize> = lower.char_indices().rev().take(5).map(|(i, _)| i).collect();
        let chars = count;
        let suffix = std::array::from_fn(|k| {
            let n = (k + 1).min(chars);
            let from = if n == 0 { lower.len() } else { ends[n - 1] };
            hash_str(&lower[from..]) ^ (k as u64 + 1)
        });
        let prefix = std::array::from_fn(|k| {
            let n = (k + 1).min(chars);
            let to = if n < chars { bounds[n] } else { lower.len() };
            hash_str(&lower[..to]) ^ ((k as u64 + 1) << 8)
        });
        WordInfo {
            exact: hash_str(form),
            lower: hash_str(&lower),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
        }
    }
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

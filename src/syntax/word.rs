//! Views of a word form that the models share: its affixes, its shape, and the form with
//! typographic quotes made plain.

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
pub(crate) fn first_chars(text: &str, k: usize) -> &str {
    text.char_indices().nth(k).map_or(text, |(i, _)| &text[..i])
}

/// The form with typographic quotes made plain: news writes "Russia’s" and “talks”, the
/// treebanks mostly "Russia's" and "talks"; to the models they are the same words.
pub(crate) fn plain_quotes(form: &str) -> std::borrow::Cow<'_, str> {
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
        assert_eq!(plain_quotes("Russia’s"), "Russia's");
        assert_eq!(plain_quotes("“talks”"), "\"talks\"");
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(last_chars("café", 2), "fé");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "");
        assert_eq!(first_chars("éclat", 2), "éc");
        assert_eq!(first_chars("a", 3), "a");
    }
}

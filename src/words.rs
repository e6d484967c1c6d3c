//! Small helpers on words that more than one stage needs.

/// The first character boundary of `text` at or after byte `at` (the text's end past it).
pub fn char_boundary_from(text: &str, at: usize) -> usize {
    (at.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// The last character boundary of `text` at or before byte `at`.
pub fn char_boundary_before(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `word` with its first letter in upper case ("meeting" → "Meeting").
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 event", "2 events".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::capitalise;

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("meeting of leaders"), "Meeting of leaders");
        assert_eq!(capitalise("élysée"), "Élysée");
        assert_eq!(capitalise(""), "");
    }
}

//! Repairs text before anything reads it.
//!
//! Scraped news is full of UTF-8 that was once decoded as Windows-1252: "â€™" for "’",
//! "Ã©" for "é", "Â " for a no-break space. Where the whole byte sequence survived it is
//! decoded back exactly. Where a copy lost the bytes that Windows-1252 cannot show (as in
//! the sample article: "Washington â President"), what is left is repaired by rule: a lone
//! "â" between spaces was a dash, between letters an apostrophe; a stray "Â" goes.

use super::encoding::to_byte;

/// The repaired text.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = undo_mojibake(&text);
    repair_remnants(&text)
}

/// Decodes every run of characters that is the Windows-1252 reading of a whole UTF-8
/// sequence. Text that is not mojibake is left alone: "café" stays, because "é" is not
/// followed by the continuation bytes a UTF-8 lead byte needs.
fn undo_mojibake(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((decoded, used)) = decode_sequence(&chars[i..]) {
            out.push(decoded);
            i += used;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The character whose UTF-8 bytes, read as Windows-1252, start `chars`, and how many
/// characters that reading took.
fn decode_sequence(chars: &[char]) -> Option<(char, usize)> {
    let lead = to_byte(*chars.first()?)?;
    let length = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut bytes = vec![lead];
    for &c in chars.get(1..length)? {
        let byte = to_byte(c)?;
        if !(0x80..=0xbf).contains(&byte) {
            return None;
        }
        bytes.push(byte);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((decoded, length))
}

/// Fixes what is left of mojibake whose continuation bytes were lost.
fn repair_remnants(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let is_space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let is_letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        match c {
            // "Washington â President": the dash of "â€”" lost its last two bytes.
            'â' if is_space(before) && is_space(after) => out.push('—'),
            // "Trumpâs": the apostrophe of "â€™".
            'â' if is_letter(before) && after.is_some_and(|a| a == 's' || a == 't') => out.push('’'),
            // "Ukraine.Â" / " Â ": the first byte of a no-break space, whose second byte went.
            'Â' if !is_letter(after) => {}
            '\u{a0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn whole_sequences_decode_back() {
        assert_eq!(clean("hasnâ€™t â€” â€œquotedâ€\u{9d}"), "hasn’t — “quoted”");
        assert_eq!(clean("CafÃ© in TÃ¼rkiye"), "Café in Türkiye");
    }

    #[test]
    fn lossy_remnants_are_repaired() {
        assert_eq!(
            clean("Washington â President Trump"),
            "Washington — President Trump"
        );
        assert_eq!(clean("in Ukraine.Â\nThe call"), "in Ukraine.\nThe call");
        assert_eq!(clean("at some point. Â "), "at some point.  ");
    }

    #[test]
    fn correct_text_is_left_alone() {
        let text = "Café, naïve, Dolmabahçe, İbrahim Kalın — “quoted” 30-day";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
    }
}

//! Repairs text before anything reads it.
//!
//! Scraped news is full of UTF-8 that was once decoded as Windows-1252: "â€™" for "’",
//! "Ã©" for "é", "Â " for a no-break space. Where the whole byte sequence survived it is
//! decoded back exactly. Where a copy lost the bytes that Windows-1252 cannot show (as in
//! the sample article: "Washington â President"), what is left is repaired by rule: a lone
//! "â" between spaces was a dash, between letters an apostrophe; a stray "Â" goes. Those
//! rules run only on a document that shows such remnants, and never on a character that
//! decoding produced, so correct text ("château", "gâteau") is never touched.

use super::encoding::to_byte;

/// The repaired text. Text that shows no mojibake comes out as it went in (line endings
/// aside): "château" and "gâteau" are French, not a lost apostrophe.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let decoded = undo_mojibake(&text);
    if shows_remnants(&text) {
        repair_remnants(&decoded)
    } else {
        decoded.into_iter().map(|(c, _)| c).collect()
    }
}

/// Whether a text shows what lossy mojibake leaves: a lone "â" between spaces (the dash of
/// "â€”" without its last two bytes) or an "Â" before a space or the end of a line (the first
/// byte of a no-break space). Neither occurs in correctly encoded text of any language.
fn shows_remnants(text: &str) -> bool {
    text.contains(" â ")
        || text.contains("\nâ ")
        || text.match_indices('Â').any(|(i, _)| {
            text[i + 'Â'.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace())
        })
}

/// Decodes every run of characters that is the Windows-1252 reading of a whole UTF-8
/// sequence. Text that is not mojibake is left alone: "café" stays, because "é" is not
/// followed by the continuation bytes a UTF-8 lead byte needs.
fn undo_mojibake(text: &str) -> Vec<(char, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((decoded, used)) = decode_sequence(&chars[i..]) {
            out.push((decoded, true));
            i += used;
        } else {
            out.push((chars[i], false));
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

/// Fixes what is left of mojibake whose continuation bytes were lost, in characters that
/// were in the text as they are (`decoded` false), not those decoding gave back.
fn repair_remnants(chars: &[(char, bool)]) -> String {
    let mut out = String::with_capacity(chars.len());
    for (i, &(c, decoded)) in chars.iter().enumerate() {
        if decoded {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j].0);
        let after = chars.get(i + 1).map(|&(c, _)| c);
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
        // What decoding gives back is never taken for a remnant.
        assert_eq!(
            clean("Washington â the chÃ¢teau and the gÃ¢teau"),
            "Washington — the château and the gâteau"
        );
    }

    #[test]
    fn correct_text_is_left_alone() {
        let text = "Café, naïve, Dolmabahçe, İbrahim Kalın — “quoted” 30-day";
        assert_eq!(clean(text), text);
        let french = "Le château et le gâteau ; Âge\u{a0}: 30 ans. Vietnamese: Lâm Đồng, Hà Nội.";
        assert_eq!(clean(french), french);
    }

    /// The Windows-1252 reading of `text`'s UTF-8 bytes, as a mis-decoding program makes it.
    fn misdecode(text: &str) -> String {
        text.bytes().map(crate::article::encoding::from_byte).collect()
    }

    proptest::proptest! {
        #[test]
        fn any_correct_text_comes_out_unchanged(text in "\\PC{0,80}") {
            let text = text.replace('\r', "");
            // Text that is itself a Windows-1252 reading of UTF-8 ("Â®" is "®") cannot be
            // told from mojibake; everything else must come out untouched.
            let looks_misdecoded = super::shows_remnants(&text)
                || super::undo_mojibake(&text).iter().any(|&(_, decoded)| decoded);
            proptest::prop_assume!(!looks_misdecoded);
            proptest::prop_assert_eq!(clean(&text), text);
        }

        #[test]
        fn a_whole_misdecoding_is_undone(text in "[a-zA-Z ,.’“”—–éèçâêîôûäöüßñøåğışİÇĞŞ€…]{0,60}") {
            proptest::prop_assert_eq!(clean(&misdecode(&text)), text);
        }
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
    }
}

//! Windows-1252, the code page that turns UTF-8 into mojibake.
//!
//! A UTF-8 page read as Windows-1252 shows "’" as "â€™": each byte became the character
//! that code page gives it. Undoing that needs the byte of each such character, which for
//! most is its code point and for 0x80–0x9F is the table below.

/// Characters that Windows-1252 puts at bytes 0x80–0x9F. The five bytes it leaves
/// undefined decode to the C1 control of the same number, as browsers do.
const HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The Windows-1252 byte of `c`, if it has one.
pub fn to_byte(c: char) -> Option<u8> {
    let code = c as u32;
    match code {
        0..=0x7f | 0xa0..=0xff => Some(code as u8),
        _ => HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// The character Windows-1252 gives `byte`.
pub fn from_byte(byte: u8) -> char {
    match byte {
        0x80..=0x9f => HIGH[(byte - 0x80) as usize],
        _ => byte as char,
    }
}

/// Text from bytes: UTF-16 when they start with its byte-order mark (what Windows editors
/// save as "Unicode"), UTF-8 when they are valid UTF-8, else Windows-1252 (the usual encoding
/// of old pages that are not UTF-8; every byte sequence is valid in it).
pub fn decode(bytes: &[u8]) -> String {
    if let Some(text) = utf16(bytes) {
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
        Err(_) => bytes.iter().map(|&b| from_byte(b)).collect(),
    }
}

/// The text of UTF-16 bytes with a byte-order mark (little- or big-endian); unpaired
/// surrogates become U+FFFD.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (body, little_endian) = match bytes {
        [0xff, 0xfe, rest @ ..] => (rest, true),
        [0xfe, 0xff, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units = body.chunks(2).map(|pair| match (pair, little_endian) {
        ([lo, hi], true) | ([hi, lo], false) => u16::from_le_bytes([*lo, *hi]),
        // An odd last byte is not a whole code unit.
        _ => 0xfffd,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_decodes_in_either_byte_order() {
        let text = "Zelensky met “Erdoğan” — 🇺🇦";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le), text);
        assert_eq!(decode(&be), text);
        assert_eq!(utf16(&[0xff, 0xfe, 0x41, 0x00, 0x42]).unwrap(), "A\u{fffd}");
        assert_eq!(utf16(b"plain"), None);
    }

    #[test]
    fn round_trips_every_byte() {
        for byte in 0..=255u8 {
            assert_eq!(to_byte(from_byte(byte)), Some(byte));
        }
    }

    #[test]
    fn latin1_files_decode() {
        assert_eq!(decode(b"caf\xe9 \x93quoted\x94"), "café “quoted”");
        assert_eq!(decode("café".as_bytes()), "café");
    }
}

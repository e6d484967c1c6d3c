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

/// Text from bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (the usual encoding
/// of old pages that are not UTF-8; every byte sequence is valid in it).
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
        Err(_) => bytes.iter().map(|&b| from_byte(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Character offsets. Text is handled as UTF-8 bytes; what users, the database and the
//! TempEval-3 scorer see are offsets in characters (Unicode scalar values).

/// Converts byte offsets of a text to character offsets.
pub struct CharOffsets {
    /// Byte offset of every character boundary, plus the end.
    boundaries: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        CharOffsets { boundaries }
    }

    pub fn at(&self, byte: usize) -> usize {
        self.boundaries.partition_point(|&b| b < byte)
    }
}

//! Walking a parsed sentence: the word at an offset, the head word of a span, a word's
//! dependents. Shared by the layers that read the parse (`time::tense`, `extract::tree`).

use super::{Token, MAX_PIECE};

/// The word at byte offset `at` (offsets as the tokens have them).
pub fn token_at(tokens: &[Token], at: usize) -> Option<usize> {
    // Tokens are in text order and do not overlap: the first that ends after `at`.
    let i = tokens.partition_point(|t| t.end <= at);
    tokens.get(i).filter(|t| t.start <= at).map(|_| i)
}

/// The head word of the span `start..end`: the word of it whose head lies outside it ("call"
/// in "phone call", "condition" in "key condition"), else the word at `start`.
pub fn head_within(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let inside = |i: usize| tokens[i].start >= start && tokens[i].end <= end;
    // The span's words follow the first that ends after its start.
    let first = tokens.partition_point(|t| t.end <= start);
    (first..tokens.len())
        .take_while(|&i| tokens[i].start < end)
        .filter(|&i| inside(i))
        .find(|&i| {
            tokens[i]
                .analysis
                .head
                .is_none_or(|h| h >= tokens.len() || !inside(h))
        })
        .or_else(|| token_at(tokens, start))
}

/// The words that depend on word `i`, in order.
pub fn children(tokens: &[Token], i: usize) -> impl Iterator<Item = usize> + '_ {
    (0..tokens.len()).filter(move |&c| tokens[c].analysis.head == Some(i))
}

/// [`children`] within word `i`'s parse piece: at most `MAX_PIECE` words away (only the
/// roots of later pieces hang across, on the first piece's root, by `parataxis`). A walk
/// that follows no `parataxis` finds the same words, and a sentence of thousands of words
/// costs it what a short one does.
pub fn children_in_piece(tokens: &[Token], i: usize) -> impl Iterator<Item = usize> + '_ {
    let near = i.saturating_sub(MAX_PIECE)..(i + MAX_PIECE + 1).min(tokens.len());
    near.filter(move |&c| tokens[c].analysis.head == Some(i))
}

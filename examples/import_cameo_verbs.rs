//! Writes `data/rules/events/cameo_verbs.tsv` from PETRARCH2's CAMEO verb dictionary
//! (`petrarch2/data/dictionaries/CAMEO.2.0.txt`, MIT licence, Open Event Data Alliance):
//! each single-word verb lemma with the CAMEO code of its verb block (or its own code where
//! the dictionary gives one). The dictionary's synonym sets come mostly from WordNet; its
//! patterns (which need PETRARCH's phrase parser) are not imported: the event classes of
//! `classes.toml` tell senses apart by structure instead.
//!
//! ```text
//! cargo run --example import_cameo_verbs -- path/to/CAMEO.2.0.txt data/rules/events/cameo_verbs.tsv
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{bail, Context, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        bail!("usage: import_cameo_verbs CAMEO_2_0_TXT OUTPUT_TSV");
    };
    let text = std::fs::read_to_string(input).with_context(|| format!("{input}: cannot read"))?;
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(header) = line.strip_prefix("---") {
            // "---  MEET_PEOPLE   [040]  ---": the block's default code; "[---]" has none.
            // "[042:043]": the code of the subject's side, before the colon.
            block = code_in(header)
                .map(|c| c.split(':').next().unwrap_or("").to_owned())
                .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
            let name = header.split_whitespace().next().unwrap_or("");
            if let Some(code) = &block {
                add(&mut codes, name, code);
            }
            continue;
        }
        if line.is_empty() || line.starts_with('-') || line.starts_with('+') {
            continue;
        }
        let Some(default) = &block else { continue };
        let word = line.split_whitespace().next().unwrap_or("");
        let own = code_in(line).map(|c| c.split(':').next().unwrap_or("").to_owned());
        let code = own.filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
        add(&mut codes, word, code.as_deref().unwrap_or(default));
    }
    let mut out = String::from(
        "# Verb lemmas and their CAMEO event codes, from PETRARCH2's CAMEO verb dictionary\n\
         # (https://github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt,\n\
         # MIT licence, (c) 2015 Open Event Data Alliance; synonym sets mostly from WordNet).\n\
         # Written by `cargo run --example import_cameo_verbs`; do not edit by hand: classes.toml\n\
         # says which codes are which event type, and adds or removes lemmas.\n",
    );
    for (lemma, code) in &codes {
        writeln!(out, "{lemma}\t{code}")?;
    }
    std::fs::write(output, out).with_context(|| format!("{output}: cannot write"))?;
    eprintln!("{} verbs written to {output}", codes.len());
    Ok(())
}

/// The code in brackets, "[040]" → "040", "[041:041]" → "041:041".
fn code_in(text: &str) -> Option<String> {
    let start = text.find('[')?;
    let end = start + text[start..].find(']')?;
    Some(text[start + 1..end].to_owned())
}

/// A single-word verb (no '_' multi-word forms), lower-cased; the first block wins.
fn add(codes: &mut BTreeMap<String, String>, word: &str, code: &str) {
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return;
    }
    codes
        .entry(word.to_ascii_lowercase())
        .or_insert_with(|| code.to_owned());
}

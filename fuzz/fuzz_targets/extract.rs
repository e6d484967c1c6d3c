//! Any text as an article's body, through the whole extractor (tagger, parser, triggers,
//! roles, dates): nothing may panic, and every event's evidence points into the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use timeline::article::{Article, Metadata};
use timeline::extract::Extractor;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::load().expect("the built-in rules compile"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(body) = std::str::from_utf8(bytes) else { return };
    let raw = format!("---\npublished: 2025-03-18\n---\n{body}");
    let Ok(article) = Article::parse("fuzz.txt", &raw, &Metadata::default()) else { return };
    let chars: Vec<char> = article.text.chars().collect();
    for event in extractor().extract(&article) {
        // Evidence offsets count characters of the stored text.
        let e = &event.evidence;
        assert!(e.sentence_start <= e.trigger_start && e.trigger_start <= e.trigger_end);
        assert!(e.trigger_end <= e.sentence_end && e.sentence_end <= chars.len());
        let trigger: String = chars[e.trigger_start..e.trigger_end].iter().collect();
        assert_eq!(trigger, e.trigger);
    }
});

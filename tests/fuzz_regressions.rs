//! Replays the inputs kept in `tests/fuzz_regressions/` through what the fuzz targets check
//! (`fuzz/`): each file is an article's raw bytes that once made a target fail, or a seed of
//! hostile text. Decoding, front matter, sentences, the dateline, the tagger and the whole
//! extractor must take every one without panicking, with spans inside the text.

use std::path::Path;

use timeline::article::{decode, split_sentences, Article, FieldNames, Format, Metadata};
use timeline::extract::Extractor;
use timeline::time::{publication_date, Tagger};

#[test]
fn every_kept_fuzz_input_is_taken_without_panic() {
    let tagger = Tagger::load().unwrap();
    let extractor = Extractor::load().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no inputs", dir.display());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let raw = decode(&bytes);
        let dating = |text: &str| publication_date(text, &tagger);
        let overrides = Metadata {
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 18),
            ..Metadata::default()
        };
        let formats = [Format::Text, Format::Html, Format::Json];
        let readings = [Metadata::default(), overrides];
        for (format, meta) in formats.iter().flat_map(|f| readings.iter().map(move |m| (*f, m))) {
            let Ok(article) = Article::read("fuzz", &raw, format, &FieldNames::default(), meta, &dating)
            else {
                continue;
            };
            let text = &article.text;
            for sentence in split_sentences(text) {
                assert!(
                    sentence.end <= text.len() && text.is_char_boundary(sentence.end),
                    "{path:?}"
                );
            }
            for expr in tagger.tag(text, article.published) {
                assert_eq!(&text[expr.start..expr.end], expr.text, "{path:?}");
            }
            let chars = text.chars().count();
            for event in extractor.extract(&article) {
                assert!(event.evidence.sentence_end <= chars, "{path:?}");
            }
        }
    }
}

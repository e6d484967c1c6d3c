//! Any bytes as an article file, read in each format (text with front matter, a web page, a
//! JSON object): decoding, the format's reader, text repair, sentences, the dateline and
//! every temporal expression. Nothing may panic; spans must lie on character boundaries,
//! in order, inside the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use timeline::article::{decode, split_sentences, Article, FieldNames, Format, Metadata};
use timeline::time::{publication_date, Tagger};

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| Tagger::load().expect("the built-in rules compile"))
}

fuzz_target!(|bytes: &[u8]| {
    let raw = decode(bytes);
    for format in [Format::Text, Format::Html, Format::Json] {
        check(&raw, format);
    }
});

fn check(raw: &str, format: Format) {
    let dating = |text: &str| publication_date(text, tagger());
    let Ok(article) = Article::read("fuzz", raw, format, &FieldNames::default(), &Metadata::default(), &dating)
    else {
        return;
    };
    let text = &article.text;
    let mut last = 0;
    for sentence in split_sentences(text) {
        assert!(sentence.start >= last && sentence.end <= text.len());
        assert!(text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end));
        last = sentence.start;
    }
    let mut last = 0;
    for expr in tagger().tag(text, article.published) {
        assert!(expr.start >= last && expr.start <= expr.end && expr.end <= text.len());
        assert_eq!(&text[expr.start..expr.end], expr.text);
        last = expr.start;
    }
}

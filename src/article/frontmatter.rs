//! The metadata block at the top of an article file, in YAML between `---` lines (Jekyll,
//! Pandoc, Hugo) or TOML between `+++` lines (Hugo, Zola):
//!
//! ```text
//! ---
//! title: Trump and Putin agree to begin ceasefire talks
//! source: CBS News
//! url: https://...
//! published: 2025-03-18
//! ---
//! ```
//!
//! The block is parsed by a YAML or TOML library (quotes, lists of authors, block scalars);
//! a YAML block that is not valid YAML but is written as `key: value` lines, as hand-made
//! front matter often is ("title: Paris talks yield dialogue: US envoy"), is read line by
//! line. Which keys give what is [`FieldNames`]'s; other keys are ignored so that files
//! written for other tools still load.

use chrono::{Datelike, NaiveDate};

use super::fields::{self, FieldNames, Fields};
use super::ArticleError;

/// What front matter or command-line flags say about an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// Who wrote it, as the page or the front matter names them.
    pub byline: Option<String>,
}

impl Metadata {
    /// These fields, with every field `other` sets taking precedence.
    pub fn overridden_by(self, other: &Metadata) -> Metadata {
        Metadata {
            title: other.title.clone().or(self.title),
            source: other.source.clone().or(self.source),
            url: other.url.clone().or(self.url),
            published: other.published.or(self.published),
            byline: other.byline.clone().or(self.byline),
        }
    }
}

/// The two kinds of block, by the line that fences them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fence {
    Yaml,
    Toml,
}

impl Fence {
    fn line(self) -> &'static str {
        match self {
            Fence::Yaml => "---",
            Fence::Toml => "+++",
        }
    }
}

/// Splits `raw` into its front matter and the body after it. Text without a front matter
/// block is all body.
pub fn parse(raw: &str) -> Result<(Metadata, &str), ArticleError> {
    let trimmed = raw.trim_start_matches('\u{feff}');
    let Some((fence, block, body)) = split_block(trimmed)? else {
        return Ok((Metadata::default(), trimmed));
    };
    let fields = match fence {
        Fence::Toml => {
            let table: toml::Table = toml::from_str(block).map_err(|e| {
                ArticleError::FrontMatter(format!("not valid TOML: {}", one_line(e.message())))
            })?;
            fields::from_toml(&table)
        }
        Fence::Yaml => yaml_fields(block)?,
    };
    let (meta, _) = FieldNames::default().read(&fields)?;
    Ok((meta, body))
}

/// The fence, the block inside it and the body after it; `None` when the text does not
/// open with a fence line.
fn split_block(text: &str) -> Result<Option<(Fence, &str, &str)>, ArticleError> {
    let Some(fence) = [Fence::Yaml, Fence::Toml]
        .into_iter()
        .find(|f| text.starts_with(f.line()))
    else {
        return Ok(None);
    };
    let after_open = &text[fence.line().len()..];
    let Some(after_open) = after_open
        .strip_prefix('\n')
        .or_else(|| after_open.strip_prefix("\r\n"))
    else {
        return Ok(None);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim() == fence.line() {
            return Ok(Some((
                fence,
                &after_open[..offset],
                &after_open[offset + line.len()..],
            )));
        }
        offset += line.len();
    }
    Err(ArticleError::FrontMatter(format!(
        "the block opened by `{}` is never closed",
        fence.line()
    )))
}

/// The fields of a YAML block: parsed as YAML, else read as `key: value` lines.
fn yaml_fields(block: &str) -> Result<Fields, ArticleError> {
    if block.trim().is_empty() {
        return Ok(Fields::new());
    }
    match serde_saphyr::from_str::<serde_json::Value>(block) {
        Ok(serde_json::Value::Object(object)) => Ok(fields::from_json(&object)),
        Ok(serde_json::Value::Null) => Ok(Fields::new()),
        Ok(_) => Err(ArticleError::FrontMatter(
            "the block is not a list of `key: value` lines".into(),
        )),
        Err(yaml) => key_value_lines(block).ok_or_else(|| {
            ArticleError::FrontMatter(format!("not valid YAML: {}", one_line(&yaml.to_string())))
        }),
    }
}

/// The fields of a block written as `key: value` lines (the value is what follows the
/// first colon, without the quotes around it), or `None` when a line is not of that form.
fn key_value_lines(block: &str) -> Option<Fields> {
    let mut fields = Fields::new();
    for line in block.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        fields.insert(key.trim().to_lowercase(), unquote(value.trim()).to_owned());
    }
    Some(fields)
}

/// The first line of a library's message, without its trailing punctuation: errors here
/// are one line.
fn one_line(message: &str) -> String {
    let first = message
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    first.trim_end_matches(['.', ':']).to_owned()
}

/// A publication date as written in front matter: `2025-03-18`, optionally followed by a
/// time (`2025-03-18T10:58:00Z`, `2025-03-18 10:58`), which is dropped.
pub fn parse_date(value: &str) -> Result<NaiveDate, ArticleError> {
    let not_a_date = || ArticleError::FrontMatter(format!("published date {value:?} is not YYYY-MM-DD"));
    let (day, time) = match value.get(..10) {
        Some(day) => (day, &value[10..]),
        None => (value, ""),
    };
    // What may follow the day is a time: `T10:58`, ` 10:58`, nothing else.
    let time_follows = time.is_empty()
        || time
            .strip_prefix(['T', ' '])
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    let date = crate::time::parse_day(day)
        .filter(|_| time_follows)
        .ok_or_else(not_a_date)?;
    if date.year() < 1 {
        return Err(ArticleError::FrontMatter(format!(
            "published date {value:?} is before the year 1"
        )));
    }
    Ok(date)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_block_and_returns_the_body() {
        let (meta, body) =
            parse("---\ntitle: \"A: B\"\nsource: CBS\npublished: 2025-03-18T10:00:00Z\n---\nBody").unwrap();
        assert_eq!(meta.title.as_deref(), Some("A: B"));
        assert_eq!(meta.source.as_deref(), Some("CBS"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2025, 3, 18));
        assert_eq!(body, "Body");
    }

    #[test]
    fn a_publication_date_is_exactly_a_day_with_at_most_a_time_after_it() {
        let day = |v: &str| parse_date(v).ok();
        let march_18 = NaiveDate::from_ymd_opt(2025, 3, 18);
        assert_eq!(day("2025-03-18"), march_18);
        assert_eq!(day("2025-03-18 10:58"), march_18);
        assert_eq!(day("2025-03-18T10:58:00+01:00"), march_18);
        for bad in [
            "+2025-03-18",
            "2025-03-18garbage",
            "2025-3-18",
            "12025-03-18",
            "2025-03-1é",
            "0000-03-18",
            "2025-03-18T",
        ] {
            assert_eq!(day(bad), None, "{bad:?}");
        }
        assert!(parse_date("0000-01-01")
            .unwrap_err()
            .to_string()
            .contains("before the year 1"));
    }

    #[test]
    fn yaml_lists_and_block_scalars_are_read_by_the_library() {
        let raw = "---\ntitle: >-\n  Talks resume\n  in Geneva\nauthor:\n  - Ana Pérez\n  - Li Wei\ndate: 2025-01-02\npublished: '2025-03-18'\ntags: [a, b]\n---\nBody";
        let (meta, body) = parse(raw).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(meta.byline.as_deref(), Some("Ana Pérez, Li Wei"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2025, 3, 18));
        assert_eq!(body, "Body");
    }

    #[test]
    fn hand_written_lines_that_are_not_yaml_are_still_read() {
        let raw = "---\ntitle: Talks yield dialogue: US envoy\nsource: 'Quoted', then not\npublished: 2025-07-25\n---\nBody";
        let (meta, _) = parse(raw).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Talks yield dialogue: US envoy"));
        assert_eq!(meta.source.as_deref(), Some("'Quoted', then not"));
        let err = parse("---\ntitle: [unclosed\njust words\n---\nx")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("front matter: not valid YAML"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn toml_front_matter_between_plus_lines() {
        let raw = "+++\ntitle = \"Ceasefire holds\"\ndate = 2025-03-18T10:00:00Z\nauthors = [\"A\", \"B\"]\n+++\nBody";
        let (meta, body) = parse(raw).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Ceasefire holds"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2025, 3, 18));
        assert_eq!(meta.byline.as_deref(), Some("A, B"));
        assert_eq!(body, "Body");
        let err = parse("+++\ntitle = \n+++\nx").unwrap_err().to_string();
        assert!(err.contains("not valid TOML") && !err.contains('\n'), "{err}");
    }

    #[test]
    fn text_without_a_block_is_all_body() {
        let (meta, body) = parse("Just text --- here").unwrap();
        assert_eq!(meta, Metadata::default());
        assert_eq!(body, "Just text --- here");
    }

    #[test]
    fn bad_dates_and_unclosed_blocks_are_errors() {
        assert!(parse("---\npublished: March 5\n---\nx")
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
        assert!(parse("---\ntitle: x\n")
            .unwrap_err()
            .to_string()
            .contains("never closed"));
    }

    #[test]
    fn flags_override_front_matter() {
        let front = Metadata {
            title: Some("front".into()),
            source: Some("S".into()),
            ..Metadata::default()
        };
        let flags = Metadata {
            title: Some("flag".into()),
            ..Metadata::default()
        };
        let merged = front.overridden_by(&flags);
        assert_eq!(merged.title.as_deref(), Some("flag"));
        assert_eq!(merged.source.as_deref(), Some("S"));
    }
}

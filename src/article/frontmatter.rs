//! The metadata block at the top of an article file:
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
//! Keys are `title`, `source`, `url` and `published` (also read as `date`); others are
//! ignored so that files written for other tools still load.

use chrono::{Datelike, NaiveDate};

use super::ArticleError;

/// What front matter or command-line flags say about an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
}

impl Metadata {
    /// These fields, with every field `other` sets taking precedence.
    pub fn overridden_by(self, other: &Metadata) -> Metadata {
        Metadata {
            title: other.title.clone().or(self.title),
            source: other.source.clone().or(self.source),
            url: other.url.clone().or(self.url),
            published: other.published.or(self.published),
        }
    }
}

/// Splits `raw` into its front matter and the body after it. Text without a front matter
/// block is all body.
pub fn parse(raw: &str) -> Result<(Metadata, &str), ArticleError> {
    let trimmed = raw.trim_start_matches('\u{feff}');
    let Some(after_open) = trimmed.strip_prefix("---") else {
        return Ok((Metadata::default(), trimmed));
    };
    let Some(after_open) = after_open
        .strip_prefix('\n')
        .or_else(|| after_open.strip_prefix("\r\n"))
    else {
        return Ok((Metadata::default(), trimmed));
    };
    let mut meta = Metadata::default();
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let line = line.trim();
        if line == "---" {
            return Ok((meta, &after_open[offset..]));
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(ArticleError::FrontMatter(format!(
                "line {line:?} is not `key: value`"
            )));
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "title" => meta.title = Some(value.to_owned()),
            "source" | "outlet" | "publisher" => meta.source = Some(value.to_owned()),
            "url" | "link" => meta.url = Some(value.to_owned()),
            "published" | "date" => meta.published = Some(parse_date(value)?),
            _ => {}
        }
    }
    Err(ArticleError::FrontMatter(
        "the block opened by `---` is never closed".into(),
    ))
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

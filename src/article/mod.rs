//! Articles: reading them (files, folders, stdin), their front matter, text repair and
//! sentence splitting. Everything downstream reads an [`Article`], never raw bytes.

mod cleanup;
mod encoding;
mod fields;
mod frontmatter;
mod html;
mod load;
mod offsets;
mod sentences;

pub use cleanup::clean;
pub use encoding::decode;
pub use fields::FieldNames;
pub use frontmatter::{parse as parse_front_matter, Metadata};
pub use load::{collect_inputs, read_input, Collected, Format, Input, ARTICLE_EXTENSIONS};
pub use offsets::CharOffsets;
pub use sentences::{is_abbreviation, split as split_sentences, Sentence};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// Why an input cannot become an article. Each message names the problem; the caller adds
/// the file name.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error(
        "no publication date: add `published: YYYY-MM-DD` to its front matter or pass --published YYYY-MM-DD (the text has no dateline with a full date either)"
    )]
    NoPublicationDate,
    #[error("front matter: {0}")]
    FrontMatter(String),
    #[error("no text after the front matter")]
    Empty,
    #[error("HTML page: {0}")]
    Html(String),
    #[error("not a JSON object: {0}")]
    NotJson(String),
    #[error("no text field (looked for {0}; name another with --field text=NAME)")]
    NoTextField(String),
}

/// An article ready for the extractors: repaired text and the metadata that dates it.
/// Serialised as `timeline extract` writes it; the hash is not, as it is the text's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file's base name ("2025-03-18-cbs-trump-putin-call.txt"), or "stdin".
    pub name: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Who wrote it, as the front matter or the page names them.
    #[serde(default)]
    pub byline: Option<String>,
    /// The reference date every relative expression ("Tuesday", "last week") resolves against.
    pub published: NaiveDate,
    /// The line of the text the publication date was read from, when the front matter and
    /// the command line gave none ("Updated: MAY 6, 2025 21:43"); `None` when they did.
    pub published_from: Option<String>,
    /// The file it was read from, canonical; `None` for stdin.
    #[serde(default)]
    pub path: Option<String>,
    /// The body after cleanup. Offsets stored with events point into this text.
    pub text: String,
    /// SHA-256 of `text`, hex: the same text is the same article, whatever its file name.
    #[serde(skip)]
    pub hash: String,
}

/// How many hex digits of the content hash make an article's key.
pub const KEY_DIGITS: usize = 12;

impl Article {
    /// The article's key: the start of its content hash, so the same text has the same key
    /// in every database and on every rebuild.
    pub fn key(&self) -> &str {
        &self.hash[..KEY_DIGITS.min(self.hash.len())]
    }

    /// Builds an article from text with front matter: front matter, then `overrides` on top,
    /// then cleanup.
    pub fn parse(name: &str, raw: &str, overrides: &Metadata) -> Result<Article, ArticleError> {
        Article::read(
            name,
            raw,
            Format::Text,
            &FieldNames::default(),
            overrides,
            &|_| None,
        )
    }

    /// An article from `raw` in `format`: text with front matter, an HTML page, or one JSON
    /// object whose fields `fields` names. When neither the article nor `overrides` date it,
    /// `date_from_text` may read the date from the text (a dateline), returning it with the
    /// line that gave it.
    pub fn read(
        name: &str,
        raw: &str,
        format: Format,
        fields: &FieldNames,
        overrides: &Metadata,
        date_from_text: &dyn Fn(&str) -> Option<(NaiveDate, String)>,
    ) -> Result<Article, ArticleError> {
        let (front, body) = match format {
            Format::Text => {
                let (front, body) = parse_front_matter(raw)?;
                (front, std::borrow::Cow::Borrowed(body))
            }
            Format::Html => {
                let (front, body) = html::read(raw)?;
                (front, body.into())
            }
            Format::Json => {
                let (front, body) = json_line(raw, fields)?;
                (front, body.into())
            }
        };
        let meta = front.overridden_by(overrides);
        let text = stored_text(&body);
        if text.is_empty() {
            return Err(ArticleError::Empty);
        }
        let (published, published_from) = match meta.published {
            Some(date) => (date, None),
            None => {
                let (date, line) = date_from_text(&text).ok_or(ArticleError::NoPublicationDate)?;
                (date, Some(line))
            }
        };
        let hash = content_hash(&text);
        Ok(Article {
            name: name.to_owned(),
            title: meta.title,
            source: meta.source,
            url: meta.url,
            byline: meta.byline,
            published,
            published_from,
            path: None,
            text,
            hash,
        })
    }

    pub fn sentences(&self) -> Vec<Sentence> {
        split_sentences(&self.text)
    }
}

/// The metadata and text of one line of a JSON Lines corpus.
fn json_line(line: &str, names: &FieldNames) -> Result<(Metadata, String), ArticleError> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line).map_err(|e| ArticleError::NotJson(e.to_string()))?;
    let (meta, text) = names.read(&fields::from_json(&object))?;
    let text = text.ok_or_else(|| ArticleError::NoTextField(names.text.join(", ")))?;
    Ok((meta, text))
}

/// The text stored for an article body: repaired and trimmed. Every offset the tool shows
/// (events, parses) points into this text.
pub fn stored_text(body: &str) -> String {
    clean(body).trim().to_owned()
}

/// The content hash of an article's cleaned text: SHA-256, hex.
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_dates_the_article_and_text_is_cleaned() {
        let raw = "---\ntitle: T\npublished: 2025-03-18\n---\n\nWashington â President Trump.Â\n";
        let article = Article::parse("a.txt", raw, &Metadata::default()).unwrap();
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2025, 3, 18).unwrap());
        assert_eq!(article.text, "Washington — President Trump.");
        assert_eq!(article.title.as_deref(), Some("T"));
    }

    #[test]
    fn undated_articles_are_refused_unless_a_date_is_given() {
        let err = Article::parse("a.txt", "Trump spoke Tuesday.", &Metadata::default()).unwrap_err();
        assert!(err.to_string().contains("--published"));
        let given = Metadata {
            published: NaiveDate::from_ymd_opt(2025, 3, 18),
            ..Metadata::default()
        };
        assert!(Article::parse("a.txt", "Trump spoke Tuesday.", &given).is_ok());
    }

    #[test]
    fn the_hash_is_of_the_cleaned_text() {
        let meta = Metadata {
            published: NaiveDate::from_ymd_opt(2025, 3, 18),
            ..Metadata::default()
        };
        let a = Article::parse("a", "it’s", &meta).unwrap();
        let b = Article::parse("b", "itâ€™s\r\n", &meta).unwrap();
        assert_eq!(a.hash, b.hash);
    }
}

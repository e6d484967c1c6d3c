//! Which fields of a record say what about an article: the keys of a front matter block
//! (YAML or TOML) and of a JSON Lines corpus. Keys are compared without case; each part
//! has a list of names, and the first name a record has wins, so that `published` is read
//! before `date` when a file has both (Hugo writes `date` and `publishDate`).

use std::collections::BTreeMap;

use super::frontmatter::{parse_date, Metadata};
use super::ArticleError;

/// A record's fields as text, keyed by their lower-cased names.
pub type Fields = BTreeMap<String, String>;

/// The names each part of an article is read from, in order of preference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    pub title: Vec<String>,
    pub text: Vec<String>,
    pub url: Vec<String>,
    pub published: Vec<String>,
    pub source: Vec<String>,
    pub byline: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| n.to_string()).collect()
}

impl Default for FieldNames {
    /// The names that front matter of static-site generators (Jekyll, Hugo, Pandoc) and
    /// news datasets (the fields of schema.org's NewsArticle, of news-please and of common
    /// crawls) use.
    fn default() -> FieldNames {
        FieldNames {
            title: names(&["title", "headline"]),
            text: names(&["text", "body", "content", "maintext", "articlebody"]),
            url: names(&["url", "link", "canonical", "canonical_url"]),
            published: names(&[
                "published",
                "publishdate",
                "date_publish",
                "datepublished",
                "date",
                "pubdate",
            ]),
            source: names(&["source", "outlet", "publisher", "source_domain", "site_name"]),
            byline: names(&["byline", "author", "authors", "creator"]),
        }
    }
}

impl FieldNames {
    /// These names with the part `part` read from `name` alone (`--field text=content`).
    pub fn with(mut self, part: &str, name: &str) -> Result<FieldNames, String> {
        let list = match part {
            "title" => &mut self.title,
            "text" => &mut self.text,
            "url" => &mut self.url,
            "published" => &mut self.published,
            "source" => &mut self.source,
            "byline" => &mut self.byline,
            _ => {
                return Err(format!(
                    "unknown part {part:?}: use one of title, text, url, published, source, byline"
                ))
            }
        };
        *list = vec![name.to_lowercase()];
        Ok(self)
    }

    /// The metadata the fields give, and the text when a text field is present.
    pub fn read(&self, fields: &Fields) -> Result<(Metadata, Option<String>), ArticleError> {
        let first = |names: &[String]| {
            names
                .iter()
                .find_map(|n| fields.get(n.as_str()))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let published = first(&self.published).map(|d| parse_date(&d)).transpose()?;
        let meta = Metadata {
            title: first(&self.title),
            source: first(&self.source),
            url: first(&self.url),
            published,
            byline: first(&self.byline),
        };
        Ok((meta, first(&self.text)))
    }
}

/// The fields of a JSON object: strings as they are, numbers and booleans as written, a
/// list of those joined with ", " (authors), an object by its `name` (schema.org's
/// `{"@type": "Person", "name": …}`); anything else is left out.
pub fn from_json(object: &serde_json::Map<String, serde_json::Value>) -> Fields {
    object
        .iter()
        .filter_map(|(key, value)| Some((key.to_lowercase(), json_text(value)?)))
        .collect()
}

fn json_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(json_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(object) => object.get("name").and_then(json_text),
        Value::Null => None,
    }
}

/// The fields of a TOML table, as [`from_json`] reads JSON; dates as TOML writes them.
pub fn from_toml(table: &toml::Table) -> Fields {
    table
        .iter()
        .filter_map(|(key, value)| Some((key.to_lowercase(), toml_text(value)?)))
        .collect()
}

fn toml_text(value: &toml::Value) -> Option<String> {
    use toml::Value;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Boolean(b) => Some(b.to_string()),
        Value::Datetime(d) => Some(d.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(toml_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Table(table) => table.get("name").and_then(toml_text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_first_name_present_wins() {
        let (meta, text) = FieldNames::default()
            .read(&fields(&[
                ("date", "2025-01-01"),
                ("published", "2025-03-18"),
                ("headline", "H"),
                ("body", "B"),
            ]))
            .unwrap();
        assert_eq!(meta.published, chrono::NaiveDate::from_ymd_opt(2025, 3, 18));
        assert_eq!(meta.title.as_deref(), Some("H"));
        assert_eq!(text.as_deref(), Some("B"));
    }

    #[test]
    fn a_named_field_replaces_the_defaults() {
        let names = FieldNames::default().with("text", "Story").unwrap();
        let (_, text) = names.read(&fields(&[("text", "no"), ("story", "yes")])).unwrap();
        assert_eq!(text.as_deref(), Some("yes"));
        assert!(FieldNames::default().with("summary", "x").is_err());
    }

    #[test]
    fn json_values_become_text() {
        let value: serde_json::Value = serde_json::json!({
            "Authors": ["A. One", "B. Two"],
            "publisher": {"@type": "Organization", "name": "Reuters"},
            "year": 2025,
            "tags": null,
        });
        let got = from_json(value.as_object().unwrap());
        assert_eq!(got["authors"], "A. One, B. Two");
        assert_eq!(got["publisher"], "Reuters");
        assert_eq!(got["year"], "2025");
        assert!(!got.contains_key("tags"));
    }
}

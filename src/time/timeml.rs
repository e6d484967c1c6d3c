//! TimeML documents in and out.
//!
//! A TimeML document carries its creation time in `<DCT><TIMEX3 value="..."/></DCT>` and its
//! text in `<TEXT>`, where gold annotations (EVENT, TIMEX3, SIGNAL…) are tags around the words.
//! Reading keeps the text with every tag removed and entities decoded — the same characters
//! the TempEval-3 scorer counts offsets in. Writing puts the tagger's own TIMEX3 tags into
//! that text and leaves everything outside `<TEXT>` as it was.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;

use super::TimeExpr;

#[derive(Debug, Clone, PartialEq)]
pub struct TimeMlDocument {
    /// Everything up to and including the `<TEXT>` start tag.
    head: String,
    /// Everything from the `</TEXT>` end tag on.
    tail: String,
    /// The plain text of `<TEXT>`: tags removed, entities decoded.
    pub text: String,
    /// The document creation time: what relative expressions resolve against.
    pub dct: NaiveDate,
}

impl TimeMlDocument {
    pub fn parse(source: &str) -> Result<TimeMlDocument> {
        let dct = creation_time(source)?;
        let open = source.find("<TEXT>").context("no <TEXT> element")?;
        let body_start = open + "<TEXT>".len();
        let close = source[body_start..]
            .find("</TEXT>")
            .map(|i| body_start + i)
            .context("<TEXT> is never closed")?;
        Ok(TimeMlDocument {
            head: source[..body_start].to_owned(),
            tail: source[close..].to_owned(),
            text: plain_text(&source[body_start..close])?,
            dct,
        })
    }

    /// The document with `exprs` (byte offsets into `self.text`) as its only TIMEX3 tags.
    pub fn write(&self, exprs: &[TimeExpr]) -> String {
        let mut out = String::with_capacity(self.head.len() + self.text.len() * 2 + self.tail.len());
        out.push_str(&self.head);
        let mut at = 0;
        for (n, e) in exprs.iter().enumerate() {
            out.push_str(&escape(&self.text[at..e.start]));
            out.push_str(&format!(
                "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
                n + 1,
                e.kind.as_str(),
                escape(&e.value)
            ));
            if let Some(modifier) = &e.modifier {
                out.push_str(&format!(" mod=\"{modifier}\""));
            }
            out.push('>');
            out.push_str(&escape(&self.text[e.start..e.end]));
            out.push_str("</TIMEX3>");
            at = e.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out.push_str(&self.tail);
        out
    }
}

fn creation_time(source: &str) -> Result<NaiveDate> {
    let dct = source
        .find("<DCT>")
        .context("no <DCT> element (the document creation time)")?;
    let element = &source[dct..];
    let end = element.find("</DCT>").context("<DCT> is never closed")?;
    let element = &element[..end];
    let value = attribute(element, "value").context("the <DCT> TIMEX3 has no value")?;
    let day: String = value.chars().filter(|c| c.is_ascii_digit()).take(8).collect();
    match NaiveDate::parse_from_str(&day, "%Y%m%d") {
        Ok(date) => Ok(date),
        Err(_) => bail!("DCT value {value:?} is not a date"),
    }
}

fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = element.find(&key)? + key.len();
    let end = element[start..].find('"')? + start;
    Some(&element[start..end])
}

/// The text of `markup` with tags removed and entities decoded.
fn plain_text(markup: &str) -> Result<String> {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], &mut out)?;
        let gt = rest[lt..].find('>').context("a tag in <TEXT> is never closed")?;
        rest = &rest[lt + gt + 1..];
    }
    decode_into(rest, &mut out)?;
    Ok(out)
}

fn decode_into(text: &str, out: &mut String) -> Result<()> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..]
            .find(';')
            .context("an entity in <TEXT> is never closed")?;
        let entity = &rest[amp + 1..amp + semi];
        let decoded = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    entity.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                code.and_then(char::from_u32)
                    .with_context(|| format!("unknown entity &{entity};"))?
            }
        };
        out.push(decoded);
        rest = &rest[amp + semi + 1..];
    }
    out.push_str(rest);
    Ok(())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Tagger;

    const DOC: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n<TEXT>\nStocks <EVENT eid=\"e1\">fell</EVENT> on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> &amp; rose.\n</TEXT>\n</TimeML>\n";

    #[test]
    fn reading_strips_gold_tags_and_decodes_entities() {
        let doc = TimeMlDocument::parse(DOC).unwrap();
        assert_eq!(doc.text, "\nStocks fell on Wednesday & rose.\n");
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(1998, 1, 8).unwrap());
    }

    #[test]
    fn writing_puts_our_tags_into_the_same_text() {
        let doc = TimeMlDocument::parse(DOC).unwrap();
        let exprs = Tagger::load().unwrap().tag(&doc.text, doc.dct);
        let written = doc.write(&exprs);
        assert!(
            written.contains(
                "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> &amp; rose."
            ),
            "{written}"
        );
        assert!(written.contains("functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>"));
        // Round trip: the written document has the same plain text.
        assert_eq!(TimeMlDocument::parse(&written).unwrap().text, doc.text);
    }

    #[test]
    fn documents_without_a_creation_time_are_refused() {
        let err = TimeMlDocument::parse("<TimeML><TEXT>x</TEXT></TimeML>").unwrap_err();
        assert!(err.to_string().contains("DCT"));
    }
}

//! Article text inside HTML: escaped, and an outlet linked to its article. The HTML page
//! and TimelineJS (whose texts are HTML) both write it.

use crate::store::Mention;

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::safe::display(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The outlet of a mention, linked to its article when the URL is a web address (never a
/// `javascript:` one).
pub fn source_link(m: &Mention) -> String {
    let source = escape(m.source.as_deref().unwrap_or(&m.article));
    match m.url.as_deref().and_then(super::safe::web_url) {
        Some(url) => format!("<a href=\"{}\" rel=\"noreferrer\">{source}</a>", escape(url)),
        None => source,
    }
}

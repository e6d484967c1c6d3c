//! Text from articles made safe for where it is shown. Article text is whatever a scraped
//! page held: a terminal obeys the control sequences in it (ESC ] 0 ; retitles the window,
//! ESC [ 2 J clears it, a carriage return overwrites the line), and a spreadsheet runs a CSV
//! cell that starts with "=", "+", "-" or "@" as a formula. Every renderer passes article
//! text through here; JSON needs nothing (serde escapes control characters).

use std::borrow::Cow;

/// `text` with every control character but newline and tab (C0, DEL, C1) and every bidi
/// embedding, override and isolate replaced by U+FFFD, so that a reader sees something was
/// there and the terminal obeys nothing, nor shows text in an order other than its own
/// ("Trojan Source"). Letters of right-to-left scripts need none of these and are kept.
pub fn display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe_control(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A CSV cell: [`display`], and a leading apostrophe before what a spreadsheet would run as
/// a formula (the OWASP advice for CSV injection).
pub fn spreadsheet(text: &str) -> Cow<'_, str> {
    let shown = display(text);
    if shown.starts_with(['=', '+', '-', '@', '\t']) {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

/// `url` if it is a web address that may be linked (not `javascript:`, `data:`, `file:`).
pub fn web_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && !url.chars().any(char::is_control)).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_are_disarmed() {
        assert_eq!(display("a\u{1b}]0;owned\u{7}b"), "a\u{fffd}]0;owned\u{fffd}b");
        assert_eq!(display("title\roverwritten"), "title\u{fffd}overwritten");
        assert_eq!(display("x\u{9b}31m"), "x\u{fffd}31m");
        assert_eq!(display("del\u{7f}"), "del\u{fffd}");
        assert_eq!(display("a\u{202e}cba\u{2066}"), "a\u{fffd}cba\u{fffd}");
        assert!(matches!(display("وزير الخارجية"), Cow::Borrowed(_)));
        assert!(matches!(display("Kyiv — “talks”\n\tnext"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_do_not_run() {
        assert_eq!(
            spreadsheet("@SUM(1+1)*cmd|'/c calc'!A1"),
            "'@SUM(1+1)*cmd|'/c calc'!A1"
        );
        assert_eq!(spreadsheet("=1+1"), "'=1+1");
        assert_eq!(spreadsheet("-2"), "'-2");
        assert_eq!(spreadsheet("Russia"), "Russia");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(web_url("https://example.com/a"), Some("https://example.com/a"));
        assert_eq!(web_url("HTTP://EXAMPLE.COM"), Some("HTTP://EXAMPLE.COM"));
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("data:text/html,x"), None);
        assert_eq!(web_url("https://x\u{1b}[2J"), None);
        assert_eq!(web_url("http"), None);
    }
}

//! Saved web pages: the article's main text and what the page says about it.
//!
//! The main text is found by dom_smoothie, a port of Mozilla's Readability (the reader view
//! of Firefox): a page's navigation, adverts and related links are not the article, and
//! telling them apart is a decade of heuristics that are better taken from a maintained
//! library than rewritten. The metadata comes from the same pass (`<meta>` tags, Open Graph,
//! JSON-LD `datePublished`), the canonical URL from `<link rel="canonical">`.

use dom_smoothie::{Config, Readability, TextMode};

use super::frontmatter::{parse_date, Metadata};
use super::ArticleError;

/// More elements than a news page has (a long one has a few thousand): a page past this is
/// refused rather than scored for minutes.
const MAX_ELEMENTS: usize = 200_000;

/// The metadata and the main text of an HTML page.
pub fn read(html: &str) -> Result<(Metadata, String), ArticleError> {
    let document = dom_query::Document::from(html);
    let canonical = document
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|href| href.trim().to_owned())
        .filter(|href| href.starts_with("http://") || href.starts_with("https://"));
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Paragraphs stay apart: the sentence splitter ends a sentence at a paragraph.
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(document, None, Some(config))
        .map_err(|e| ArticleError::Html(e.to_string()))?;
    let page = readability
        .parse()
        .map_err(|e| ArticleError::Html(e.to_string()))?;
    let published = page
        .published_time
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(parse_date)
        .transpose()?;
    let text = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let meta = Metadata {
        title: text(Some(page.title.to_string())),
        source: text(page.site_name),
        url: canonical.or_else(|| text(page.url)),
        published,
        byline: text(page.byline),
    };
    Ok((meta, page.text_content.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Envoys meet in Geneva | The Daily</title>
        <link rel="canonical" href="https://daily.example/geneva">
        <meta property="og:site_name" content="The Daily">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Envoys meet in Geneva","datePublished":"2025-03-18T09:30:00+01:00",
          "author":{"@type":"Person","name":"Ana Pérez"}}</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
        <article><h1>Envoys meet in Geneva</h1>
        <p>GENEVA — Envoys of the two governments met on Tuesday for a first round of talks,
        officials said, and agreed to meet again next week in the Swiss city.</p>
        <p>“We have a framework,” one delegate said after the meeting, which lasted six hours
        and ended without a joint statement from either side of the table.</p>
        <p>The talks are the first direct contact between the delegations in more than a year,
        after months of shuttle diplomacy by mediators from three countries.</p>
        </article>
        <footer>© The Daily. All rights reserved. Cookie settings.</footer>
        </body></html>"#;

    #[test]
    fn a_news_page_gives_its_text_and_metadata() {
        let (meta, text) = read(PAGE).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Envoys meet in Geneva"));
        assert_eq!(meta.url.as_deref(), Some("https://daily.example/geneva"));
        assert_eq!(meta.source.as_deref(), Some("The Daily"));
        assert_eq!(meta.byline.as_deref(), Some("Ana Pérez"));
        assert_eq!(meta.published, chrono::NaiveDate::from_ymd_opt(2025, 3, 18));
        assert!(text.contains("met on Tuesday"), "{text}");
        assert!(text.contains("“We have a framework,”"), "{text}");
        assert!(!text.contains("Subscribe") && !text.contains("Cookie"), "{text}");
        assert!(!text.contains('<'), "{text}");
        // Paragraphs stay apart, so that no sentence runs across two.
        assert!(text.contains("Swiss city.\n"), "{text:?}");
    }

    #[test]
    fn a_page_without_an_article_is_an_error_not_a_panic() {
        for page in ["", "<html>", "<p>", "<<<>>>", "<script>x</script>"] {
            if let Err(e) = read(page) {
                assert!(!e.to_string().contains('\n'));
            }
        }
    }
}

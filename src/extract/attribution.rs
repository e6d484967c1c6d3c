//! Who a report is attributed to: "a Kremlin readout said", "according to Axios", and the
//! quotes a source speaks for, which may run over several sentences.

use regex::Regex;

use super::cues::AttributionCues;
use super::gazetteer::Gazetteer;
use crate::ordered::first_seen;

/// A reporting phrase and who it names as the source (byte offsets into the text it was
/// found in).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub start: usize,
    pub end: usize,
    pub source: Option<String>,
}

pub struct Attributor {
    verbs: Regex,
    source_nouns: Vec<String>,
}

/// Characters that end the phrase naming a source, looking back from the reporting verb.
const PHRASE_BREAKS: &[char] = &[',', '“', '”', '"', ';', ':', '(', ')', '—'];

impl Attributor {
    pub fn new(cues: &AttributionCues) -> Attributor {
        let alternatives: Vec<String> = cues
            .verbs
            .iter()
            .map(|v| regex::escape(v).replace(' ', r"\s+"))
            .collect();
        Attributor {
            verbs: Regex::new(&format!(r"\b(?:{})\b", alternatives.join("|")))
                .expect("reporting verbs compile"),
            source_nouns: cues.source_nouns.clone(),
        }
    }

    /// Every reporting phrase in `text` with its source, if one can be named.
    pub fn reports(&self, text: &str, gazetteer: &Gazetteer) -> Vec<Report> {
        self.verbs
            .find_iter(text)
            .map(|m| Report {
                start: m.start(),
                end: m.end(),
                source: self.source_of(text, m.start(), m.end(), gazetteer),
            })
            .collect()
    }

    fn source_of(&self, text: &str, start: usize, end: usize, gazetteer: &Gazetteer) -> Option<String> {
        let verb = &text[start..end];
        if verb.starts_with("according") {
            return first_actor(&text[end..], gazetteer, 60).or_else(|| {
                let phrase = text[end..].split(PHRASE_BREAKS).next()?.trim();
                let phrase = phrase.trim_end_matches('.');
                (!phrase.is_empty()).then(|| phrase.to_owned())
            });
        }
        let before = &text[..start];
        let phrase_start = before
            .rfind(PHRASE_BREAKS)
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let mut phrase = before[phrase_start..].trim();
        if let Some(after_that) = phrase.rsplit_once(" that ") {
            phrase = after_that.1.trim();
        }
        // A subject is short; a long run is a clause whose end names the source.
        if let Some((index, _)) = phrase.match_indices(' ').rev().nth(9) {
            phrase = &phrase[index + 1..];
        }
        if phrase.is_empty() {
            // "…,” said Trump": the source comes right after the verb.
            return first_actor(&text[end..], gazetteer, 3);
        }
        let actors = gazetteer.actors_in(phrase);
        if !actors.is_empty() {
            return Some(first_seen(actors.into_iter().map(|m| m.text)).join("; "));
        }
        let lower = phrase.to_lowercase();
        if self
            .source_nouns
            .iter()
            .any(|n| lower.split_whitespace().any(|w| w == n))
        {
            return Some(phrase.to_owned());
        }
        None
    }

    /// For each quotation in `text` (“…”), its span and the source that speaks it: a
    /// reporting phrase right after its close (“…,” a readout said) or right before its
    /// opening (Trump said: “…”); a quotation with neither continues the previous one's.
    pub fn quotes(&self, text: &str, reports: &[Report]) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::new();
        for (open, after) in quote_spans(text) {
            let following = reports.iter().find(|r| {
                r.start >= after && r.start - after <= 60 && !text[after..r.start].contains(['.', '“'])
            });
            let preceding = reports.iter().rev().find(|r| r.end <= open && open - r.end <= 3);
            let source = following
                .or(preceding)
                .and_then(|r| r.source.clone())
                .or_else(|| out.last().and_then(|q| q.source.clone()));
            out.push(Quote {
                start: open,
                end: after,
                source,
            });
        }
        out
    }
}

/// A quotation: its span, from the opening to after the closing mark, and who speaks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub source: Option<String>,
}

impl Quote {
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// Spans of quotations: “curly” ones, and "straight" ones paired in order.
fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some((offset, opening)) = text[from..].char_indices().find(|(_, c)| matches!(c, '“' | '"')) {
        let open = from + offset;
        let closing = if opening == '“' { '”' } else { '"' };
        let inside = open + opening.len_utf8();
        let Some(length) = text[inside..].find(closing) else {
            break;
        };
        let after = inside + length + closing.len_utf8();
        spans.push((open, after));
        from = after;
    }
    spans
}

fn first_actor(text: &str, gazetteer: &Gazetteer, within: usize) -> Option<String> {
    gazetteer
        .actors_in(text)
        .into_iter()
        .find(|m| m.start <= within)
        .map(|m| m.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::cues::Cues;

    fn setup() -> (Attributor, Gazetteer) {
        let cues = Cues::load().unwrap();
        (
            Attributor::new(&cues.attribution),
            Gazetteer::load(&cues).unwrap(),
        )
    }

    fn sources(text: &str) -> Vec<Option<String>> {
        let (a, g) = setup();
        a.reports(text, &g).into_iter().map(|r| r.source).collect()
    }

    #[test]
    fn readouts_name_their_government() {
        assert_eq!(
            sources("A Russian readout of the call from the Kremlin said a key condition"),
            vec![Some("Kremlin".into())]
        );
        assert_eq!(
            sources("the White House and the Kremlin said they agreed"),
            vec![Some("White House; Kremlin".into())]
        );
    }

    #[test]
    fn according_to_and_inversion() {
        assert_eq!(
            sources("Talks resumed, according to Axios."),
            vec![Some("Axios".into())]
        );
        assert_eq!(
            sources("“We are ready,” said Zelensky."),
            vec![Some("Zelensky".into())]
        );
    }

    #[test]
    fn quotes_take_the_source_of_their_reporting_phrase() {
        let (a, g) = setup();
        let text = "“Today, they spoke,” a White House readout said. “Both leaders agreed.”";
        let reports = a.reports(text, &g);
        let quotes = a.quotes(text, &reports);
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].source.as_deref(), Some("White House"));
        assert_eq!(quotes[1].source.as_deref(), Some("White House"));
        let straight = "\"We agreed,\" Trump wrote.";
        let quotes = a.quotes(straight, &a.reports(straight, &g));
        assert_eq!(
            quotes,
            vec![Quote {
                start: 0,
                end: 12,
                source: Some("Trump".to_owned())
            }]
        );
    }
}

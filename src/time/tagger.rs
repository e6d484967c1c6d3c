//! Compiles the time rules and runs them over a text.

use std::collections::BTreeMap;

use anyhow::{bail, Context as _, Result};
use chrono::{Datelike, NaiveDate};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::interval::Unit;
use super::resolve::{resolve, signal, Context, Resolver};
use super::tense::{tense_around, tense_in_tree, Tense};
use super::{DateInterval, TimeExpr};
use crate::model::Precision;
use crate::rules::{self, Lexicon};
use crate::syntax::ParsedSentence;
use crate::words::char_boundary_from;

#[derive(Debug, Deserialize)]
struct RuleFile {
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleSpec {
    pub name: String,
    pub pattern: String,
    /// Text that must come right before the match, outside it: "58" after "1957-".
    #[serde(default)]
    pub preceded_by: Option<String>,
    /// Text that must come right after the match, outside it: "eight years" before "from
    /// now", whose "now" is an expression of its own.
    #[serde(default)]
    pub followed_by: Option<String>,
    pub resolve: String,
    /// Read by the unit tests: the rule files are their own test corpus.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub examples: Vec<Vec<String>>,
}

struct CompiledRule {
    name: String,
    regex: Regex,
    /// `regex` with ASCII word boundaries: the same matches wherever no non-ASCII letter or
    /// digit is near (curly quotes and dashes are not word characters under either
    /// definition), and fast there, where `regex`'s fast engines give up at the first
    /// non-ASCII byte. Compiled on first use: a short text needs few rules.
    ascii_regex: std::sync::OnceLock<Regex>,
    /// `preceded_by` anchored at the end, `followed_by` at the start of the text it reads.
    preceded_by: Option<Regex>,
    followed_by: Option<Regex>,
    resolver: Resolver,
}

/// The longest text between the two parts of a range (" through ").
const MAX_JOINER: usize = 12;

/// How far before or after a match its context patterns read: context is a few words, and a
/// bounded window keeps every check linear in the text.
const CONTEXT_REACH: usize = 64;

/// The temporal tagger: compiled rules plus the word lists their resolvers read.
pub struct Tagger {
    rules: Vec<CompiledRule>,
    /// Every rule's pattern in one alternation: a single pass finds the stretches of text
    /// where any rule can start a match.
    locator: Regex,
    /// Every rule's pattern as a set: which rules match near one such stretch. Only those run
    /// there, so the cost grows with the text, not with the text times the number of rules.
    any_rule: RegexSet,
    lexicon: Lexicon,
}

/// A match that has not yet won against overlapping ones.
struct Candidate<'t> {
    start: usize,
    end: usize,
    rule: usize,
    caps: regex::Captures<'t>,
}

impl Tagger {
    /// The tagger built from the rule files (built-in, or overridden by `TIMELINE_RULES`).
    pub fn load() -> Result<Tagger> {
        let lexicon = Lexicon::load("time/lexicon.toml")?;
        let file: RuleFile = rules::load_toml("time/rules.toml")?;
        Tagger::compile(lexicon, file.rule)
    }

    pub(super) fn compile(lexicon: Lexicon, specs: Vec<RuleSpec>) -> Result<Tagger> {
        let mut rules = Vec::with_capacity(specs.len());
        let mut plain_patterns = Vec::with_capacity(specs.len());
        for spec in specs {
            let Some(resolver) = Resolver::parse(&spec.resolve) else {
                bail!(
                    "time rule {}: unknown resolve function {:?}",
                    spec.name,
                    spec.resolve
                );
            };
            let expanded = lexicon
                .expand(&spec.pattern)
                .with_context(|| format!("time rule {}", spec.name))?;
            // A word boundary before; the one after is checked on each match, since a pattern
            // may end in punctuation ("p.m.").
            let regex = Regex::new(&format!(r"\b(?:{expanded})"))
                .with_context(|| format!("time rule {}: invalid pattern", spec.name))?;
            plain_patterns.push(ascii_boundaries(&format!(
                r"\b(?:{})",
                without_group_names(&expanded)
            )));
            let context = |pattern: &Option<String>, wrap: fn(&str) -> String| -> Result<Option<Regex>> {
                let Some(pattern) = pattern else { return Ok(None) };
                let expanded = lexicon
                    .expand(pattern)
                    .with_context(|| format!("time rule {}", spec.name))?;
                Regex::new(&wrap(&expanded))
                    .map(Some)
                    .with_context(|| format!("time rule {}: invalid context pattern", spec.name))
            };
            let preceded_by = context(&spec.preceded_by, |p| format!("(?:{p})$"))?;
            let followed_by = context(&spec.followed_by, |p| format!("^(?:{p})"))?;
            rules.push(CompiledRule {
                name: spec.name,
                regex,
                ascii_regex: std::sync::OnceLock::new(),
                preceded_by,
                followed_by,
                resolver,
            });
        }
        // All rules together make a large automaton: room for it, and for the lazy DFA's
        // cache, which otherwise thrashes and falls back to a slow engine (3x slower).
        let locator = RegexBuilder::new(&plain_patterns.join("|"))
            .size_limit(64 << 20)
            .dfa_size_limit(32 << 20)
            .build()
            .context("time rules: building the locator")?;
        let any_rule = RegexSetBuilder::new(&plain_patterns)
            .size_limit(64 << 20)
            .dfa_size_limit(32 << 20)
            .build()
            .context("time rules: building the rule set")?;
        Ok(Tagger {
            rules,
            locator,
            any_rule,
            lexicon,
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every temporal expression in `text`, resolved against `reference`, in text order.
    /// Where matches overlap, the longest wins, then the rule listed first.
    pub fn tag(&self, text: &str, reference: NaiveDate) -> Vec<TimeExpr> {
        self.tag_with(text, reference, None, &[])
    }

    /// As `tag`, reading the tense of each expression's clause from the parse of its
    /// sentence where it tells one (`sentences`: parsed spans of `text`, in text order).
    pub fn tag_parsed(
        &self,
        text: &str,
        reference: NaiveDate,
        sentences: &[ParsedSentence],
    ) -> Vec<TimeExpr> {
        self.tag_with(text, reference, None, sentences)
    }

    /// As `tag_parsed`, with the tense fixed instead of read from the text if `tense` is
    /// given (used by rule examples).
    pub(super) fn tag_with(
        &self,
        text: &str,
        reference: NaiveDate,
        tense: Option<Tense>,
        sentences: &[ParsedSentence],
    ) -> Vec<TimeExpr> {
        // First every match of every rule; then the longest of overlapping ones (an
        // exclusion, else the rule listed first, on a tie); then resolution in text order, so
        // that "the quarter" can read the last date mentioned before it.
        let mut candidates = self.candidates(text);
        candidates.sort_by_key(|c| {
            let exclusion = self.rules[c.rule].resolver == Resolver::None;
            (std::cmp::Reverse(c.end - c.start), !exclusion, c.rule, c.start)
        });
        // Kept spans by start: a candidate overlaps a kept span only if the nearest kept
        // span starting before it reaches into it, or the nearest after starts inside it.
        let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
        for candidate in candidates {
            let before = kept
                .range(..=candidate.start)
                .next_back()
                .is_some_and(|(_, k)| k.end > candidate.start);
            let after = kept
                .range(candidate.start..)
                .next()
                .is_some_and(|(&start, _)| start < candidate.end);
            if !before && !after {
                kept.insert(candidate.start, candidate);
            }
        }
        let kept = kept.into_values();
        let mut found: Vec<TimeExpr> = Vec::new();
        let mut anchor: Option<DateInterval> = None;
        let mut story_quarter: Option<DateInterval> = None;
        // "The day before" + what follows: (index in `found`, its captures, where it ends).
        let mut signalled: Vec<(usize, (Unit, i64), usize)> = Vec::new();
        // Whether each found expression wrote its year ("October of 2007", not "September").
        let mut wrote_year: Vec<bool> = Vec::new();
        for candidate in kept {
            let rule = &self.rules[candidate.rule];
            let caps = &candidate.caps;
            let span = caps.name("expr").unwrap_or_else(|| caps.get(0).expect("group 0"));
            let tense = tense.unwrap_or_else(|| {
                if rule.resolver.needs_tense() {
                    let (start, end) = (span.start(), span.end());
                    let sentence = sentences
                        .get(sentences.partition_point(|s| s.end <= start))
                        .filter(|s| s.start <= start);
                    let tree = sentence.and_then(|s| tense_in_tree(&self.lexicon, &s.tokens, start, end));
                    tense_around(&self.lexicon, text, start, end, tree)
                } else {
                    Tense::Unknown
                }
            });
            let ctx = Context {
                lexicon: &self.lexicon,
                reference,
                tense,
                anchor: anchor.as_ref(),
                story_quarter: story_quarter.as_ref(),
            };
            let Some(resolved) = resolve(rule.resolver, caps, &ctx) else {
                continue;
            };
            // Dates told relative to another ("a year earlier") do not become the anchor:
            // "the quarter" after them still means the quarter the text is about.
            if let (Some(interval), false) = (&resolved.interval, rule.resolver.is_relative_to_anchor()) {
                anchor = Some(interval.clone());
                // The story's quarter is a recent one, not "the third quarter of 1984".
                let recent = (reference - interval.end).num_days() < 366 && interval.start <= reference;
                if story_quarter.is_none() && interval.precision == Precision::Quarter && recent {
                    story_quarter = Some(interval.clone());
                }
            }
            wrote_year.push(caps.name("year").is_some());
            // Only a signalled expression reads its unit and direction again.
            if rule.resolver == Resolver::Signalled {
                if let Some(unit_shift) = signal(caps, &self.lexicon) {
                    signalled.push((found.len(), unit_shift, candidate.end));
                }
            }
            found.push(TimeExpr {
                start: span.start(),
                end: span.end(),
                text: span.as_str().to_owned(),
                kind: resolved.kind,
                value: resolved.value,
                modifier: resolved.modifier,
                interval: resolved.interval,
                rule: rule.name.clone(),
            });
        }
        // A signalled unit is dated only from a date right after its signal word ("the day
        // after March 3"); after an event ("the day after the vote") it stays undated.
        for (index, (unit, shift), end) in signalled {
            let Some(next) = found.get(index + 1) else {
                continue;
            };
            let Some(date) = next.interval.as_ref() else {
                continue;
            };
            if !text[end..next.start].trim().is_empty() {
                continue;
            }
            if let Some(moved) = DateInterval::unit_containing(date.start, unit, shift) {
                let expr = &mut found[index];
                expr.value = moved.value.clone();
                expr.interval = Some(moved);
            }
        }
        self.share_years_in_ranges(text, &mut found, &wrote_year);
        found
    }

    /// "Between September and October of 2007", "March 3 to April 5, 2024": the first part of
    /// a range takes the year the second part wrote (the year before, when its month is later).
    fn share_years_in_ranges(&self, text: &str, found: &mut [TimeExpr], wrote_year: &[bool]) {
        for i in 1..found.len() {
            let (first, second) = (&found[i - 1], &found[i]);
            // A joiner is a short word: the text between most pairs is not looked up at all.
            let joined = first.end <= second.start && second.start - first.end <= MAX_JOINER && {
                let between = text[first.end..second.start].trim();
                self.lexicon.value("range_joiner", between).is_some()
            };
            if !joined || wrote_year[i - 1] || !wrote_year[i] {
                continue;
            }
            let (Some(a), Some(b)) = (&first.interval, &second.interval) else {
                continue;
            };
            let year = b.start.year() - i32::from(a.start.month() > b.start.month());
            let moved = match a.precision {
                Precision::Month => DateInterval::month(year, a.start.month()),
                Precision::Day => {
                    NaiveDate::from_ymd_opt(year, a.start.month(), a.start.day()).map(DateInterval::day)
                }
                _ => None,
            };
            if let Some(moved) = moved {
                let expr = &mut found[i - 1];
                expr.value = moved.value.clone();
                expr.interval = Some(moved);
            }
        }
    }
}

impl CompiledRule {
    fn ascii_regex(&self) -> &Regex {
        self.ascii_regex.get_or_init(|| {
            Regex::new(&ascii_boundaries(self.regex.as_str()))
                .expect("a valid pattern stays valid with ASCII boundaries")
        })
    }

    /// Whether a match of the rule's pattern stands: it does not end inside a word, nor start
    /// inside a number unless the rule asks for what precedes it ("58" of "1957-58"), and its
    /// context patterns hold.
    fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        !ends_inside_a_word(text, end)
            && (self.preceded_by.is_some() || !starts_inside_a_number(text, start))
            && self.context_holds(text, start, end)
    }

    /// Whether the text around a match is what the rule's context patterns ask for.
    fn context_holds(&self, text: &str, start: usize, end: usize) -> bool {
        let before = self.preceded_by.as_ref().is_none_or(|re| {
            let from = char_boundary_from(text, start.saturating_sub(CONTEXT_REACH));
            re.is_match(&text[from..start])
        });
        let after = self
            .followed_by
            .as_ref()
            .is_none_or(|re| re.is_match(&text[end..char_boundary_from(text, end + CONTEXT_REACH)]));
        before && after
    }
}

/// `pattern` with its named groups made plain groups, so that many patterns can be joined in
/// one alternation (names may repeat across rules).
fn without_group_names(pattern: &str) -> String {
    static NAMED: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let named = NAMED.get_or_init(|| Regex::new(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>").expect("valid regex"));
    named.replace_all(pattern, "(").into_owned()
}

/// How far past the end of a region a match that starts in it may reach (the longest rule
/// match is under 60 bytes).
const REGION_SLACK: usize = 128;

impl Tagger {
    /// Every match of every rule that does not end inside a word. Each rule runs only over
    /// the stretches where some rule starts a match, with the text before them as context and
    /// enough after them for any match to end.
    fn candidates<'t>(&self, text: &'t str) -> Vec<Candidate<'t>> {
        let mut candidates = Vec::new();
        // Where each rule's last match ended: as over the whole text, a rule's matches do
        // not overlap one another.
        let mut searched_to = vec![0; self.rules.len()];
        for region in self.regions(text) {
            let near = &text[..char_boundary_from(text, region.end + REGION_SLACK)];
            // A boundary at the region's start reads the character before it.
            let read_from = text[..region.start]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
            let plain = !near[read_from..]
                .chars()
                .any(|c| !c.is_ascii() && regex_syntax::is_word_character(c));
            for index in self.any_rule.matches_at(near, region.start).iter() {
                let mut at = region.start.max(searched_to[index]);
                if at >= region.end {
                    continue;
                }
                let rule = &self.rules[index];
                let regex = if plain { rule.ascii_regex() } else { &rule.regex };
                while let Some(caps) = regex.captures_at(near, at) {
                    let whole = caps.get(0).expect("group 0");
                    if whole.start() >= region.end {
                        break;
                    }
                    at = whole.end().max(whole.start() + 1);
                    searched_to[index] = at;
                    if self.rules[index].accepts(text, whole.start(), whole.end()) {
                        candidates.push(Candidate {
                            start: whole.start(),
                            end: whole.end(),
                            rule: index,
                            caps,
                        });
                    }
                }
            }
        }
        candidates
    }

    /// The stretches of `text` where some rule starts a match: every match of every rule
    /// starts inside one of them, since the locator, searching leftmost-first, never skips a
    /// position where one of its alternatives could start without covering it.
    fn regions(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut regions: Vec<std::ops::Range<usize>> = Vec::new();
        for found in self.locator.find_iter(text) {
            match regions.last_mut() {
                Some(last) if found.start() <= last.end + 1 => last.end = found.end(),
                _ => regions.push(found.range()),
            }
        }
        regions
    }
}

/// `pattern` with ASCII word boundaries, for the locator and the rule set, which only say
/// where rules may match. The regex crate's fast engines give up on a Unicode `\b` at the
/// first non-ASCII byte (curly quotes, dashes, "Türkiye"), leaving a 100× slower one. The
/// ASCII boundary holds wherever the Unicode one does next to the ASCII letters and digits
/// that patterns are written in (a Unicode non-word character is never an ASCII word one),
/// so the locator still finds every place a rule matches; each rule itself keeps `\b`.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Whether a match starting at `start` with a digit continues a number: "25 fiscal year" in
/// "the 2024-25 fiscal year", "000 years" in "1,000 years".
fn starts_inside_a_number(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    text[start..].starts_with(|c: char| c.is_ascii_digit())
        && matches!(before.next(), Some('-' | '–' | '/' | '.' | ','))
        && before.next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether a match ending at `end` stops inside a word ("Mar" in "Marco"), a hyphenated
/// compound ("the quarter" in "the quarter-to-quarter comparison") or a number ("2082" in
/// "the index closed at 2082.1").
fn ends_inside_a_word(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let mut rest = text[end..].chars();
    let next = rest.next();
    let after = rest.next();
    let compound = next == Some('-') && after.is_some_and(char::is_alphabetic);
    let number = last.is_some_and(|c| c.is_ascii_digit())
        && matches!(next, Some('.' | ','))
        && after.is_some_and(|c| c.is_ascii_digit());
    number || last.is_some_and(char::is_alphanumeric) && (next.is_some_and(char::is_alphanumeric) || compound)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One tagger for all tests: compiling the rules takes a while.
    fn tagger() -> &'static Tagger {
        static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(|| Tagger::load().unwrap())
    }

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 18).unwrap()
    }

    /// Every example written beside a rule in rules.toml is tagged by that very rule with the
    /// value it states: the rule files are their own test corpus.
    #[test]
    fn rule_examples_hold() {
        let file: RuleFile = rules::load_toml("time/rules.toml").unwrap();
        let examples: Vec<(String, bool, Vec<String>)> = file
            .rule
            .iter()
            .flat_map(|r| {
                // Shown with what decides it, which may be an expression of its own ("1957"
                // before "-58", "now" after "eight years from", "Sept. 30" after "the
                // quarter ended").
                let has_context =
                    r.preceded_by.is_some() || r.followed_by.is_some() || r.resolve == "signalled";
                r.examples
                    .iter()
                    .map(move |e| (r.name.clone(), has_context, e.clone()))
            })
            .collect();
        assert!(examples.len() > 30, "rules should carry examples");
        let tagger = tagger();
        let mut failures = Vec::new();
        for (rule, has_context, example) in &examples {
            let (text, want) = (&example[0], &example[1]);
            let tense = example.get(2).map(|t| Tense::parse(t).expect("tense word"));
            let found = tagger.tag_with(text, reference(), tense, &[]);
            let by_rule: Vec<&TimeExpr> = found.iter().filter(|f| f.rule == *rule).collect();
            let ok = if want.is_empty() {
                found.is_empty()
            } else {
                (found.len() == 1 || *has_context && by_rule.len() == 1)
                    && by_rule.first().is_some_and(|f| f.value == *want)
            };
            if !ok {
                failures.push(format!("{rule}: {text:?} -> {found:?}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The tense of a date's own clause, read from the parse, decides which side of the
    /// reference date a weekday or a month without a year lies on, where the nearest word
    /// would mislead; a schedule and a modal leave it to the words around.
    #[test]
    fn the_tense_of_the_dates_clause_comes_from_the_parse() {
        let syntax = crate::syntax::Models::embedded().unwrap();
        let value = |text: &str| {
            let spans: Vec<(usize, usize)> = crate::article::split_sentences(text)
                .iter()
                .map(|s| (s.start, s.end))
                .collect();
            let parsed = syntax.parse_text(text, &spans);
            let found = tagger().tag_parsed(text, reference(), &parsed);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            (
                found[0].value.clone(),
                tagger().tag(text, reference())[0].value.clone(),
            )
        };
        // Published on Tuesday 18 March 2025. (With the parse, by the words alone.)
        for (text, with_parse, by_words) in [
            // "Will" twelve words before; "named" nearer.
            (
                "Eileen Collins will be named commander of the space shuttle Columbia for a mission in December.",
                "2025-12",
                "2024-12",
            ),
            // The "will" of another clause is nearer than the verb of this one.
            (
                "The ministers who signed the accord on Friday will meet again.",
                "2025-03-14",
                "2025-03-21",
            ),
            // A participle dates its own phrase.
            (
                "Stocks rose, leaving the index within 70 points of its record high set on Aug. 6.",
                "2024-08-06",
                "2025-08-06",
            ),
            // A schedule moved through a date, the verb far from it.
            (
                "The banks have extended Control Data up to $90 million in revolving loans through January.",
                "2026-01",
                "2025-01",
            ),
            // A modal and a present tense leave it to the words.
            ("Russia and Ukraine could meet on Friday.", "2025-03-21", "2025-03-21"),
            ("The delegation meets on Friday.", "2025-03-21", "2025-03-21"),
        ] {
            assert_eq!(value(text), (with_parse.to_owned(), by_words.to_owned()), "{text}");
        }
    }

    #[test]
    fn every_time_rule_has_an_example() {
        let file: RuleFile = rules::load_toml("time/rules.toml").unwrap();
        let missing: Vec<&str> = file
            .rule
            .iter()
            .filter(|r| r.examples.is_empty())
            .map(|r| r.name.as_str())
            .collect();
        assert!(missing.is_empty(), "time rules without examples: {missing:?}");
    }

    fn values(text: &str) -> Vec<(String, String)> {
        tagger()
            .tag(text, reference())
            .into_iter()
            .map(|e| (e.text, e.value))
            .collect()
    }

    fn pair(text: &str, value: &str) -> (String, String) {
        (text.to_owned(), value.to_owned())
    }

    #[test]
    fn explicit_dates_resolve() {
        assert_eq!(
            values("talks on 2025-03-11 and March 11, 2025"),
            vec![
                pair("2025-03-11", "2025-03-11"),
                pair("March 11, 2025", "2025-03-11"),
            ]
        );
    }

    /// Each text tags as the expressions and values listed, in order.
    fn expect(cases: &[(&str, &[(&str, &str)])]) {
        for (text, want) in cases {
            let want: Vec<(String, String)> = want.iter().map(|(t, v)| pair(t, v)).collect();
            assert_eq!(values(text), want, "{text}");
        }
    }

    /// TimeML's extents: modifiers and determiners in, signal words and "at" out, a range
    /// as two expressions (issue 13, items 1-5).
    #[test]
    fn extents_follow_timeml() {
        expect(&[
            (
                "Talks ran in 2009-2010 and in 1957-58.",
                &[
                    ("2009", "2009"),
                    ("2010", "2010"),
                    ("1957", "1957"),
                    ("58", "1958"),
                ],
            ),
            (
                "Prices rose between September and October of 2007.",
                &[("September", "2007-09"), ("October of 2007", "2007-10")],
            ),
            (
                "The plant will close eight years from now.",
                &[("eight years", "P8Y"), ("now", "PRESENT_REF")],
            ),
            // The day before an event is undated; before a date it is counted from that date.
            ("He left the day before the vote.", &[("the day", "XXXX-XX-XX")]),
            (
                "He left the day after March 3.",
                &[("the day", "2025-03-04"), ("March 3", "2025-03-03")],
            ),
            (
                "They had met on Monday and left the day after.",
                &[("Monday", "2025-03-17"), ("the day after", "2025-03-18")],
            ),
            (
                "The talks resumed at 10 a.m. Sunday.",
                &[("10 a.m. Sunday", "2025-03-16T10:00")],
            ),
            (
                "Shares fell at the end of 1990 and late yesterday, but early Tuesday they rose.",
                &[
                    ("the end of 1990", "1990"),
                    ("late yesterday", "2025-03-17"),
                    ("early Tuesday", "2025-03-18"),
                ],
            ),
            (
                "Output grew over the past year and in the early 1980s.",
                &[("the past year", "2024"), ("the early 1980s", "198")],
            ),
        ]);
    }

    /// Comparisons, schedules and vague plurals (issue 13, items 6, 7 and 9).
    #[test]
    fn comparisons_schedules_and_vague_durations() {
        expect(&[
            (
                "The harvest came a month earlier than usual.",
                &[("a month", "P1M")],
            ),
            // Past tense, but a schedule moved forward: next December, not last.
            (
                "The deadline was extended to December 18.",
                &[("December 18", "2025-12-18")],
            ),
            (
                "The deadline passed on December 18.",
                &[("December 18", "2024-12-18")],
            ),
            (
                "Minutes before the blast, talks could take weeks.",
                &[("Minutes", "PTXM"), ("weeks", "PXW")],
            ),
            (
                "The rates are reviewed annually, the pumps checked every morning.",
                &[("annually", "P1Y"), ("every morning", "XXXX-XX-XXTMO")],
            ),
        ]);
    }

    #[test]
    fn weekdays_follow_the_tense_of_their_verb() {
        assert_eq!(
            values("Putin spoke Tuesday."),
            vec![pair("Tuesday", "2025-03-18")]
        );
        assert_eq!(
            values("On Monday, Mr. Trump said"),
            vec![pair("Monday", "2025-03-17")]
        );
        assert_eq!(
            values("The envoys will meet Friday."),
            vec![pair("Friday", "2025-03-21")]
        );
        assert_eq!(
            values("The envoys met Friday."),
            vec![pair("Friday", "2025-03-14")]
        );
        assert_eq!(
            values("The delegation leaves Friday for Riyadh."),
            vec![pair("Friday", "2025-03-21")]
        );
        // "p.m." and "U.S." do not end the sentence; "next to" is a place, not a plan.
        assert_eq!(
            values("The meeting is set for 3 p.m. local time on Friday."),
            vec![pair("3 p.m. local time on Friday", "2025-03-21T15:00")]
        );
        assert_eq!(
            values("A bomb hit the building next to the U.S. embassy Friday morning."),
            vec![pair("Friday morning", "2025-03-14")]
        );
        // A participle after "be" leaves the tense to the verb before it.
        assert_eq!(
            values("The accession would still be held on April 24."),
            vec![pair("April 24", "2025-04-24")]
        );
        assert_eq!(
            values("The pact, effective June 1, was signed."),
            vec![pair("June 1", "2025-06-01")]
        );
        // A deadline right before the date looks ahead, whatever verb is near.
        assert_eq!(
            values("The INS gave the relatives until 9 a.m. Thursday to sign."),
            vec![pair("9 a.m. Thursday", "2025-03-20T09:00")]
        );
        // Two-word cues: a past verb before "to" plans ahead; "due to" is a cause, not a plan.
        assert_eq!(
            values("The team planned to leave on Thursday."),
            vec![pair("Thursday", "2025-03-20")]
        );
        assert_eq!(
            values("He could arrive as early as Friday."),
            vec![pair("Friday", "2025-03-21")]
        );
        assert_eq!(
            values("Flights were cancelled due to the strike on Friday."),
            vec![pair("Friday", "2025-03-14")]
        );
        // "hopes" looks ahead as a verb with "to", not as a noun after the date.
        assert_eq!(
            values("The two sides signed a deal on Friday, raising hopes of peace."),
            vec![pair("Friday", "2025-03-14")]
        );
        assert_eq!(
            values("Kenya hopes to sign the deal on Friday."),
            vec![pair("Friday", "2025-03-21")]
        );
    }

    /// The tagger runs each rule only near where the locator found something; that must
    /// find exactly what running every rule over the whole text finds.
    #[test]
    fn rules_run_near_the_locator_find_what_a_full_scan_finds() {
        let tagger = tagger();
        let file: RuleFile = rules::load_toml("time/rules.toml").unwrap();
        let mut text: String = file
            .rule
            .iter()
            .flat_map(|r| r.examples.iter().map(|e| e[0].clone()))
            .collect::<Vec<_>>()
            .join(". Then ");
        let article = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/articles/2025-03-18-cbs-trump-putin-call.txt"
        );
        text.push_str(&std::fs::read_to_string(article).unwrap());
        // News as it is typed: curly quotes, dashes and non-ASCII letters against date words
        // (where a Unicode word boundary and the locator's ASCII one disagree).
        text.push_str(
            "\nZelenskyy’s envoy met Erdoğan’s team in Türkiye on Tuesday—“next week,” said \
             Şahin—and again on 3 März… The ’90s; «last year»; éMonday, Mondayé, Fridayş, \
             ÅMarch 2024, 2024ñ, naïve 1990s, 5 p.m. Friday — a year earlier. Dès mardi: \
             Tuesday’s talks, the week’s end, mid‑2024, 2024–25, 12 Jänner 2025.",
        );
        let spans = |candidates: Vec<Candidate>| {
            let mut spans: Vec<(usize, usize, usize)> =
                candidates.iter().map(|c| (c.start, c.end, c.rule)).collect();
            spans.sort();
            spans
        };
        let full_scan: Vec<Candidate> = tagger
            .rules
            .iter()
            .enumerate()
            .flat_map(|(index, rule)| {
                rule.regex
                    .captures_iter(&text)
                    .filter(|caps| {
                        let whole = caps.get(0).unwrap();
                        rule.accepts(&text, whole.start(), whole.end())
                    })
                    .map(move |caps| Candidate {
                        start: caps.get(0).unwrap().start(),
                        end: caps.get(0).unwrap().end(),
                        rule: index,
                        caps,
                    })
            })
            .collect();
        let near = spans(tagger.candidates(&text));
        assert!(near.len() > 100, "the test text should hold many expressions");
        assert_eq!(near, spans(full_scan));
    }

    #[test]
    fn durations_are_never_dates() {
        let tagger = tagger();
        let text = "proposed a 30-day ceasefire; the call lasted at least 90 minutes, three years after";
        let found = tagger.tag(text, reference());
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|e| (e.text.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("30-day", "P30D"),
                ("at least 90 minutes", "PT90M"),
                ("three years", "P3Y")
            ]
        );
        assert!(found.iter().all(|e| e.interval.is_none()));
        assert_eq!(found[1].modifier.as_deref(), Some("MORE_THAN"));
    }

    #[test]
    fn relative_units_are_whole_units() {
        let found = tagger().tag("Last week, delegates met", reference());
        let date = found[0].interval.as_ref().unwrap();
        assert_eq!(date.value, "2025-W11");
        assert_eq!(date.precision, crate::model::Precision::Week);
    }

    #[test]
    fn anchored_expressions_count_from_the_last_date_mentioned() {
        let got = values("Talks opened on Feb. 25. The next day the envoys met again; that week ended badly, and two days later they left.");
        assert_eq!(
            got,
            vec![
                pair("Feb. 25", "2025-02-25"),
                pair("The next day", "2025-02-26"),
                pair("that week", "2025-W09"),
                pair("two days later", "2025-02-27"),
            ]
        );
    }

    #[test]
    fn a_coarse_anchor_gives_no_day() {
        // A month or year named before "that same day" or "two days later" is no day to count
        // from: the same day keeps the month's grain, a count falls back to the reference.
        assert_eq!(
            values("The rifle was buried in October, and the car was found that same day."),
            vec![pair("October", "2024-10"), pair("that same day", "2024-10")]
        );
        assert_eq!(
            values("NATO was founded in 1949. Two days later, the envoys left."),
            vec![pair("1949", "1949"), pair("Two days later", "2025-03-20")]
        );
    }

    #[test]
    fn previous_and_following_weekdays_count_from_the_day_told() {
        assert_eq!(
            values("The index fell on Friday, March 7, down 4% from the previous Friday."),
            vec![
                pair("Friday, March 7", "2025-03-07"),
                pair("the previous Friday", "2025-02-28")
            ]
        );
        assert_eq!(
            values("Stocks fell last Friday."),
            vec![pair("last Friday", "2025-03-14")]
        );
    }

    #[test]
    fn a_story_returns_to_its_own_quarter() {
        assert_eq!(
            values("Net rose in the fourth quarter. After a flat third quarter, the year-earlier period was weak."),
            vec![
                pair("the fourth quarter", "2024-Q4"),
                pair("third quarter", "2024-Q3"),
                pair("the year-earlier period", "2023-Q4"),
            ]
        );
    }

    #[test]
    fn a_time_without_a_day_is_on_the_last_day_named() {
        let got = values("The talks ended on Friday. The envoys left at 10 p.m.");
        assert_eq!(
            got,
            vec![pair("Friday", "2025-03-14"), pair("10 p.m.", "2025-03-14T22:00")]
        );
    }

    #[test]
    fn later_this_year_is_the_rest_of_it() {
        let found = tagger().tag("a treaty later this year", reference());
        let date = found[0].interval.as_ref().unwrap();
        assert_eq!(found[0].value, "2025");
        assert_eq!(date.start, reference());
        assert_eq!(date.end, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    }

    #[test]
    fn the_verb_may_is_not_the_month() {
        assert_eq!(values("he may travel to Egypt"), vec![]);
        assert_eq!(values("talks in May"), vec![pair("May", "2025-05")]);
    }

    #[test]
    fn month_abbreviations_do_not_match_inside_names() {
        assert_eq!(values("Marco Rubio met Sergei Lavrov"), vec![]);
    }

    #[test]
    fn unknown_resolvers_are_reported() {
        let spec = RuleSpec {
            name: "x".into(),
            pattern: "x".into(),
            preceded_by: None,
            followed_by: None,
            resolve: "nope".into(),
            examples: vec![],
        };
        let err = Tagger::compile(Lexicon::default(), vec![spec]).err().unwrap();
        assert!(err.to_string().contains("unknown resolve function"));
    }

    /// Text that looks like dates: time words, numbers of any length, punctuation, any
    /// Unicode in between.
    fn date_like_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            proptest::sample::select(vec![
                "days", "weeks", "months", "years", "quarters", "ago", "later", "earlier", "from", "now",
                "last", "next", "Tuesday", "Feb.", "March", "the", "third", "quarter", "of", "before",
                "after", "a", "year", "decade", "century", "’s", "—", ",", ".", "“",
            ])
            .prop_map(str::to_owned),
            "[0-9]{1,25}",
            "[0-9]{1,25} (days|weeks|months|quarters|years|decades) (ago|later|earlier|from now)",
            "\\PC{1,6}",
        ];
        proptest::collection::vec(word, 0..24).prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_tags_without_panic_into_sorted_spans_on_boundaries(text in date_like_text()) {
            let exprs = tagger().tag(&text, reference());
            for pair in exprs.windows(2) {
                proptest::prop_assert!(pair[0].start <= pair[1].start, "{text:?}");
            }
            for e in &exprs {
                proptest::prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                proptest::prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
                if let Some(i) = &e.interval {
                    proptest::prop_assert!(crate::time::interval::YEARS.contains(&chrono::Datelike::year(&i.start)), "{text:?}: {i:?}");
                }
            }
        }
    }
}

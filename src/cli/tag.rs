//! `timeline tag`: what the temporal tagger finds in a text.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::ValueEnum;
use serde::Serialize;

use super::{DateArg, Outcome};
use crate::article::{clean, parse_front_matter, read_input, Input};
use crate::time::{Tagger, TimeExpr};

/// Print the date expressions of a text, resolved against its publication date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to tag, or - for stdin
    file: PathBuf,
    /// The reference date (YYYY-MM-DD) [default: the file's front matter `published`]
    #[arg(long, value_name = "DATE")]
    published: Option<DateArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TagFormat::Text)]
    format: TagFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TagFormat {
    Text,
    Jsonl,
}

/// One expression as `--format jsonl` prints it: character offsets into the cleaned text.
#[derive(Serialize)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<[String; 2]>,
    precision: Option<&'a str>,
    rule: &'a str,
}

pub fn run(args: Args) -> Result<Outcome> {
    let input = if args.file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(args.file.clone())
    };
    let raw = read_input(&input)?;
    let (front, body) = parse_front_matter(&raw).map_err(|e| anyhow!("{}: {e}", input.display()))?;
    let published = args.published.map(|d| d.first_day()).or(front.published).ok_or_else(|| {
        anyhow!("{}: no publication date: pass --published YYYY-MM-DD or add `published:` to its front matter", input.display())
    })?;
    let text = clean(body);
    let tagger = Tagger::load()?;
    let found = tagger.tag(&text, published);
    let mut out = std::io::stdout().lock();
    for expr in &found {
        let line = line(&text, expr);
        match args.format {
            TagFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&line)?)?,
            TagFormat::Text => writeln!(
                out,
                "{:>5}-{:<5} {:<24} {:<8} {:<12} {}",
                line.start,
                line.end,
                format!("{:?}", line.text),
                line.kind,
                line.value,
                line.precision.unwrap_or("-")
            )?,
        }
    }
    Ok(Outcome::Success)
}

fn line<'a>(text: &str, expr: &'a TimeExpr) -> Line<'a> {
    let start = text[..expr.start].chars().count();
    Line {
        start,
        end: start + expr.text.chars().count(),
        text: &expr.text,
        kind: expr.kind.as_str(),
        value: &expr.value,
        modifier: expr.modifier.as_deref(),
        interval: expr
            .interval
            .as_ref()
            .map(|i| [i.start.to_string(), i.end.to_string()]),
        precision: expr.interval.as_ref().map(|i| i.precision.as_str()),
        rule: &expr.rule,
    }
}

//! `timeline tag`: what the temporal tagger finds in texts and TimeML documents.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use super::{DateArg, Outcome};
use crate::article::{
    clean, collect_inputs, parse_front_matter, read_input, split_sentences, CharOffsets, Input,
};
use crate::syntax::Models;
use crate::time::{Tagger, TimeExpr, TimeMlDocument};

/// Print the temporal expressions of texts, resolved against their reference date.
///
/// A `.tml` file is read as TimeML: its document creation time is the reference date, gold
/// annotations in <TEXT> are ignored, and `--format timeml` writes the same document with the
/// tagger's TIMEX3 tags. Other files are articles (front matter `published`, or --published).
///
/// Each text is parsed, as `ingest` parses it, so that a weekday or a month without a year
/// lies on the side of the reference date that its clause's tense says.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (searched for .tml, .txt and .md), or - for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The reference date (YYYY-MM-DD) [default: the article's `published` or the TimeML DCT]
    #[arg(long, value_name = "DATE")]
    published: Option<DateArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TagFormat::Text)]
    format: TagFormat,
    /// Write one file per input into this folder (same file name; .jsonl for jsonl)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TagFormat {
    Text,
    Jsonl,
    Timeml,
}

/// One expression as `--format jsonl` prints it: character offsets into the text that was
/// tagged (the cleaned article, or the tag-free text of TimeML's <TEXT>).
#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
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

/// A text ready to tag.
struct Tagged {
    name: String,
    text: String,
    timeml: Option<TimeMlDocument>,
    exprs: Vec<TimeExpr>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let tagger = Tagger::load()?;
    let syntax = Models::embedded()?;
    let inputs = collect_inputs(&args.paths, TAG_EXTENSIONS, &Default::default())
        .inputs
        .into_iter()
        .collect::<Result<Vec<Input>>>()?;
    let mut out = match &args.out {
        Some(dir) => Some(OutputFolder::new(dir, &inputs)?),
        None => None,
    };
    let mut failed = false;
    let stdout = std::io::stdout();
    for input in inputs {
        let tagged = match load(
            &input,
            args.published.as_ref().map(DateArg::first_day),
            &tagger,
            syntax,
        ) {
            Ok(tagged) => tagged,
            Err(err) => {
                crate::tell!("timeline: {err:#}");
                failed = true;
                continue;
            }
        };
        let rendered = render(&tagged, args.format)?;
        match &mut out {
            Some(folder) => {
                let file_name = match args.format {
                    TagFormat::Jsonl => format!("{}.jsonl", tagged.name),
                    _ => input.name(),
                };
                if let Err(err) = folder.write(&input, &file_name, &rendered) {
                    crate::tell!("timeline: {err:#}");
                    failed = true;
                }
            }
            None => stdout.lock().write_all(rendered.as_bytes())?,
        }
    }
    if let Some(folder) = out {
        crate::tell!(
            "{} written to {}",
            super::count(folder.written, "file"),
            folder.dir.display()
        );
    }
    Ok(if failed {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

/// The folder `--out` writes into, which never loses an input: no output replaces a file
/// that is being read, none is written through a symbolic link (each is written beside its
/// name and renamed over it, which replaces a link instead of following it), and two inputs
/// of one name get two outputs.
struct OutputFolder {
    dir: PathBuf,
    /// The inputs, as canonical paths.
    inputs: HashSet<PathBuf>,
    /// The names written so far.
    taken: HashSet<String>,
    written: usize,
}

impl OutputFolder {
    fn new(dir: &Path, inputs: &[Input]) -> Result<OutputFolder> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create directory", dir.display()))?;
        let inputs = inputs
            .iter()
            .filter_map(|input| input.path().and_then(|path| std::fs::canonicalize(path).ok()))
            .collect();
        Ok(OutputFolder {
            dir: dir.to_owned(),
            inputs,
            taken: HashSet::new(),
            written: 0,
        })
    }

    fn write(&mut self, input: &Input, wanted: &str, contents: &str) -> Result<()> {
        let name = self.free_name(wanted);
        let path = self.dir.join(&name);
        if std::fs::canonicalize(&path).is_ok_and(|target| self.inputs.contains(&target)) {
            bail!(
                "{}: not written: {} is an input (choose another --out folder)",
                input.display(),
                path.display()
            );
        }
        let mut out = super::Output::open(Some(&path))?;
        out.write_all(contents.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
        out.finish()?;
        if name != wanted {
            crate::tell!(
                "{}: written as {name} ({wanted} was taken by another input)",
                input.display()
            );
        }
        self.taken.insert(name);
        self.written += 1;
        Ok(())
    }

    /// `wanted`, or `stem-2.ext`, `stem-3.ext`... when an earlier input took it.
    fn free_name(&self, wanted: &str) -> String {
        if !self.taken.contains(wanted) {
            return wanted.to_owned();
        }
        let (stem, extension) = match wanted.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
            _ => (wanted, String::new()),
        };
        (2..)
            .map(|n| format!("{stem}-{n}{extension}"))
            .find(|name| !self.taken.contains(name))
            .expect("some number is free")
    }
}

/// What a folder is searched for: TimeML documents and articles.
const TAG_EXTENSIONS: &[&str] = &["tml", "txt", "md"];

fn is_timeml(input: &Input) -> bool {
    matches!(input, Input::File(p) if p.extension().is_some_and(|x| x == "tml"))
}

fn load(input: &Input, published: Option<NaiveDate>, tagger: &Tagger, syntax: &Models) -> Result<Tagged> {
    let raw = read_input(input)?;
    let name = input.name();
    let stem = Path::new(&name)
        .file_stem()
        .map_or(name.clone(), |s| s.to_string_lossy().into_owned());
    let (text, reference, timeml) = if is_timeml(input) {
        let doc = TimeMlDocument::parse(&raw).map_err(|e| anyhow!("{}: {e:#}", input.display()))?;
        (doc.text.clone(), published.unwrap_or(doc.dct), Some(doc))
    } else {
        let (front, body) = parse_front_matter(&raw).map_err(|e| anyhow!("{}: {e}", input.display()))?;
        let reference = published.or(front.published).ok_or_else(|| {
            anyhow!(
                "{}: no publication date: pass --published YYYY-MM-DD or add `published:` to its front matter",
                input.display()
            )
        })?;
        (clean(body), reference, None)
    };
    let spans: Vec<(usize, usize)> = split_sentences(&text).iter().map(|s| (s.start, s.end)).collect();
    let exprs = tagger.tag_parsed(&text, reference, &syntax.parse_text(&text, &spans));
    Ok(Tagged {
        name: stem,
        text,
        timeml,
        exprs,
    })
}

fn render(tagged: &Tagged, format: TagFormat) -> Result<String> {
    let mut out = String::new();
    match format {
        TagFormat::Timeml => match &tagged.timeml {
            Some(doc) => out.push_str(&doc.write(&tagged.exprs)),
            None => bail!("{}: --format timeml needs a TimeML (.tml) input", tagged.name),
        },
        TagFormat::Jsonl | TagFormat::Text => {
            let chars = CharOffsets::new(&tagged.text);
            for expr in &tagged.exprs {
                let line = line(&tagged.name, &chars, expr);
                if format == TagFormat::Jsonl {
                    out.push_str(&serde_json::to_string(&line)?);
                    out.push('\n');
                } else {
                    out.push_str(&format!(
                        "{:>6}-{:<6} {:<28} {:<9} {:<14} {}\n",
                        line.start,
                        line.end,
                        format!("{:?}", line.text),
                        line.kind,
                        line.value,
                        line.precision.unwrap_or("-")
                    ));
                }
            }
        }
    }
    Ok(out)
}

fn line<'a>(doc: &'a str, chars: &CharOffsets, expr: &'a TimeExpr) -> Line<'a> {
    let start = chars.at(expr.start);
    Line {
        doc,
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

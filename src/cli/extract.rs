//! `timeline extract`: the stateless half of `ingest`, as a filter. Articles in, one JSON
//! line per article out (the article and every event extracted from it, with all the
//! evidence a mention stores); `timeline ingest --mentions` stores such lines. Extraction
//! needs no database, so it can run on many machines at once (see the README's recipe).

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::ingest::{extract_in_parallel, JobsArgs, MetadataArgs, Prepared};
use super::Outcome;
use crate::article::{collect_inputs, ARTICLE_EXTENSIONS};
use crate::extract::exchange::Extraction;
use crate::extract::Extractor;

/// Extract events from articles and print them as JSON lines, for `ingest --mentions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (searched recursively for .txt, .md, .html and .jsonl) or - for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    metadata: MetadataArgs,
    #[command(flatten)]
    jobs: JobsArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let reading = args.metadata.reading();
    let extractor = Extractor::load()?;
    let collected = collect_inputs(&args.paths, ARTICLE_EXTENSIONS, &reading.fields);
    if let Some(skipped) = collected.skipped_summary() {
        crate::tell!("timeline: skipped {skipped}");
    }
    let mut out = super::Output::open(None)?;
    let mut failed = false;
    let mut written: Result<()> = Ok(());
    extract_in_parallel(
        &collected,
        args.jobs.threads(),
        &reading,
        &HashSet::new(),
        &extractor,
        |_, prepared| {
            match prepared {
                Ok(Prepared::New(article, events, _)) => {
                    if written.is_ok() {
                        let line = Extraction::new(article, events, &extractor.fingerprint).to_line();
                        written = writeln!(out, "{line}").map_err(Into::into);
                    }
                }
                // Only an article whose hash is known comes back unextracted, and none is.
                Ok(Prepared::Stored(_)) => {}
                Err(err) => {
                    crate::tell!("timeline: {err:#}");
                    failed = true;
                }
            }
        },
    )?;
    written?;
    out.finish()?;
    Ok(if failed {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

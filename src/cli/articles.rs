//! `timeline articles`: what is stored.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::store::Database;

/// List the stored articles with their publication date and number of mentions.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    output: super::filters::RecordFormatArgs,
}

pub fn run(args: Args, db: &Database) -> Result<Outcome> {
    let store = db.open_for_reading()?;
    let articles = store.articles()?;
    let mut out = super::Output::open(args.output.file.output.as_deref())?;
    if args.output.json() {
        crate::render::write_json(&articles, &mut out)?;
        out.finish()?;
        return Ok(Outcome::Success);
    }
    let table =
        crate::render::articles_table(&articles, super::filters::table_options(None, out.is_terminal()));
    writeln!(out, "{table}")?;
    out.finish()?;
    Ok(Outcome::Success)
}

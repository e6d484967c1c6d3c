//! `timeline articles`: what is stored.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::render::safe;
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
        serde_json::to_writer_pretty(&mut out, &articles)?;
        writeln!(out)?;
        out.finish()?;
        return Ok(Outcome::Success);
    }
    let mut table = crate::render::new_table(
        &["Key", "Published", "Article", "Source", "Title", "Mentions"],
        super::filters::table_options(None, out.is_terminal()),
    );
    for a in &articles {
        table.add_row(
            [
                a.key.clone(),
                match &a.published_from {
                    Some(_) => format!("{} (inferred)", a.published),
                    None => a.published.clone(),
                },
                a.name.clone(),
                a.source.clone().unwrap_or_default(),
                a.title.clone().unwrap_or_default(),
                a.mentions.to_string(),
            ]
            .map(|cell| safe::display(&cell).into_owned()),
        );
    }
    writeln!(out, "{table}")?;
    out.finish()?;
    Ok(Outcome::Success)
}

//! `timeline man`: the manual page, generated from the same definitions as `--help` (with
//! clap_mangen, so the page cannot drift from the options the binary takes).

use anyhow::Result;
use clap::CommandFactory;

use super::{Cli, Outcome};

/// Print the manual page (roff), e.g. `timeline man > ~/.local/share/man/man1/timeline.1`.
///
/// One page for the program and, with a command's name, one for that command
/// (`timeline man ingest > timeline-ingest.1`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A command to print the page of, instead of the program's
    command: Option<String>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let program = Cli::command().name("timeline");
    let page = match &args.command {
        None => program,
        Some(name) => {
            let Some(sub) = program.find_subcommand(name).cloned() else {
                let names: Vec<String> = program
                    .get_subcommands()
                    .map(|c| c.get_name().to_owned())
                    .collect();
                anyhow::bail!("no command {name:?}: one of {}", names.join(", "));
            };
            sub.name(format!("timeline-{name}"))
        }
    };
    let mut out = super::Output::open(None)?;
    clap_mangen::Man::new(page).render(&mut out)?;
    out.finish()?;
    Ok(Outcome::Success)
}

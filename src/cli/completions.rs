//! `timeline completions`: shell completion scripts.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Outcome};

/// Print a completion script for a shell, e.g. `timeline completions bash > ~/.local/share/bash-completion/completions/timeline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    shell: Shell,
}

pub fn run(args: Args) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "timeline", &mut std::io::stdout());
    Ok(Outcome::Success)
}

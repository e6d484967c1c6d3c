//! `timeline completions`: shell completion scripts.
//!
//! Two kinds: a static script made from the command definition (options, commands, and the
//! values the rule files give: event types, modalities, topics, known actors), which works
//! without calling the program; and with `--dynamic`, a script that asks the program at each
//! Tab (clap_complete's dynamic engine), which can also offer what is in the database: the
//! actors of its events and the keys of its articles.

use std::ffi::OsStr;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::{CompletionCandidate, Shell};

use super::{Cli, Outcome};
use crate::store::{default_path, Database, Store};

/// The variable the dynamic script sets when it asks the program for completions.
pub const DYNAMIC_ENV: &str = "COMPLETE";

/// Print a completion script for a shell, e.g. `timeline completions bash > ~/.local/share/bash-completion/completions/timeline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    shell: Shell,
    /// A script that asks timeline at each Tab, so that it can offer the database's
    /// article keys and actors too (bash, zsh, fish, elvish, powershell)
    #[arg(long)]
    dynamic: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    if args.dynamic {
        let name = args.shell.to_string();
        let shells = clap_complete::env::Shells::builtins();
        let shell = shells
            .completer(&name)
            .with_context(|| format!("no dynamic completion for {name}"))?;
        // The script runs this very program, wherever it is installed.
        let program = std::env::current_exe().context("cannot find the running program")?;
        shell.write_registration(
            DYNAMIC_ENV,
            "timeline",
            "timeline",
            &program.to_string_lossy(),
            &mut std::io::stdout(),
        )?;
        return Ok(Outcome::Success);
    }
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "timeline", &mut std::io::stdout());
    Ok(Outcome::Success)
}

/// The database a completion reads: `TIMELINE_DB` or the default (the command line being
/// typed is not parsed yet). `None` when there is none: completion never creates one.
fn database() -> Option<Store> {
    let path = std::env::var_os("TIMELINE_DB").map_or_else(default_path, Into::into);
    let db = Database {
        path,
        wait: std::time::Duration::from_millis(200),
    };
    db.open_for_reading().ok()
}

/// The stored articles' keys that start with what is typed, each with its title.
pub fn article_keys(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let Some(articles) = database().and_then(|store| store.articles().ok()) else {
        return Vec::new();
    };
    articles
        .into_iter()
        .filter(|a| a.key.starts_with(typed.as_ref()))
        .map(|a| {
            let help = a.title.unwrap_or(a.name);
            CompletionCandidate::new(a.key).help(Some(help.into()))
        })
        .collect()
}

/// The actors of the stored events and the known ones that start with what is typed
/// (any case).
pub fn actors(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    let mut names = database()
        .and_then(|store| store.actor_names().ok())
        .unwrap_or_default();
    names.extend(super::filters::known_actor_names());
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| n.to_lowercase().starts_with(&typed))
        .map(CompletionCandidate::new)
        .collect()
}

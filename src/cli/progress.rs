//! What a long command says on stderr while it runs: on a terminal, a bar with the count,
//! the rate and the time left (indicatif, which redraws it in place without flicker and
//! knows when stderr is not a terminal); a line per article with `-v`; failures always.
//! Piped or redirected, there is no bar: a log gets the failures and the closing line.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How much a command says while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verbosity {
    /// Failures and the closing line only.
    Quiet,
    /// And a progress bar on a terminal.
    Normal,
    /// And a line per article.
    Verbose,
}

/// `-q` and `-v`, for the commands that work through many articles.
#[derive(Debug, clap::Args)]
pub(super) struct VerbosityArgs {
    /// Print only failures and the closing count: no progress bar
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print a line per article (what it gave, or why it was skipped)
    #[arg(long, short)]
    verbose: bool,
}

impl VerbosityArgs {
    pub(super) fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

pub(super) struct Progress {
    bar: Option<ProgressBar>,
    verbosity: Verbosity,
}

impl Progress {
    /// Progress over `total` items, drawn only when stderr is a terminal.
    pub(super) fn new(total: usize, verbosity: Verbosity) -> Progress {
        let attended =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        let bar = (attended && verbosity != Verbosity::Quiet && total > 1).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} articles, {rate}, {eta} left")
                .expect("a valid template")
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                        let _ = write!(out, "{:.0}/s", state.per_sec());
                    },
                );
            bar.set_style(style);
            // Drawn at once, then redrawn as it moves and every 200 ms.
            bar.tick();
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, verbosity }
    }

    /// One item done.
    pub(super) fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// A line about one item, shown with `-v`.
    pub(super) fn detail(&self, line: &str) {
        if self.verbosity == Verbosity::Verbose {
            self.say(line);
        }
    }

    /// A line shown whatever the verbosity (a failure), above the bar.
    pub(super) fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| crate::tell!("{line}")),
            None => crate::tell!("{line}"),
        }
    }

    /// Removes the bar, before the closing line.
    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

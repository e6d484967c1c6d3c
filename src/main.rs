//! The `timeline` binary: parse the command line, run, report errors on one line.

use std::process::ExitCode;

use clap::Parser;
use timeline::cli::{self, Cli, Outcome};

/// mimalloc instead of the system allocator: reading a large list allocates and frees a
/// string per field of every report, and extraction a vector per sentence.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Asked by a dynamic completion script (`timeline completions SHELL --dynamic`): answer
    // and exit.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(cli::completions::DYNAMIC_ENV)
        .complete();
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            timeline::tell!("timeline: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `timeline list | head` closes the pipe early: that is not an error, whichever writer
/// (plain, JSON, CSV) met it.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
    })
}

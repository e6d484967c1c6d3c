//! Where a command's records go: standard output, or with `-o/--output` (and `tag --out`) a
//! file, written whole or not at all (into a new temporary file beside it, renamed over it at
//! the end, which replaces a link at that name instead of following it), so that a failed
//! run never leaves half a listing where a complete one was.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, StdoutLock, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// `-o/--output`, for every command that prints records.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputFileArgs {
    /// Write to this file instead of standard output (replaced only when the command succeeds)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub enum Output {
    /// Buffered: a listing is written in large blocks, not a system call per line as the
    /// line-buffered `Stdout` would make.
    Stdout(BufWriter<StdoutLock<'static>>),
    File {
        writer: BufWriter<File>,
        temporary: Temporary,
        path: PathBuf,
    },
}

/// The file being written: removed unless it was put in place, so that a run that failed
/// leaves nothing behind.
pub struct Temporary(Option<PathBuf>);

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Output {
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout().lock(),
            )));
        };
        let name = path
            .file_name()
            .with_context(|| format!("{}: not a file name", path.display()))?;
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(format!(".{}.tmp", std::process::id()));
        let temporary = path.with_file_name(temporary_name);
        // A new file only: never one a link at that name points to.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(Output::File {
            writer: BufWriter::with_capacity(64 * 1024, file),
            temporary: Temporary(Some(temporary)),
            path: path.to_owned(),
        })
    }

    /// Whether what is written reaches a terminal (tables are drawn for one).
    pub fn is_terminal(&self) -> bool {
        matches!(self, Output::Stdout(_)) && std::io::stdout().is_terminal()
    }

    /// Flushes, and puts a file in place. Callers finish at the end, so that a write error
    /// (other than a closed pipe, which `main` treats as the reader's choice) is reported.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut out) => Ok(out.flush()?),
            Output::File {
                writer,
                mut temporary,
                path,
            } => {
                let from = temporary.0.clone().unwrap_or_default();
                writer
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|file| file.sync_all())
                    .and_then(|()| std::fs::rename(&from, &path))
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                temporary.0 = None;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(bytes),
            Output::File { writer, .. } => writer.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

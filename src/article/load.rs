//! Finding inputs: files, folders (searched recursively for .txt and .md) and `-` (stdin).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

/// One input to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name stored with the article and shown in errors: the file's base name.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "stdin".to_owned(),
            Input::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// How to point at this input in a message: its path as given.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// What a folder is searched for when articles are ingested.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Expands the command-line paths into inputs: a folder gives its files with one of
/// `extensions` in name order, `-` gives stdin, a named pipe (`<(zcat a.txt.gz)`) is read
/// like a file. Whatever cannot be an input is an error naming it: a path that does not
/// exist, a device or socket, and each entry of a folder that cannot be read (an unreadable
/// folder, a symlink loop, a matching name that is a pipe or device).
pub fn collect_inputs(paths: &[PathBuf], extensions: &[&str]) -> Vec<Result<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
            continue;
        }
        let Ok(metadata) = std::fs::metadata(path) else {
            let problem = match std::fs::symlink_metadata(path) {
                Ok(_) => "a symbolic link to nothing",
                Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => "permission denied",
                Err(_) => "no such file or directory",
            };
            inputs.push(Err(anyhow!("{}: {problem}", path.display())));
            continue;
        };
        if metadata.is_dir() {
            inputs.extend(walk(path, extensions));
        } else if metadata.is_file() || is_pipe(&metadata) {
            inputs.push(Ok(Input::File(path.clone())));
        } else {
            inputs.push(Err(anyhow!(
                "{}: {}, not a file",
                path.display(),
                kind_of(&metadata)
            )));
        }
    }
    inputs
}

/// The files of a folder with one of `extensions`, in name order, then one error for each
/// entry that could not be read.
fn walk(folder: &Path, extensions: &[&str]) -> Vec<Result<Input>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(folder).follow_links(true) {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) if has_extension(entry.path(), extensions) => {
                if entry.file_type().is_file() {
                    files.push(entry.into_path());
                } else {
                    // A pipe in a folder would block the walk until someone writes to it.
                    let kind = entry.metadata().map_or("not a regular file", |m| kind_of(&m));
                    problems.push(anyhow!("{}: {kind}, not a file; skipped", entry.path().display()));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let at = err.path().unwrap_or(folder).display().to_string();
                let why = match (err.loop_ancestor(), err.io_error()) {
                    (Some(ancestor), _) => format!("a symbolic link back to {}", ancestor.display()),
                    (None, Some(io)) => io.to_string(),
                    (None, None) => err.to_string(),
                };
                problems.push(anyhow!("{at}: cannot read: {why}"));
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|f| Ok(Input::File(f)))
        .chain(problems.into_iter().map(Err))
        .collect()
}

#[cfg(unix)]
fn is_pipe(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    metadata.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// What a path that is not a regular file is, for messages.
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_lowercase().as_str()))
}

/// The text of an input, decoded (UTF-8, or Windows-1252 when the bytes are not UTF-8).
pub fn read_input(input: &Input) -> Result<String> {
    let bytes = match input {
        Input::Stdin => {
            let mut buffer = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buffer)
                .context("<stdin>: cannot read")?;
            buffer
        }
        Input::File(path) => {
            std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?
        }
    };
    let text = super::decode(&bytes);
    if text.contains('\0') {
        anyhow::bail!("{}: not a text file (it contains NUL bytes)", input.display());
    }
    Ok(text)
}

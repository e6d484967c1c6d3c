//! Finding inputs: files, folders (searched recursively for .txt and .md) and `-` (stdin).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

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
/// `extensions` in name order, `-` gives stdin. A path that does not exist is an error
/// naming it.
pub fn collect_inputs(paths: &[PathBuf], extensions: &[&str]) -> Vec<Result<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .filter_map(|entry| entry.ok())
                .filter(|entry| entry.file_type().is_file() && has_extension(entry.path(), extensions))
                .map(|entry| entry.into_path())
                .collect();
            files.sort();
            inputs.extend(files.into_iter().map(|f| Ok(Input::File(f))));
        } else if path.is_file() {
            inputs.push(Ok(Input::File(path.clone())));
        } else {
            inputs.push(Err(anyhow::anyhow!(
                "{}: no such file or directory",
                path.display()
            )));
        }
    }
    inputs
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
    if bytes.contains(&0) {
        anyhow::bail!("{}: not a text file (it contains NUL bytes)", input.display());
    }
    Ok(super::decode(&bytes))
}

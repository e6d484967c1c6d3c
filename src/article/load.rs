//! Finding inputs: files, folders (searched recursively for articles), the lines of JSON
//! Lines corpora and `-` (stdin).

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use super::fields::{self, FieldNames};

/// One input to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// One article of a JSON Lines corpus: line `number` (from 1), the bytes `start..end`.
    Line {
        path: PathBuf,
        number: usize,
        start: u64,
        end: u64,
    },
}

/// How an input's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown, with optional front matter.
    Text,
    /// A saved web page.
    Html,
    /// One JSON object holding the text and its metadata: a line of a JSON Lines corpus,
    /// or a `.json` file (as news-please writes one per article).
    Json,
}

/// Extensions of saved web pages.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// Extensions of JSON Lines corpora.
const JSON_LINES_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Extensions of files holding one article as a JSON object.
const JSON_EXTENSIONS: &[&str] = &["json"];

impl Input {
    /// The name stored with the article and shown in errors: the file's base name.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "stdin".to_owned(),
            Input::File(path) => base_name(path),
            Input::Line { path, number, .. } => format!("{}:{number}", base_name(path)),
        }
    }

    /// How to point at this input in a message: its path as given.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path.display().to_string(),
            Input::Line { path, number, .. } => format!("{}:{number}", path.display()),
        }
    }

    /// The file it is read from, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) | Input::Line { path, .. } => Some(path),
        }
    }

    /// Whether reading it again gives its text again: not for stdin or a named pipe.
    pub fn can_be_read_again(&self) -> bool {
        match self {
            Input::Stdin => false,
            Input::File(path) => std::fs::metadata(path).is_ok_and(|m| m.is_file()),
            Input::Line { .. } => true,
        }
    }

    /// How its text is read: by the file's extension.
    pub fn format(&self) -> Format {
        match self {
            Input::Line { .. } => Format::Json,
            Input::File(path) if has_extension(path, HTML_EXTENSIONS) => Format::Html,
            Input::File(path) if has_extension(path, JSON_EXTENSIONS) => Format::Json,
            Input::File(_) | Input::Stdin => Format::Text,
        }
    }
}

fn base_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What a folder is searched for when articles are ingested: text and Markdown with front
/// matter, saved web pages, JSON Lines corpora.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson",
];

/// A file of a searched folder that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: String,
}

/// The inputs the command line names, and the files of its folders that were left out.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Result<Input>>,
    pub skipped: Vec<Skipped>,
}

impl Collected {
    /// One phrase for the skipped files, by reason and extension ("2 files of other types
    /// (.json, .pdf)"), or `None` when there are none.
    pub fn skipped_summary(&self) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        let mut by_reason: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for skip in &self.skipped {
            by_reason
                .entry(&skip.why)
                .or_default()
                .push(base_name(&skip.path));
        }
        let parts: Vec<String> = by_reason
            .into_iter()
            .map(|(why, mut names)| {
                let count = names.len();
                names.truncate(3);
                let more = if count > 3 { ", …" } else { "" };
                let files = if count == 1 { "file" } else { "files" };
                format!("{count} {files} {why} ({}{more})", names.join(", "))
            })
            .collect();
        Some(parts.join("; "))
    }
}

/// Expands the command-line paths into inputs: a folder gives its files with one of
/// `extensions` in name order, `-` gives stdin, a named pipe (`<(zcat a.txt.gz)`) is read
/// like a file. Whatever cannot be an input is an error naming it: a path that does not
/// exist, a device or socket, and each entry of a folder that cannot be read (an unreadable
/// folder, a symlink loop, a matching name that is a pipe or device).
///
/// When `extensions` holds `jsonl`, a JSON Lines file gives one input per line; one found in
/// a folder whose first line has no text field under `corpus` names is not a corpus of
/// articles (a file of gold annotations beside them, say) and is skipped, not failed.
pub fn collect_inputs(paths: &[PathBuf], extensions: &[&str], corpus: &FieldNames) -> Collected {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    let lines = extensions.contains(&"jsonl");
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
            let (found, left_out) = walk(path, extensions);
            skipped.extend(left_out);
            for input in found {
                match input {
                    Ok(Input::File(file)) if lines && has_extension(&file, JSON_LINES_EXTENSIONS) => {
                        match corpus_lines(&file, Some(corpus)) {
                            Ok(Some(found)) => inputs.extend(found.into_iter().map(Ok)),
                            Ok(None) => skipped.push(Skipped {
                                path: file,
                                why: "of JSON Lines with no text field".into(),
                            }),
                            Err(e) => inputs.push(Err(e)),
                        }
                    }
                    Ok(Input::File(file)) if lines && has_extension(&file, JSON_EXTENSIONS) => {
                        // Any JSON file may sit in a folder of articles; one without a text
                        // field is not an article.
                        match std::fs::read(&file) {
                            Ok(bytes) if has_text_field(&bytes, corpus) => inputs.push(Ok(Input::File(file))),
                            Ok(_) => skipped.push(Skipped {
                                path: file,
                                why: "of JSON with no text field".into(),
                            }),
                            Err(e) => inputs.push(Err(anyhow!("{}: cannot read: {e}", file.display()))),
                        }
                    }
                    other => inputs.push(other),
                }
            }
        } else if lines && metadata.is_file() && has_extension(path, JSON_LINES_EXTENSIONS) {
            match corpus_lines(path, None) {
                Ok(found) => inputs.extend(found.into_iter().flatten().map(Ok)),
                Err(e) => inputs.push(Err(e)),
            }
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
    Collected { inputs, skipped }
}

/// The articles of a JSON Lines file, one per non-blank line. With `corpus`, `None` when
/// the first line is not a JSON object with a text field under those names.
fn corpus_lines(path: &Path, corpus: Option<&FieldNames>) -> Result<Option<Vec<Input>>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut found = Vec::new();
    let mut start = 0;
    for (number, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let end = start + line.len();
        if !line.trim_ascii().is_empty() {
            if found.is_empty() && corpus.is_some_and(|names| !has_text_field(line, names)) {
                return Ok(None);
            }
            found.push(Input::Line {
                path: path.to_path_buf(),
                number: number + 1,
                start: start as u64,
                end: end as u64,
            });
        }
        start = end;
    }
    Ok(Some(found))
}

fn has_text_field(line: &[u8], names: &FieldNames) -> bool {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(line) else {
        return false;
    };
    let fields = fields::from_json(&object);
    names.text.iter().any(|n| fields.contains_key(n.as_str()))
}

/// The files of a folder with one of `extensions`, in name order, then one error for each
/// entry that could not be read; and the files left out for another extension.
fn walk(folder: &Path, extensions: &[&str]) -> (Vec<Result<Input>>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
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
            Ok(entry) => {
                let hidden = entry.file_name().to_str().is_some_and(|n| n.starts_with('.'));
                if !hidden {
                    skipped.push(Skipped {
                        path: entry.into_path(),
                        why: "of other types".into(),
                    });
                }
            }
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
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let inputs = files
        .into_iter()
        .map(|f| Ok(Input::File(f)))
        .chain(problems.into_iter().map(Err))
        .collect();
    (inputs, skipped)
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
        Input::Line { path, start, end, .. } => {
            read_range(path, *start, *end).with_context(|| format!("{}: cannot read", input.display()))?
        }
    };
    let text = super::decode(&bytes);
    if text.contains('\0') {
        anyhow::bail!("{}: not a text file (it contains NUL bytes)", input.display());
    }
    Ok(text)
}

/// Bytes `start..end` of the file at `path`.
fn read_range(path: &Path, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    file.seek(std::io::SeekFrom::Start(start))?;
    let mut buffer = Vec::new();
    file.take(end.saturating_sub(start)).read_to_end(&mut buffer)?;
    Ok(buffer)
}

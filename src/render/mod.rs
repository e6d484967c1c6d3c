//! Turning stored events into text: tables for people, JSON/CSV/Markdown for machines and
//! documents. Renderers write to any `io::Write`; nothing here reads the store.

mod event_table;
mod show;

pub use event_table::{csv, json, markdown, table, TableOptions};
pub use show::show;

use clap::ValueEnum;

/// The output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

//! Turning stored events into text: tables for people, JSON/CSV/Markdown for machines and
//! documents. Renderers write to any `io::Write`; nothing here reads the store.

mod event_table;
pub mod html;
pub mod ics;
pub mod safe;
pub mod sequence;
mod show;
pub mod timelinejs;

pub use event_table::{csv, json, markdown, new_table, table, TableOptions};
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

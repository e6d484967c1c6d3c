//! `timeline` turns news articles about negotiations into a dated, sourced timeline.
//!
//! Data flows one way: [`article`] (load, repair, split) → [`time`] and [`extract`]
//! (temporal tagger, event extractor) → [`store`] (SQLite) → [`render`] (tables, exports).
//! The binary in `src/main.rs` is a thin shell over [`cli`].

pub mod article;
pub mod cli;
pub mod extract;
pub mod ordered;
pub mod render;
pub mod rules;
pub mod store;
pub mod storyline;
pub mod syntax;
pub mod time;

//! `timeline` turns news articles about negotiations into a dated, sourced timeline.
//!
//! Data flows one way: [`article`] (load, repair, split) → [`syntax`] (tags, lemmas, trees)
//! → [`time`] and [`extract`] (temporal tagger, event extractor) → [`merge`] (which reports
//! are one event, and what they say together) → [`store`] (SQLite) → [`render`] (tables,
//! exports). [`model`] holds the types they all share.
//! The binary in `src/main.rs` is a thin shell over [`cli`].

pub mod article;
pub mod cli;
pub mod extract;
pub(crate) mod merge;
pub mod model;
pub(crate) mod ordered;
pub mod render;
pub(crate) mod rules;
pub mod store;
pub(crate) mod storyline;
pub mod syntax;
pub mod time;
pub(crate) mod words;

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
pub mod merge;
pub mod model;
pub mod ordered;
pub mod render;
pub mod rules;
pub mod store;
pub mod storyline;
pub mod syntax;
pub mod time;

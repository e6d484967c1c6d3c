//! The neural building blocks of the syntactic layer, written for this project: matrix
//! kernels, a flat parameter store with its optimiser, and bidirectional LSTM layers with
//! their gradients. Nothing here knows about words; [`super::network`] puts them together.

mod amx;
pub(crate) mod bf16;
pub(crate) mod kernels;
pub(crate) mod lstm;
pub(crate) mod params;

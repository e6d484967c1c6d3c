//! Merging: when reports are of one real-world event (`identity.rs`) and what the event is
//! once they are (`consensus.rs`: its date, place, actors, modality, and where the reports
//! disagree). Pure functions of the readings they are given; the store decides which
//! readings to compare and keeps the results.

mod consensus;
mod identity;

pub use consensus::{consensus, Dated, Report};
/// The store's window queries and the tests of its migrations use it.
pub(crate) use identity::UNDATED_WINDOW_DAYS;
pub use identity::{date_gap, parties_agree, same_event, Reading};

-- Where an event's reports disagree (dates, places, one source omitting what another
-- reports). Recomputed from the mentions whenever they change.
CREATE TABLE event_conflicts (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,              -- date, place, omission
    note     TEXT NOT NULL
);
-- `show` and `conflicts` read an event's conflicts.
CREATE INDEX event_conflicts_by_event ON event_conflicts (event_id);

-- Accounts that leave out what a mention reports ("The White House readout did not contain
-- that information"): JSON array of {source, sentence}.
ALTER TABLE mentions ADD COLUMN disputed_by TEXT NOT NULL DEFAULT '[]';

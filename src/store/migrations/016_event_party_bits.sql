-- Which parties an event has, as bits that an index can hold (write::party_bits: one bit of
-- 64 per party, by a fixed hash of its name), so that write::find_same passes over the
-- events of a report's window that share none of its parties (most of them, in a busy
-- stretch of news) inside the index, without reading their rows: with the window's
-- columns and these bits in one index, a report costs what the events it may be of cost,
-- not what every event of its type and week costs. NULL (an event whose core is missing
-- or unreadable) passes the test: the bits may only ever pass over an event that cannot
-- be the one. write::refresh_event keeps them with the core; existing events get theirs
-- here, from their core, through the function migrations::migrate_to registers.
ALTER TABLE events ADD COLUMN party_bits INTEGER;
UPDATE events SET party_bits = timeline_party_bits(core) WHERE core IS NOT NULL;
-- find_same's candidates: per type and size class, a range of lo_day; hi_day and the bits
-- are tested on the index entry.
CREATE INDEX events_by_type_span_parties ON events (type, span_class, lo_day, hi_day, party_bits);
DROP INDEX events_by_type_span;

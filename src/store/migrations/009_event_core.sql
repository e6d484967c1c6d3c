-- What most of an event's reports say of it (parties, topics, people; JSON), kept with the
-- event and recomputed by write::refresh_event when its reports change, so that
-- write::find_same compares a new report with each candidate event without reading the
-- candidate's reports. NULL for events stored before: find_same reads their reports instead.
ALTER TABLE events ADD COLUMN core TEXT;

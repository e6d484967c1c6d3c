-- Each report keeps its article's publication date, so that an event's earliest reports
-- can be read from an index: write::refresh_event and write::core_of read an event's first
-- CONSENSUS_REPORTS reports in publication order, and write::find_same its first report's
-- date, without reading (and sorting) every report of an event that has thousands.
ALTER TABLE mentions ADD COLUMN published TEXT;
UPDATE mentions SET published = (SELECT a.published FROM articles a WHERE a.id = mentions.article_id);
CREATE INDEX mentions_by_event_published ON mentions (event_id, published, id);

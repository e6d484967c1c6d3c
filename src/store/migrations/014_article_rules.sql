-- The fingerprint of the rules and models that extracted an article's events (see
-- `extract::fingerprint`); NULL for articles stored before. `ingest` counts the articles
-- whose fingerprint is not the running one and `reextract` extracts them again: a scan of
-- the articles table, which holds one row per article, not per event, so no index.
ALTER TABLE articles ADD COLUMN rules TEXT;

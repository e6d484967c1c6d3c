-- Where an article was read from (the canonical path of its file; NULL for stdin and for
-- articles stored before), so that `timeline remove` takes the path `ingest` printed.
ALTER TABLE articles ADD COLUMN path TEXT;

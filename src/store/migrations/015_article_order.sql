-- The timeline does not depend on the order articles arrive in: it is always the one that
-- storing them in publication order (then by content hash) gives. An article that arrives
-- before others already stored takes theirs out first (`detached`), and they are stored again
-- after it, in that order; an interrupted run leaves them detached and the next one stores
-- them. The index serves both questions the write path asks in that order: which attached
-- articles come after this one, and which detached article comes first.
ALTER TABLE articles ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_in_order ON articles (detached, published, content_hash);

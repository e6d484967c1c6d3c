-- What each report says the event's parties are, at country level: a person the article
-- introduced ("Oman's foreign minister Badr Albusaidi") counts for the party of his title,
-- which no list outside that article knows. NULL for reports stored before this column:
-- their parties are read from the curated actors as before.
ALTER TABLE mentions ADD COLUMN parties TEXT;  -- JSON array

-- What each report says an event is about (ceasefire, prisoners, ...): two agreements of the
-- same parties on the same day about different topics are two agreements.
ALTER TABLE mentions ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';  -- JSON array

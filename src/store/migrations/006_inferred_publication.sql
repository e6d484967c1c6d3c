-- Where an article's publication date comes from when its front matter gives none: the line
-- of its text that gave it ("Updated: MAY 6, 2025 21:43"). NULL when the front matter or
-- --published gave the date. `show` and `articles` mark such dates as inferred.
ALTER TABLE articles ADD COLUMN published_from TEXT;

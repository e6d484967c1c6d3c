-- Who wrote an article, as its front matter or its page (HTML `author`, JSON-LD) names them;
-- NULL when nothing did and for articles stored before.
ALTER TABLE articles ADD COLUMN byline TEXT;

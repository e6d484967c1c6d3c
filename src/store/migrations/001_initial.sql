-- The first schema: articles, the events they report, and the evidence linking the two.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,             -- the file's base name
    title        TEXT,
    source       TEXT,                      -- the outlet
    url          TEXT,
    published    TEXT NOT NULL,             -- YYYY-MM-DD: what relative dates resolve against
    content_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the cleaned text: re-ingest is a no-op
    text         TEXT NOT NULL,             -- the cleaned text that mention offsets point into
    ingested_at  TEXT NOT NULL
);
-- Updating an article finds its earlier version by URL.
CREATE INDEX articles_by_url ON articles (url);

CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    type      TEXT NOT NULL,
    cameo     TEXT,
    start_day TEXT,                         -- inclusive; NULL when no report dates it
    end_day   TEXT NOT NULL,                -- inclusive; for an undated event, its report date
    precision TEXT NOT NULL,                -- day, week, month, quarter, year, ..., undated
    value     TEXT NOT NULL,                -- TIMEX3 value ("2025-W11"), or the report date
    place     TEXT,
    modality  TEXT NOT NULL,
    summary   TEXT NOT NULL
);
-- Range queries test interval overlap on these two columns.
CREATE INDEX events_by_date ON events (start_day, end_day);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, actor)
);
-- `list --actor` looks events up by actor.
CREATE INDEX event_actors_by_actor ON event_actors (actor);

-- One report of an event: the evidence, and what this report alone says of it.
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence       TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,        -- character offsets into articles.text
    sentence_end   INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    rule           TEXT NOT NULL,           -- the trigger rule that fired
    attributed_to  TEXT,
    type           TEXT NOT NULL,
    actors         TEXT NOT NULL,           -- JSON array of canonical names
    actor_text     TEXT NOT NULL,           -- JSON array of the names as written
    place          TEXT,
    modality       TEXT NOT NULL,
    summary        TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_value     TEXT,
    date_text      TEXT,                    -- the date expression as written
    date_rule      TEXT,                    -- the time rule that read it
    date_basis     TEXT NOT NULL            -- expression, reference, context, publication
);
-- Showing an event lists its mentions; removing an article removes its mentions.
CREATE INDEX mentions_by_event ON mentions (event_id);
CREATE INDEX mentions_by_article ON mentions (article_id);

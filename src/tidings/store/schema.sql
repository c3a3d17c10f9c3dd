-- tidings database schema, version 3 (see docs/database.md).
--
-- One file for both backends, DuckDB and PostgreSQL: only types both understand. JSON values
-- are kept as TEXT so that both backends store them byte for byte alike.
-- Statements end with ";" at the end of a line. A statement preceded by the line
-- "-- postgresql only" is skipped on DuckDB, whose zone maps answer the same queries without
-- secondary indexes (which would slow its bulk loads).
-- Offsets (*_start, *_end) are character offsets into articles.text.
-- A database of an older version is upgraded by tidings.store.schema.MIGRATIONS when it is
-- opened read-write.

CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL
);

-- One row per article, keyed by the SHA-256 of its text.
CREATE TABLE IF NOT EXISTS articles (
    content_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT,
    published DATE,
    source TEXT,
    url TEXT,
    author TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    furniture TEXT,             -- JSON list of spans
    article_warnings TEXT,      -- JSON list: warnings raised while reading
    warnings TEXT,              -- JSON list: warnings raised while extracting
    stored_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS quotes (
    article_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_name TEXT,
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_title TEXT,
    speaker_affiliation TEXT,
    speaker_actor_name TEXT,
    speaker_country TEXT,
    speaker_sector TEXT,
    speaker_actor_text TEXT,
    speaker_actor_start INTEGER,
    speaker_actor_end INTEGER,
    speaker_wikidata TEXT
);

-- One row per event mention. actor_*/recipient_* are the first coded actor and recipient
-- (the first with a country, else the first; *_idx is its place in the event's list), which
-- dyad queries use; event_actors holds the event's other actors.
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT NOT NULL,     -- <first 16 hex of article_hash>-<idx>
    article_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT,               -- JSON list
    actor_name TEXT,
    actor_country TEXT,
    actor_sector TEXT,
    actor_text TEXT,
    actor_start INTEGER,
    actor_end INTEGER,
    actor_wikidata TEXT,
    actor_idx INTEGER,
    recipient_name TEXT,
    recipient_country TEXT,
    recipient_sector TEXT,
    recipient_text TEXT,
    recipient_start INTEGER,
    recipient_end INTEGER,
    recipient_wikidata TEXT,
    recipient_idx INTEGER,
    day DATE,                   -- "date" when it is a full calendar day, else NULL
    date TEXT,                  -- TIMEX3 value as extracted
    date_text TEXT,
    date_inferred BOOLEAN NOT NULL,
    place_name TEXT,
    place_country TEXT,
    place_lat DOUBLE PRECISION,
    place_lon DOUBLE PRECISION,
    place_text TEXT,
    place_start INTEGER,
    place_end INTEGER,
    negated BOOLEAN NOT NULL,
    modality TEXT NOT NULL,
    reported BOOLEAN NOT NULL,
    trigger_text TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence_text TEXT NOT NULL, -- the evidence sentence: articles.text[sentence_start:sentence_end]
    cameo TEXT,
    goldstein DOUBLE PRECISION,
    quad INTEGER,
    confidence DOUBLE PRECISION NOT NULL,
    mentions TEXT,              -- JSON list of spans
    group_key TEXT NOT NULL     -- deduplication block (see tidings.store.dedup)
);

-- Actors and recipients of an event other than the first coded ones (those are in events).
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,         -- 'actor' or 'recipient'
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    wikidata TEXT
);

CREATE TABLE IF NOT EXISTS times (
    article_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    article_hash TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    label TEXT NOT NULL,
    actor_name TEXT,
    actor_country TEXT,
    actor_sector TEXT,
    actor_text TEXT,
    actor_start INTEGER,
    actor_end INTEGER,
    actor_wikidata TEXT
);

CREATE TABLE IF NOT EXISTS failures (
    origin TEXT NOT NULL,
    stage TEXT NOT NULL,
    error TEXT NOT NULL,
    article_id TEXT,
    recorded_at TIMESTAMP NOT NULL
);

-- Deduplicated events: one row per cluster of mentions of the same real-world event.
-- canonical_id is the event_id of the cluster's earliest mention, whose coding it carries.
CREATE TABLE IF NOT EXISTS canonical_events (
    canonical_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    quad INTEGER,
    goldstein DOUBLE PRECISION, -- mean over the mentions
    actor_name TEXT,
    actor_country TEXT,
    actor_sector TEXT,
    recipient_name TEXT,
    recipient_country TEXT,
    recipient_sector TEXT,
    day DATE,                   -- earliest event day among the mentions
    place_name TEXT,
    place_country TEXT,
    negated BOOLEAN NOT NULL,
    modality TEXT NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    first_seen DATE,            -- earliest publication date of a reporting article
    last_seen DATE,
    search_text TEXT NOT NULL   -- what a text search reads (tidings.store.schema.SEARCH_TEXT)
);

-- Every event mention belongs to exactly one canonical event.
CREATE TABLE IF NOT EXISTS event_links (
    event_id TEXT NOT NULL,
    canonical_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    day DATE                    -- the mention's day
);

-- postgresql only
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_hash);
-- postgresql only
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_name);
-- postgresql only
CREATE INDEX IF NOT EXISTS events_article ON events (article_hash);
-- postgresql only
CREATE INDEX IF NOT EXISTS events_id ON events (event_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS events_dyad ON events (actor_country, recipient_country, day);
-- postgresql only
CREATE INDEX IF NOT EXISTS events_recent ON events (day DESC NULLS LAST, event_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS events_group ON events (group_key, day);
-- postgresql only
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS times_article ON times (article_hash);
-- postgresql only
CREATE INDEX IF NOT EXISTS entities_article ON entities (article_hash);
-- postgresql only
CREATE INDEX IF NOT EXISTS canonical_id ON canonical_events (canonical_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS canonical_dyad ON canonical_events (actor_country, recipient_country, day);
-- postgresql only
CREATE INDEX IF NOT EXISTS canonical_recent ON canonical_events (day DESC NULLS LAST, canonical_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS canonical_group ON canonical_events (group_key, day);
-- postgresql only
CREATE INDEX IF NOT EXISTS event_links_group ON event_links (group_key, day);
-- postgresql only
CREATE INDEX IF NOT EXISTS event_links_event ON event_links (event_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS event_links_canonical ON event_links (canonical_id);

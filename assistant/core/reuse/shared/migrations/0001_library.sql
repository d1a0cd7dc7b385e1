-- The shared library, version 1: applications (entries) with their sections, and the passages the
-- suggestions search. Full-text search uses the built-in `swedish` configuration; pg_trgm gives
-- similarity on character trigrams for compounds and typos ("arbetsmarknadsinsats", "samverakn").

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organisations (
    id   text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE entries (
    id           text PRIMARY KEY,
    organisation text NOT NULL REFERENCES organisations (id),
    title        text NOT NULL DEFAULT '',
    funder       text NOT NULL DEFAULT '',
    form         text NOT NULL DEFAULT '',
    applicant    text NOT NULL DEFAULT '',  -- the organisation the application was written by
    municipality text NOT NULL DEFAULT '',
    year         integer,
    period_start date,
    period_end   date,
    status       text NOT NULL DEFAULT 'beviljad'
                 CHECK (status IN ('inskickad', 'beviljad', 'avslagen', 'arkiverad')),
    source       text NOT NULL DEFAULT '',
    projects     text[] NOT NULL DEFAULT '{}',
    content_hash text NOT NULL UNIQUE,      -- the same application imported twice is one entry
    imported_by  text NOT NULL DEFAULT current_user,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    review_by    date
);

CREATE TABLE sections (
    entry_id text NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position integer NOT NULL,
    key      text NOT NULL,
    heading  text NOT NULL,
    body     text NOT NULL,
    PRIMARY KEY (entry_id, position)
);

CREATE TABLE passages (
    id       text PRIMARY KEY,              -- "<entry id>#<section>-<n>", as in the local library
    entry_id text NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    section  text NOT NULL,
    heading  text NOT NULL,
    body     text NOT NULL,
    approved boolean NOT NULL DEFAULT true,
    retired  boolean NOT NULL DEFAULT false,
    taken    integer NOT NULL DEFAULT 0,
    words    tsvector GENERATED ALWAYS AS (to_tsvector('swedish', body)) STORED
);

CREATE INDEX passages_words ON passages USING gin (words);
CREATE INDEX passages_trigrams ON passages USING gin (body gin_trgm_ops);
CREATE INDEX passages_entry ON passages (entry_id);

-- The shared library, version 3: each passage also carries the search terms the program's own
-- index gives it (its word stems and the concepts it is filed under, e.g. "FK" and
-- "Försäkringskassan" alike), so PostgreSQL finds the same candidates the local library would,
-- besides what the `swedish` configuration and trigrams find. The program fills the column (it
-- owns the stemmer); `library init` fills it for passages stored before this version.

ALTER TABLE passages ADD COLUMN terms tsvector;
CREATE INDEX passages_terms ON passages USING gin (terms);
GRANT UPDATE (terms) ON passages TO ansokan_writer;

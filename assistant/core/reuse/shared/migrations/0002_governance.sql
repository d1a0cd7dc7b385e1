-- The shared library, version 2: who owns, sees, approves and retires what, enforced by the
-- database itself (PostgreSQL roles and row-level security), not only by the program.
--
-- A person connects as their own login role. `members` says which organisation that role belongs
-- to and whether it reads, writes or approves; the group roles ansokan_reader < ansokan_writer <
-- ansokan_approver carry the table privileges. The owner of the tables (who runs `library init`)
-- is not subject to the policies: that is the IT department's account, not a writer's.

CREATE TABLE library_settings (
    only_row         boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    require_approval boolean NOT NULL DEFAULT false
);
INSERT INTO library_settings DEFAULT VALUES;

CREATE TABLE members (
    role_name    text PRIMARY KEY,
    organisation text NOT NULL REFERENCES organisations (id),
    role         text NOT NULL CHECK (role IN ('reader', 'writer', 'approver'))
);

-- The same application may be in two organisations' libraries; within one it is one entry.
ALTER TABLE entries DROP CONSTRAINT entries_content_hash_key;
ALTER TABLE entries ADD CONSTRAINT entries_organisation_content UNIQUE (organisation, content_hash);
-- Organisations the entry is shared with besides its owner; '*' is every organisation of the library.
ALTER TABLE entries ADD COLUMN shared_with text[] NOT NULL DEFAULT '{}';

ALTER TABLE passages
    ADD COLUMN approved_by text,
    ADD COLUMN approved_at timestamptz,
    ADD COLUMN retired_by  text,
    ADD COLUMN retired_at  timestamptz;

CREATE TABLE passage_history (
    passage_id text NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    body       text NOT NULL,
    changed_by text NOT NULL DEFAULT session_user,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Every take of a passage into a draft; the id is made by the writer's program, so a take sent
-- again after a lost connection is not counted twice.
CREATE TABLE takes (
    id         uuid PRIMARY KEY,
    passage_id text NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    taken_by   text NOT NULL DEFAULT session_user,
    taken_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX takes_passage ON takes (passage_id);

-- A counter every change of what may be suggested moves, so a writer's copy knows it is stale
-- without reading the library.
CREATE TABLE changes (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    n        bigint NOT NULL DEFAULT 0
);
INSERT INTO changes DEFAULT VALUES;

CREATE FUNCTION library_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE changes SET n = n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER entries_changed AFTER INSERT OR UPDATE OR DELETE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION library_changed();
CREATE TRIGGER passages_changed AFTER INSERT OR UPDATE OR DELETE ON passages
    FOR EACH STATEMENT EXECUTE FUNCTION library_changed();
CREATE TRIGGER members_changed AFTER INSERT OR UPDATE OR DELETE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION library_changed();

CREATE FUNCTION passage_edited() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO passage_history (passage_id, body) VALUES (OLD.id, OLD.body);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER passages_history BEFORE UPDATE OF body ON passages
    FOR EACH ROW EXECUTE FUNCTION passage_edited();

-- Who is connected, in the library's terms (session_user: the login role, whatever the function runs as).
CREATE FUNCTION library_organisation() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT organisation FROM members WHERE role_name = session_user $$;
CREATE FUNCTION library_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT role FROM members WHERE role_name = session_user $$;
CREATE FUNCTION library_sees(owner text, shared text[]) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT owner = library_organisation() OR library_organisation() = ANY (shared) OR '*' = ANY (shared) $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ansokan_reader') THEN
        CREATE ROLE ansokan_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ansokan_writer') THEN
        CREATE ROLE ansokan_writer NOLOGIN IN ROLE ansokan_reader;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ansokan_approver') THEN
        CREATE ROLE ansokan_approver NOLOGIN IN ROLE ansokan_writer;
    END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ansokan_reader;
GRANT SELECT ON organisations, entries, sections, passages, library_settings, changes, schema_migrations, takes
    TO ansokan_reader;
GRANT INSERT ON takes TO ansokan_reader;
GRANT SELECT ON passage_history TO ansokan_reader;
GRANT INSERT, DELETE ON entries, sections, passages TO ansokan_writer;
GRANT UPDATE (title, funder, status, year, review_by, shared_with) ON entries TO ansokan_writer;
GRANT UPDATE (body) ON sections TO ansokan_writer;
GRANT UPDATE (body, retired, retired_by, retired_at) ON passages TO ansokan_writer;
GRANT UPDATE (approved, approved_by, approved_at) ON passages TO ansokan_approver;

ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE sections ENABLE ROW LEVEL SECURITY;
ALTER TABLE passages ENABLE ROW LEVEL SECURITY;
ALTER TABLE takes ENABLE ROW LEVEL SECURITY;
ALTER TABLE passage_history ENABLE ROW LEVEL SECURITY;

CREATE POLICY entries_read ON entries FOR SELECT USING (library_sees(organisation, shared_with));
CREATE POLICY entries_add ON entries FOR INSERT
    WITH CHECK (organisation = library_organisation() AND library_role() IN ('writer', 'approver'));
CREATE POLICY entries_change ON entries FOR UPDATE USING (organisation = library_organisation())
    WITH CHECK (organisation = library_organisation());
CREATE POLICY entries_remove ON entries FOR DELETE USING (organisation = library_organisation());

-- Sections and passages follow their entry: the policies' subqueries on entries are filtered too.
CREATE POLICY sections_read ON sections FOR SELECT USING (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id));
CREATE POLICY sections_write ON sections FOR ALL
    USING (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation()))
    WITH CHECK (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation()));

CREATE POLICY passages_read ON passages FOR SELECT USING (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id));
-- A writer's import is approved at once only where the library does not require approval.
CREATE POLICY passages_add ON passages FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation())
    AND (NOT approved OR library_role() = 'approver' OR NOT (SELECT require_approval FROM library_settings)));
CREATE POLICY passages_change ON passages FOR UPDATE
    USING (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation()))
    WITH CHECK (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation()));
CREATE POLICY passages_remove ON passages FOR DELETE
    USING (EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND e.organisation = library_organisation()));

CREATE POLICY takes_read ON takes FOR SELECT USING (EXISTS (SELECT 1 FROM passages p WHERE p.id = passage_id));
CREATE POLICY takes_add ON takes FOR INSERT
    WITH CHECK (taken_by = session_user AND EXISTS (SELECT 1 FROM passages p WHERE p.id = passage_id));

CREATE POLICY history_read ON passage_history FOR SELECT
    USING (EXISTS (SELECT 1 FROM passages p WHERE p.id = passage_id));

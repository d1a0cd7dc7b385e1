-- The shared library, version 6: `library_found` (0005_found.sql) asks the `swedish` stems only
-- when the program's own terms find fewer than `few` passages. The writer's copy finds its
-- candidates by those terms, so the stems' extra matches (for "personer": the 25,000 passages
-- with any form of "person") were hardly ever among them. On 60,000 passages they cost 1.7 ms of
-- the server's 4.4 ms per suggestion; without them online and offline share the top passage for
-- 197 of 209 queries instead of 199. The query is static, so each connection plans it once.

DROP FUNCTION library_found(text, integer);

CREATE FUNCTION library_found(expression text, lim integer, few integer)
    RETURNS TABLE (id text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET jit = off
    SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    me text := library_organisation();
    everything boolean := library_sees_all();
    by_terms tsquery := to_tsquery('simple', expression);
    by_stems tsquery := to_tsquery('swedish', expression);
    ids text[];
BEGIN
    ids := ARRAY(
        SELECT p.id FROM passages p JOIN entries e ON e.id = p.entry_id
        WHERE p.approved AND NOT p.retired AND p.terms @@ by_terms
          AND (everything OR e.organisation = me OR me = ANY (e.shared_with) OR '*' = ANY (e.shared_with))
        LIMIT lim);
    RETURN QUERY SELECT unnest(ids);
    IF cardinality(ids) < few THEN
        RETURN QUERY
            SELECT p.id FROM passages p JOIN entries e ON e.id = p.entry_id
            WHERE p.approved AND NOT p.retired AND p.words @@ by_stems AND NOT p.id = ANY (ids)
              AND (everything OR e.organisation = me OR me = ANY (e.shared_with) OR '*' = ANY (e.shared_with))
            LIMIT lim - cardinality(ids);
    END IF;
END $$;

REVOKE ALL ON FUNCTION library_found(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION library_found(text, integer, integer) TO ansokan_reader;

-- The shared library, version 5: the suggestions' candidates without ranking. The program ranks
-- candidates itself (its second stage, the same as the local library's), so the server need not
-- order them: `library_search` (0004_search.sql) ranked every match with `ts_rank` before keeping
-- the best, and a query with a common word ("personer" matches 25,000 of 60,000 passages) spent
-- 100-150 ms of server CPU on that alone. `library_found` gives the ids of up to `lim` matching
-- passages under the same rule of who sees what, and stops there: first those matching the
-- program's own terms (what the writer's copy finds them by), then those sharing a `swedish` stem.
-- Bitmap scans of the GIN indexes: the planner, not knowing what `@@` costs, would otherwise test
-- it row by row on a sequential scan (25 ms instead of 7 for 2,000 of 25,000 matches).

CREATE FUNCTION library_found(expression text, lim integer)
    RETURNS TABLE (id text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET jit = off
    SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    me text := library_organisation();
    everything boolean := library_sees_all();
BEGIN
    RETURN QUERY EXECUTE
        '(SELECT p.id FROM passages p JOIN entries e ON e.id = p.entry_id'
        '  WHERE p.approved AND NOT p.retired AND p.terms @@ to_tsquery(''simple'', $1)'
        '    AND ($3 OR e.organisation = $2 OR $2 = ANY (e.shared_with) OR ''*'' = ANY (e.shared_with))'
        '  LIMIT $4)'
        ' UNION ALL'
        ' (SELECT p.id FROM passages p JOIN entries e ON e.id = p.entry_id'
        '  WHERE p.approved AND NOT p.retired AND p.words @@ to_tsquery(''swedish'', $1)'
        '    AND ($3 OR e.organisation = $2 OR $2 = ANY (e.shared_with) OR ''*'' = ANY (e.shared_with))'
        '  LIMIT $4)'
        ' LIMIT $4'
        USING expression, me, everything, lim;
END $$;

REVOKE ALL ON FUNCTION library_found(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION library_found(text, integer) TO ansokan_reader;

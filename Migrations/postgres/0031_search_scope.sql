-- Title, tags and body go out of line (TOAST), as the vector already does, so the rows a search
-- visits stay narrow: 100,000 one-page entries fit in about 15 MB instead of 156.
ALTER TABLE search_entries SET (toast_tuple_target = 128);
-- Existing rows are rewritten under the new target.
UPDATE search_entries SET body = body;
-- A search ranks at most the `size` newest matches (SQLSearchIndexRepository.rankingWindow):
-- a word on half of 100,000 pages is not scored on every one of them. The matches come from
-- the GIN index as a bitmap, whatever the planner guesses of the words: a plan that walks the
-- rows and tests each vector unpacks every vector it passes (several KB each, out of line), and
-- its estimate of two words together is often far off. A function's own settings are the one
-- place such a choice can be pinned.
CREATE FUNCTION search_window(
    organization UUID, query TSQUERY, wanted_source TEXT, wanted_kind TEXT, wanted_entity_type TEXT, size BIGINT
) RETURNS SETOF search_entries LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_indexscan = off
AS $$
    SELECT * FROM search_entries e
    WHERE e.organization_id = organization AND e.vector @@ query
        AND (wanted_source IS NULL OR e.source = wanted_source)
        AND (wanted_kind IS NULL OR e.kind = wanted_kind)
        AND (wanted_entity_type IS NULL OR e.entity_type = wanted_entity_type)
    ORDER BY e.updated_at DESC LIMIT size
$$;

-- The full-text twin learns each entry's scope as tokens (its organization, source, kind and
-- linked entity type), so a search finds, filters and ranks an organization's matches inside
-- FTS5 and joins only the page it keeps with search_entries. The ranking's weights (title 10,
-- tags 5, body 1, scope 0) become the table's own `rank`. Query words are prefixes (plurals,
-- feminines, conjugations: SQLite has no French stemmer), so prefixes of 3 to 8 letters get
-- their own index: a short prefix is one lookup instead of a merge of every word it starts.
DROP TRIGGER search_entries_deleted;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    scope, title, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8'
);
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(0.0, 10.0, 5.0, 1.0)');
INSERT INTO search_fts (rowid, scope, title, tags, body)
SELECT rowid,
    'o' || lower(replace(organization_id, '-', ''))
        || ' s' || lower(replace(replace(source, '_', ''), '-', ''))
        || coalesce(' k' || lower(replace(replace(kind, '_', ''), '-', '')), '')
        || coalesce(' e' || lower(replace(replace(entity_type, '_', ''), '-', '')), ''),
    title, tags, body
FROM search_entries;
CREATE TRIGGER search_entries_deleted AFTER DELETE ON search_entries BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
END;

-- Erasing a person deletes the documents about them (an owner's notices and statements) and
-- their search entries, found by the entity they are linked to.
CREATE INDEX search_entries_entity_idx ON search_entries (entity_type, entity_id);
CREATE INDEX documents_link_idx ON documents (entity_type, entity_id);
-- A search entry leaves the full-text twin with it, whoever deletes it (FTS5 keeps its own copy
-- of the text, which would otherwise outlive the entry).
CREATE TRIGGER search_entries_deleted AFTER DELETE ON search_entries BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
END;

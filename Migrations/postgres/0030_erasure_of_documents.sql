-- Erasing a person deletes the documents about them (an owner's notices and statements) and
-- their search entries, found by the entity they are linked to. (The tsvector lives in the
-- entry's own row, so nothing outlives it.)
CREATE INDEX search_entries_entity_idx ON search_entries (entity_type, entity_id);
CREATE INDEX documents_link_idx ON documents (entity_type, entity_id);

-- The full-text index: one row per searchable thing (a document now; minutes, notices and tasks
-- as their modules come), written in the transaction that changes it. The vector is French,
-- on text folded without case or diacritics by Gestio (no extension needed): the title and tags
-- weigh more than the body.
CREATE TABLE search_entries (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    source_id UUID NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    kind TEXT,
    entity_type TEXT,
    entity_id UUID,
    updated_at TIMESTAMPTZ NOT NULL,
    vector TSVECTOR NOT NULL,
    PRIMARY KEY (source, source_id)
);
CREATE INDEX search_entries_vector_idx ON search_entries USING GIN (vector);
CREATE INDEX search_entries_organization_idx ON search_entries (organization_id);

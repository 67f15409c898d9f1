-- The full-text index: one row per searchable thing, written in the transaction that changes
-- it, and its FTS5 twin (same rowid), whose tokenizer folds case and diacritics.
CREATE TABLE search_entries (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    kind TEXT,
    entity_type TEXT,
    entity_id TEXT,
    updated_at REAL NOT NULL,
    PRIMARY KEY (source, source_id)
);
CREATE INDEX search_entries_organization_idx ON search_entries (organization_id);
CREATE VIRTUAL TABLE search_fts USING fts5(title, tags, body, tokenize = 'unicode61 remove_diacritics 2');

-- The text read from each document version (its PDF text layer, or OCR of its pages) and the
-- typed fields found in it (a JSON array). Reading runs as a job: a row is queued 'pending' in
-- the upload's transaction and claimed with a lease, so one instance reads it, and one that
-- stopped mid-way is taken over when the lease ends.
CREATE TABLE document_texts (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    pages_done INTEGER NOT NULL DEFAULT 0,
    pages_total INTEGER,
    body TEXT NOT NULL DEFAULT '',
    confidence REAL,
    fields TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until REAL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX document_texts_due_idx ON document_texts (status, lease_until);

-- Documents for every module: a document (title, type, optional link to an entity a module
-- registered, tags) and its versions, each naming a blob by its SHA-256 within the
-- organization. document_blobs counts each blob once against the organization's quota;
-- document_storage holds the bytes used and an optional quota set by the operator.
CREATE TABLE documents (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_type TEXT,
    entity_id UUID,
    tags TEXT NOT NULL,
    author_id UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    current_version INTEGER NOT NULL,
    deleted_at TIMESTAMPTZ,
    CHECK ((entity_type IS NULL) = (entity_id IS NULL))
);
CREATE INDEX documents_organization_idx ON documents (organization_id, created_at);
CREATE INDEX documents_entity_idx ON documents (organization_id, entity_type, entity_id);

CREATE TABLE document_versions (
    document_id UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    blob_digest TEXT NOT NULL,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_by UUID,
    uploaded_at TIMESTAMPTZ NOT NULL,
    comment TEXT,
    PRIMARY KEY (document_id, number)
);
CREATE INDEX document_versions_blob_idx ON document_versions (organization_id, blob_digest);

CREATE TABLE document_blobs (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, digest)
);

CREATE TABLE document_storage (
    organization_id UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    used_bytes BIGINT NOT NULL,
    quota_bytes BIGINT
);

-- Comments with threads on what the modules let people discuss (a document, a project's task):
-- the subject is the module's entity type and id, as documents are linked. A reply names the
-- first comment of its thread; the people a comment names are notified.
CREATE TABLE comments (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL,
    subject_id UUID NOT NULL,
    thread_id UUID REFERENCES comments (id) ON DELETE CASCADE,
    author_id UUID NOT NULL,
    body TEXT NOT NULL,
    -- User ids separated by commas ('' when none).
    mentions TEXT NOT NULL,
    -- The comments on the subject before this one: the order they were written in.
    position BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX comments_subject ON comments (organization_id, subject_type, subject_id, position);

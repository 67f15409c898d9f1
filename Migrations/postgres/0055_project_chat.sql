-- Construction projects, part 4: the project's chat. Each message has the project's next
-- sequence number (the chat's order and its cursor), the members it mentions and the documents
-- attached; each member's read position gives their unread count and the message's readers.
CREATE TABLE project_messages (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sequence BIGINT NOT NULL,
    author_id UUID NOT NULL,
    body TEXT NOT NULL,
    -- User ids, then document ids, separated by commas ('' when none).
    mentions TEXT NOT NULL,
    attachments TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, sequence)
);

CREATE TABLE project_chat_reads (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id UUID NOT NULL,
    last_read BIGINT NOT NULL,
    read_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

-- Construction projects, part 4: the project's chat. Each message has the project's next
-- sequence number (the chat's order and its cursor), the members it mentions and the documents
-- attached; each member's read position gives their unread count and the message's readers.
CREATE TABLE project_messages (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    author_id TEXT NOT NULL,
    body TEXT NOT NULL,
    -- User ids, then document ids, separated by commas ('' when none).
    mentions TEXT NOT NULL,
    attachments TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (project_id, sequence)
);

CREATE TABLE project_chat_reads (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    last_read INTEGER NOT NULL,
    read_at REAL NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

-- Construction projects, part 5: the offline feed. One row per thing of a project (task,
-- milestone, snag, message, comment) at its latest change, numbered by the project's next
-- cursor under the project's lock, so that a client asking for the changes after its cursor
-- misses none; a deleted thing stays as a tombstone.
CREATE TABLE project_changes (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    cursor INTEGER NOT NULL,
    changed_at REAL NOT NULL,
    PRIMARY KEY (project_id, kind, entity_id),
    UNIQUE (project_id, cursor)
);

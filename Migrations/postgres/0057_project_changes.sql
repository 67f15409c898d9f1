-- Construction projects, part 5: the offline feed. One row per thing of a project (task,
-- milestone, snag, message, comment) at its latest change, numbered by the project's next
-- cursor under the project's lock, so that a client asking for the changes after its cursor
-- misses none; a deleted thing stays as a tombstone.
CREATE TABLE project_changes (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    entity_id UUID NOT NULL,
    operation TEXT NOT NULL,
    cursor BIGINT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, kind, entity_id),
    UNIQUE (project_id, cursor)
);

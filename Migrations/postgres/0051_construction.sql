-- Construction projects, part 1: projects with their client, trades, members with a project
-- role, tasks with finish-to-start dependencies, and milestones.
CREATE TABLE projects (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    reference TEXT NOT NULL,
    address TEXT,
    client_name TEXT NOT NULL,
    client_contact TEXT,
    start_date TEXT,
    end_date TEXT,
    requires_validation BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    expected_end TEXT,
    created_by UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX projects_organization_idx ON projects (organization_id, created_at DESC);

CREATE TABLE project_trades (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    contractor TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_trades_project_idx ON project_trades (project_id, name);

-- A subcontractor's trades, one id per line.
CREATE TABLE project_members (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    trade_ids TEXT NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user_idx ON project_members (user_id);

-- Assignees, one user id per line.
CREATE TABLE project_tasks (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id UUID REFERENCES project_trades (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT,
    assignees TEXT NOT NULL,
    start_on TEXT,
    duration_days INTEGER NOT NULL CHECK (duration_days BETWEEN 1 AND 3650),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
    status TEXT NOT NULL,
    percent_complete INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    position INTEGER NOT NULL,
    version INTEGER NOT NULL,
    validated_by UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_tasks_project_idx ON project_tasks (project_id, position);

CREATE TABLE task_dependencies (
    predecessor_id UUID NOT NULL REFERENCES project_tasks (id) ON DELETE CASCADE,
    successor_id UUID NOT NULL REFERENCES project_tasks (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    lag_days INTEGER NOT NULL CHECK (lag_days BETWEEN 0 AND 365),
    PRIMARY KEY (predecessor_id, successor_id),
    CHECK (predecessor_id <> successor_id)
);
CREATE INDEX task_dependencies_project_idx ON task_dependencies (project_id);

-- The tasks a milestone waits for, one id per line.
CREATE TABLE project_milestones (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    due_on TEXT NOT NULL,
    task_ids TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_milestones_project_idx ON project_milestones (project_id, due_on);

-- Construction projects, part 3: acceptance (réception) of a trade or of the whole project,
-- provisional then final, each stage signed off by the client and the architect; the snag list
-- of a provisional acceptance; and the warranty each trade's works carry from it.
CREATE TABLE project_acceptances (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id TEXT REFERENCES project_trades (id) ON DELETE CASCADE,
    -- The trade's id, or 'project': one acceptance per trade and one of the whole project.
    scope TEXT NOT NULL,
    provisional_on TEXT NOT NULL,
    final_on TEXT,
    remarks TEXT,
    created_by TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (project_id, scope)
);

CREATE TABLE project_acceptance_signoffs (
    acceptance_id TEXT NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    role TEXT NOT NULL,
    user_id TEXT NOT NULL,
    signed_at REAL NOT NULL,
    PRIMARY KEY (acceptance_id, stage, role)
);

CREATE TABLE project_snags (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    acceptance_id TEXT NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id TEXT NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    deadline TEXT NOT NULL,
    photo_document_id TEXT,
    status TEXT NOT NULL,
    fixed_at REAL,
    verified_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX project_snags_project_idx ON project_snags (project_id, deadline);

-- One warranty per trade, started by the first acceptance that covers it.
CREATE TABLE project_warranties (
    trade_id TEXT PRIMARY KEY REFERENCES project_trades (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    acceptance_id TEXT NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    alerted_at REAL
);
CREATE INDEX project_warranties_unalerted_idx ON project_warranties (ends_on) WHERE alerted_at IS NULL;

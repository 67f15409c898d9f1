-- Construction projects, part 3: acceptance (réception) of a trade or of the whole project,
-- provisional then final, each stage signed off by the client and the architect; the snag list
-- of a provisional acceptance; and the warranty each trade's works carry from it.
CREATE TABLE project_acceptances (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id UUID REFERENCES project_trades (id) ON DELETE CASCADE,
    -- The trade's id, or 'project': one acceptance per trade and one of the whole project.
    scope TEXT NOT NULL,
    provisional_on TEXT NOT NULL,
    final_on TEXT,
    remarks TEXT,
    created_by UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, scope)
);

CREATE TABLE project_acceptance_signoffs (
    acceptance_id UUID NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    role TEXT NOT NULL,
    user_id UUID NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (acceptance_id, stage, role)
);

CREATE TABLE project_snags (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    acceptance_id UUID NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id UUID NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    deadline TEXT NOT NULL,
    photo_document_id UUID,
    status TEXT NOT NULL,
    fixed_at TIMESTAMPTZ,
    verified_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_snags_project_idx ON project_snags (project_id, deadline);

-- One warranty per trade, started by the first acceptance that covers it.
CREATE TABLE project_warranties (
    trade_id UUID PRIMARY KEY REFERENCES project_trades (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    acceptance_id UUID NOT NULL REFERENCES project_acceptances (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    alerted_at TIMESTAMPTZ
);
CREATE INDEX project_warranties_unalerted_idx ON project_warranties (ends_on) WHERE alerted_at IS NULL;

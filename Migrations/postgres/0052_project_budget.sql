-- Construction projects, part 2: the budget per trade in versions, the expenses against it, and
-- the drift alerts already raised (each once per budget version, scope and threshold).
CREATE TABLE project_budget_versions (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    reason TEXT,
    -- Percentages, comma-separated, ascending.
    alert_thresholds TEXT NOT NULL,
    created_by UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, number)
);

CREATE TABLE project_budget_lines (
    project_id UUID NOT NULL,
    number INTEGER NOT NULL,
    trade_id UUID NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (project_id, number, trade_id),
    FOREIGN KEY (project_id, number) REFERENCES project_budget_versions (project_id, number) ON DELETE CASCADE
);

CREATE TABLE project_expenses (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id UUID NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents <> 0),
    expense_date TEXT NOT NULL,
    supplier TEXT,
    reference TEXT,
    description TEXT,
    document_id UUID,
    recorded_by UUID NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_expenses_project_idx ON project_expenses (project_id, expense_date);

-- scope: a trade's id, or 'total'.
CREATE TABLE project_budget_alerts (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    scope TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, version, scope, threshold)
);

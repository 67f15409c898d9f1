-- Construction projects, part 2: the budget per trade in versions, the expenses against it, and
-- the drift alerts already raised (each once per budget version, scope and threshold).
CREATE TABLE project_budget_versions (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    reason TEXT,
    -- Percentages, comma-separated, ascending.
    alert_thresholds TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (project_id, number)
);

CREATE TABLE project_budget_lines (
    project_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    trade_id TEXT NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (project_id, number, trade_id),
    FOREIGN KEY (project_id, number) REFERENCES project_budget_versions (project_id, number) ON DELETE CASCADE
);

CREATE TABLE project_expenses (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    trade_id TEXT NOT NULL REFERENCES project_trades (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    expense_date TEXT NOT NULL,
    supplier TEXT,
    reference TEXT,
    description TEXT,
    document_id TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at REAL NOT NULL
);
CREATE INDEX project_expenses_project_idx ON project_expenses (project_id, expense_date);

-- scope: a trade's id, or 'total'.
CREATE TABLE project_budget_alerts (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    scope TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    raised_at REAL NOT NULL,
    PRIMARY KEY (project_id, version, scope, threshold)
);

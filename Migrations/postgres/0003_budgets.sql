-- Annual budgets: Draft → Voted → Active → Closed, amounts in cents, lines as JSON text.
-- At most one active budget per building and fiscal year (partial unique index).

CREATE TABLE budgets (
    id UUID PRIMARY KEY,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    ordinary_cents BIGINT NOT NULL CHECK (ordinary_cents >= 0),
    extraordinary_cents BIGINT NOT NULL CHECK (extraordinary_cents >= 0),
    currency TEXT NOT NULL,
    lines_json TEXT NOT NULL,
    notes TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'voted', 'active', 'closed')),
    general_assembly_date TEXT,
    resolution_ref TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX budgets_building_idx ON budgets (building_id, fiscal_year);

CREATE UNIQUE INDEX budgets_one_active_idx ON budgets (building_id, fiscal_year) WHERE status = 'active';

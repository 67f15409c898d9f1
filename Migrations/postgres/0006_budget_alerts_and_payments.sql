-- Drift alerts on the active budget, with each building's thresholds, and the owners' payments
-- one row each (the owner statement reads them; contributions keep the running total).

CREATE TABLE budget_alert_thresholds (
    building_id UUID PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    percents_json TEXT NOT NULL
);

CREATE TABLE budget_alerts (
    id UUID PRIMARY KEY,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    budget_id UUID NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    threshold_percent INTEGER NOT NULL CHECK (threshold_percent > 0),
    consumed_hundredths BIGINT NOT NULL,
    budgeted_cents BIGINT NOT NULL,
    actual_cents BIGINT NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    UNIQUE (budget_id, threshold_percent)
);

CREATE INDEX budget_alerts_building_idx ON budget_alerts (building_id, raised_at);

CREATE TABLE owner_payments (
    id UUID PRIMARY KEY,
    call_id UUID NOT NULL REFERENCES calls_for_funds (id),
    owner_id UUID NOT NULL REFERENCES owners (id),
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    paid_on TEXT NOT NULL,
    journal_entry_id UUID NOT NULL REFERENCES journal_entries (id),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX owner_payments_owner_idx ON owner_payments (owner_id, paid_on);

-- Calls for funds (Draft → Sent → Paid) and the per-owner contributions frozen when sent.

CREATE TABLE calls_for_funds (
    id UUID PRIMARY KEY,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    period TEXT NOT NULL,
    ordinary_cents BIGINT NOT NULL CHECK (ordinary_cents >= 0),
    extraordinary_cents BIGINT NOT NULL CHECK (extraordinary_cents >= 0),
    currency TEXT NOT NULL,
    call_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'paid')),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (due_date > call_date)
);

CREATE INDEX calls_for_funds_building_idx ON calls_for_funds (building_id, call_date);

CREATE TABLE contributions (
    call_id UUID NOT NULL REFERENCES calls_for_funds (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL REFERENCES owners (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    paid_cents BIGINT NOT NULL CHECK (paid_cents >= 0 AND paid_cents <= amount_cents),
    PRIMARY KEY (call_id, owner_id)
);

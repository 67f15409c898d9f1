-- Vehicle inspection centre: a refund the provider refused is owed, and retried. A payment that
-- came after its booking lost its slot is given back automatically; when the provider refuses
-- (down, or an error), the refund is kept here and the job inspection-refunds tries again with a
-- growing wait, until it is given or staff refund the payment by hand.
CREATE TABLE owed_refunds (
    payment_id UUID PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL CHECK (attempts >= 1),
    last_error TEXT NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX owed_refunds_next ON owed_refunds (next_attempt_at);

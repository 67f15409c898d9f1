-- Vehicle inspection centre, part 3: payments. Each organization has its own keys with the
-- Stripe-compatible provider the server is configured with, sealed with AES-GCM like the TOTP secrets. A payment belongs to an
-- appointment: online (a provider's payment intent, confirmed by its signed webhook) or at the
-- desk (cash, card terminal). A succeeded payment carries its receipt, numbered without gaps per
-- centre and calendar year from receipt_counters, in the payment's own transaction. Webhook
-- events are recorded by id, so a replay changes nothing.
ALTER TABLE centres ADD COLUMN vat_number TEXT;

CREATE TABLE payment_providers (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    sealed_secret_key TEXT NOT NULL,
    sealed_webhook_secret TEXT NOT NULL,
    key_ending TEXT NOT NULL,
    updated_at REAL NOT NULL
);

CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL,
    status TEXT NOT NULL,
    provider_reference TEXT UNIQUE,
    receipt_year INTEGER,
    receipt_sequence INTEGER,
    refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at REAL NOT NULL,
    paid_at REAL,
    UNIQUE (centre_id, receipt_year, receipt_sequence)
);
CREATE INDEX payments_appointment ON payments (appointment_id);
CREATE INDEX payments_centre_paid ON payments (centre_id, paid_at);

CREATE TABLE refunds (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    payment_id TEXT NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL CHECK (amount > 0),
    reason TEXT NOT NULL,
    refunded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    provider_reference TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX refunds_payment ON refunds (payment_id);
CREATE INDEX refunds_centre_created ON refunds (centre_id, created_at);

CREATE TABLE receipt_counters (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (centre_id, year)
);

CREATE TABLE payment_events (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    received_at REAL NOT NULL,
    PRIMARY KEY (organization_id, event_id)
);

-- Vehicle inspection centre, part 2: each centre's booking policy, the vehicles it inspects and
-- their appointments. An appointment holds a lane and an inspector over [starts_at, ends_at).
-- SQLite has no exclusion constraint: its single writer and the booking's check inside the
-- transaction keep two bookings of one lane or inspector from overlapping. A cancelled booking
-- and a no-show hold nothing.
ALTER TABLE centres ADD COLUMN free_cancellation_hours INTEGER NOT NULL DEFAULT 24;
ALTER TABLE centres ADD COLUMN late_cancellation_fee_percent INTEGER NOT NULL DEFAULT 100;
ALTER TABLE centres ADD COLUMN prepayment_required BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE centres ADD COLUMN hold_minutes INTEGER NOT NULL DEFAULT 15;

-- One vehicle per plate in an organization; its owner's contact, and their customer account if any.
CREATE TABLE vehicles (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    plate TEXT NOT NULL,
    vin TEXT,
    make TEXT,
    model TEXT,
    category TEXT NOT NULL,
    fuel TEXT NOT NULL,
    first_registration TEXT,
    owner_name TEXT NOT NULL,
    owner_email TEXT,
    owner_phone TEXT,
    customer_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at REAL NOT NULL,
    UNIQUE (organization_id, plate)
);
CREATE INDEX vehicles_customer_idx ON vehicles (customer_id);

-- Prices in cents; the cancellation columns are set together when it is cancelled.
CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL REFERENCES centre_services (id) ON DELETE CASCADE,
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    lane_id TEXT NOT NULL REFERENCES centre_lanes (id) ON DELETE CASCADE,
    inspector_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    customer_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT,
    contact_phone TEXT,
    starts_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    status TEXT NOT NULL,
    price INTEGER NOT NULL,
    hold_expires_at REAL,
    cancelled_at REAL,
    cancelled_by TEXT,
    cancellation_reason TEXT,
    cancellation_late BOOLEAN,
    cancellation_fee INTEGER,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX appointments_centre_idx ON appointments (centre_id, starts_at);
CREATE INDEX appointments_inspector_idx ON appointments (inspector_id, starts_at);
CREATE INDEX appointments_customer_idx ON appointments (customer_id, starts_at);
CREATE INDEX appointments_vehicle_idx ON appointments (vehicle_id, starts_at);
CREATE INDEX appointments_holds_idx ON appointments (status, hold_expires_at);

-- Vehicle inspection centre, part 2: each centre's booking policy, the vehicles it inspects and
-- their appointments. An appointment holds a lane and an inspector over [starts_at, ends_at);
-- two exclusion constraints refuse a second booking of either, even when two transactions race
-- (btree_gist, created by 0049, compares the ids for equality). A cancelled booking and a no-show
-- hold nothing.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE centres ADD COLUMN free_cancellation_hours INTEGER NOT NULL DEFAULT 24;
ALTER TABLE centres ADD COLUMN late_cancellation_fee_percent INTEGER NOT NULL DEFAULT 100;
ALTER TABLE centres ADD COLUMN prepayment_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE centres ADD COLUMN hold_minutes INTEGER NOT NULL DEFAULT 15;

-- One vehicle per plate in an organization; its owner's contact, and their customer account if any.
CREATE TABLE vehicles (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
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
    customer_id UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, plate)
);
CREATE INDEX vehicles_customer_idx ON vehicles (customer_id);

-- Prices in cents; the cancellation columns are set together when it is cancelled.
CREATE TABLE appointments (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id UUID NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    service_id UUID NOT NULL REFERENCES centre_services (id) ON DELETE CASCADE,
    vehicle_id UUID NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    lane_id UUID NOT NULL REFERENCES centre_lanes (id) ON DELETE CASCADE,
    inspector_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    customer_id UUID REFERENCES users (id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT,
    contact_phone TEXT,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    price BIGINT NOT NULL,
    hold_expires_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    cancelled_by UUID,
    cancellation_reason TEXT,
    cancellation_late BOOLEAN,
    cancellation_fee BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (starts_at < ends_at),
    CONSTRAINT appointments_lane_free EXCLUDE USING gist (
        lane_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('held', 'confirmed', 'checked_in', 'in_inspection', 'done')),
    CONSTRAINT appointments_inspector_free EXCLUDE USING gist (
        inspector_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('held', 'confirmed', 'checked_in', 'in_inspection', 'done'))
);
CREATE INDEX appointments_centre_idx ON appointments (centre_id, starts_at);
CREATE INDEX appointments_inspector_idx ON appointments (inspector_id, starts_at);
CREATE INDEX appointments_customer_idx ON appointments (customer_id, starts_at);
CREATE INDEX appointments_vehicle_idx ON appointments (vehicle_id, starts_at);
CREATE INDEX appointments_holds_idx ON appointments (status, hold_expires_at);

-- Community, part 2: the building's bookable resources, each with the syndic's policy, and their
-- bookings over half-open intervals [starts_at, ends_at). Two bookings holding a slot of the same
-- resource never overlap: the exclusion constraint refuses the second even when two transactions
-- race (btree_gist lets a gist index compare the resource's id for equality).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE resources (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT,
    minimum_minutes INTEGER NOT NULL,
    maximum_minutes INTEGER NOT NULL,
    advance_days INTEGER NOT NULL,
    max_active_per_resident INTEGER NOT NULL,
    cancellation_cutoff_hours INTEGER NOT NULL,
    requires_approval BOOLEAN NOT NULL,
    check_in_window_minutes INTEGER NOT NULL,
    -- [{"weekday":1,"opens":480,"closes":1320}, ...]; empty: open at all hours.
    opening_hours TEXT NOT NULL,
    deposit INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX resources_building_idx ON resources (building_id, name);

CREATE TABLE bookings (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    resource_id UUID NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    booker_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    series_id UUID,
    deposit INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (starts_at < ends_at),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('pending', 'confirmed', 'checked_in'))
);
CREATE INDEX bookings_resource_idx ON bookings (resource_id, starts_at);
CREATE INDEX bookings_booker_idx ON bookings (booker_id, starts_at);
CREATE INDEX bookings_due_idx ON bookings (status, starts_at);

-- Community, part 2: the building's bookable resources, each with the syndic's policy, and their
-- bookings over half-open intervals [starts_at, ends_at). The single writer and a check in the
-- booking's transaction keep two bookings holding a slot of one resource from overlapping.
CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
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
    created_at REAL NOT NULL
);
CREATE INDEX resources_building_idx ON resources (building_id, name);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    booker_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    series_id TEXT,
    deposit INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX bookings_resource_idx ON bookings (resource_id, starts_at);
CREATE INDEX bookings_booker_idx ON bookings (booker_id, starts_at);
CREATE INDEX bookings_due_idx ON bookings (status, starts_at);

-- Vehicle inspection centre, part 1: centres with their weekly hours and closures, their lanes,
-- the services they offer, and their inspectors' working plans. Hours are kept as JSON
-- ({"monday": ["08:00-12:00", …]}), closures and categories one per line.
CREATE TABLE centres (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    hours TEXT NOT NULL,
    closures TEXT NOT NULL,
    closed_on_public_holidays BOOLEAN NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX centres_organization_idx ON centres (organization_id, name);

CREATE TABLE centre_lanes (
    id TEXT PRIMARY KEY,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    categories TEXT NOT NULL
);
CREATE INDEX centre_lanes_centre_idx ON centre_lanes (centre_id, name);

-- Durations: "M1=30" one per line; price in cents, VAT included; the rate in basis points.
CREATE TABLE centre_services (
    id TEXT PRIMARY KEY,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    durations TEXT NOT NULL,
    price INTEGER NOT NULL,
    vat_rate INTEGER NOT NULL
);
CREATE INDEX centre_services_centre_idx ON centre_services (centre_id, name);

-- Absences: "2027-03-01/2027-03-05/leave" one per line.
CREATE TABLE inspector_schedules (
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    inspector_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    hours TEXT NOT NULL,
    absences TEXT NOT NULL,
    categories TEXT NOT NULL,
    PRIMARY KEY (centre_id, inspector_id)
);
CREATE INDEX inspector_schedules_inspector_idx ON inspector_schedules (inspector_id);

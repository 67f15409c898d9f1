-- Mandates the general assembly gives by a resolution: board members (owners), the syndic (at
-- most 3 years, flagged 90 days before the end) and the auditor (each year).
CREATE TABLE mandates (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    owner_id TEXT REFERENCES owners (id) ON DELETE CASCADE,
    holder_name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    resolution_id TEXT NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    alerted_at REAL
);
CREATE INDEX mandates_building_idx ON mandates (building_id, role, ends_on);
CREATE INDEX mandates_ending_idx ON mandates (role, ends_on) WHERE alerted_at IS NULL;
CREATE INDEX mandates_owner_idx ON mandates (owner_id);

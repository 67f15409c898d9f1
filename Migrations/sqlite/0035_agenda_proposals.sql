-- Points owners and the board ask to put on an assembly's agenda, and the first day of each
-- building's annual assembly period (its internal rules), from which the 3 weeks are counted.
ALTER TABLE governance_settings ADD COLUMN assembly_period_start TEXT;

CREATE TABLE agenda_proposals (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    explanation TEXT,
    decision_type TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposer_user_id TEXT NOT NULL,
    received_on TEXT NOT NULL,
    assembly_id TEXT REFERENCES general_assemblies (id) ON DELETE CASCADE,
    placed_as TEXT REFERENCES agenda_items (id) ON DELETE SET NULL,
    placed_in TEXT REFERENCES general_assemblies (id) ON DELETE SET NULL,
    created_at REAL NOT NULL
);
CREATE INDEX agenda_proposals_building_idx ON agenda_proposals (building_id, received_on);
CREATE INDEX agenda_proposals_user_idx ON agenda_proposals (proposer_user_id);

-- Written decisions (art. 3.87 §4): the proposal, the roll of owners frozen when it is sent, and
-- each owner's written answer. The building's register (art. 3.93): every decision, from an
-- assembly's resolution or a written decision, appended once; filled here with the resolutions
-- already closed.
CREATE TABLE written_decisions (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    concluded_at TIMESTAMPTZ
);
CREATE INDEX written_decisions_building_idx ON written_decisions (building_id, created_at);

CREATE TABLE written_decision_roll (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    decision_id UUID NOT NULL REFERENCES written_decisions (id) ON DELETE CASCADE,
    lot_id UUID NOT NULL,
    lot_number TEXT NOT NULL,
    tantiemes INTEGER NOT NULL,
    voter_owner_id UUID,
    voter_name TEXT,
    PRIMARY KEY (decision_id, lot_id)
);
CREATE INDEX written_decision_roll_voter_idx ON written_decision_roll (voter_owner_id);

CREATE TABLE written_decision_answers (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    decision_id UUID NOT NULL REFERENCES written_decisions (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL,
    agrees BOOLEAN NOT NULL,
    recorded_by UUID NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (decision_id, owner_id)
);
CREATE INDEX written_decision_answers_owner_idx ON written_decision_answers (owner_id);

CREATE TABLE register_entries (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    assembly_id UUID REFERENCES general_assemblies (id) ON DELETE CASCADE,
    resolution_id UUID UNIQUE REFERENCES resolutions (id) ON DELETE CASCADE,
    written_decision_id UUID UNIQUE REFERENCES written_decisions (id) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    majority TEXT NOT NULL,
    adopted BOOLEAN NOT NULL,
    yes_votes INTEGER,
    no_votes INTEGER,
    abstain_votes INTEGER,
    base INTEGER,
    recorded_at TIMESTAMPTZ NOT NULL,
    CHECK ((resolution_id IS NULL) <> (written_decision_id IS NULL))
);
CREATE INDEX register_entries_building_idx ON register_entries (building_id, decided_on, recorded_at);

INSERT INTO register_entries (id, organization_id, building_id, assembly_id, resolution_id, decided_on, title, text,
    majority, adopted, yes_votes, no_votes, abstain_votes, base, recorded_at)
SELECT r.id, r.organization_id, a.building_id, a.id, r.id, a.date, i.title, r.text, r.majority, r.adopted,
    r.yes_votes, r.no_votes, r.abstain_votes, r.base, r.closed_at
FROM resolutions r JOIN general_assemblies a ON a.id = r.assembly_id JOIN agenda_items i ON i.id = r.agenda_item_id
WHERE r.status = 'closed';

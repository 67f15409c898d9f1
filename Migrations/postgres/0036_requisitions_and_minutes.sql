-- Owners holding a fifth of the shares require an assembly: the syndic convenes it within 30
-- days. The minutes reach every owner within 30 days of the assembly. Both deadlines are
-- watched by the governance-deadlines job, which reminds the syndic once.
CREATE TABLE assembly_requisitions (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    owner_ids_json TEXT NOT NULL,
    shares INTEGER NOT NULL,
    total_shares INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    assembly_id UUID REFERENCES general_assemblies (id) ON DELETE SET NULL,
    convened_on TEXT,
    reminded_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX assembly_requisitions_building_idx ON assembly_requisitions (building_id, received_on);
CREATE INDEX assembly_requisitions_due_idx ON assembly_requisitions (due_on) WHERE assembly_id IS NULL;

CREATE TABLE minutes_distributions (
    assembly_id UUID PRIMARY KEY REFERENCES general_assemblies (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_on TEXT,
    reminded_at TIMESTAMPTZ
);

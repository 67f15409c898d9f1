-- Governance: general assemblies, their agenda, the frozen roll of persons entitled to attend,
-- attendance, proxies, resolutions and votes; the persons named for lots held by several, and
-- each building's convocation notice. Every table carries organization_id (distribution).
CREATE TABLE general_assemblies (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    place TEXT,
    video_link TEXT,
    chair TEXT,
    secretary TEXT,
    status TEXT NOT NULL,
    outcome TEXT,
    urgent_reason TEXT,
    second_of UUID REFERENCES general_assemblies (id),
    convened_on TEXT,
    quorum_heads_present INTEGER,
    quorum_heads_total INTEGER,
    quorum_shares_present INTEGER,
    quorum_shares_total INTEGER,
    quorum_rule TEXT,
    minutes_signed_by TEXT NOT NULL,
    minutes_signed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX general_assemblies_building_idx ON general_assemblies (building_id, date);
CREATE INDEX general_assemblies_organization_idx ON general_assemblies (organization_id);

CREATE TABLE agenda_items (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id UUID NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    explanation TEXT,
    decision_type TEXT NOT NULL,
    majority TEXT NOT NULL,
    majority_reason TEXT,
    proposed_by TEXT,
    budget_id UUID REFERENCES budgets (id),
    fiscal_year INTEGER,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (assembly_id, position)
);

CREATE TABLE assembly_roll (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id UUID NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    lot_id UUID NOT NULL,
    lot_number TEXT NOT NULL,
    tantiemes INTEGER NOT NULL,
    voter_owner_id UUID,
    voter_name TEXT,
    PRIMARY KEY (assembly_id, lot_id)
);
CREATE INDEX assembly_roll_voter_idx ON assembly_roll (voter_owner_id);

CREATE TABLE assembly_attendance (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id UUID NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL,
    attendance TEXT NOT NULL,
    PRIMARY KEY (assembly_id, owner_id)
);

CREATE TABLE assembly_proxies (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id UUID NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    principal_owner_id UUID NOT NULL,
    holder_owner_id UUID,
    holder_name TEXT NOT NULL,
    document_id UUID,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (assembly_id, principal_owner_id)
);
CREATE INDEX assembly_proxies_holder_idx ON assembly_proxies (holder_owner_id);

CREATE TABLE resolutions (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id UUID NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    agenda_item_id UUID NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    majority TEXT NOT NULL,
    excluded_json TEXT NOT NULL,
    status TEXT NOT NULL,
    yes_votes INTEGER,
    no_votes INTEGER,
    abstain_votes INTEGER,
    yes_heads INTEGER,
    no_heads INTEGER,
    abstain_heads INTEGER,
    cuts_json TEXT,
    excluded_weight INTEGER,
    base INTEGER,
    adopted BOOLEAN,
    created_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ
);
CREATE INDEX resolutions_assembly_idx ON resolutions (assembly_id, created_at);

CREATE TABLE resolution_votes (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    resolution_id UUID NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL,
    ballot TEXT NOT NULL,
    weight INTEGER NOT NULL,
    cast_by UUID NOT NULL,
    cast_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (resolution_id, owner_id)
);
CREATE INDEX resolution_votes_owner_idx ON resolution_votes (owner_id);

CREATE TABLE lot_representatives (
    lot_id UUID PRIMARY KEY REFERENCES lots (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
    named_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE governance_settings (
    building_id UUID PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    notice_days INTEGER NOT NULL
);

-- Governance: general assemblies, their agenda, the frozen roll of persons entitled to attend,
-- attendance, proxies, resolutions and votes; the persons named for lots held by several, and
-- each building's convocation notice. Every table carries organization_id (distribution).
CREATE TABLE general_assemblies (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
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
    second_of TEXT REFERENCES general_assemblies (id),
    convened_on TEXT,
    quorum_heads_present INTEGER,
    quorum_heads_total INTEGER,
    quorum_shares_present INTEGER,
    quorum_shares_total INTEGER,
    quorum_rule TEXT,
    minutes_signed_by TEXT NOT NULL,
    minutes_signed_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX general_assemblies_building_idx ON general_assemblies (building_id, date);
CREATE INDEX general_assemblies_organization_idx ON general_assemblies (organization_id);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id TEXT NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    explanation TEXT,
    decision_type TEXT NOT NULL,
    majority TEXT NOT NULL,
    majority_reason TEXT,
    proposed_by TEXT,
    budget_id TEXT REFERENCES budgets (id),
    fiscal_year INTEGER,
    created_at REAL NOT NULL,
    UNIQUE (assembly_id, position)
);

CREATE TABLE assembly_roll (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id TEXT NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    lot_id TEXT NOT NULL,
    lot_number TEXT NOT NULL,
    tantiemes INTEGER NOT NULL,
    voter_owner_id TEXT,
    voter_name TEXT,
    PRIMARY KEY (assembly_id, lot_id)
);
CREATE INDEX assembly_roll_voter_idx ON assembly_roll (voter_owner_id);

CREATE TABLE assembly_attendance (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id TEXT NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL,
    attendance TEXT NOT NULL,
    PRIMARY KEY (assembly_id, owner_id)
);

CREATE TABLE assembly_proxies (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id TEXT NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    principal_owner_id TEXT NOT NULL,
    holder_owner_id TEXT,
    holder_name TEXT NOT NULL,
    document_id TEXT,
    created_at REAL NOT NULL,
    UNIQUE (assembly_id, principal_owner_id)
);
CREATE INDEX assembly_proxies_holder_idx ON assembly_proxies (holder_owner_id);

CREATE TABLE resolutions (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    assembly_id TEXT NOT NULL REFERENCES general_assemblies (id) ON DELETE CASCADE,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
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
    created_at REAL NOT NULL,
    closed_at REAL
);
CREATE INDEX resolutions_assembly_idx ON resolutions (assembly_id, created_at);

CREATE TABLE resolution_votes (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    resolution_id TEXT NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL,
    ballot TEXT NOT NULL,
    weight INTEGER NOT NULL,
    cast_by TEXT NOT NULL,
    cast_at REAL NOT NULL,
    PRIMARY KEY (resolution_id, owner_id)
);
CREATE INDEX resolution_votes_owner_idx ON resolution_votes (owner_id);

CREATE TABLE lot_representatives (
    lot_id TEXT PRIMARY KEY REFERENCES lots (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
    named_at REAL NOT NULL
);

CREATE TABLE governance_settings (
    building_id TEXT PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    notice_days INTEGER NOT NULL
);

-- Maintenance: equipment, technicians' profiles, interventions and their history; and two
-- pieces shared by every module: the audit log (append-only) and users' notifications.

CREATE TABLE equipements (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT,
    location TEXT,
    building_id TEXT REFERENCES buildings (id),
    criticality TEXT NOT NULL,
    commissioned_on TEXT,
    status TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (organization_id, code)
);

CREATE TABLE techniciens (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    equipe TEXT,
    disponibilite TEXT NOT NULL,
    hourly_rate_cents BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    competences_json TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (organization_id, user_id)
);

CREATE TABLE interventions (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive')),
    priority TEXT NOT NULL CHECK (priority IN ('basse', 'normale', 'haute', 'urgente')),
    equipement_id TEXT NOT NULL REFERENCES equipements (id),
    building_id TEXT REFERENCES buildings (id),
    client_id TEXT REFERENCES users (id),
    statut TEXT NOT NULL,
    technicien_id TEXT REFERENCES techniciens (id),
    created_by TEXT,
    created_at REAL NOT NULL,
    due_at REAL NOT NULL,
    started_at REAL,
    closed_at REAL,
    estimated_minutes INTEGER,
    actual_minutes INTEGER,
    parts_cost_cents BIGINT NOT NULL DEFAULT 0,
    labour_cost_cents BIGINT NOT NULL DEFAULT 0,
    closing_report TEXT,
    cancel_reason TEXT
);

CREATE INDEX interventions_list_idx ON interventions (organization_id, statut, created_at);
CREATE INDEX interventions_equipement_idx ON interventions (equipement_id);
CREATE INDEX interventions_technicien_idx ON interventions (technicien_id);

CREATE TABLE intervention_history (
    intervention_id TEXT NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    from_statut TEXT,
    to_statut TEXT NOT NULL,
    at REAL NOT NULL,
    by_user TEXT,
    remark TEXT,
    PRIMARY KEY (intervention_id, seq)
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL,
    user_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    at REAL NOT NULL
);

CREATE INDEX audit_log_entity_idx ON audit_log (organization_id, entity, entity_id, at);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    entity TEXT,
    entity_id TEXT,
    read BOOLEAN NOT NULL,
    created_at REAL NOT NULL
);

CREATE INDEX notifications_user_idx ON notifications (user_id, read, created_at);

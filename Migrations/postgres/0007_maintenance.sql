-- Maintenance: equipment, technicians' profiles, interventions and their history; and two
-- pieces shared by every module: the audit log (append-only) and users' notifications.

CREATE TABLE equipements (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT,
    location TEXT,
    building_id UUID REFERENCES buildings (id),
    criticality TEXT NOT NULL,
    commissioned_on TEXT,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, code)
);

CREATE TABLE techniciens (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id),
    equipe TEXT,
    disponibilite TEXT NOT NULL,
    hourly_rate_cents BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    competences_json TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, user_id)
);

CREATE TABLE interventions (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive')),
    priority TEXT NOT NULL CHECK (priority IN ('basse', 'normale', 'haute', 'urgente')),
    equipement_id UUID NOT NULL REFERENCES equipements (id),
    building_id UUID REFERENCES buildings (id),
    client_id UUID REFERENCES users (id),
    statut TEXT NOT NULL,
    technicien_id UUID REFERENCES techniciens (id),
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
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
    intervention_id UUID NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    from_statut TEXT,
    to_statut TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    by_user UUID,
    remark TEXT,
    PRIMARY KEY (intervention_id, seq)
);

CREATE TABLE audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL,
    user_id UUID,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);

CREATE INDEX audit_log_entity_idx ON audit_log (organization_id, entity, entity_id, at);

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    entity TEXT,
    entity_id TEXT,
    read BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX notifications_user_idx ON notifications (user_id, read, created_at);

-- The audit log is append-only, whoever connects.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Preventive plans, the runs of the preventive job (one row per plan and due date: the key
-- that makes the job idempotent), the SLA-breach flag of interventions, and per-organization
-- SLA settings.

CREATE TABLE preventive_plans (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    equipement_id TEXT NOT NULL REFERENCES equipements (id),
    title TEXT NOT NULL,
    every_count INTEGER NOT NULL CHECK (every_count > 0),
    every_unit TEXT NOT NULL CHECK (every_unit IN ('days', 'weeks', 'months')),
    next_date TEXT NOT NULL,
    last_date TEXT,
    checklist_json TEXT NOT NULL,
    created_at REAL NOT NULL
);

CREATE INDEX preventive_plans_due_idx ON preventive_plans (next_date);

CREATE TABLE preventive_runs (
    plan_id TEXT NOT NULL REFERENCES preventive_plans (id) ON DELETE CASCADE,
    due_date TEXT NOT NULL,
    intervention_id TEXT REFERENCES interventions (id) DEFERRABLE INITIALLY DEFERRED,
    skipped BOOLEAN NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (plan_id, due_date)
);

ALTER TABLE interventions ADD COLUMN planning_id TEXT REFERENCES preventive_plans (id);

ALTER TABLE interventions ADD COLUMN sla_notified BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX interventions_sla_idx ON interventions (sla_notified, due_at);

CREATE TABLE sla_settings (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    urgente_minutes INTEGER NOT NULL CHECK (urgente_minutes > 0),
    haute_minutes INTEGER NOT NULL CHECK (haute_minutes > 0),
    normale_minutes INTEGER NOT NULL CHECK (normale_minutes > 0),
    basse_minutes INTEGER NOT NULL CHECK (basse_minutes > 0)
);

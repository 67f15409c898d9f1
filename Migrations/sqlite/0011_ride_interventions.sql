-- Interventions about taxi rides: the dispatch SLA watchdog raises a `prise_en_charge` for a
-- ride left too long in the pool. Such an intervention names its ride instead of equipment,
-- and there is at most one per ride. SQLite changes a column's constraints by rebuilding the
-- table (the migrator turns foreign keys off meanwhile and checks them before committing).

CREATE TABLE interventions_next (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive', 'prise_en_charge')),
    priority TEXT NOT NULL CHECK (priority IN ('basse', 'normale', 'haute', 'urgente')),
    equipement_id TEXT REFERENCES equipements (id),
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
    cancel_reason TEXT,
    planning_id TEXT REFERENCES preventive_plans (id),
    sla_notified BOOLEAN NOT NULL DEFAULT FALSE,
    commande_id TEXT REFERENCES commandes (id),
    CHECK (equipement_id IS NOT NULL OR (kind = 'prise_en_charge' AND commande_id IS NOT NULL))
);

INSERT INTO interventions_next (id, organization_id, title, description, kind, priority, equipement_id, building_id,
    client_id, statut, technicien_id, created_by, created_at, due_at, started_at, closed_at, estimated_minutes,
    actual_minutes, parts_cost_cents, labour_cost_cents, closing_report, cancel_reason, planning_id, sla_notified)
SELECT id, organization_id, title, description, kind, priority, equipement_id, building_id,
    client_id, statut, technicien_id, created_by, created_at, due_at, started_at, closed_at, estimated_minutes,
    actual_minutes, parts_cost_cents, labour_cost_cents, closing_report, cancel_reason, planning_id, sla_notified
FROM interventions;

DROP TABLE interventions;

ALTER TABLE interventions_next RENAME TO interventions;

CREATE INDEX interventions_list_idx ON interventions (organization_id, statut, created_at);
CREATE INDEX interventions_equipement_idx ON interventions (equipement_id);
CREATE INDEX interventions_technicien_idx ON interventions (technicien_id);
CREATE INDEX interventions_sla_idx ON interventions (sla_notified, due_at);
CREATE UNIQUE INDEX interventions_prise_en_charge_idx ON interventions (commande_id) WHERE kind = 'prise_en_charge';

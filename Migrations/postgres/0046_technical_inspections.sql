-- The legal file, part 3: regulated technical inspections. A regulated plan is a maintenance
-- preventive plan whose frequency comes from the law: one per piece of equipment and type.
-- Each inspection is one period of its plan; its alerts are recorded once each.
CREATE TABLE regulated_plans (
    plan_id UUID PRIMARY KEY REFERENCES preventive_plans (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    equipement_id UUID NOT NULL REFERENCES equipements (id) ON DELETE CASCADE,
    inspection_type TEXT NOT NULL,
    UNIQUE (equipement_id, inspection_type)
);
CREATE INDEX regulated_plans_organization_idx ON regulated_plans (organization_id);

CREATE TABLE technical_inspections (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    equipement_id UUID NOT NULL REFERENCES equipements (id) ON DELETE CASCADE,
    plan_id UUID NOT NULL REFERENCES regulated_plans (plan_id) ON DELETE CASCADE,
    inspection_type TEXT NOT NULL,
    region TEXT NOT NULL,
    frequency_months INTEGER NOT NULL,
    frequency_source TEXT NOT NULL,
    frequency_verified BOOLEAN NOT NULL,
    frequency_overridden BOOLEAN NOT NULL,
    due_on TEXT NOT NULL,
    scheduled_on TEXT,
    inspector TEXT,
    status TEXT NOT NULL,
    started_at TIMESTAMPTZ,
    completed_on TEXT,
    findings TEXT,
    certificate_document_id UUID REFERENCES documents (id) ON DELETE SET NULL,
    certificate_valid_until TEXT,
    intervention_id UUID REFERENCES interventions (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX technical_inspections_building_idx ON technical_inspections (building_id, due_on);
CREATE INDEX technical_inspections_organization_idx ON technical_inspections (organization_id, due_on);
CREATE INDEX technical_inspections_plan_idx ON technical_inspections (plan_id, status);
CREATE INDEX technical_inspections_open_idx ON technical_inspections (status, due_on);

CREATE TABLE technical_inspection_alerts (
    inspection_id UUID NOT NULL REFERENCES technical_inspections (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    days_before INTEGER NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (inspection_id, days_before)
);

CREATE TABLE inspection_frequencies (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    inspection_type TEXT NOT NULL,
    region TEXT NOT NULL,
    months INTEGER NOT NULL,
    source TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, inspection_type, region)
);

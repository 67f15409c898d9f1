-- The reserve fund rule (art. 3.86 §3): each building's date of provisional acceptance of its
-- common parts, and the years an assembly waived the rule by 4/5.
CREATE TABLE reserve_fund_settings (
    building_id UUID PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provisional_acceptance_date TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE reserve_fund_waivers (
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    resolution_id UUID NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    waived_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (building_id, fiscal_year)
);

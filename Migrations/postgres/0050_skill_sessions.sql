-- Community, part 3: help given through a skill, paid in the building's credits once both sides
-- have confirmed it. The skill may be removed later; its sessions stay with the credit history.
CREATE TABLE skill_sessions (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    skill_id UUID NOT NULL,
    provider_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 40),
    hourly_rate INTEGER NOT NULL,
    recorded_by UUID NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    settled_at TIMESTAMPTZ
);
CREATE INDEX skill_sessions_skill_idx ON skill_sessions (skill_id, created_at DESC);

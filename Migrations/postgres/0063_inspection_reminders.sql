-- Vehicle inspection centre, part 4: reminders. A booking's contact is reminded once, 24 hours
-- before, with a single-use cancel link (only the token's digest is kept); a vehicle's owner is
-- reminded once per due date, a month before it.
CREATE TABLE appointment_links (
    token_hash TEXT PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    appointment_id UUID NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX appointment_links_appointment ON appointment_links (appointment_id);

CREATE TABLE appointment_reminders (
    appointment_id UUID PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE vehicle_due_reminders (
    vehicle_id UUID NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vehicle_id, due_on)
);
CREATE INDEX appointments_reminder_idx ON appointments (status, starts_at);

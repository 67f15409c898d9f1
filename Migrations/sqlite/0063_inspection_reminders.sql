-- Vehicle inspection centre, part 4: reminders. A booking's contact is reminded once, 24 hours
-- before, with a single-use cancel link (only the token's digest is kept); a vehicle's owner is
-- reminded once per due date, a month before it.
CREATE TABLE appointment_links (
    token_hash TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX appointment_links_appointment ON appointment_links (appointment_id);

CREATE TABLE appointment_reminders (
    appointment_id TEXT PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_at REAL NOT NULL
);

CREATE TABLE vehicle_due_reminders (
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_at REAL NOT NULL,
    PRIMARY KEY (vehicle_id, due_on)
);
CREATE INDEX appointments_reminder_idx ON appointments (status, starts_at);

-- Vehicle inspection centre, part 3: checklists in versions (a service's points for a category:
-- [{"code","chapter","label"}] as JSON), and the inspections done on the lanes. An inspection
-- keeps the checklist version it used, the codes it checks, what was found at each
-- ({"1.2": {"severity": "major", "measured": 42.0}, "0.1": "ok"}), and, once completed, its
-- verdict and the vehicle's next due date. A completed inspection is never changed again.
CREATE TABLE checklists (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL REFERENCES centre_services (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    version INTEGER NOT NULL,
    points TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (service_id, category, version)
);

CREATE TABLE vehicle_inspections (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id TEXT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    appointment_id TEXT REFERENCES appointments (id) ON DELETE SET NULL,
    inspector_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    checklist_id TEXT NOT NULL REFERENCES checklists (id),
    checklist_version INTEGER NOT NULL,
    point_codes TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    mileage INTEGER,
    reinspection_of TEXT REFERENCES vehicle_inspections (id),
    corrects TEXT REFERENCES vehicle_inspections (id),
    status TEXT NOT NULL,
    result TEXT,
    completed_on TEXT,
    next_due TEXT,
    -- The certificate's verification code (GET /public/certificates/{code}), given on completion.
    certificate_code TEXT UNIQUE,
    started_at REAL NOT NULL
);
CREATE INDEX vehicle_inspections_vehicle_idx ON vehicle_inspections (vehicle_id, started_at);
CREATE INDEX vehicle_inspections_centre_idx ON vehicle_inspections (centre_id, started_at);
-- One inspection per booking.
CREATE UNIQUE INDEX vehicle_inspections_appointment_idx ON vehicle_inspections (appointment_id);
CREATE INDEX vehicle_inspections_due_idx ON vehicle_inspections (next_due);

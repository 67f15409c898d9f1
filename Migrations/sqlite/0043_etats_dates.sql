-- The legal file, part 1: états datés requested for the sale of a lot, numbered without a gap
-- per organization and year, with the sections the syndic fills by hand (JSON), the PDF kept as
-- a document of the lot and the fee's entry; and each building's fee for an état daté.
CREATE TABLE etat_date_counters (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (organization_id, year)
);

CREATE TABLE etats_dates (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    lot_id TEXT NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    requester_role TEXT NOT NULL,
    requester_name TEXT NOT NULL,
    requester_office TEXT,
    requester_email TEXT,
    reference_date TEXT NOT NULL,
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    manual_sections TEXT NOT NULL,
    document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
    fee_entry_id TEXT REFERENCES journal_entries (id),
    generated_at REAL,
    delivered_at REAL,
    reminded_at REAL,
    created_at REAL NOT NULL,
    UNIQUE (organization_id, reference)
);
CREATE INDEX etats_dates_due_idx ON etats_dates (organization_id, due_on);
CREATE INDEX etats_dates_open_idx ON etats_dates (due_on) WHERE reminded_at IS NULL
    AND status IN ('requested', 'in_progress');

CREATE TABLE legal_file_settings (
    building_id TEXT PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    etat_date_fee BIGINT NOT NULL,
    updated_at REAL NOT NULL
);

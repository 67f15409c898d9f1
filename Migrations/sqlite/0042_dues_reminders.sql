-- Finance operations, part 4: each building's collection rules (when interest starts, its own
-- rates by year, a fee per reminder level, whether reminders are automatic) and the reminders
-- sent to owners who do not pay, one open reminder per call, owner and level.
CREATE TABLE collection_policies (
    building_id TEXT PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    interest_from TEXT NOT NULL,
    fee_first BIGINT NOT NULL,
    fee_second BIGINT NOT NULL,
    fee_formal_notice BIGINT NOT NULL,
    automatic BOOLEAN NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX collection_policies_automatic_idx ON collection_policies (automatic) WHERE automatic;

CREATE TABLE collection_interest_rates (
    building_id TEXT NOT NULL REFERENCES collection_policies (building_id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    basis_points INTEGER NOT NULL,
    PRIMARY KEY (building_id, year)
);

CREATE TABLE dues_reminders (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    call_id TEXT NOT NULL REFERENCES calls_for_funds (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES owners (id),
    level TEXT NOT NULL,
    status TEXT NOT NULL,
    amount BIGINT NOT NULL,
    due_date TEXT NOT NULL,
    fee BIGINT NOT NULL,
    created_on TEXT NOT NULL,
    sent_on TEXT,
    closed_on TEXT,
    tracking_number TEXT,
    document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
    fee_entry_id TEXT REFERENCES journal_entries (id),
    for_bailiff BOOLEAN NOT NULL,
    created_at REAL NOT NULL
);
CREATE UNIQUE INDEX dues_reminders_open_idx ON dues_reminders (call_id, owner_id, level)
    WHERE status IN ('pending', 'sent');
CREATE INDEX dues_reminders_building_idx ON dues_reminders (building_id, created_at DESC);
CREATE INDEX dues_reminders_owner_idx ON dues_reminders (owner_id);

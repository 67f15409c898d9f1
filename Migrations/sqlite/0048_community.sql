-- Community, part 1: buildings' time zone, occupants (tenants linked to a lot), polls between
-- assemblies (options, the voters frozen at publication, who voted, and the ballots, anonymous
-- ones without the owner), the notice board, the skills directory, shared objects and their
-- loans, and the building's credit ledger (balanced transfers, never changed).
ALTER TABLE buildings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Brussels';
-- A resident is found from their account: the owner records linked to it.
CREATE INDEX owners_user_idx ON owners (organization_id, user_id);

CREATE TABLE occupancies (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    lot_id TEXT NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    start_date TEXT NOT NULL,
    end_date TEXT,
    created_by TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX occupancies_lot_idx ON occupancies (lot_id, start_date);
CREATE INDEX occupancies_user_idx ON occupancies (user_id, building_id);
-- One open link per lot and person.
CREATE UNIQUE INDEX occupancies_open_idx ON occupancies (lot_id, user_id) WHERE end_date IS NULL;

CREATE TABLE polls (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    created_by TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    kind TEXT NOT NULL,
    allows_multiple BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    ends_at REAL NOT NULL,
    status TEXT NOT NULL,
    eligible_voters INTEGER NOT NULL,
    published_at REAL,
    closed_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX polls_building_idx ON polls (building_id, created_at DESC);
CREATE INDEX polls_due_idx ON polls (status, ends_at);

CREATE TABLE poll_options (
    id TEXT PRIMARY KEY,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    UNIQUE (poll_id, position)
);

-- The owners who may answer, frozen when the poll opens.
CREATE TABLE poll_voters (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    voted_at REAL,
    PRIMARY KEY (poll_id, owner_id)
);

-- Ballots; an anonymous poll's carry no owner (who voted is in poll_voters.voted_at only).
CREATE TABLE poll_ballots (
    id TEXT PRIMARY KEY,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_id TEXT REFERENCES owners (id) ON DELETE SET NULL,
    option_ids TEXT,
    rating INTEGER,
    answer TEXT,
    cast_at REAL NOT NULL
);
CREATE INDEX poll_ballots_poll_idx ON poll_ballots (poll_id, cast_at);

CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    event_at REAL,
    event_place TEXT,
    expires_at REAL,
    status TEXT NOT NULL,
    pinned BOOLEAN NOT NULL,
    published_at REAL,
    expired_at REAL,
    archived_at REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX notices_building_idx ON notices (building_id, status, pinned, published_at DESC);
CREATE INDEX notices_expiry_idx ON notices (status, expires_at);

CREATE TABLE skills (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    category TEXT NOT NULL,
    level INTEGER NOT NULL,
    years_of_experience INTEGER NOT NULL,
    certifications TEXT NOT NULL,
    hourly_rate INTEGER NOT NULL,
    available BOOLEAN NOT NULL,
    availability TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX skills_building_idx ON skills (building_id, category, name);
CREATE INDEX skills_user_idx ON skills (user_id);

-- Each building's rules for credits and loans (the defaults when no row).
CREATE TABLE community_settings (
    building_id TEXT PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    trust_limit INTEGER NOT NULL,
    max_loans INTEGER NOT NULL,
    updated_at REAL NOT NULL
);

CREATE TABLE shared_objects (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    category TEXT NOT NULL,
    condition TEXT NOT NULL,
    daily_rate INTEGER NOT NULL,
    deposit INTEGER NOT NULL,
    loan_days INTEGER NOT NULL,
    loan_id TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX shared_objects_building_idx ON shared_objects (building_id, category, name);
CREATE INDEX shared_objects_owner_idx ON shared_objects (owner_id);

CREATE TABLE object_loans (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    object_id TEXT NOT NULL REFERENCES shared_objects (id) ON DELETE CASCADE,
    borrower_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lender_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    deposit INTEGER NOT NULL,
    daily_rate INTEGER NOT NULL,
    borrowed_at REAL NOT NULL,
    due_on TEXT NOT NULL,
    returned_at REAL,
    rental INTEGER,
    reminded_on TEXT
);
CREATE INDEX object_loans_borrower_idx ON object_loans (borrower_id, returned_at);
CREATE INDEX object_loans_due_idx ON object_loans (returned_at, due_on);
-- An object is out to one borrower at a time.
CREATE UNIQUE INDEX object_loans_open_idx ON object_loans (object_id) WHERE returned_at IS NULL;

CREATE TABLE credit_transfers (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    reference TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX credit_transfers_building_idx ON credit_transfers (building_id, created_at);

-- A leg: the account is a resident's user id, or 'deposits' (the building's deposit account).
CREATE TABLE credit_legs (
    transfer_id TEXT NOT NULL REFERENCES credit_transfers (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    account TEXT NOT NULL,
    credits INTEGER NOT NULL,
    PRIMARY KEY (transfer_id, account)
);
CREATE INDEX credit_legs_account_idx ON credit_legs (building_id, account);

-- The history is never changed: a correction is a new transfer.
CREATE TRIGGER credit_transfers_unchanged BEFORE UPDATE ON credit_transfers BEGIN
    SELECT RAISE(ABORT, 'the credit history is never changed: make a correcting transfer');
END;
CREATE TRIGGER credit_legs_unchanged BEFORE UPDATE ON credit_legs BEGIN
    SELECT RAISE(ABORT, 'the credit history is never changed: make a correcting transfer');
END;

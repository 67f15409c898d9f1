-- Double-entry books per building: the chart of accounts, journal entries and their lines,
-- and the gapless counters of entry numbers per building, journal and fiscal year.

CREATE TABLE accounts (
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    account_class INTEGER NOT NULL CHECK (account_class BETWEEN 1 AND 7),
    kind TEXT NOT NULL,
    PRIMARY KEY (building_id, code)
);

CREATE TABLE journal_sequences (
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    journal TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (building_id, journal, fiscal_year)
);

CREATE TABLE journal_entries (
    id TEXT PRIMARY KEY,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    journal TEXT NOT NULL CHECK (journal IN ('ACH', 'VEN', 'FIN', 'ODS')),
    entry_type TEXT NOT NULL,
    entry_date TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    sequence INTEGER,
    description TEXT NOT NULL,
    document_ref TEXT,
    reversal_of TEXT REFERENCES journal_entries (id),
    created_at REAL NOT NULL,
    UNIQUE (building_id, journal, fiscal_year, sequence)
);

CREATE INDEX journal_entries_building_idx ON journal_entries (building_id, entry_date);

CREATE UNIQUE INDEX journal_entries_one_reversal_idx ON journal_entries (reversal_of);

CREATE TABLE journal_lines (
    entry_id TEXT NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    building_id TEXT NOT NULL,
    posted BOOLEAN NOT NULL,
    fiscal_year INTEGER NOT NULL,
    opening BOOLEAN NOT NULL,
    account_code TEXT NOT NULL,
    debit_cents BIGINT NOT NULL CHECK (debit_cents >= 0),
    credit_cents BIGINT NOT NULL CHECK (credit_cents >= 0),
    description TEXT,
    PRIMARY KEY (entry_id, line_no),
    CHECK ((debit_cents > 0) <> (credit_cents > 0)),
    FOREIGN KEY (building_id, account_code) REFERENCES accounts (building_id, code)
);

CREATE INDEX journal_lines_balance_idx ON journal_lines (building_id, posted, fiscal_year, account_code);

-- A closed fiscal year takes no more postings.
CREATE TABLE closed_years (
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    closed_at REAL NOT NULL,
    PRIMARY KEY (building_id, fiscal_year)
);

-- SQLite has no deferred constraint triggers; the domain and the use case check the balance.

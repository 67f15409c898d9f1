-- Finance operations, part 2: special charge keys (each lot's weight, the default key of the
-- charge accounts they name), the key an invoice names, and the closing of a year's charge
-- statements (once per building and year, with the entry that posted the owners' balances).
CREATE TABLE charge_keys (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX charge_keys_building_idx ON charge_keys (building_id, name);

CREATE TABLE charge_key_weights (
    key_id TEXT NOT NULL REFERENCES charge_keys (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    lot_id TEXT NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    weight BIGINT NOT NULL CHECK (weight > 0),
    PRIMARY KEY (key_id, lot_id)
);

CREATE TABLE charge_key_accounts (
    key_id TEXT NOT NULL REFERENCES charge_keys (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    account_code TEXT NOT NULL,
    PRIMARY KEY (building_id, account_code)
);
CREATE INDEX charge_key_accounts_key_idx ON charge_key_accounts (key_id);

ALTER TABLE purchase_invoices ADD COLUMN charge_key_id TEXT REFERENCES charge_keys (id);

CREATE TABLE charge_statement_closures (
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    journal_entry_id TEXT REFERENCES journal_entries (id),
    closed_at REAL NOT NULL,
    PRIMARY KEY (building_id, fiscal_year)
);

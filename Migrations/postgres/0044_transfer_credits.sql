-- The legal file, part 2: at the deed, the seller's share of the working fund for the rest of
-- each period, credited in the ledger; each call's part kept as JSON.
CREATE TABLE transfer_credits (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    lot_id UUID NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    seller_id UUID NOT NULL REFERENCES owners (id),
    buyer_id UUID NOT NULL REFERENCES owners (id),
    transfer_date TEXT NOT NULL,
    amount BIGINT NOT NULL,
    parts TEXT NOT NULL,
    journal_entry_id UUID REFERENCES journal_entries (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX transfer_credits_lot_idx ON transfer_credits (lot_id, transfer_date DESC);
CREATE INDEX transfer_credits_seller_idx ON transfer_credits (seller_id);
CREATE INDEX transfer_credits_buyer_idx ON transfer_credits (buyer_id);

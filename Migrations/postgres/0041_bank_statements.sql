-- Finance operations, part 3: bank statements (CODA, CAMT.053) imported once per building,
-- account and statement number, and their lines with what each became (matched to an owner's
-- contribution and booked, to review, unmatched, assigned by the syndic, or a debit).
CREATE TABLE bank_statements (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    format TEXT NOT NULL,
    account TEXT NOT NULL,
    number TEXT NOT NULL,
    statement_date TEXT NOT NULL,
    opening_balance BIGINT NOT NULL,
    closing_balance BIGINT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX bank_statements_number_idx ON bank_statements (building_id, account, number);
CREATE INDEX bank_statements_date_idx ON bank_statements (building_id, statement_date DESC);

CREATE TABLE bank_lines (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    statement_id UUID NOT NULL REFERENCES bank_statements (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    line_date TEXT NOT NULL,
    amount BIGINT NOT NULL,
    counterparty_name TEXT,
    counterparty_iban TEXT,
    communication TEXT,
    free_text TEXT,
    bank_reference TEXT,
    status TEXT NOT NULL,
    owner_id UUID REFERENCES owners (id),
    call_id UUID REFERENCES calls_for_funds (id),
    note TEXT,
    UNIQUE (statement_id, sequence)
);
CREATE INDEX bank_lines_status_idx ON bank_lines (building_id, status, line_date);
CREATE INDEX bank_lines_payer_idx ON bank_lines (building_id, counterparty_iban) WHERE owner_id IS NOT NULL;
CREATE INDEX bank_lines_owner_idx ON bank_lines (owner_id);

-- Finance operations, part 1: the organization's supplier directory and the buildings' supplier
-- invoices, from the draft to the booking (ACH) and the payment (FIN), and per building how they
-- are approved (the board above a threshold) and booked (whether VAT is recovered).
CREATE TABLE suppliers (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    vat_number TEXT,
    iban TEXT,
    email TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX suppliers_vat_idx ON suppliers (organization_id, vat_number) WHERE vat_number IS NOT NULL;
CREATE INDEX suppliers_iban_idx ON suppliers (organization_id, iban) WHERE iban IS NOT NULL;
CREATE INDEX suppliers_name_idx ON suppliers (organization_id, name);

CREATE TABLE purchase_invoices (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    supplier_id UUID REFERENCES suppliers (id),
    number TEXT,
    category TEXT NOT NULL,
    charge_account TEXT,
    invoice_date TEXT,
    due_date TEXT,
    net_amount BIGINT CHECK (net_amount > 0),
    vat_rate_bp INTEGER CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    nature TEXT NOT NULL,
    document_id UUID REFERENCES documents (id) ON DELETE SET NULL,
    description TEXT,
    status TEXT NOT NULL,
    rejection_reason TEXT,
    syndic_approved_by UUID,
    syndic_approved_at TIMESTAMPTZ,
    board_approved_by UUID,
    board_approved_at TIMESTAMPTZ,
    board_approval_required BOOLEAN NOT NULL,
    purchase_entry_id UUID REFERENCES journal_entries (id),
    purchase_entry_number TEXT,
    payment_entry_id UUID REFERENCES journal_entries (id),
    payment_entry_number TEXT,
    paid_on TEXT,
    extracted TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX purchase_invoices_building_idx ON purchase_invoices (building_id, invoice_date DESC, created_at DESC);
CREATE INDEX purchase_invoices_supplier_idx ON purchase_invoices (supplier_id);
CREATE INDEX purchase_invoices_document_idx ON purchase_invoices (document_id);

CREATE TABLE purchase_settings (
    building_id UUID PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    board_approval_threshold BIGINT,
    recovers_vat BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

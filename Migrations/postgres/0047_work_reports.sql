-- The legal file, part 4: contractors' work reports, their warranty (its end kept for the
-- listing and the alert), and the link a contractor fills a report through (its digest only).
CREATE TABLE work_reports (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id UUID NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    supplier_id UUID NOT NULL REFERENCES suppliers (id),
    invoice_id UUID REFERENCES purchase_invoices (id) ON DELETE SET NULL,
    work_kind TEXT NOT NULL,
    description TEXT,
    started_on TEXT,
    finished_on TEXT,
    accepted_on TEXT,
    cost BIGINT,
    hours_worked INTEGER,
    contractor_comment TEXT,
    warranty_kind TEXT NOT NULL,
    warranty_months INTEGER,
    warranty_ends_on TEXT,
    status TEXT NOT NULL,
    review_comment TEXT,
    submitted_at TIMESTAMPTZ,
    validated_at TIMESTAMPTZ,
    warranty_alerted_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX work_reports_building_idx ON work_reports (building_id, created_at DESC);
CREATE INDEX work_reports_invoice_idx ON work_reports (invoice_id, status);
CREATE INDEX work_reports_supplier_idx ON work_reports (supplier_id);
CREATE INDEX work_reports_warranty_idx ON work_reports (status, warranty_ends_on);

CREATE TABLE work_report_links (
    report_id UUID PRIMARY KEY REFERENCES work_reports (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_digest TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

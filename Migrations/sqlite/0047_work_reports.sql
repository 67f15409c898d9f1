-- The legal file, part 4: contractors' work reports, their warranty (its end kept for the
-- listing and the alert), and the link a contractor fills a report through (its digest only).
CREATE TABLE work_reports (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    supplier_id TEXT NOT NULL REFERENCES suppliers (id),
    invoice_id TEXT REFERENCES purchase_invoices (id) ON DELETE SET NULL,
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
    submitted_at REAL,
    validated_at REAL,
    warranty_alerted_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX work_reports_building_idx ON work_reports (building_id, created_at DESC);
CREATE INDEX work_reports_invoice_idx ON work_reports (invoice_id, status);
CREATE INDEX work_reports_supplier_idx ON work_reports (supplier_id);
CREATE INDEX work_reports_warranty_idx ON work_reports (status, warranty_ends_on);

CREATE TABLE work_report_links (
    report_id TEXT PRIMARY KEY REFERENCES work_reports (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_digest TEXT NOT NULL UNIQUE,
    expires_at REAL NOT NULL,
    created_at REAL NOT NULL
);

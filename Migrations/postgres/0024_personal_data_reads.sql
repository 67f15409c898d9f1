-- Who read a person's data, and when: staff reading an owner record, an owner's statement or
-- consents, or another member's profile, and the operator exporting someone's data. Kept for a
-- configurable period (GESTIO_ACCESS_LOG_RETENTION_DAYS), then deleted by the access-log job.
CREATE TABLE personal_data_reads (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    reader_user_id UUID,
    subject_user_id UUID,
    subject_owner_id UUID,
    purpose TEXT NOT NULL,
    read_at TIMESTAMPTZ NOT NULL,
    CHECK ((subject_user_id IS NULL) <> (subject_owner_id IS NULL))
);
CREATE INDEX personal_data_reads_at_idx ON personal_data_reads (read_at);
CREATE INDEX personal_data_reads_user_idx ON personal_data_reads (subject_user_id);
CREATE INDEX personal_data_reads_owner_idx ON personal_data_reads (subject_owner_id);

-- Restriction of processing (GDPR Art. 18): while set, the person's account is read-only and
-- no notification is emailed to them.
ALTER TABLE users ADD COLUMN restricted_at TIMESTAMPTZ;

-- Email delivery of notifications (an outbox): each notification is mailed by the mail job,
-- retried with backoff on failure; the business change that created it never waits for it.

ALTER TABLE notifications ADD COLUMN email_status TEXT NOT NULL DEFAULT 'pending';

ALTER TABLE notifications ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;

ALTER TABLE notifications ADD COLUMN email_next_at TIMESTAMPTZ;

ALTER TABLE notifications ADD COLUMN email_error TEXT;

CREATE INDEX notifications_email_idx ON notifications (email_status, email_next_at);

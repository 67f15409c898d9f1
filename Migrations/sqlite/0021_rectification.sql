-- Rectification (GDPR Art. 16): a person edits their own account's name, phone and email. A new
-- email takes effect once a link sent to it is followed (24 hours, single use).
ALTER TABLE users ADD COLUMN phone_number TEXT;

CREATE TABLE email_changes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    confirmed_at REAL
);
CREATE INDEX email_changes_user_idx ON email_changes (user_id);

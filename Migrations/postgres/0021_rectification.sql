-- Rectification (GDPR Art. 16): a person edits their own account's name, phone and email. A new
-- email takes effect once a link sent to it is followed (24 hours, single use).
ALTER TABLE users ADD COLUMN phone_number TEXT;

CREATE TABLE email_changes (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ
);
CREATE INDEX email_changes_user_idx ON email_changes (user_id);

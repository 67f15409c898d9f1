-- Emails to people who may have no account yet (invitations with their magic link, the public
-- booking form's confirmation): written in the transaction that creates their reason, sent
-- right after commit, retried by the mail job with backoff when sending fails. The body (which
-- may hold a magic link) is blanked once sent or given up.

CREATE TABLE mail_queue (
    id UUID PRIMARY KEY,
    organization_id UUID REFERENCES organizations (id) ON DELETE CASCADE,
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    error TEXT
);
CREATE INDEX mail_queue_due_idx ON mail_queue (status, next_at);

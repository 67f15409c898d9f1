-- Queued emails name their attachments (document versions, a JSON array), never their bytes:
-- they are read from the document store when the email is sent, retries included.
ALTER TABLE mail_queue ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

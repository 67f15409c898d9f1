-- How each user wants each type of notification emailed: immediate (the default), in a daily
-- digest, or not at all (in-app notifications stay). Notifications waiting for the digest have
-- email_status 'digest'; those a user turned off, 'skipped'.
CREATE TABLE notification_preferences (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    delivery TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, event_type)
);
CREATE INDEX notifications_digest_idx ON notifications (user_id, email_status);

-- Requests to be forgotten (GDPR Art. 17): pending until an admin or the operator executes
-- them, held while the law keeps records (the login is closed meanwhile), done once erased.
CREATE TABLE erasure_requests (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    holds_json TEXT NOT NULL,
    completed_at TIMESTAMPTZ
);
CREATE INDEX erasure_requests_user_idx ON erasure_requests (user_id, status);
CREATE INDEX erasure_requests_status_idx ON erasure_requests (status);

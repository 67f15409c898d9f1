-- Consent records: what a person consented to, when, and which version of the text; for
-- members (user_id) and for people without an account, such as an owner who agreed to receive
-- convocations by email (owner_id). Withdrawal is dated, never deleted: the record is the proof.
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    owner_id TEXT REFERENCES owners (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    text_version TEXT NOT NULL,
    given_at REAL NOT NULL,
    withdrawn_at REAL,
    recorded_by TEXT,
    CHECK ((user_id IS NULL) <> (owner_id IS NULL))
);
CREATE INDEX consents_user_idx ON consents (user_id);
CREATE INDEX consents_owner_idx ON consents (owner_id);

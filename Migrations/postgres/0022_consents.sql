-- Consent records: what a person consented to, when, and which version of the text; for
-- members (user_id) and for people without an account, such as an owner who agreed to receive
-- convocations by email (owner_id). Withdrawal is dated, never deleted: the record is the proof.
CREATE TABLE consents (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id UUID REFERENCES users (id) ON DELETE CASCADE,
    owner_id UUID REFERENCES owners (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    text_version TEXT NOT NULL,
    given_at TIMESTAMPTZ NOT NULL,
    withdrawn_at TIMESTAMPTZ,
    recorded_by UUID,
    CHECK ((user_id IS NULL) <> (owner_id IS NULL))
);
CREATE INDEX consents_user_idx ON consents (user_id);
CREATE INDEX consents_owner_idx ON consents (owner_id);

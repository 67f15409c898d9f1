-- Sign-in security: password reset links, two-factor authentication (TOTP with backup codes),
-- the second step of a login, an organization's 2FA policy, and the sessions a user can see.

-- A single-use reset link, stored as the digest of its token; valid 30 minutes.
CREATE TABLE password_resets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- A user's TOTP secret, sealed with AES-GCM; enabled_at is NULL until a first code confirms it.
-- last_step is the newest time step accepted, so a code is never accepted twice.
CREATE TABLE two_factor_credentials (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_secret TEXT NOT NULL,
    created_at REAL NOT NULL,
    enabled_at REAL,
    last_step INTEGER NOT NULL
);

-- Single-use backup codes, stored as digests.
CREATE TABLE two_factor_backup_codes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at REAL,
    PRIMARY KEY (user_id, code_hash)
);

-- The second step of a login with 2FA: 5 minutes, 5 attempts.
CREATE TABLE mfa_challenges (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    attempts INTEGER NOT NULL,
    completed_at REAL,
    user_agent TEXT,
    address TEXT
);
CREATE INDEX mfa_challenges_user_idx ON mfa_challenges (user_id);

-- The roles of an organization that must use 2FA.
CREATE TABLE two_factor_policies (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    roles TEXT NOT NULL,
    updated_at REAL NOT NULL
);

-- One row per sign-in session (refresh-token family): what the user sees in their session list.
CREATE TABLE sign_in_sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    last_used_at REAL NOT NULL,
    user_agent TEXT,
    address TEXT
);
CREATE INDEX sign_in_sessions_user_idx ON sign_in_sessions (user_id, created_at);

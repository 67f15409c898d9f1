-- The audit log becomes tamper-evident and holds no raw personal data.
-- 1. Existing rows lose the names and emails they held (invitations, dispatch clients): audit
--    events reference ids, and personal details live in the module tables, where erasure reaches
--    them.
UPDATE audit_log SET payload_json = json_remove(payload_json, '$.email') WHERE action = 'member.invited';
UPDATE audit_log SET payload_json = json_remove(payload_json, '$.nom') WHERE action = 'client.created';

-- 2. The chain: per organization, the audit-seal job gives each row its position and the
--    SHA-256 of (previous hash, position, row), in batches, so audited writes never wait on
--    one another. `gestio audit verify` recomputes it and names the first broken row.
ALTER TABLE audit_log ADD COLUMN chain_position INTEGER;
ALTER TABLE audit_log ADD COLUMN chain_hash TEXT;
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (organization_id, chain_position);
CREATE INDEX audit_log_unsealed_idx ON audit_log (organization_id, seq) WHERE chain_hash IS NULL;

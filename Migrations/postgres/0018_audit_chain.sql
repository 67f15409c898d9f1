-- The audit log becomes tamper-evident and holds no raw personal data.
-- 1. Existing rows lose the names and emails they held (invitations, dispatch clients): audit
--    events reference ids, and personal details live in the module tables, where erasure reaches
--    them. The append-only trigger is lifted for this once, inside this migration.
DROP TRIGGER audit_log_no_change ON audit_log;
UPDATE audit_log SET payload_json = (payload_json::jsonb - 'email')::text WHERE action = 'member.invited';
UPDATE audit_log SET payload_json = (payload_json::jsonb - 'nom')::text WHERE action = 'client.created';

-- 2. The chain: per organization, the audit-seal job gives each row its position and the
--    SHA-256 of (previous hash, position, row), in batches, so audited writes never wait on
--    one another. `gestio audit verify` recomputes it and names the first broken row.
ALTER TABLE audit_log ADD COLUMN chain_position BIGINT;
ALTER TABLE audit_log ADD COLUMN chain_hash TEXT;
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (organization_id, chain_position);
CREATE INDEX audit_log_unsealed_idx ON audit_log (organization_id, seq) WHERE chain_hash IS NULL;

-- 3. Append-only again: no DELETE at all; an UPDATE only to seal a row not sealed yet, changing
--    nothing else.
CREATE FUNCTION audit_log_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.chain_hash IS NULL AND NEW.chain_hash IS NOT NULL AND NEW.chain_position IS NOT NULL
        AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.organization_id = OLD.organization_id
        AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id AND NEW.action = OLD.action
        AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
        AND NEW.payload_json = OLD.payload_json AND NEW.at = OLD.at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_seal_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

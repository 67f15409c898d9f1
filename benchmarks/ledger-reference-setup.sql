-- The database's own limit for gapless posting (scripts/bench ledger runs it with pgbench beside
-- `gestio bench ledger`): one counter row, entries numbered from it, two lines per entry, with
-- the same balance trigger as Gestio's journal_lines. Tables of their own, in the bench database.
DROP TABLE IF EXISTS ref_lines, ref_entries, ref_counter;
CREATE TABLE ref_counter (id INTEGER PRIMARY KEY, last_number INTEGER NOT NULL);
INSERT INTO ref_counter VALUES (1, 0);
CREATE TABLE ref_entries (
    id UUID PRIMARY KEY,
    sequence INTEGER NOT NULL UNIQUE,
    entry_date DATE NOT NULL,
    description TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE ref_lines (
    entry_id UUID NOT NULL REFERENCES ref_entries (id),
    line_no INTEGER NOT NULL,
    account_code TEXT NOT NULL,
    debit_cents BIGINT NOT NULL,
    credit_cents BIGINT NOT NULL,
    PRIMARY KEY (entry_id, line_no)
);
CREATE OR REPLACE FUNCTION ref_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    debits BIGINT;
    credits BIGINT;
BEGIN
    SELECT COALESCE(SUM(debit_cents), 0), COALESCE(SUM(credit_cents), 0) INTO debits, credits
        FROM ref_lines WHERE entry_id = NEW.entry_id;
    IF debits <> credits THEN
        RAISE EXCEPTION 'entry % is not balanced', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ref_lines_balanced AFTER INSERT ON ref_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ref_entry_balanced();

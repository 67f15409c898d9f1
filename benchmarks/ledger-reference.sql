-- One gapless posting, as a client would write it by hand: in one transaction, take the next
-- number (the counter row stays locked until commit), then insert the entry numbered from it
-- and its two lines (one statement: pgbench cannot quote a UUID variable into a second one).
\set amount random(1, 100000)
BEGIN;
UPDATE ref_counter SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number AS number \gset
WITH entry AS (
    INSERT INTO ref_entries (id, sequence, entry_date, description, created_at)
    VALUES (gen_random_uuid(), :number, DATE '2026-03-15', 'Bench', now()) RETURNING id
)
INSERT INTO ref_lines (entry_id, line_no, account_code, debit_cents, credit_cents)
SELECT entry.id, v.line_no, v.account_code, v.debit_cents, v.credit_cents
FROM entry, (VALUES (1, '61', :amount, 0), (2, '440', 0, :amount)) AS v (line_no, account_code, debit_cents, credit_cents);
COMMIT;

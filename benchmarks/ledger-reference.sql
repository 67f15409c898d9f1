-- One gapless posting, as a client would write it by hand: in one transaction, take the next
-- number (the counter row stays locked until commit), insert the entry, insert its two lines.
\set amount random(1, 100000)
BEGIN;
UPDATE ref_counter SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number AS number \gset
INSERT INTO ref_entries (id, sequence, entry_date, description, created_at)
    VALUES (gen_random_uuid(), :number, DATE '2026-03-15', 'Bench', now()) RETURNING id AS entry \gset
INSERT INTO ref_lines (entry_id, line_no, account_code, debit_cents, credit_cents)
    VALUES (:'entry', 1, '61', :amount, 0), (:'entry', 2, '440', 0, :amount);
COMMIT;
